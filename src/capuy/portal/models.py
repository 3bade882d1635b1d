"""The public news portal: categories, tags, articles with their photos, ratings and view tallies.

Rules kept here (one place each):
- An article moves draft → in review → published → unpublished; publishing needs the review step
  (``Article.submit`` then ``Article.publish``). Who may do it is decided by
  ``capuy.accounts.permissions.can_manage`` on the article's organization (its office staff or a superior's).
- Only published articles whose publication time has come are public (``Article.objects.public()``).
- Public URLs are readable slugs without diacritics; a slug that is taken gets a numeric suffix when it is
  generated, and a clear message when the editor typed it.
- The body is sanitized with nh3 on every save (``capuy.portal.richtext``).
- View counts and site visits are appended to tally tables, never written onto the article row.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Case, Count, Q, Sum, Value, When
from django.db.models.functions import Length, StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from capuy.core import vietnamese
from capuy.portal import richtext

SLUG_MAX = 120
SLUG_WORDS_MAX = 80  # generated slugs are cut at a word boundary before this length


def slug_for(text: str, fallback: str = "bai-viet") -> str:
    """A readable URL slug without diacritics: "Hội nghị lần thứ 17" -> "hoi-nghi-lan-thu-17"."""
    slug = slugify(vietnamese.search_key(text))
    if len(slug) > SLUG_WORDS_MAX:
        slug = slug[: SLUG_WORDS_MAX + 1].rsplit("-", 1)[0]
    return slug.strip("-") or fallback


def unique_slug(model, text: str, exclude_pk=None, fallback: str = "bai-viet") -> str:
    """``slug_for(text)``, with "-2", "-3", … appended while another row already uses it."""
    base = slug_for(text, fallback)
    taken = set(
        model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)] + suffix
    return slug


class Category(models.Model):
    """A section of the portal ("Tin tức sự kiện", "Xây dựng Đảng", …)."""

    name = models.CharField("tên chuyên mục", max_length=120, unique=True,
                            error_messages={"unique": "Đã có chuyên mục mang tên này."})
    slug = models.SlugField("đường dẫn", max_length=SLUG_MAX, unique=True, blank=True,
                            error_messages={"unique": "Đường dẫn này đã được dùng cho một chuyên mục khác."})
    description = models.CharField("mô tả", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category, self.name, self.pk, fallback="chuyen-muc")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:category", args=[self.slug])

    @property
    def more_label(self) -> str:
        """ "Xem thêm tin tức sự kiện", "Xem thêm tin xây dựng Đảng": "tin" once, proper nouns kept capitalized."""
        name = self.name[:1].lower() + self.name[1:]
        return f"Xem thêm {name}" if name.split(" ", 1)[0] == "tin" else f"Xem thêm tin {name}"


class Tag(models.Model):
    name = models.CharField("tên thẻ", max_length=80, unique=True)
    slug = models.SlugField("đường dẫn", max_length=SLUG_MAX, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "thẻ"
        verbose_name_plural = "thẻ"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, self.pk, fallback="the")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:tag", args=[self.slug])

    @classmethod
    def from_text(cls, text: str) -> list["Tag"]:
        """Tags from a comma-separated list; a name matches an existing tag whatever its diacritics."""
        tags = []
        for name in (" ".join(n.split()) for n in text.split(",")):
            if not name:
                continue
            slug = slug_for(name, fallback="the")
            tag = cls.objects.filter(Q(name__iexact=name) | Q(slug=slug)).first() or cls.objects.create(name=name)
            if tag not in tags:
                tags.append(tag)
        return tags


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """What anonymous visitors may see: published, and the publication time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def search(self, text: str):
        """Diacritic-insensitive search: every word must appear ("tay ho" finds "Tây Hồ").

        Articles holding the words as one phrase come first, those with the phrase in their title before the
        rest ("Kiến An" finds the news of Kiến An before a text that has "ý kiến" and "an ninh"); the newest
        first within each.
        """
        words = vietnamese.search_key(text).split()[:10]
        if not words:
            return self.none()
        query = Q()
        for word in words:
            query &= Q(search_text__contains=word)
        phrase = Value(" ".join(words))
        # search_text begins with the folded title, as long as the title (_search_text).
        in_title = StrIndex(Substr("search_text", 1, Length("title")), phrase)
        in_text = StrIndex("search_text", phrase)
        score = (Case(When(GreaterThan(in_title, 0), then=Value(2)), default=Value(0))
                 + Case(When(GreaterThan(in_text, 0), then=Value(1)), default=Value(0)))
        return self.filter(query).alias(score=score).order_by("-score", *Article._meta.ordering)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        REVIEW = "review", "Chờ duyệt"
        PUBLISHED = "published", "Đã đăng"
        UNPUBLISHED = "unpublished", "Đã gỡ xuống"

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="articles", verbose_name="đơn vị đăng tin"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles", verbose_name="chuyên mục")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name="thẻ")
    title = models.CharField("tiêu đề", max_length=300, error_messages={"blank": "Bài viết phải có tiêu đề."})
    slug = models.SlugField(
        "đường dẫn", max_length=SLUG_MAX, unique=True, blank=True,
        help_text="Để trống để tạo tự động từ tiêu đề (không dấu).",
        error_messages={"unique": "Đường dẫn này đã được dùng cho một bài viết khác; hãy chọn đường dẫn khác "
                                  "hoặc để trống để tạo tự động."},
    )
    lead = models.TextField("sapo (tóm tắt)", blank=True)
    body = models.TextField("nội dung", blank=True)
    byline = models.CharField("tác giả", max_length=200, blank=True, help_text="Ví dụ: Trung Trực")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("thời gian đăng", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="người soạn")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="người gửi duyệt")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="người duyệt đăng")
    source_conference_id = models.PositiveBigIntegerField("hội nghị nguồn", null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        indexes = [models.Index(fields=["status", "category", "-published_at"], name="portal_article_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:article", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None \
            and self.published_at <= timezone.now()

    # -- content ------------------------------------------------------------------------------------
    def clean(self):
        self.title = " ".join((self.title or "").split())
        if not self.title:
            raise ValidationError({"title": "Bài viết phải có tiêu đề."})
        self.body = richtext.clean_body(self.body)
        if missing := richtext.images_without_alt(self.body):
            raise ValidationError({"body": f"Có {missing} ảnh trong nội dung thiếu mô tả thay thế (alt); "
                                           "hãy thêm mô tả cho mọi ảnh."})
        if self.slug:
            self.slug = slugify(self.slug)[:SLUG_MAX]

    def save(self, *args, **kwargs):
        self.title = " ".join((self.title or "").split())
        self.body = richtext.clean_body(self.body)
        if not self.slug:
            self.slug = unique_slug(Article, self.title, self.pk)
        self.search_text = self._search_text()
        super().save(*args, **kwargs)

    def _search_text(self) -> str:
        tags = " ".join(t.name for t in self.tags.all()) if self.pk else ""
        parts = [self.title, self.lead, richtext.plain_text(self.body), self.byline, tags]
        return vietnamese.search_key(" ".join(p for p in parts if p))

    def set_tags(self, tags):
        self.tags.set(tags)
        Article.objects.filter(pk=self.pk).update(search_text=self._search_text())

    # -- review and publication ---------------------------------------------------------------------
    def _check_publishable(self):
        errors = {}
        if not self.title.strip():
            errors["title"] = "Bài viết phải có tiêu đề."
        if not richtext.plain_text(self.body).strip():
            errors["body"] = "Bài viết chưa có nội dung."
        if errors:
            raise ValidationError(errors)

    def submit(self, user):
        """An editor sends the draft for review."""
        if self.status not in (self.Status.DRAFT, self.Status.UNPUBLISHED):
            raise ValidationError("Chỉ gửi duyệt được bản nháp hoặc bài đã gỡ xuống.")
        self._check_publishable()
        self.status, self.submitted_by = self.Status.REVIEW, user
        self.save(update_fields=["status", "submitted_by", "updated"])

    def return_to_draft(self, user):
        """The reviewer sends the article back to its editor."""
        if self.status != self.Status.REVIEW:
            raise ValidationError("Chỉ trả lại được bài đang chờ duyệt.")
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated"])

    def publish(self, user, at=None):
        """Publish after review (or put an unpublished article back); keeps a scheduled time if set."""
        if self.status not in (self.Status.REVIEW, self.Status.UNPUBLISHED):
            raise ValidationError("Bài viết phải được gửi duyệt trước khi đăng.")
        self._check_publishable()
        self.status, self.published_by = self.Status.PUBLISHED, user
        self.published_at = at or self.published_at or timezone.now()
        self.save(update_fields=["status", "published_by", "published_at", "updated"])

    def unpublish(self, user):
        if self.status != self.Status.PUBLISHED:
            raise ValidationError("Chỉ gỡ xuống được bài đã đăng.")
        self.status = self.Status.UNPUBLISHED
        self.save(update_fields=["status", "updated"])

    # -- public page helpers ------------------------------------------------------------------------
    @property
    def published_local(self):
        return timezone.localtime(self.published_at) if self.published_at else None

    @property
    def publication_text(self) -> str:
        """ "Thứ Bảy, ngày 18 tháng 12 năm 2021, 11:55" (local time). """
        when = self.published_local
        if when is None:
            return "Chưa đăng"
        return f"{vietnamese.WEEKDAYS[when.weekday()]}, {vietnamese.long_date(when)}, {when:%H:%M}"

    def view_count(self) -> int:
        from capuy.portal import counters

        return counters.view_count(self.pk)

    def rating_summary(self) -> tuple[float, int]:
        data = self.ratings.aggregate(avg=Avg("stars"), n=Count("pk"))
        return round(data["avg"] or 0, 1), data["n"]

    def related(self, limit: int = 5):
        """Published articles sharing tags with this one (most shared first), then its category."""
        others = Article.objects.public().exclude(pk=self.pk)
        tag_ids = list(self.tags.values_list("pk", flat=True))
        found = []
        if tag_ids:
            found = list(others.filter(tags__in=tag_ids).annotate(shared=Count("tags"))
                         .order_by("-shared", "-published_at")[:limit])
        if len(found) < limit:
            found += list(others.filter(category_id=self.category_id).exclude(pk__in=[a.pk for a in found])
                          [: limit - len(found)])
        return found

    def newer(self, limit: int = 5):
        if self.published_at is None:
            return []
        return list(Article.objects.public().filter(category_id=self.category_id, published_at__gt=self.published_at)
                    .order_by("published_at", "pk")[:limit])

    def older(self, limit: int = 5):
        if self.published_at is None:
            return []
        return list(Article.objects.public().filter(category_id=self.category_id, published_at__lt=self.published_at)
                    .order_by("-published_at", "-pk")[:limit])


class Photo(models.Model):
    """A photo of an article, stored at web sizes; the caption is printed under it, the alt text read aloud."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("ảnh", upload_to="portal/anh/%Y/%m/")
    thumbnail = models.ImageField("ảnh thu nhỏ", upload_to="portal/anh/%Y/%m/")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField("chú thích", max_length=300, help_text="In dưới ảnh, ví dụ: Toàn cảnh hội nghị")
    alt_text = models.CharField("mô tả thay thế (alt)", max_length=250,
                                help_text="Mô tả nội dung ảnh cho người khiếm thị; bắt buộc.")
    credit = models.CharField("nguồn ảnh", max_length=120, blank=True, help_text="Ví dụ: Tuyết Trinh")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"

    def __str__(self):
        return self.caption

    @property
    def src(self) -> str:
        """The photo's public address, served by the portal (``views.photo_file``)."""
        return reverse("portal:photo", args=[self.image.name])

    @property
    def thumbnail_src(self) -> str:
        return reverse("portal:photo", args=[self.thumbnail.name])

    def figure_html(self) -> str:
        """The HTML to paste into the body to place the photo in the text."""
        from django.utils.html import format_html

        credit = format_html(" (Ảnh: {})", self.credit) if self.credit else ""
        return format_html('<figure><img src="{}" alt="{}" width="{}" height="{}"><figcaption>{}{}</figcaption>'
                           "</figure>", self.src, self.alt_text, self.width, self.height, self.caption, credit)


class Rating(models.Model):
    """One rating (1–5 stars) per visitor and article; the visitor is the portal's visitor cookie."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    visitor = models.CharField(max_length=64)
    stars = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá"
        verbose_name_plural = "đánh giá"
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="portal_rating_once_per_visitor"),
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="portal_rating_stars_1_5"),
        ]

    def __str__(self):
        return f"{self.stars} sao – {self.article_id}"


class ViewTally(models.Model):
    """Append-only: ``count`` views of an article flushed at ``created`` (see ``capuy.portal.counters``)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_tallies")
    count = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lượt xem"
        verbose_name_plural = "lượt xem"

    def __str__(self):
        return f"{self.count} lượt xem – {self.article_id}"

    @classmethod
    def total(cls, article_id) -> int:
        return cls.objects.filter(article_id=article_id).aggregate(n=Sum("count"))["n"] or 0


class VisitTally(models.Model):
    """Append-only: ``count`` site visits flushed at ``created``."""

    count = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lượt truy cập"
        verbose_name_plural = "lượt truy cập"

    def __str__(self):
        return f"{self.count} lượt truy cập"

    @classmethod
    def total(cls) -> int:
        return cls.objects.aggregate(n=Sum("count"))["n"] or 0
