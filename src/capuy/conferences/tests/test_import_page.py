"""The page "Nhập từ bản tin": paste or upload, see the values marked in the text, confirm, undo; bad input."""

import io
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capuy.conferences.imported import ImportedReport
from capuy.conferences.models import Conference
from capuy.conferences.tests.import_reports import NOT_A_REPORT, REPORT, counts, future_date
from capuy.core.models import BackgroundJob
from capuy.core.testing import CapuyTestCase

START = reverse("conferences:import_start")
CONFIRM = reverse("conferences:import_confirm")


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Form(HTMLParser):
    """The values a browser would send for the form posting to ``action``."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.values = action, False, {}
        self.textarea = self.select = None
        self.selected = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and (attrs.get("type") != "checkbox" or "checked" in attrs):
            self.values[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea, self.values[name] = name, ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and (
                self.select not in self.values or ("selected" in attrs and self.select not in self.selected)):
            self.values[self.select] = attrs.get("value", "")
            if "selected" in attrs:
                self.selected[self.select] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data


def form_values(page: str, action: str) -> dict:
    parser = _Form(action)
    parser.feed(page)
    return parser.values


class ImportPageTests(CapuyTestCase):
    def review(self, user=None, **data):
        self.login(user or self.district_staff)
        return self.client.post(START, {"text": REPORT, **data})

    def confirm_data(self, response, **changes):
        """The review form as the page filled it (what a clerk who changes nothing sends)."""
        data = form_values(response.content.decode(), CONFIRM)
        data.update(changes)
        return data

    def test_anonymous_visitors_are_sent_to_log_in(self):
        for url in (START, CONFIRM):
            response = self.client.get(url)
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))

    def test_a_party_member_is_refused(self):
        self.login(self.party_member)
        assert self.client.get(START).status_code == 403
        assert self.client.post(START, {"text": REPORT}).status_code == 403

    def test_the_conference_list_links_to_the_page_for_office_staff(self):
        self.login(self.district_staff)
        assert START in self.client.get(reverse("conferences:index")).content.decode()

    def test_the_values_are_marked_where_they_were_found_beside_the_form(self):
        response = self.review()
        assert response.status_code == 200
        page = response.content.decode()
        assert '<mark data-field="organization" title="Tổ chức">Ban Chấp hành Đảng bộ quận Tây Hồ</mark>' in page
        assert '<mark data-field="ordinal" title="Lần thứ">lần thứ 17</mark>' in page
        assert '<mark data-field="person-0-name" title="Chủ trì">Lê Thị Thu Hằng</mark>' in page
        assert 'data-field="figure-0-value" title="Số liệu">55,8</mark>' in page
        assert 'value="2023-10-05"' in page and "Khớp với: Đảng bộ quận Tây Hồ" in page

    def test_the_organization_to_record_under_is_searched_not_listed(self):
        page = self.review().content.decode()
        for name in ("organization_id", "parent_id"):
            assert f'data-chooser data-name="{name}"' in page
        assert f'<option value="{self.ward.pk}"' not in page

    def test_the_clerk_records_under_an_organization_chosen_in_the_search_box(self):
        data = self.confirm_data(self.review(), organization_id=str(self.district.pk))
        self.assertRedirects(self.client.post(CONFIRM, data), Conference.objects.get().get_absolute_url())
        assert Conference.objects.get().organization == self.district

    def test_confirming_records_the_conference_and_its_page_shows_it(self):
        response = self.client.post(CONFIRM, self.confirm_data(self.review()))
        conference = Conference.objects.get()
        self.assertRedirects(response, conference.get_absolute_url())
        page = self.client.get(conference.get_absolute_url()).content.decode()
        assert "Hội nghị lần thứ 17" in page and "Trương Tú Uyên" in page
        imported = ImportedReport.objects.get()
        assert reverse("conferences:import_detail", args=[imported.pk]) in page
        from capuy.targets.models import Result

        assert float(Result.objects.get(organization=self.district).value) == 55.8  # a new indicator by default
        assert imported.conference == conference and imported.source_text.replace("\r\n", "\n") == REPORT
        detail = self.client.get(imported.get_absolute_url()).content.decode()
        assert "Hoàn tác toàn bộ lần nhập" in detail

    def test_the_clerk_adds_what_the_reader_missed_in_the_blank_rows(self):
        response = self.review()
        values = form_values(response.content.decode(), CONFIRM)
        people, figures = int(values["people_count"]), int(values["figures_count"])
        tasks, awards = int(values["tasks_count"]), int(values["awards_count"])
        data = self.confirm_data(response, **{
            f"person-{people - 2}-name": "Nguyễn Văn Bổ Sung", f"person-{people - 2}-titles": "Phó Bí thư Quận ủy",
            f"figure-{figures - 2}-name": "thu ngân sách", f"figure-{figures - 2}-value": "1.234,5",
            f"figure-{figures - 2}-unit": "tỷ đồng", f"task-{tasks - 2}": "Đẩy mạnh cải cách hành chính trên địa bàn quận",
            f"award-{awards - 1}-form": "Bằng khen", f"award-{awards - 1}-recipient": "Phường Quảng An",
            f"award-{awards - 1}-issuer": "UBND thành phố"})
        self.client.post(CONFIRM, data)
        conference = Conference.objects.get()
        assert "Nguyễn Văn Bổ Sung" in [i.person.full_name for i in conference.invitations.select_related("person")]
        from capuy.targets.models import Result

        assert sorted(float(r.value) for r in Result.objects.filter(organization=self.district)) == [55.8, 1234.5]
        assert conference.tasks.filter(title__startswith="Đẩy mạnh cải cách hành chính").exists()
        assert conference.tasks.count() == 3  # the two the reader found, the one added; blank rows record nothing
        assert sorted(a.recipient_name for a in conference.awards.all()) == ["03 tập thể và 05 cá nhân", "Phường Quảng An"]

    def test_undo_from_the_page_removes_the_import(self):
        before = counts()
        self.client.post(CONFIRM, self.confirm_data(self.review()))
        imported = ImportedReport.objects.get()
        response = self.client.post(reverse("conferences:import_undo", args=[imported.pk]), follow=True)
        assert "Đã hoàn tác" in response.content.decode()
        assert counts()[:5] == before[:5]

    def test_an_empty_text_is_refused_with_nothing_created(self):
        before = counts()
        response = self.review(text="   ")
        assert response.status_code == 400 and "Chưa có nội dung bản tin" in response.content.decode()
        assert counts() == before

    def test_a_text_that_is_not_a_report_is_refused(self):
        response = self.review(text=NOT_A_REPORT)
        assert response.status_code == 400 and "không phải bản tin về một hội nghị" in response.content.decode()

    def test_a_report_outside_the_clerks_subtree_is_refused_on_confirming(self):
        data = self.confirm_data(self.review(self.other_ward_staff))
        before = counts()
        response = self.client.post(CONFIRM, data)
        assert response.status_code == 400 and "ngoài phạm vi quản lý" in response.content.decode()
        assert counts() == before

    def test_a_number_already_taken_and_a_future_date_are_refused(self):
        import datetime

        data = self.confirm_data(self.review())
        response = self.client.post(CONFIRM, {**data, "event_date": future_date()})
        assert response.status_code == 400 and "chưa đến" in response.content.decode()
        Conference.objects.create(body=self.bch, date=datetime.date(2023, 9, 1), number=17)
        before = counts()
        response = self.client.post(CONFIRM, data)
        assert response.status_code == 400 and "Số thứ tự 17 đã dùng" in response.content.decode()
        assert counts() == before

    def test_a_file_that_is_not_text_is_refused(self):
        self.login(self.district_staff)
        png = SimpleUploadedFile("anh.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
        response = self.client.post(START, {"files": [png]})
        assert response.status_code == 400 and "không phải" in response.content.decode()
        broken = "Hội nghị lần thứ 17".encode()[:-8] + b"\xe1\xbb\xff\xfe abc"  # not UTF-8, no NUL byte
        latin = SimpleUploadedFile("bantin.txt", broken)
        response = self.client.post(START, {"files": [latin]})
        assert response.status_code == 400 and "không phải văn bản" in response.content.decode()
        assert ImportedReport.objects.count() == 0

    def test_a_text_file_saved_as_unicode_by_windows_is_read(self):
        self.login(self.district_staff)
        for encoding in ("utf-16", "utf-16-be"):
            data = ("\ufeff" if encoding.endswith("be") else "") + REPORT
            response = self.client.post(START, {"files": [SimpleUploadedFile("bantin.txt", data.encode(encoding))]})
            assert response.status_code == 200, encoding
            assert 'value="2023-10-05"' in response.content.decode(), encoding

    def test_html_and_docx_reports_are_read_as_text(self):
        self.login(self.district_staff)
        html = ("<html><head><title>x</title><script>alert('x')</script></head><body><p>"
                + REPORT.split("\n", 1)[1].replace("\n", "</p><p>") + "</p></body></html>").encode()
        response = self.client.post(START, {"files": [SimpleUploadedFile("bantin.html", html)]})
        assert response.status_code == 200 and "alert(" not in response.content.decode()
        assert 'data-field="ordinal"' in response.content.decode()
        response = self.client.post(START, {"files": [SimpleUploadedFile("bantin.docx", docx_bytes(REPORT))]})
        assert response.status_code == 200 and 'data-field="ordinal"' in response.content.decode()

    def test_several_files_are_read_in_the_background_with_an_outcome_each(self):
        self.login(self.district_staff)
        files = [SimpleUploadedFile("mot.txt", REPORT.encode()), SimpleUploadedFile("hai.txt", NOT_A_REPORT.encode())]
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(START, {"files": files})
        job = BackgroundJob.objects.get()
        self.assertRedirects(response, reverse("core:job", args=[job.pk]), fetch_redirect_response=False)
        job.refresh_from_db()
        assert job.status == BackgroundJob.Status.DONE and job.done == 2
        assert [row[:2] for row in job.result["rows"]] == [["mot.txt", "Chờ xác nhận"], ["hai.txt", "Lỗi"]]
        pending = ImportedReport.objects.get(status=ImportedReport.Status.PENDING)
        review = self.client.get(reverse("conferences:import_review", args=[pending.pk]))
        assert review.status_code == 200 and 'name="pending"' in review.content.decode()
        self.client.post(CONFIRM, self.confirm_data(review))
        pending.refresh_from_db()
        assert pending.status == ImportedReport.Status.CONFIRMED and pending.conference is not None

    def test_a_pending_report_can_be_discarded_by_its_reader_only(self):
        from capuy.conferences import actions

        pending = actions.stage_report(self.district_staff, REPORT, "", "mot.txt")
        self.login(self.other_ward_staff)
        assert self.client.post(reverse("conferences:import_discard", args=[pending.pk])).status_code == 404
        self.login(self.district_staff)
        assert reverse("conferences:import_discard", args=[pending.pk]) in self.client.get(START).content.decode()
        self.client.post(reverse("conferences:import_discard", args=[pending.pk]))
        assert not ImportedReport.objects.exists()

    def test_staff_of_another_ward_cannot_see_or_undo_an_import(self):
        self.client.post(CONFIRM, self.confirm_data(self.review()))
        imported = ImportedReport.objects.get()
        self.login(self.other_ward_staff)
        assert self.client.get(imported.get_absolute_url()).status_code == 404
        assert self.client.post(reverse("conferences:import_undo", args=[imported.pk])).status_code == 404
