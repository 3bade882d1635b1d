"""A document recorded after the fact keeps the number written on it (numbering.record_number): capuy states no
number that nobody gave (issue 13)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from capuy.documents.models import Document, NumberCounter
from capuy.documents.tests.helpers import D, DocumentsTestCase, make_document

PAST = D(2021, 3, 12)  # a past conference's day


class WrittenNumberTests(DocumentsTestCase):
    def draft(self, day=PAST):
        """A draft dated ``day``, as a past conference's documents are."""
        document = make_document(self.district, "NQ", signer=self.secretary)
        document.issued_on = day
        document.save()
        return document

    def test_a_past_document_keeps_its_written_number_and_the_register_never_gives_it_again(self):
        document = self.draft().issue(number=12)
        assert document.number_label == "Số 12-NQ/QU" and document.issued_on == D(2021, 3, 12)
        assert self.issue("NQ", day=D(2021, 4, 1)).number == 13  # the register goes on after it

    def test_rules(self):
        today = timezone.localdate()
        cases = [  # (issue date, number, refused with)
            (D(2021, 3, 12), 12, None),
            (D(2021, 3, 12), 1, "đã có văn bản khác"),  # number 1 of the sequence is taken below
            (D(2021, 3, 12), 0, "số nguyên dương"),
            (today, 12, "trước hôm nay"),
            (today + datetime.timedelta(days=3), 12, "trước hôm nay"),
        ]
        self.issue("NQ", day=D(2021, 1, 5))  # Số 01-NQ/QU
        for day, number, refused in cases:
            document = self.draft(day)
            if refused is None:
                assert document.issue(number=number).number == number
                continue
            with pytest.raises(ValidationError) as caught:
                document.issue(number=number)
            assert refused in " ".join(caught.value.messages), (day, number)
            document.refresh_from_db()
            assert document.status == Document.Status.DRAFT and document.number is None

    def test_the_page_records_the_written_number_after_confirming(self):
        document = self.draft()
        self.login(self.district_staff)
        page = self.client.get(document.get_absolute_url())
        self.assertContains(page, 'name="so-van-ban"')
        asked = self.client.post(reverse("documents:issue", args=[document.pk]), {"so-van-ban": "12"})
        self.assertContains(asked, "Văn bản được ghi số 12-NQ/QU như đã ban hành ngày 12/03/2021")
        self.client.post(reverse("documents:issue", args=[document.pk]), {"so-van-ban": "12", "xac-nhan": "1"})
        document.refresh_from_db()
        assert document.number_label == "Số 12-NQ/QU"

    def test_the_page_refuses_what_is_not_a_number_before_asking_and_issues_nothing(self):
        document = self.draft()
        self.login(self.district_staff)
        for written in ("12a", "0", "-3", "99999999999", "²"):
            for confirmed in ({}, {"xac-nhan": "1"}):
                response = self.client.post(reverse("documents:issue", args=[document.pk]),
                                            {"so-van-ban": written, **confirmed}, follow=True)
                self.assertContains(response, "Số văn bản phải là số nguyên dương")
                self.assertNotContains(response, "Xác nhận ban hành văn bản")
        document.refresh_from_db()
        assert document.status == Document.Status.DRAFT and document.number is None
        assert not NumberCounter.objects.exists()

    def test_todays_draft_offers_no_written_number(self):
        document = self.draft(timezone.localdate())
        self.login(self.district_staff)
        self.assertNotContains(self.client.get(document.get_absolute_url()), 'name="so-van-ban"')

    def test_the_api_records_the_written_number_and_refuses_another_ward(self):
        document = self.draft()
        url = f"/api/documents/{document.pk}/issue/"
        self.login(self.other_ward_staff)
        assert self.client.post(url, {"number": 12}, content_type="application/json").status_code == 404
        self.login(self.district_staff)
        response = self.client.post(url, {"number": 12}, content_type="application/json")
        assert response.status_code == 200, response.content
        document.refresh_from_db()
        assert document.number == 12
