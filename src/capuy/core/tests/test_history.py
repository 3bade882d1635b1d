"""The history of changes: who changed what, from where, append-only and chained by hashes."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from capuy.accounts.models import ApiToken
from capuy.core.history import entries_for
from capuy.core.models import AppendOnlyError, HistoryEntry
from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Person


def verify() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_history", stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, err.getvalue()
    return 0, out.getvalue()


def raw(sql, params=()):
    """Edit the history table directly, as someone holding the database would (triggers removed first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_historyentry DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_historyentry_no_update")
        cursor.execute(sql, params)


class HistoryRecordsChangesTests(CapuyTestCase):
    def test_a_change_made_on_a_page_records_who_from_where_and_before_and_after(self):
        person = self.member_person
        self.client.force_login(self.district_staff)
        response = self.client.post(reverse("organizations:person_edit", args=[person.pk]), {
            "full_name": "Vũ Thị Lan Anh", "gender": person.gender or "", "email": "", "phone": "", "titles": ""},
            REMOTE_ADDR="10.1.2.3")
        self.assertEqual(response.status_code, 302)
        entry = entries_for(person).filter(action=HistoryEntry.Action.UPDATE).first()
        self.assertEqual(entry.actor, self.district_staff)
        self.assertEqual((entry.channel, entry.remote_addr), ("web", "10.1.2.3"))
        self.assertEqual(entry.changes["full_name"], ["Vũ Thị Lan", "Vũ Thị Lan Anh"])

    def test_a_change_made_through_the_api_names_the_tokens_user(self):
        _, key = ApiToken.issue(self.district_staff)
        response = self.client.patch(f"/api/people/{self.member_person.pk}/", {"phone": "0912345678"},
                                     content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
        self.assertEqual(response.status_code, 200, response.content)
        entry = entries_for(self.member_person).filter(action=HistoryEntry.Action.UPDATE).first()
        self.assertEqual((entry.actor, entry.channel), (self.district_staff, "api"))
        self.assertEqual(entry.changes["phone"][1], "0912345678")

    def test_reading_a_members_file_is_recorded(self):
        member = self.member_person.party_member
        self.client.force_login(self.district_staff)
        self.assertEqual(self.client.get(member.get_absolute_url()).status_code, 200)
        access = entries_for(member).filter(action=HistoryEntry.Action.ACCESS).get()
        self.assertEqual(access.actor, self.district_staff)

    def test_the_record_page_shows_its_history_to_those_who_may_read_it(self):
        self.client.force_login(self.district_staff)
        url = reverse("organizations:person", args=[self.member_person.pk])
        response = self.client.get(url)
        self.assertContains(response, "Lịch sử thay đổi")
        self.assertContains(response, f'hx-get="{url}?lich-su=1" hx-trigger="toggle once"')
        self.assertNotContains(response, "<td>Tạo</td>")  # the entries come when the block is opened
        fragment = self.client.get(f"{url}?lich-su=1", headers={"HX-Request": "true"})
        self.assertContains(fragment, "<td>Tạo</td>")
        self.assertNotContains(fragment, "<html")
        page = self.client.get(f"{url}?lich-su=1")  # without JavaScript: a page of its own
        self.assertContains(page, "<html")
        self.assertContains(page, "<td>Tạo</td>")

    def test_every_record_page_with_a_history_answers_it_alone(self):
        self.client.force_login(self.district_staff)
        pages = [reverse("organizations:person", args=[self.member_person.pk]),
                 reverse("organizations:detail", args=[self.ward.pk]),
                 reverse("members:detail", args=[self.member_person.party_member.pk])]
        for url in pages:
            with self.subTest(url=url):
                fragment = self.client.get(f"{url}?lich-su=1", headers={"HX-Request": "true"})
                self.assertContains(fragment, "<thead>")
                self.assertNotContains(fragment, "<html")

    def test_it_refuses_the_history_alone_to_staff_of_another_ward(self):
        self.client.force_login(self.other_ward_staff)
        for url in (reverse("organizations:person", args=[self.member_person.pk]),
                    reverse("members:detail", args=[self.member_person.party_member.pk])):
            response = self.client.get(f"{url}?lich-su=1", headers={"HX-Request": "true"})
            self.assertEqual(response.status_code, 404)
            self.assertNotContains(response, "<thead>", status_code=404)

    def test_the_history_shows_no_internal_ids_related_lists_or_none(self):
        self.client.force_login(self.district_staff)
        response = self.client.get(reverse("organizations:person", args=[self.member_person.pk]) + "?lich-su=1",
                                   headers={"HX-Request": "true"})
        history = response.content.decode()
        for internal in ("None", ".None", "<strong>ID</strong>", "<strong>id</strong>"):
            self.assertNotIn(internal, history)
        entry = HistoryEntry.objects.filter(object_pk=str(self.member_person.pk)).order_by("sequence").first()
        assert entry.shown_changes and all(after for _, _, after in entry.shown_changes)

    def test_it_refuses_the_history_of_a_person_to_staff_of_another_ward(self):
        self.client.force_login(self.other_ward_staff)
        response = self.client.get(reverse("organizations:person", args=[self.member_person.pk]))
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Lịch sử thay đổi", status_code=404)

    def test_user_passwords_and_token_keys_never_enter_the_history(self):
        self.district_staff.set_password("mot-mat-khau-moi-2026")
        self.district_staff.save()
        ApiToken.issue(self.district_staff)
        for entry in HistoryEntry.objects.all():
            self.assertNotIn("password", entry.changes or {})
            self.assertNotIn("key", entry.changes or {})


class HistoryIsAppendOnlyTests(CapuyTestCase):
    def test_nobody_can_change_or_delete_an_entry_through_capuy(self):
        entry = HistoryEntry.objects.first()
        entry.object_repr = "sửa"
        for attempt in (entry.save, entry.delete, HistoryEntry.objects.all().delete,
                        lambda: HistoryEntry.objects.update(object_repr="x")):
            with self.subTest(attempt=attempt), pytest.raises(AppendOnlyError):
                attempt()

    def test_the_database_refuses_an_update_of_an_entry(self):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE core_historyentry SET object_repr = 'x'")

    def test_an_administrator_cannot_delete_history_in_the_admin(self):
        self.admin.is_staff = True
        self.admin.save()
        self.client.force_login(self.admin)
        entry = HistoryEntry.objects.first()
        response = self.client.post(reverse("admin:core_historyentry_delete", args=[entry.pk]), {"post": "yes"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(HistoryEntry.objects.filter(pk=entry.pk).exists())


class VerifyHistoryTests(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(3):
            Person.objects.create(full_name=f"Người thử {i}", organization=cls.ward)

    def sequences(self):
        return list(HistoryEntry.objects.order_by("sequence").values_list("sequence", flat=True))

    def test_it_exits_0_when_the_chain_is_whole(self):
        code, output = verify()
        self.assertEqual(code, 0, output)
        self.assertIn(f"{len(self.sequences())} mục", output)

    def test_it_names_an_entry_altered_in_the_database(self):
        target = self.sequences()[4]
        raw("UPDATE core_historyentry SET object_repr = 'Người khác' WHERE sequence = %s", [target])
        code, message = verify()
        self.assertEqual(code, 1)
        self.assertIn(f"Mục số {target}:", message)
        self.assertIn("bị sửa", message)

    def test_it_names_the_place_of_an_entry_removed_in_the_database(self):
        removed = self.sequences()[4]
        raw("DELETE FROM core_historyentry WHERE sequence = %s", [removed])
        code, message = verify()
        self.assertEqual(code, 1)
        self.assertIn(f"Mục số {removed + 1}: thiếu mục số {removed}", message)

    def test_it_names_entries_swapped_in_the_database(self):
        a, b = self.sequences()[2:4]
        raw("UPDATE core_historyentry SET sequence = -1 WHERE sequence = %s", [a])
        raw("UPDATE core_historyentry SET sequence = %s WHERE sequence = %s", [a, b])
        raw("UPDATE core_historyentry SET sequence = %s WHERE sequence = -1", [b])
        code, message = verify()
        self.assertEqual(code, 1)
        self.assertIn(f"Mục số {a}:", message)

    def test_it_notices_that_the_newest_entry_was_removed(self):
        last = self.sequences()[-1]
        raw("DELETE FROM core_historyentry WHERE sequence = %s", [last])
        code, message = verify()
        self.assertEqual(code, 1)
        self.assertIn("mới nhất đã bị xóa", message)
