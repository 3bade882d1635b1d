"""The portal's REST API: public reads show only published articles; the newsroom keeps the web rights."""

from capuy.accounts.models import ApiToken
from capuy.portal.models import Article
from capuy.portal.tests.base import PortalTestCase, make_article

S = Article.Status


class PortalApiTestCase(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.published = make_article(self.ward, self.news, "Hội nghị Ban Chấp hành Đảng bộ phường Quảng An",
                                      tags=["Tây Hồ"])
        self.other = make_article(self.district, self.party, "Quận ủy Tây Hồ sơ kết công tác xây dựng Đảng",
                                  days_ago=2)
        self.draft = make_article(self.ward, self.news, "Bản nháp chưa công khai", status=S.DRAFT)

    def call(self, method, url, user=None, **data):
        headers = {}
        if user is not None:
            _, key = ApiToken.issue(user)
            headers["Authorization"] = f"Bearer {key}"
        return getattr(self.client, method)(url, data=data or None, content_type="application/json", headers=headers)


class PublicApiTests(PortalApiTestCase):
    def test_anonymous_visitors_list_published_articles_and_never_drafts(self):
        response = self.call("get", "/api/portal/articles/")
        assert response.status_code == 200
        data = response.json()
        slugs = [a["slug"] for a in data["items"]]
        assert slugs == [self.published.slug, self.other.slug] and data["count"] == 2
        for status in (S.REVIEW, S.UNPUBLISHED):
            make_article(self.ward, self.news, f"Bài {status.label} không công khai", status=status)
        assert self.call("get", "/api/portal/articles/").json()["count"] == 2

    def test_anonymous_visitors_read_a_published_article_but_get_404_for_a_draft(self):
        response = self.call("get", f"/api/portal/articles/{self.published.slug}/")
        assert response.status_code == 200
        data = response.json()
        assert data["title"] == self.published.title and data["tags"] == [{"name": "Tây Hồ", "slug": "tay-ho"}]
        assert "<h2>Kết quả nổi bật</h2>" in data["body"] and "search_text" not in data
        response = self.call("get", f"/api/portal/articles/{self.draft.slug}/")
        assert response.status_code == 404 and response.json()["detail"] == "Không tìm thấy bài viết."

    def test_reading_an_article_through_the_api_counts_no_view(self):
        self.call("get", f"/api/portal/articles/{self.published.slug}/")
        self.call("get", f"/api/portal/articles/{self.published.slug}/")
        assert self.published.view_count() == 0

    def test_search_without_diacritics_finds_the_article(self):
        found = self.call("get", "/api/portal/articles/?q=quang an ban chap hanh").json()
        assert [a["slug"] for a in found["items"]] == [self.published.slug]
        assert self.call("get", "/api/portal/articles/?q=chua cong khai").json()["count"] == 0

    def test_it_filters_by_category_and_tag_and_paginates(self):
        by_category = self.call("get", f"/api/portal/articles/?category={self.party.slug}").json()
        assert [a["slug"] for a in by_category["items"]] == [self.other.slug]
        by_tag = self.call("get", "/api/portal/articles/?tag=tay-ho").json()
        assert [a["slug"] for a in by_tag["items"]] == [self.published.slug]
        page = self.call("get", "/api/portal/articles/?limit=1&offset=1").json()
        assert page["count"] == 2 and [a["slug"] for a in page["items"]] == [self.other.slug]
        response = self.call("get", "/api/portal/articles/?category=khong-co")
        assert response.status_code == 404 and response.json()["detail"] == "Không tìm thấy chuyên mục."

    def test_categories_are_public(self):
        names = [c["name"] for c in self.call("get", "/api/portal/categories/").json()]
        assert names == ["Tin tức sự kiện", "Xây dựng Đảng"]

    def test_the_openapi_schema_lists_the_portal_paths(self):
        paths = self.client.get("/api/openapi.json").json()["paths"]
        for path in ("/api/portal/categories/", "/api/portal/articles/", "/api/portal/articles/{slug}/",
                     "/api/portal/editor/articles/", "/api/portal/editor/articles/{pk}/",
                     "/api/portal/editor/articles/{pk}/submit/", "/api/portal/editor/articles/{pk}/publish/"):
            assert path in paths, path


class NewsroomApiTests(PortalApiTestCase):
    def test_the_newsroom_needs_a_token_or_a_session(self):
        response = self.call("get", "/api/portal/editor/articles/")
        assert response.status_code == 401 and "đăng nhập" in response.json()["detail"]

    def test_the_newsroom_lists_every_status_of_readable_organizations_only(self):
        slugs = {a["slug"] for a in self.call("get", "/api/portal/editor/articles/", self.ward_staff).json()["items"]}
        assert slugs == {self.published.slug, self.draft.slug}
        assert self.call("get", "/api/portal/editor/articles/", self.other_ward_staff).json()["count"] == 0
        drafts = self.call("get", "/api/portal/editor/articles/?status=draft", self.committee_member).json()
        assert [a["slug"] for a in drafts["items"]] == [self.draft.slug]

    def test_office_staff_create_a_draft_with_a_generated_slug_and_tags(self):
        response = self.call("post", "/api/portal/editor/articles/", self.ward_staff, organization_id=self.ward.pk,
                             category_id=self.news.pk, title="Hội nghị   sơ kết 6 tháng", body="<p>Nội dung</p>",
                             tags=["hoi nghi", "Tây Hồ"])
        assert response.status_code == 201
        data = response.json()
        assert data["status"] == "draft" and data["slug"] == "hoi-nghi-so-ket-6-thang"
        assert data["title"] == "Hội nghị sơ kết 6 tháng" and set(data["tags"]) == {"hoi nghi", "Tây Hồ"}
        article = Article.objects.get(pk=data["id"])
        assert article.created_by == self.ward_staff and not article.is_public

    def test_a_script_in_the_body_is_removed(self):
        response = self.call("post", "/api/portal/editor/articles/", self.ward_staff, organization_id=self.ward.pk,
                             category_id=self.news.pk, title="Bài có mã độc",
                             body='<p onclick="alert(1)">Nội dung</p><script>alert("x")</script>')
        assert response.status_code == 201
        body = Article.objects.get(pk=response.json()["id"]).body
        assert body == "<p>Nội dung</p>"
        response = self.call("patch", f"/api/portal/editor/articles/{self.draft.pk}/", self.ward_staff,
                             body="<p>Sửa</p><script>alert(1)</script>")
        assert response.status_code == 200 and response.json()["body"] == "<p>Sửa</p>"

    def test_a_typed_slug_that_is_taken_is_refused_and_nothing_is_saved(self):
        response = self.call("post", "/api/portal/editor/articles/", self.ward_staff, organization_id=self.ward.pk,
                             category_id=self.news.pk, title="Bài mới", slug=self.published.slug)
        assert response.status_code == 400 and "đã được dùng" in response.json()["detail"]
        assert not Article.objects.filter(title="Bài mới").exists()

    def test_it_refuses_to_create_for_an_organization_the_user_does_not_manage(self):
        response = self.call("post", "/api/portal/editor/articles/", self.other_ward_staff,
                             organization_id=self.ward.pk, category_id=self.news.pk, title="Bài lạ")
        assert response.status_code == 404
        response = self.call("post", "/api/portal/editor/articles/", self.committee_member,
                             organization_id=self.district.pk, category_id=self.news.pk, title="Bài lạ")
        assert response.status_code == 403
        assert not Article.objects.filter(title="Bài lạ").exists()

    def test_it_refuses_staff_of_another_ward_when_editing(self):
        for method, url in (("get", f"/api/portal/editor/articles/{self.draft.pk}/"),
                            ("patch", f"/api/portal/editor/articles/{self.draft.pk}/"),
                            ("post", f"/api/portal/editor/articles/{self.draft.pk}/submit/")):
            response = self.call(method, url, self.other_ward_staff, title="Bị sửa")
            assert response.status_code == 404 and response.json()["detail"] == "Không tìm thấy bài viết."
        self.draft.refresh_from_db()
        assert self.draft.title == "Bản nháp chưa công khai" and self.draft.status == S.DRAFT

    def test_committee_members_read_but_cannot_edit_or_publish(self):
        self.draft.submit(self.ward_staff)
        response = self.call("get", f"/api/portal/editor/articles/{self.draft.pk}/", self.committee_member)
        assert response.status_code == 200 and response.json()["can_manage"] is False
        assert self.call("get", f"/api/portal/editor/articles/{self.draft.pk}/", self.ward_staff).json()["can_manage"]
        response = self.call("patch", f"/api/portal/editor/articles/{self.draft.pk}/", self.committee_member, title="X")
        assert response.status_code == 403
        response = self.call("post", f"/api/portal/editor/articles/{self.draft.pk}/publish/", self.committee_member)
        assert response.status_code == 403 and "văn phòng cấp ủy" in response.json()["detail"]
        self.draft.refresh_from_db()
        assert self.draft.status == S.REVIEW and self.draft.published_by is None

    def test_submit_then_publish_records_who_did_it(self):
        url = f"/api/portal/editor/articles/{self.draft.pk}"
        response = self.call("post", f"{url}/submit/", self.ward_staff)
        assert response.status_code == 200 and response.json()["status"] == "review"
        response = self.call("post", f"{url}/publish/", self.district_staff)
        assert response.status_code == 200 and response.json()["status"] == "published"
        self.draft.refresh_from_db()
        assert self.draft.submitted_by == self.ward_staff and self.draft.published_by == self.district_staff
        assert self.call("get", f"/api/portal/articles/{self.draft.slug}/").status_code == 200

    def test_publishing_a_draft_that_was_not_submitted_is_refused_and_nothing_changes(self):
        response = self.call("post", f"/api/portal/editor/articles/{self.draft.pk}/publish/", self.ward_staff)
        assert response.status_code == 400
        assert response.json()["detail"] == "Bài viết phải được gửi duyệt trước khi đăng."
        self.draft.refresh_from_db()
        assert self.draft.status == S.DRAFT and self.draft.published_at is None and self.draft.published_by is None

    def test_the_status_cannot_be_changed_by_editing(self):
        response = self.call("patch", f"/api/portal/editor/articles/{self.draft.pk}/", self.ward_staff,
                             status="published", title="Tiêu đề mới")
        assert response.status_code == 200 and response.json()["status"] == "draft"
        self.draft.refresh_from_db()
        assert self.draft.status == S.DRAFT and self.draft.title == "Tiêu đề mới"

    def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(self):
        base = {"organization_id": self.ward.pk, "category_id": self.news.pk}
        cases = [({"category_id": 999999, "title": "Bài A"}, "chuyên mục"),
                 ({"title": "   "}, "tiêu đề"),
                 ({"title": "Bài B", "body": '<p>Ảnh</p><img src="/a.jpg">'}, "mô tả thay thế")]
        for fields, words in cases:
            response = self.call("post", "/api/portal/editor/articles/", self.ward_staff, **{**base, **fields})
            assert response.status_code == 400 and words in response.json()["detail"], response.json()
        assert Article.objects.count() == 3
        response = self.call("patch", f"/api/portal/editor/articles/{self.draft.pk}/", self.ward_staff, title=None)
        assert response.status_code == 400 and "không được để trống" in response.json()["detail"]

    def test_unpublishing_takes_the_article_off_the_public_api(self):
        response = self.call("post", f"/api/portal/editor/articles/{self.published.pk}/unpublish/", self.ward_staff)
        assert response.status_code == 200 and response.json()["status"] == "unpublished"
        assert self.call("get", f"/api/portal/articles/{self.published.slug}/").status_code == 404
        response = self.call("post", f"/api/portal/editor/articles/{self.published.pk}/return/", self.ward_staff)
        assert response.status_code == 400 and response.json()["detail"] == "Chỉ trả lại được bài đang chờ duyệt."

    def test_an_article_cannot_be_moved_to_an_organization_the_user_does_not_manage(self):
        url = f"/api/portal/editor/articles/{self.draft.pk}/"
        assert self.call("patch", url, self.ward_staff, organization_id=self.other_ward.pk).status_code == 404
        assert self.call("patch", url, self.ward_staff, organization_id=self.district.pk).status_code == 404  # superior
        self.draft.refresh_from_db()
        assert self.draft.organization == self.ward
