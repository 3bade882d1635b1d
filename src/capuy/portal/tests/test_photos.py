"""Photos: resized to web sizes, alt text and caption required, bad files refused in Vietnamese."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from capuy.portal.models import Article, Photo
from capuy.portal.tests.base import PortalTestCase, make_article


def image_file(size=(2400, 1600), fmt="JPEG", name="anh.jpg", mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size, "red").save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


class PhotoUploadTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(self.ward, self.news, "Toàn cảnh hội nghị", status=Article.Status.DRAFT)
        self.login(self.ward_staff)

    def upload(self, upload, **data):
        fields = {"caption": "Toàn cảnh hội nghị", "alt_text": "Hội trường với các đại biểu", "credit": "Tuyết Trinh",
                  "order": 0, "image": upload}
        fields.update(data)
        return self.client.post(reverse("portal:editor_photo_add", args=[self.article.pk]), fields)

    def test_a_large_photo_is_resized_to_web_sizes(self):
        response = self.upload(image_file())
        self.assertEqual(response.status_code, 302)
        photo = Photo.objects.get()
        with Image.open(photo.image.path) as large, Image.open(photo.thumbnail.path) as thumb:
            self.assertEqual(large.size, (1200, 800))
            self.assertEqual(thumb.size, (480, 320))
            self.assertEqual(large.format, "JPEG")
        self.assertEqual((photo.width, photo.height), (1200, 800))

    def test_a_png_with_transparency_is_accepted(self):
        self.assertEqual(self.upload(image_file(fmt="PNG", name="a.png", mode="RGBA", size=(600, 400))).status_code, 302)
        self.assertEqual(Photo.objects.count(), 1)

    def test_the_photo_appears_with_its_caption_and_alt_text_once_published(self):
        self.upload(image_file())
        self.article.submit(self.ward_staff)
        self.article.publish(self.ward_staff)
        self.client.logout()
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, 'alt="Hội trường với các đại biểu"')
        self.assertContains(response, "Toàn cảnh hội nghị (Ảnh: Tuyết Trinh)")
        self.assertContains(response, '<meta property="og:image" content="http://testserver/')

    def test_it_refuses_a_file_that_is_not_an_image(self):
        response = self.upload(SimpleUploadedFile("anh.jpg", b"<?php echo 1; ?>", content_type="image/jpeg"))
        self.assertContains(response, "không phải JPEG, PNG, WebP, GIF hợp lệ", status_code=400)
        self.assertFalse(Photo.objects.exists())

    def test_it_refuses_a_truncated_image(self):
        data = image_file().read()[:400]
        response = self.upload(SimpleUploadedFile("hong.jpg", data, content_type="image/jpeg"))
        self.assertContains(response, "không phải là ảnh hợp lệ", status_code=400)
        self.assertFalse(Photo.objects.exists())

    def test_it_refuses_an_unsupported_format(self):
        response = self.upload(image_file(fmt="BMP", name="a.bmp", size=(400, 300)))
        self.assertContains(response, "không phải JPEG, PNG, WebP, GIF hợp lệ", status_code=400)

    def test_it_refuses_a_tiny_image(self):
        response = self.upload(image_file(size=(40, 40)))
        self.assertContains(response, "Ảnh quá nhỏ", status_code=400)

    def test_alt_text_and_caption_are_required(self):
        response = self.upload(image_file(), alt_text="", caption="")
        self.assertContains(response, "Hãy nhập mô tả thay thế (alt)", status_code=400)
        self.assertContains(response, "Hãy nhập chú thích ảnh.", status_code=400)
        self.assertFalse(Photo.objects.exists())

    def test_staff_of_another_ward_may_not_add_photos(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.upload(image_file()).status_code, 404)
        self.assertFalse(Photo.objects.exists())

    def test_photo_files_are_public_only_once_the_article_is(self):
        self.upload(image_file())
        photo = Photo.objects.get()
        self.assertEqual(self.client.get(photo.src).status_code, 200)  # the office sees its draft's photo
        self.client.logout()
        self.assertEqual(self.client.get(photo.src).status_code, 404)
        self.article.submit(self.ward_staff)
        self.article.publish(self.ward_staff)
        response = self.client.get(photo.thumbnail_src)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertIn("immutable", response["Cache-Control"])
        self.assertEqual(self.client.get("/tin-tuc/anh/portal/anh/../../secret_key").status_code, 404)
