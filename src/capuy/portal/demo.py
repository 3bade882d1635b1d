"""Demo data: the three sample articles, published on the portal with their own words.

The texts are in ``demo_articles/`` in a small line format: the first block is the title, ``> `` the lead,
``# `` a heading, ``! alt | caption`` a photo (the demo draws a plain placeholder picture, credited as
such, since the sample photos are not available), ``— `` the byline; other blocks are paragraphs.
"""

import datetime
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw

from capuy.portal.models import Article, Category, Photo, Tag

TEXTS = Path(__file__).parent / "demo_articles"
CATEGORIES = ["Tin tức sự kiện", "Xây dựng Đảng", "Kinh tế – Xã hội", "Văn bản chỉ đạo"]
PLACEHOLDER_CREDIT = "ảnh minh họa của dữ liệu mẫu"


def _placeholder(n: int) -> ContentFile:
    image = Image.new("RGB", (1200, 675), (166 - 20 * n, 30 + 15 * n, 40))
    draw = ImageDraw.Draw(image)
    for i in range(0, 1200, 60):
        draw.line([(i, 675), (i + 300, 0)], fill=(200, 160 - 10 * n, 90), width=3)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return ContentFile(out.getvalue())


def _publish(organization, category, name, published_at, tags, user=None) -> Article:
    blocks = (TEXTS / name).read_text(encoding="utf-8").strip().split("\n\n")
    article = Article.objects.create(organization=organization, category=category, title=blocks[0],
                                     status=Article.Status.DRAFT, created_by=user)
    html, photos = [], 0
    for block in blocks[1:]:
        if block.startswith("> "):
            article.lead = block[2:]
        elif block.startswith("# "):
            html.append(f"<h2>{escape(block[2:])}</h2>")
        elif block.startswith("— "):
            article.byline = block[2:]
        elif block.startswith("! "):
            alt, _, caption = block[2:].partition(" | ")
            photo = Photo(article=article, caption=caption, alt_text=alt, credit=PLACEHOLDER_CREDIT, order=photos)
            photo.image.save(f"{article.slug}-{photos + 1}.jpg", _placeholder(photos), save=False)
            photo.thumbnail.save(f"{article.slug}-{photos + 1}-nho.jpg", _placeholder(photos), save=False)
            photo.width, photo.height = 1200, 675
            photo.save()
            photos += 1
            html.append(photo.figure_html())
        else:
            html.append(f"<p>{escape(block)}</p>")
    article.body = "\n\n".join(html)
    article.save()
    article.set_tags([Tag.objects.get_or_create(name=t)[0] for t in tags])
    article.submit(user)
    article.publish(user, at=published_at)
    return article


def load(context):
    categories = {}
    for order, name in enumerate(CATEGORIES):
        categories[name] = Category.objects.get_or_create(name=name, defaults={"order": order})[0]
    tz = timezone.get_current_timezone()
    at = lambda *a: datetime.datetime(*a, tzinfo=tz)  # noqa: E731
    news, party = categories["Tin tức sự kiện"], categories["Xây dựng Đảng"]
    articles = [
        _publish(context["tayho"], news, "tay-ho-hoi-nghi-17.txt", at(2023, 10, 5, 14, 30),
                 ["Hội nghị Ban Chấp hành", "Tây Hồ", "Sơ kết 9 tháng"]),
        _publish(context["cqcq"], party, "cqcq-so-ket-giua-nhiem-ky.txt", at(2021, 12, 18, 11, 55),
                 ["Sơ kết giữa nhiệm kỳ", "Xây dựng Đảng"]),
        _publish(context["kienan"], news, "kien-an-hoi-nghi-21.txt", at(2020, 1, 24, 9, 0),
                 ["Hội nghị Ban Chấp hành", "Kiến An", "Sơ kết 9 tháng"]),
    ]
    # Link the samples to their conferences when the conferences demo made them, and show the drafting:
    # a first draft written from the record of conference 001 waits in the newsroom for the office.
    for article, key in ((articles[1], "conference_000"), (articles[2], "conference_003")):
        if context.get(key) is not None:
            Article.objects.filter(pk=article.pk).update(source_conference_id=context[key].pk)
    conference = context.get("conference_001")
    if conference is not None and conference.status == conference.Status.CLOSED:
        from capuy.portal.drafting import draft_from_conference

        articles.append(draft_from_conference(conference, None))
    context.update(portal_categories=categories, portal_articles=articles)
