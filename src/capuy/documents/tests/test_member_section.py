"""The member's page lists the documents assigned to them to read."""

import datetime

from django.urls import reverse
from django.utils import timezone

from capuy.documents.models import StudyAssignment
from capuy.documents.tests.helpers import DocumentsTestCase


class MemberSectionTests(DocumentsTestCase):
    def test_my_page_lists_the_documents_to_read_with_their_deadline(self):
        document = self.issue("NQ", title="về xây dựng Đảng năm 2024")
        deadline = timezone.localdate() + datetime.timedelta(days=10)
        StudyAssignment.assign(document, [self.ward], deadline)
        self.login(self.party_member)
        page = self.client.get(reverse("members:me"))
        self.assertContains(page, "Văn bản được giao đọc, học tập")
        self.assertContains(page, "về xây dựng Đảng năm 2024")
        self.assertContains(page, f"hạn {deadline:%d/%m/%Y}")
        self.assertContains(page, reverse("documents:my_study"))

    def test_a_member_of_another_ward_does_not_see_it(self):
        document = self.issue("NQ", title="về xây dựng Đảng năm 2024")
        StudyAssignment.assign(document, [self.other_ward], timezone.localdate())
        self.login(self.party_member)
        self.assertNotContains(self.client.get(reverse("members:me")), "về xây dựng Đảng năm 2024")
