"""The office adds and edits one member from a page, with any status; bad input changes nothing."""

from django.urls import reverse

from capuy.core.testing import CapuyTestCase
from capuy.members.models import PartyMember, Status
from capuy.organizations.models import Person


class MemberFormTests(CapuyTestCase):
    def data(self, **extra):
        data = {"full_name": "Hà Văn Tú", "gender": "nam", "birth_date": "1980-03-02", "email": "",
                "phone": "0912345678", "cell": self.cell.pk, "card_number": "01000900",
                "admission_date": "2005-05-19", "official_date": "2006-05-19", "status": "", "status_date": "",
                "decision": ""}
        data.update(extra)
        return data

    def create(self, **extra):
        return self.client.post(reverse("members:create", args=[self.ward.pk]), self.data(**extra))

    def test_the_office_adds_a_member(self):
        self.login(self.ward_staff)
        self.assertContains(self.client.get(reverse("members:create", args=[self.ward.pk])), "Bị khởi tố, truy tố, tạm giam")
        response = self.create()
        member = PartyMember.objects.get(card_number="01000900")
        self.assertRedirects(response, member.get_absolute_url())
        self.assertEqual(member.person.organization, self.cell)
        self.assertEqual(member.status, Status.OFFICIAL)

    def test_a_member_under_prosecution_is_added_with_the_dated_status(self):
        self.login(self.ward_staff)
        self.create(status="prosecuted", status_date="2024-02-01", decision="15/QĐ-KTĐ")
        member = PartyMember.objects.get(card_number="01000900")
        self.assertEqual(member.status, Status.PROSECUTED)
        self.assertTrue(member.prosecuted)
        change = member.status_changes.get()
        self.assertEqual((str(change.date), change.decision), ("2024-02-01", "15/QĐ-KTĐ"))

    def test_bad_input_is_refused_kept_and_saves_nothing(self):
        self.login(self.ward_staff)
        response = self.create(official_date="2004-01-01", full_name="Hà Văn Tú")
        self.assertContains(response, "Ngày chính thức không được trước ngày vào Đảng.", status_code=400)
        self.assertContains(response, 'value="Hà Văn Tú"', status_code=400)
        response = self.create(status="prosecuted")
        self.assertContains(response, "Vui lòng nhập ngày bắt đầu của trạng thái.", status_code=400)
        response = self.create(card_number="01000100")  # Vũ Thị Lan's card
        self.assertContains(response, "Số thẻ đảng viên này đã được dùng", status_code=400)
        response = self.create(birth_date="2010-05-05", admission_date="2000-01-01", official_date="")  # a new person
        self.assertContains(response, "Ngày vào Đảng phải sau ngày sinh.", status_code=400)
        response = self.create(birth_date="1990-05-05", admission_date="2007-01-01", official_date="")
        self.assertContains(response, "chưa đủ 18 tuổi", status_code=400)
        response = self.create(card_number="abc")
        self.assertContains(response, "Số thẻ đảng viên chỉ gồm chữ số", status_code=400)
        self.assertFalse(Person.objects.filter(full_name="Hà Văn Tú").exists())

    def test_a_cell_of_another_ward_is_refused(self):
        self.login(self.ward_staff)
        response = self.create(cell=self.other_cell.pk)
        self.assertContains(response, "Chi bộ không thuộc tổ chức của đồng chí.", status_code=400)
        self.assertFalse(Person.objects.filter(full_name="Hà Văn Tú").exists())

    def test_the_office_edits_a_member(self):
        member = self.member_person.party_member
        self.login(self.ward_staff)
        url = reverse("members:edit", args=[member.pk])
        self.assertContains(self.client.get(url), 'value="Vũ Thị Lan"')
        self.client.post(url, self.data(full_name="Vũ Thị Lan", card_number="01000100", email="lan@capuy.invalid"))
        member.refresh_from_db()
        self.assertEqual(member.person.email, "lan@capuy.invalid")
        self.assertEqual(member.person.birth_date.year, 1980)

    def test_it_refuses_staff_of_another_ward_a_party_member_and_anonymous(self):
        member = self.member_person.party_member
        for user in (self.other_ward_staff, self.party_member):
            self.login(user)
            self.assertIn(self.create().status_code, (403, 404))
            self.assertIn(self.client.post(reverse("members:edit", args=[member.pk]),
                                           self.data(full_name="Đổi Tên")).status_code, (403, 404))
        self.client.logout()
        self.assertEqual(self.create().status_code, 302)
        self.assertFalse(Person.objects.filter(full_name__in=["Hà Văn Tú", "Đổi Tên"]).exists())
