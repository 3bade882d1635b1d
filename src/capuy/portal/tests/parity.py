"""Parity cases of the portal actions (run by ``core/tests/test_action_parity.py``)."""

from django.urls import reverse

from capuy.core.tests.parity import Scenario
from capuy.portal import actions
from capuy.portal.models import Article, Category

FIELDS = {"title": "Hội nghị Quận ủy lần thứ 12", "lead": "Sapo.", "body": "<p>Nội dung.</p>", "byline": "PV"}


def _category():
    return Category.objects.get_or_create(name="Tin tức sự kiện", defaults={"order": 1})[0]


def _article(t, status=Article.Status.DRAFT):
    return Article.objects.create(organization=t.district, category=_category(), status=status, **FIELDS)


def create_article(t):
    category = _category()
    url, api = reverse("portal:editor_new"), ("post", "/portal/editor/articles/")
    page = {**FIELDS, "organization": t.district.pk, "category": category.pk, "tags_text": "Hội nghị"}
    data = {**FIELDS, "organization_id": t.district.pk, "category_id": category.pk, "tags": ["Hội nghị"]}
    return [Scenario(t.committee_member, url, api, page, data, refused=actions.WRITE_REFUSED),
            Scenario(t.district_staff, url, api, page, data)]


def update_article(t):
    article = _article(t)
    url, api = reverse("portal:editor_edit", args=[article.pk]), ("patch", f"/portal/editor/articles/{article.pk}/")
    page = {**FIELDS, "title": "Tiêu đề mới", "organization": t.district.pk, "category": article.category_id}
    return [Scenario(t.committee_member, url, api, page, {"title": "Tiêu đề mới"}, refused=actions.EDIT_REFUSED),
            Scenario(t.district_staff, url, api, page, {"title": "Tiêu đề mới"})]


def _step(slug, path, status, refusal_status, refusal):
    def build(t):
        article, other = _article(t, status), _article(t, refusal_status)
        scenarios = []
        for user, target, refused in ((t.committee_member, article, actions.EDIT_REFUSED),
                                      (t.district_staff, other, refusal), (t.district_staff, article, None)):
            scenarios.append(Scenario(user, reverse("portal:editor_transition", args=[target.pk, slug]),
                                      ("post", f"/portal/editor/articles/{target.pk}/{path}/"), refused=refused))
        return scenarios
    return build


S = Article.Status
CASES = {
    "portal.create_article": create_article,
    "portal.update_article": update_article,
    "portal.submit_article": _step("gui-duyet", "submit", S.DRAFT, S.REVIEW,
                                   "Chỉ gửi duyệt được bản nháp hoặc bài đã gỡ xuống."),
    "portal.return_article": _step("tra-lai", "return", S.REVIEW, S.DRAFT, "Chỉ trả lại được bài đang chờ duyệt."),
    "portal.publish_article": _step("dang", "publish", S.REVIEW, S.DRAFT, "Bài viết phải được gửi duyệt trước khi đăng."),
    "portal.unpublish_article": _step("go-xuong", "unpublish", S.PUBLISHED, S.DRAFT, "Chỉ gỡ xuống được bài đã đăng."),
}
