"""The task form's responsible leader and lead organization are searched, within the clerk's subtree,
instead of a <select> holding every person of every organization."""

from django.urls import reverse

from capuy.core.testing import CapuyTestCase


class ResponsibleChooserTest(CapuyTestCase):
    def test_the_form_carries_no_list_of_people(self):
        self.login(self.ward_staff)
        content = self.client.get(reverse("tasks:create", args=[self.ward.pk])).content.decode()
        self.assertIn("data-chooser", content)
        self.assertIn(reverse("organizations:choose_person"), content)
        self.assertNotIn("Vũ Thị Lan", content)
        self.assertNotIn("Bùi Văn Nam", content)

    def test_a_leader_of_another_ward_typed_by_hand_is_refused(self):
        self.login(self.ward_staff)
        response = self.client.post(reverse("tasks:create", args=[self.ward.pk]), {
            "title": "Rà soát hồ sơ", "content": "", "source_kind": "other", "lead_organization": self.ward.pk,
            "responsible": self.other_ward_staff.person_id, "start_date": "2024-01-01", "deadline": "2024-12-31",
            "priority": "normal"})
        self.assertIn(response.status_code, (200, 400))
        self.assertIn("responsible", response.context["form"].errors)

    def test_the_chosen_leader_is_shown_by_name_when_the_form_comes_back(self):
        self.login(self.ward_staff)
        response = self.client.post(reverse("tasks:create", args=[self.ward.pk]), {
            "title": "", "lead_organization": self.ward.pk, "responsible": self.member_person.pk})
        self.assertIn('value="Vũ Thị Lan"', response.content.decode())
