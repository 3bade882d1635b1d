"""Actions of the portal (``capuy.core.actions``): one function per thing a writer can do."""

from django.core.exceptions import ValidationError

from capuy.core.actions import action
from capuy.portal import images
from capuy.portal.models import Photo


@action("Tải ảnh lên và chèn vào bài viết", page="portal:editor_image_upload")
def upload_article_image(user, article_pk, upload, alt_text: str, caption: str = "", credit: str = "") -> Photo:
    """Add a photo to the article's images from the editor; refused unless ``user`` may edit the article.

    The file is checked by ``capuy.core.uploads.check`` and re-encoded (``portal.images.web_sizes``); a
    photo needs a text alternative (WCAG 1.1.1), the caption defaults to it.
    """
    from capuy.portal.editorial import editable_article

    article = editable_article(user, article_pk)
    alt_text, caption, credit = (alt_text or "").strip(), (caption or "").strip(), (credit or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": "Hãy nhập mô tả thay thế (alt) cho ảnh: người khiếm thị cần nó để "
                                           "biết ảnh có gì."})
    if len(alt_text) > 250 or len(caption) > 300 or len(credit) > 120:
        raise ValidationError("Mô tả, chú thích hoặc nguồn ảnh quá dài.")
    large, thumb, stem, (width, height) = images.web_sizes(upload)
    order = article.photos.count() + 1
    photo = Photo(article=article, caption=caption or alt_text, alt_text=alt_text, credit=credit, order=order,
                  width=width, height=height)
    photo.image.save(f"{stem}.jpg", large, save=False)
    photo.thumbnail.save(f"{stem}-nho.jpg", thumb, save=False)
    photo.save()
    return photo
