"""Actions of the portal's newsroom and public pages: one function per thing a user can do.

Pages (``editorial``, ``views``) and the API (``api``) only translate requests into these calls, so both
accept and refuse the same things with the same words. Rights: whoever may manage an article's organization
writes, submits, reviews and publishes it (``capuy.accounts.permissions``); readers see it; others get 404.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from capuy.accounts import permissions
from capuy.core.actions import action
from capuy.portal import images
from capuy.portal.models import Article, Category, Photo, Rating, Tag

EDIT_REFUSED = "Chỉ văn phòng cấp ủy của đơn vị đăng tin mới được sửa, gửi duyệt hoặc đăng bài này."
WRITE_REFUSED = "Chỉ văn phòng cấp ủy của đơn vị mới được viết bài đăng cổng thông tin cho đơn vị đó."
CONFERENCE_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức này mới được soạn tin về hội nghị."
ARTICLE_NOT_FOUND = "Không tìm thấy bài viết."


def _organization(user, organization):
    """The organization an article is written for (an instance or an id): readable, else 404; managed, else 403."""
    from capuy.organizations.models import Organization

    if not isinstance(organization, Organization):
        organization = Organization.objects.filter(pk=organization).first()
    if organization is None or not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not permissions.can_manage(user, organization):
        raise PermissionDenied(WRITE_REFUSED)
    return organization


def editable(user, article: Article) -> Article:
    """``article`` if ``user`` may change it: 404 when its organization is not readable, 403 when not managed."""
    if not permissions.can_read(user, article.organization):
        raise Http404(ARTICLE_NOT_FOUND)
    if not permissions.can_manage(user, article.organization):
        raise PermissionDenied(EDIT_REFUSED)
    return article


def _save(article: Article, fields: dict, tags) -> Article:
    """Apply ``fields`` (model field names, objects or ``*_id``) through the model's checks, then the tags."""
    fields = dict(fields)
    for key in ("organization", "organization_id"):
        if key in fields:
            organization = fields.pop(key)
            article.organization = organization if key == "organization" else _organization_by_id(organization)
    for key in ("category", "category_id"):
        if key in fields:
            category = fields.pop(key)
            if key == "category_id":
                category = Category.objects.filter(pk=category).first()
                if category is None:
                    raise ValidationError({"category_id": "Không có chuyên mục này; hãy chọn một chuyên mục có sẵn."})
            article.category = category
    if fields.get("title") is not None:
        fields["title"] = " ".join(fields["title"].split())
    if fields.get("slug") is not None:
        fields["slug"] = fields["slug"].strip()
    for name, value in fields.items():
        setattr(article, name, value)
    article.full_clean()
    article.save()
    if tags is not None:
        article.set_tags(Tag.from_text(tags if isinstance(tags, str) else ", ".join(tags)))
    return article


def _organization_by_id(pk):
    from capuy.organizations.models import Organization

    return Organization.objects.filter(pk=pk).first()


@action("Viết bài mới cho cổng thông tin", page="portal:editor_new", api="api:create_article")
def create_article(user, organization, fields: dict, tags=None) -> Article:
    """A new draft written for ``organization`` (an instance or an id), which ``user`` must manage.
    ``tags`` is a comma-separated text or a list of names."""
    organization = _organization(user, organization)
    fields = {k: v for k, v in fields.items() if k not in ("organization", "organization_id")}
    article = Article(created_by=user, status=Article.Status.DRAFT, organization=organization)
    return _save(article, fields, tags)


@action("Sửa bài viết", page="portal:editor_edit", api="api:update_article")
def update_article(user, article: Article, fields: dict, tags=None) -> Article:
    """Change an article's content (its status changes only through the steps below); moving it to another
    organization needs the right to manage that one too."""
    editable(user, article)
    for required in ("organization", "organization_id", "category", "category_id", "title"):
        if required in fields and fields[required] is None:
            raise ValidationError({required: "Trường này không được để trống."})
    new_organization = fields.get("organization", fields.get("organization_id"))
    if new_organization is not None and getattr(new_organization, "pk", new_organization) != article.organization_id:
        fields = {**fields, "organization": _organization(user, new_organization)}
        fields.pop("organization_id", None)
    return _save(article, fields, tags)


def _step(user, article: Article, method: str) -> Article:
    editable(user, article)
    getattr(article, method)(user)
    return article


@action("Gửi bài chờ duyệt", page="portal:editor_transition", api="api:submit_article")
def submit_article(user, article: Article) -> Article:
    """Send a draft (or an unpublished article) for review (``Article.submit``)."""
    return _step(user, article, "submit")


@action("Trả bài về bản nháp", page="portal:editor_transition", api="api:return_article")
def return_article(user, article: Article) -> Article:
    """Send an article in review back to its editor (``Article.return_to_draft``)."""
    return _step(user, article, "return_to_draft")


@action("Đăng bài lên cổng thông tin", page="portal:editor_transition", api="api:publish_article")
def publish_article(user, article: Article) -> Article:
    """Publish an article that went through review (``Article.publish`` refuses a draft)."""
    return _step(user, article, "publish")


@action("Gỡ bài khỏi cổng thông tin", page="portal:editor_transition", api="api:unpublish_article")
def unpublish_article(user, article: Article) -> Article:
    """Take a published article off the portal (``Article.unpublish``)."""
    return _step(user, article, "unpublish")


@action("Thêm ảnh vào bài viết", page="portal:editor_photo_add")
def add_photo(user, article: Article, form) -> Photo:
    """Save the photo of a valid ``PhotoForm`` (the upload is checked and resized by the form) to ``article``."""
    editable(user, article)
    return form.save(article)


@action("Xóa ảnh của bài viết", page="portal:editor_photo_delete")
def delete_photo(user, article: Article, photo_id) -> None:
    editable(user, article)
    photo = Photo.objects.filter(pk=photo_id, article=article).first()
    if photo is None:
        raise Http404("Không tìm thấy ảnh.")
    photo.delete()


@action("Soạn tin từ biên bản hội nghị", page="portal:editor_from_conference")
def write_from_conference(user, conference) -> tuple[Article, bool]:
    """A first draft from a closed conference's record (``drafting.draft_from_conference``), or the article
    already written from it; returns (article, created)."""
    from capuy.portal import drafting

    if not permissions.can_read(user, conference.organization):
        raise Http404("Không tìm thấy hội nghị.")
    if not permissions.can_manage(user, conference.organization):
        raise PermissionDenied(CONFERENCE_REFUSED)
    existing = Article.objects.filter(source_conference_id=conference.pk).first()
    if existing:
        return existing, False
    return drafting.draft_from_conference(conference, user), True


@action("Đánh giá bài viết (1–5 sao)", page="portal:rate")
def rate_article(user, article: Article, visitor: str, stars) -> str:
    """One rating per visitor and published article; returns the outcome shown on the page: ``cam-on``
    (recorded), ``da-co`` (this visitor rated it already) or ``loi`` (not 1–5 stars)."""
    if not article.is_public:
        raise Http404(ARTICLE_NOT_FOUND)
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        return "loi"
    if not 1 <= stars <= 5:
        return "loi"
    try:
        with transaction.atomic():
            Rating.objects.create(article=article, visitor=visitor, stars=stars)
    except IntegrityError:
        return "da-co"
    return "cam-on"


@action("Tải ảnh lên và chèn vào bài viết", page="portal:editor_image_upload")
def upload_article_image(user, article_pk, upload, alt_text: str, caption: str = "", credit: str = "") -> Photo:
    """Add a photo to the article's images from the editor; refused unless ``user`` may edit the article.

    The file is checked by ``capuy.core.uploads.check`` and re-encoded (``portal.images.web_sizes``); a
    photo needs a text alternative (WCAG 1.1.1), the caption defaults to it.
    """
    article = Article.objects.select_related("organization").filter(pk=article_pk).first()
    if article is None:
        raise Http404(ARTICLE_NOT_FOUND)
    editable(user, article)
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
