"""A member's record (members:detail) costs the same queries however long its history is (each history
entry's content type comes with it; bench/scale.py counted one query per entry)."""

from django.urls import reverse

from capuy.core import listtesting
from capuy.members.tests.base import MembersTestCase


class MemberRecordQueriesTest(MembersTestCase):
    def test_a_long_history_costs_no_more_queries_than_a_short_one(self):
        self.login(self.ward_staff)
        url = reverse("members:detail", args=[self.member.pk])
        self.client.get(url)  # every visit adds a "Xem" entry to the record's history

        def visit_often():
            for _ in range(10):
                self.client.get(url)
        before, after = listtesting.queries_at_two_sizes(self.client, url, visit_often)
        self.assertEqual(before, after)
        self.assertIn("Lịch sử thay đổi", self.client.get(url).content.decode())

    def test_staff_of_another_ward_cannot_open_it(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(reverse("members:detail", args=[self.member.pk])).status_code, 404)
