"""The conference actions moved from the views (issue 14): who is refused, what stays, what the API now offers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from capuy.accounts.models import ApiToken
from capuy.conferences import access, actions
from capuy.conferences.models import Attendance, Draft, SpeakerRequest, SpeechKind
from capuy.conferences.tests.base import ConferenceTestCase


class MeetingActionTests(ConferenceTestCase):
    def _invited(self):
        self.conference.invite_body_members()
        self.conference.send_invitations()
        return self.conference.invitations.get(person=self.committee_person)

    def test_the_qr_code_of_an_invitation_is_not_found_for_staff_of_another_ward(self):
        invitation = self._invited()
        with self.assertRaises(Http404):
            actions.check_in_by_token(self.other_ward_staff, invitation.token)
        self.assertFalse(Attendance.objects.filter(invitation=invitation).exists())

    def test_the_office_checks_the_bearer_of_a_qr_code_in_on_any_day(self):
        invitation = self._invited()
        attendance = actions.check_in_by_token(self.district_staff, invitation.token)
        self.assertEqual(attendance.method, Attendance.Method.QR)

    def test_an_invitee_who_checked_in_cannot_be_removed_from_the_list(self):
        invitation = self._invited()
        actions.record_attendance(self.district_staff, self.conference, self.committee_person)
        with self.assertRaisesMessage(ValidationError, actions.INVITEE_RECORDED):
            actions.delete_invitation(self.district_staff, self.conference, invitation)
        self.assertTrue(self.conference.invitations.filter(pk=invitation.pk).exists())

    def test_the_committee_member_cannot_delete_an_agenda_item(self):
        item = self.conference.agenda_items.first()
        with self.assertRaisesMessage(PermissionDenied, access.MANAGE_REFUSED):
            actions.delete_agenda_item(self.committee_member, self.conference, item)

    def test_an_agenda_item_of_another_conference_is_not_found(self):
        other = self.make_conference()
        with self.assertRaises(Http404):
            actions.delete_agenda_item(self.district_staff, self.conference, other.agenda_items.first())

    def test_a_draft_closed_for_comments_refuses_a_comment(self):
        self._invited()
        draft = actions.add_draft(self.district_staff, self.conference, Draft(title="Báo cáo chính trị"), "Đoạn một.")
        actions.toggle_draft_status(self.district_staff, self.conference, draft)
        with self.assertRaisesMessage(ValidationError, actions.DRAFT_CLOSED):
            actions.add_comment(self.committee_member, self.conference, draft, "Bổ sung")

    def test_an_account_without_a_person_cannot_comment(self):
        self.district_staff.person = None
        draft = actions.add_draft(self.district_staff, self.conference, Draft(title="Báo cáo chính trị"), "Đoạn một.")
        with self.assertRaisesMessage(PermissionDenied, actions.NO_PERSON_TO_COMMENT):
            actions.add_comment(self.district_staff, self.conference, draft, "Bổ sung")

    def test_the_api_gives_the_floor_as_the_control_panel_does(self):
        self._invited()
        item = self.conference.agenda_items.first()
        actions.control_conference(self.district_staff, self.conference, "open")
        request = self.conference.register_speaker(item, self.committee_person, SpeechKind.OPINION)
        key = ApiToken.issue(self.district_staff)[1]
        response = self.client.post(f"/api/conferences/{self.conference.pk}/control/",
                                    {"action": "give_floor", "request_id": request.pk},
                                    content_type="application/json", headers={"Authorization": f"Bearer {key}"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(self.conference.speeches.get().speaker, self.committee_person)
        self.assertNotEqual(SpeakerRequest.objects.get(pk=request.pk).status, SpeakerRequest.Status.WAITING)

    def test_a_step_that_needs_an_agenda_item_names_the_field(self):
        with self.assertRaises(ValidationError) as caught:
            actions.control_conference(self.district_staff, self.conference, "goto")
        self.assertEqual(caught.exception.message_dict, {"item": [actions.NO_ITEM]})
