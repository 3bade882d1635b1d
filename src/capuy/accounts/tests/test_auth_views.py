from django.core import mail

from capuy.core.testing import PASSWORD, CapuyTestCase


class AuthViewTests(CapuyTestCase):
    def test_log_in_and_out(self):
        response = self.client.post("/tai-khoan/dang-nhap/", {"username": "vanphong.tayho", "password": PASSWORD})
        assert response.status_code == 302
        assert "Hoàng Minh Tâm" in self.client.get("/").content.decode()
        self.client.post("/tai-khoan/dang-xuat/")
        assert "Đăng nhập" in self.client.get("/").content.decode()

    def test_a_wrong_password_is_refused_in_vietnamese(self):
        response = self.client.post("/tai-khoan/dang-nhap/", {"username": "vanphong.tayho", "password": "sai"})
        assert response.status_code == 200
        assert "mật khẩu chính xác" in response.content.decode()

    def test_password_change(self):
        self.login(self.party_member)
        response = self.client.post("/tai-khoan/doi-mat-khau/", {
            "old_password": PASSWORD, "new_password1": "Hoa-sen-2026!", "new_password2": "Hoa-sen-2026!"})
        assert response.status_code == 302
        self.party_member.refresh_from_db()
        assert self.party_member.check_password("Hoa-sen-2026!")

    def test_password_reset_sends_a_vietnamese_mail(self):
        self.client.post("/tai-khoan/quen-mat-khau/", {"email": "dangvien.lan@capuy.invalid"})
        assert len(mail.outbox) == 1
        assert mail.outbox[0].subject == "Đặt lại mật khẩu Cấp ủy số"
        assert "/tai-khoan/dat-lai-mat-khau/" in mail.outbox[0].body
