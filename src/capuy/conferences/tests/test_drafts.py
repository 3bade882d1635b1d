"""Drafts with versions, comments anchored to paragraphs, answers and the published summary."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from capuy.conferences.models import Draft, DraftComment
from capuy.conferences.tests.base import ConferenceTestCase

TEXT_1 = "# I. Kết quả\n\nThu ngân sách đạt dự toán.\n\n# II. Nhiệm vụ\n\nĐẩy nhanh giải phóng mặt bằng."
TEXT_2 = "# I. Kết quả\n\nThu ngân sách vượt dự toán.\n\n# II. Nhiệm vụ\n\nĐẩy nhanh giải phóng mặt bằng.\n\nGiải ngân đầu tư công."


class DraftTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        self.invited()
        self.draft = Draft.objects.create(conference=self.conference, kind=Draft.Kind.RESOLUTION,
                                          title="Dự thảo Nghị quyết Hội nghị")
        self.v1 = self.draft.add_version(TEXT_1)

    def comment_url(self):
        return reverse("conferences:comment_add", args=[self.conference.pk, self.draft.pk])

    def test_staff_write_a_draft_in_capuy(self):
        self.login(self.district_staff)
        response = self.client.post(reverse("conferences:draft_create", args=[self.conference.pk]),
                                    {"kind": "bao_cao", "title": "Dự thảo Báo cáo 9 tháng", "text": TEXT_1})
        draft = Draft.objects.get(title="Dự thảo Báo cáo 9 tháng")
        assert response.status_code == 302
        assert draft.latest_version().number == 1 and draft.latest_version().text == TEXT_1

    def test_paragraphs_are_numbered_under_their_section(self):
        paragraphs = self.v1.paragraphs()
        assert [(p["number"], p["section"], p["heading"]) for p in paragraphs] == [
            (1, "I. Kết quả", True), (2, "I. Kết quả", False), (3, "II. Nhiệm vụ", True), (4, "II. Nhiệm vụ", False)]

    def test_a_new_version_shows_what_changed(self):
        v2 = self.draft.add_version(TEXT_2, note="Tiếp thu ý kiến")
        assert v2.number == 2
        rows = v2.diff_from(v2.previous())
        assert ("removed", "Thu ngân sách đạt dự toán.") in rows
        assert ("added", "Thu ngân sách vượt dự toán.") in rows
        assert ("added", "Giải ngân đầu tư công.") in rows
        assert ("same", "# II. Nhiệm vụ") in rows
        self.login(self.committee_member)
        page = self.client.get(reverse("conferences:draft_diff", args=[self.conference.pk, self.draft.pk])).content.decode()
        assert "<ins>Giải ngân đầu tư công.</ins>" in page and "<del>Thu ngân sách đạt dự toán.</del>" in page

    def test_an_invitee_comments_on_a_paragraph_and_the_anchor_is_kept(self):
        self.login(self.committee_member)
        self.client.post(self.comment_url(), {"paragraph": 4, "text": "Đề nghị nêu rõ tiến độ."})
        comment = DraftComment.objects.get()
        assert (comment.author, comment.section, comment.paragraph) == (self.committee_person, "II. Nhiệm vụ", 4)
        assert comment.quote == "Đẩy nhanh giải phóng mặt bằng."
        assert comment.anchor_text == "II. Nhiệm vụ, đoạn 4"

    def test_a_comment_on_a_paragraph_that_does_not_exist_is_refused(self):
        self.login(self.committee_member)
        response = self.client.post(self.comment_url(), {"paragraph": 9, "text": "?"}, follow=True)
        assert "Dự thảo không có đoạn số 9." in response.content.decode()
        assert not DraftComment.objects.exists()

    def test_a_comment_on_a_closed_draft_is_refused_and_changes_nothing(self):
        self.draft.status = Draft.Status.CLOSED
        self.draft.save()
        self.login(self.committee_member)
        response = self.client.post(self.comment_url(), {"text": "Góp ý muộn"}, follow=True)
        assert "Dự thảo đã khóa góp ý." in response.content.decode()
        assert not DraftComment.objects.exists()

    def test_someone_not_invited_cannot_comment(self):
        self.login(self.party_member)
        assert self.client.post(self.comment_url(), {"text": "Góp ý"}).status_code == 404
        assert not DraftComment.objects.exists()

    def test_the_office_answers_each_comment(self):
        comments = [DraftComment.objects.create(draft=self.draft, version=self.v1, author=self.members[i],
                                                text=f"Ý kiến {i}") for i in range(3)]
        self.login(self.district_staff)
        for comment, answer, text in zip(comments, ["accepted", "explained", "rejected"],
                                         ["", "Đã có trong kế hoạch.", "Không phù hợp với chủ trương."], strict=True):
            self.client.post(reverse("conferences:comment_answer", args=[self.conference.pk, self.draft.pk, comment.pk]),
                             {"answer": answer, "answer_text": text})
        assert [c.answer for c in DraftComment.objects.order_by("pk")] == ["accepted", "explained", "rejected"]
        assert self.draft.answer_counts() == {"pending": 0, "accepted": 1, "explained": 1, "rejected": 1}

    def test_an_explanation_needs_its_text(self):
        comment = DraftComment.objects.create(draft=self.draft, version=self.v1, author=self.members[0], text="Ý kiến")
        with self.assertRaisesMessage(ValidationError, "Vui lòng nêu nội dung giải trình"):
            comment.answer_with("explained", "")
        comment.refresh_from_db()
        assert comment.answer == DraftComment.Answer.PENDING

    def test_an_invitee_may_not_answer_comments(self):
        comment = DraftComment.objects.create(draft=self.draft, version=self.v1, author=self.members[0], text="Ý kiến")
        self.login(self.committee_member)
        url = reverse("conferences:comment_answer", args=[self.conference.pk, self.draft.pk, comment.pk])
        assert self.client.post(url, {"answer": "accepted"}).status_code == 403

    def test_the_summary_is_published_only_when_every_comment_is_answered(self):
        comment = DraftComment.objects.create(draft=self.draft, version=self.v1, author=self.committee_person,
                                              text="Bổ sung số liệu")
        publish = reverse("conferences:draft_publish", args=[self.conference.pk, self.draft.pk])
        summary = reverse("conferences:draft_summary", args=[self.conference.pk, self.draft.pk])
        self.login(self.district_staff)
        response = self.client.post(publish, follow=True)
        assert "Còn 1 ý kiến chưa được trả lời." in response.content.decode()
        self.draft.refresh_from_db()
        assert self.draft.summary_published_at is None
        self.login(self.committee_member)
        assert self.client.get(summary).status_code == 404
        comment.answer_with("accepted", "Đã bổ sung.")
        self.login(self.district_staff)
        self.client.post(publish)
        self.login(self.committee_member)
        page = self.client.get(summary).content.decode()
        assert "Tiếp thu (1)" in page and "Bổ sung số liệu" in page and "Đã bổ sung." in page


class UploadedDraftTests(ConferenceTestCase):
    def test_an_uploaded_docx_draft_gets_numbered_paragraphs_for_comments(self):
        import io

        import docx
        from django.core.files.uploadedfile import SimpleUploadedFile

        document = docx.Document()
        document.add_heading("I. Kết quả", level=1)
        document.add_paragraph("Thu ngân sách vượt dự toán.")
        buffer = io.BytesIO()
        document.save(buffer)
        upload = SimpleUploadedFile("du-thao.docx", buffer.getvalue(),
                                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        self.login(self.district_staff)
        self.client.post(reverse("conferences:draft_create", args=[self.conference.pk]),
                         {"kind": "bao_cao", "title": "Dự thảo tải lên", "file": upload})
        version = Draft.objects.get(title="Dự thảo tải lên").latest_version()
        assert version.text == "# I. Kết quả\n\nThu ngân sách vượt dự toán."
        assert version.file.name.endswith(".docx")
        version.file.delete(save=False)
