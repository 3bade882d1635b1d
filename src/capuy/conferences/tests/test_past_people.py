"""Correcting who chaired and who attended a conference recorded after the fact (issue 13):
``actions.correct_past_people``, its page and its API."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from capuy.conferences.actions import correct_past_people, record_past_conference
from capuy.conferences.models import Speech
from capuy.conferences.tests.test_past_records import GROUP, PastRecordTestCase
from capuy.core.testing import make_person
from capuy.organizations.models import Title


class PastPeoplePageTests(PastRecordTestCase):
    def page(self, user=None, **data):
        self.login(user or self.ward_staff)
        return self.client.post(reverse("conferences:past_people", args=[self.review.pk]), data)

    def test_the_edit_page_of_a_past_record_links_to_it(self):
        self.login(self.ward_staff)
        response = self.client.get(reverse("conferences:edit", args=[self.review.pk]))
        self.assertContains(response, reverse("conferences:past_people", args=[self.review.pk]))

    def test_an_office_replaces_the_chair_and_the_new_chair_is_listed_as_attending(self):
        response = self.page(chairs=[self.secretary.pk])
        self.assertRedirects(response, self.review.get_absolute_url())
        self.assertEqual(list(self.review.chairs.all()), [self.secretary])
        self.assertTrue(self.review.invitations.filter(person=self.secretary).exists())
        self.review.refresh_from_db()
        self.assertEqual(self.review.chair_title(self.secretary), "Bí thư Quận ủy, Chủ tịch HĐND quận")

    def test_an_office_adds_a_person_and_a_group_and_removes_a_group(self):
        group = self.review.invitations.get(group_name=GROUP)
        response = self.page(chairs=[self.chair.pk], attendees=[self.member_person.pk],
                             groups="Đại diện Ủy ban MTTQ phường", remove=[group.pk])
        self.assertRedirects(response, self.review.get_absolute_url())
        names = sorted(i.attendee_name for i in self.review.invitations.all())
        self.assertEqual(names, sorted(["Đinh Văn Chủ", "Vũ Thị Lan", "Đại diện Ủy ban MTTQ phường"]))
        added = self.review.invitations.get(person=self.member_person)
        self.assertIsNone(added.attendance.arrived_at)  # a past arrival time is not known: never the clock

    def test_a_chair_cannot_be_removed_from_the_attendees_and_nothing_is_saved(self):
        correct_past_people(self.ward_staff, self.review, chairs=[{"person": self.chair}])  # now attending too
        invitation = self.review.invitations.get(person=self.chair)
        response = self.page(chairs=[self.chair.pk], attendees=[self.member_person.pk], remove=[invitation.pk])
        self.assertContains(response, "đồng chí là người chủ trì hội nghị", status_code=400)
        self.assertFalse(self.review.invitations.filter(person=self.member_person).exists())
        self.assertTrue(self.review.invitations.filter(person=self.chair).exists())

    def test_it_refuses_staff_of_another_ward(self):
        self.assertEqual(self.page(self.other_ward_staff, chairs=[]).status_code, 404)
        self.assertEqual(list(self.review.chairs.all()), [self.chair])

    def test_a_live_conference_is_sent_back_with_a_message(self):
        live = self.make_conference()
        self.login(self.district_staff)
        response = self.client.get(reverse("conferences:past_people", args=[live.pk]), follow=True)
        self.assertContains(response, "Chỉ sửa được theo cách này hội nghị ghi lại sau khi họp.")


class PastPeopleActionTests(PastRecordTestCase):
    def test_someone_who_spoke_cannot_be_removed(self):
        past = record_past_conference(self.ward_staff, self.ward, date=datetime.date(2021, 9, 1),
                                      attendees=[{"person": self.member_person}],
                                      speeches=[{"person": self.member_person, "kind": "y_kien", "summary": "Ý kiến"}])
        invitation = past.invitations.get(person=self.member_person)
        with self.assertRaisesMessage(ValidationError, "đồng chí đã phát biểu tại hội nghị"):
            correct_past_people(self.ward_staff, past, remove=[invitation])
        self.assertTrue(Speech.objects.filter(conference=past, speaker=self.member_person).exists())

    def test_a_person_already_attending_is_not_added_twice(self):
        correct_past_people(self.ward_staff, self.review, add=[{"person": self.member_person}])
        with self.assertRaisesMessage(ValidationError, "đã có trong danh sách dự"):
            correct_past_people(self.ward_staff, self.review, add=[{"person": self.member_person}])

    def test_a_chair_keeps_the_title_printed_that_day_when_the_list_is_corrected(self):
        Title.objects.filter(person=self.chair).update(end_date=datetime.date(2024, 1, 1))
        Title.objects.create(person=self.chair, name="Bí thư Quận ủy", organization=self.district)
        correct_past_people(self.ward_staff, self.review, chairs=[{"person": self.chair}],
                            add=[{"group": "Đại diện Hội Cựu chiến binh"}])
        self.review.refresh_from_db()
        self.assertEqual(self.review.chair_titles[str(self.chair.pk)], "Bí thư Đảng ủy phường Quảng An")

    def test_a_live_conference_is_not_corrected_this_way(self):
        with self.assertRaisesMessage(ValidationError, "hội nghị ghi lại sau khi họp"):
            correct_past_people(self.district_staff, self.make_conference(), chairs=[])


class PastPeopleApiTests(PastRecordTestCase):
    def path(self, conference=None):
        return f"/conferences/{(conference or self.review).pk}/past/people/"

    def test_the_api_adds_a_guest_with_the_title_printed_that_day(self):
        guest = make_person("Trịnh Văn Khách", self.district, ["Phó Bí thư Quận ủy"])
        response = self.api("post", self.path(), self.ward_staff,
                            {"add": [{"person_id": guest.pk, "title": "Phó Bí thư Thường trực Quận ủy",
                                      "role": "guest"}]})
        self.assertEqual(response.status_code, 200, response.content)
        invitation = self.review.invitations.get(person=guest)
        self.assertEqual((invitation.role, invitation.guest_title), ("guest", "Phó Bí thư Thường trực Quận ủy"))
        self.assertEqual(list(self.review.chairs.all()), [self.chair])  # chairs left out: unchanged

    def test_an_invitation_of_another_conference_is_refused(self):
        other = record_past_conference(self.ward_staff, self.ward, date=datetime.date(2021, 9, 1),
                                       attendees=[{"group": GROUP}])
        response = self.api("post", self.path(), self.ward_staff, {"remove": [other.invitations.get().pk]})
        self.assertEqual(response.status_code, 400, response.content)
        self.assertIn("Không tìm thấy", response.json()["detail"])
        self.assertTrue(other.invitations.exists())

    def test_a_person_outside_the_clerks_reach_is_refused(self):
        response = self.api("post", self.path(), self.ward_staff,
                            {"add": [{"person_id": self.other_ward_staff.person.pk}]})
        self.assertEqual(response.status_code, 400, response.content)
        self.assertFalse(self.review.invitations.filter(person=self.other_ward_staff.person).exists())

    def test_it_refuses_staff_of_another_ward_and_a_party_member(self):
        for user in (self.other_ward_staff, self.party_member):
            response = self.api("post", self.path(), user, {"chairs": []})
            self.assertIn(response.status_code, (403, 404))
        self.assertEqual(list(self.review.chairs.all()), [self.chair])
