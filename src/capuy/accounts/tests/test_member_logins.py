"""An office creates member logins for its subtree (activation by e-mail or a printed slip)."""

from django.core import mail
from django.urls import reverse

from capuy.accounts.models import Role, User
from capuy.core.testing import CapuyTestCase, make_person


class MemberLoginsTest(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.with_mail = make_person("Đặng Văn Hùng", cls.cell, card="01000200")
        cls.with_mail.email = "hung@capuy.invalid"
        cls.with_mail.save()
        cls.without_mail = make_person("Lý Thị Mai", cls.cell, card="01000201")
        cls.elsewhere = make_person("Trịnh Văn Khoa", cls.other_cell, card="01000202")
        cls.url = reverse("accounts:logins", args=[cls.ward.pk])

    def post(self, ids, delivery="thu"):
        return self.client.post(self.url, {"chon": [str(i) for i in ids], "delivery": delivery})

    def test_the_page_lists_members_of_the_subtree_without_login(self):
        self.login(self.ward_staff)
        response = self.client.get(self.url)
        self.assertContains(response, "Đặng Văn Hùng")
        self.assertContains(response, "Lý Thị Mai")
        self.assertNotContains(response, "Trịnh Văn Khoa")

    def test_it_creates_a_login_and_mails_the_activation_link(self):
        self.login(self.ward_staff)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post([self.with_mail.pk])
        self.assertRedirects(response, self.url)
        login = User.objects.get(person=self.with_mail)
        self.assertEqual(login.username, "hung.dv")
        self.assertFalse(login.has_usable_password())
        self.assertTrue(login.grants.filter(role=Role.MEMBER, organization=self.cell).exists())
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("/tai-khoan/dat-lai-mat-khau/", mail.outbox[0].body)
        self.assertEqual(mail.outbox[0].to, ["hung@capuy.invalid"])

    def test_the_activation_link_lets_the_member_choose_a_password(self):
        self.login(self.ward_staff)
        response = self.post([self.without_mail.pk], delivery="phieu")
        self.assertContains(response, "Phiếu kích hoạt tài khoản")
        self.assertContains(response, "<svg")
        link = response.context["slips"][0]["link"]
        self.client.logout()
        page = self.client.get(link, follow=True)
        form_url = page.redirect_chain[-1][0]
        self.client.post(form_url, {"new_password1": "Mot-mat-khau-dai-2026", "new_password2": "Mot-mat-khau-dai-2026"})
        self.assertTrue(User.objects.get(person=self.without_mail).check_password("Mot-mat-khau-dai-2026"))

    def test_mail_without_address_is_refused_and_nothing_is_created(self):
        self.login(self.ward_staff)
        response = self.post([self.with_mail.pk, self.without_mail.pk])
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Chưa có địa chỉ thư điện tử của: Lý Thị Mai", status_code=400)
        self.assertContains(response, f'value="{self.with_mail.pk}" id="chon-{self.with_mail.pk}" checked',
                            status_code=400)
        self.assertFalse(User.objects.filter(person__in=[self.with_mail, self.without_mail]).exists())

    def test_a_person_outside_the_subtree_is_refused_by_id(self):
        self.login(self.ward_staff)
        response = self.post([self.with_mail.pk, self.elsewhere.pk], delivery="phieu")
        self.assertContains(response, "Không tìm thấy nhân sự", status_code=400)
        self.assertFalse(User.objects.filter(person__in=[self.with_mail, self.elsewhere]).exists())

    def test_nothing_chosen_is_refused(self):
        self.login(self.ward_staff)
        self.assertContains(self.post([]), "Chọn ít nhất một đảng viên.", status_code=400)

    def test_a_district_office_manages_the_wards_below(self):
        self.login(self.district_staff)
        self.post([self.without_mail.pk], delivery="phieu")
        self.assertTrue(User.objects.filter(person=self.without_mail).exists())

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.post([self.without_mail.pk], delivery="phieu").status_code, 404)
        self.assertFalse(User.objects.filter(person=self.without_mail).exists())

    def test_it_refuses_a_party_member(self):
        self.login(self.party_member)
        self.assertEqual(self.post([self.without_mail.pk], delivery="phieu").status_code, 404)
        self.assertFalse(User.objects.filter(person=self.without_mail).exists())

    def test_it_refuses_a_committee_member_who_only_reads(self):
        self.login(self.committee_member)
        self.assertEqual(self.post([self.without_mail.pk], delivery="phieu").status_code, 403)

    def test_it_sends_an_anonymous_visitor_to_the_login_page(self):
        response = self.post([self.without_mail.pk], delivery="phieu")
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])
        self.assertFalse(User.objects.filter(person=self.without_mail).exists())
