"""Issuing a document asks for confirmation and shows the number it will get."""

from django.urls import reverse
from django.utils import timezone

from capuy.documents.models import Document
from capuy.documents.tests.helpers import DocumentsTestCase, make_document


class IssueConfirmationTests(DocumentsTestCase):
    def test_it_shows_the_number_to_be_given_and_issues_nothing(self):
        self.issue("QĐ", title="về việc thành lập tổ công tác", day=timezone.localdate())
        draft = make_document(self.district, "QĐ", title="về việc kiện toàn tổ công tác", signer=self.secretary)
        self.login(self.district_staff)
        response = self.client.post(reverse("documents:issue", args=[draft.pk]))
        self.assertContains(response, "Xác nhận ban hành văn bản")
        self.assertContains(response, "Văn bản sẽ được cấp số 02-QĐ/QU")
        draft.refresh_from_db()
        self.assertEqual(draft.status, Document.Status.DRAFT)
        self.assertIsNone(draft.number)

    def test_the_confirmed_request_issues(self):
        draft = make_document(self.district, "QĐ", title="về việc kiện toàn tổ công tác", signer=self.secretary)
        self.login(self.district_staff)
        self.client.post(reverse("documents:issue", args=[draft.pk]), {"xac-nhan": "1"})
        draft.refresh_from_db()
        self.assertEqual(draft.number_label, "Số 01-QĐ/QU")

    def test_it_refuses_staff_of_another_ward_and_a_party_member(self):
        draft = make_document(self.district, "QĐ", title="về việc kiện toàn tổ công tác", signer=self.secretary)
        for user in (self.other_ward_staff, self.party_member):
            self.login(user)
            self.assertEqual(self.client.post(reverse("documents:issue", args=[draft.pk])).status_code, 404)
        draft.refresh_from_db()
        self.assertEqual(draft.status, Document.Status.DRAFT)
