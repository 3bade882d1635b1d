"""The editor's image upload: into the article's images through the upload checks; writers of it only."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capuy.portal import actions
from capuy.portal.models import Article, Photo
from capuy.portal.tests.base import PortalTestCase, make_article
from capuy.portal.tests.test_photos import image_file


class EditorImageUploadTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(self.ward, self.news, "Hội nghị quý III", status=Article.Status.DRAFT)
        self.url = reverse("portal:editor_image_upload", args=[self.article.pk])

    def post(self, **data):
        fields = {"image": image_file(), "alt_text": "Đại biểu biểu quyết", "caption": "Biểu quyết thông qua"}
        fields.update(data)
        return self.client.post(self.url, fields)

    def test_a_writer_uploads_an_image_and_gets_the_figure_to_insert(self):
        self.login(self.ward_staff)
        response = self.post()
        assert response.status_code == 201
        photo = Photo.objects.get(article=self.article)
        assert (photo.width, photo.height, photo.caption, photo.alt_text) == (1200, 800, "Biểu quyết thông qua",
                                                                             "Đại biểu biểu quyết")
        html = response.json()["html"]
        assert html.startswith("<figure><img src=\"" + photo.src) and "<figcaption>Biểu quyết thông qua" in html

    def test_the_inserted_figure_survives_the_sanitizing_on_save_and_a_script_does_not(self):
        photo = actions.upload_article_image(self.ward_staff, self.article.pk, image_file(), "Toàn cảnh")
        self.article.body = f"<p>Mở đầu</p>{photo.figure_html()}<script>alert(1)</script><p onclick=\"x()\">Kết</p>"
        self.article.save()
        self.article.refresh_from_db()
        assert f'<img src="{photo.src}" alt="Toàn cảnh"' in self.article.body
        assert "script" not in self.article.body and "onclick" not in self.article.body

    def test_a_file_that_is_not_an_image_is_refused_in_vietnamese_and_nothing_saved(self):
        self.login(self.ward_staff)
        response = self.post(image=SimpleUploadedFile("a.jpg", b"khong phai anh", content_type="image/jpeg"))
        assert response.status_code == 400 and response.json()["error"]
        assert not Photo.objects.exists()

    def test_an_image_without_alt_text_is_refused(self):
        self.login(self.ward_staff)
        response = self.post(alt_text="  ")
        assert response.status_code == 400 and "mô tả thay thế" in response.json()["error"]
        assert not Photo.objects.exists()

    def test_a_missing_file_is_refused(self):
        self.login(self.ward_staff)
        response = self.client.post(self.url, {"alt_text": "Ảnh"})
        assert response.status_code == 400 and response.json()["error"] == "Hãy chọn một tệp ảnh."

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        assert self.post().status_code == 404
        assert not Photo.objects.exists()

    def test_it_refuses_a_party_member(self):
        self.login(self.party_member)
        assert self.post().status_code in (403, 404)
        assert not Photo.objects.exists()

    def test_it_refuses_anonymous_visitors(self):
        response = self.post()
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
        assert not Photo.objects.exists()

    def test_the_form_loads_the_vendored_editor_from_static_files(self):
        self.login(self.ward_staff)
        page = self.client.get(reverse("portal:editor_edit", args=[self.article.pk])).content.decode()
        assert "portal/vendor/squire-2.4.8.min.js" in page and "portal/editor.js" in page
        assert "<script>" not in page and "onclick=" not in page
        assert reverse("portal:editor_image_upload", args=[self.article.pk]) in page
