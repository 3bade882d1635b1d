"""Wording fixes of issue 17: no doubled words, no English label, no markup in a tab title."""

import datetime
import re

from django.urls import reverse

from capuy.core.testing import CapuyTestCase
from capuy.members.models import Commendation, strip_number_word
from capuy.organizations.models import Body


class WordingTests(CapuyTestCase):
    def test_a_decision_number_is_stored_without_the_word_so(self):
        self.assertEqual(strip_number_word("Số 1302-QĐ/QU"), "1302-QĐ/QU")
        self.assertEqual(strip_number_word("số: 15/QĐ"), "15/QĐ")
        self.assertEqual(strip_number_word("1302-QĐ/QU"), "1302-QĐ/QU")
        commendation = Commendation.objects.create(
            form=Commendation.Form.CERTIFICATE, person=self.member_person, issuer="Ban Thường vụ Quận ủy",
            decision_number="Số 1302-QĐ/QU", decision_date=datetime.date(2023, 9, 2))
        self.assertEqual(commendation.decision_number, "1302-QĐ/QU")
        self.login(self.ward_staff)
        page = self.client.get(reverse("members:detail", args=[self.member_person.party_member.pk]))
        self.assertContains(page, "quyết định số 1302-QĐ/QU")
        self.assertNotContains(page, "số Số")

    def test_a_draft_document_says_du_thao_once(self):
        from capuy.documents.tests.helpers import make_document

        draft = make_document(self.district, "NQ", title="về công tác cán bộ", signer=self.secretary)
        self.login(self.district_staff)
        page = self.client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
        self.assertEqual(page.count(">Dự thảo<"), 1)

    def test_forms_label_term_and_person_in_vietnamese(self):
        self.login(self.district_staff)
        body_page = self.client.get(reverse("organizations:body_create", args=[self.district.pk]))
        self.assertContains(body_page, "Nhiệm kỳ")
        self.assertNotContains(body_page, "Term:")
        membership_page = self.client.get(reverse("organizations:membership_create", args=[self.bch.pk]))
        self.assertContains(membership_page, "Nhân sự")
        self.assertNotContains(membership_page, "Person:")
        self.assertEqual(Body.objects.count(), 1)

    def test_the_newsroom_tab_title_is_plain_text(self):
        self.login(self.district_staff)
        page = self.client.get(reverse("portal:editor_list")).content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        self.assertEqual(title.strip(), "Quản lý tin bài – Cấp ủy số")
