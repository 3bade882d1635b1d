from capuy.core.testing import CapuyTestCase


class Smoke(CapuyTestCase):
    def test_pages(self):
        self.login(self.district_staff)
        for url in ["/", "/to-chuc/", f"/to-chuc/{self.district.pk}/", f"/to-chuc/co-quan/{self.bch.pk}/",
                    f"/to-chuc/nhan-su/{self.secretary.pk}/", "/to-chuc/tim-kiem/?q=tay+ho",
                    f"/to-chuc/{self.district.pk}/sua/", f"/to-chuc/{self.district.pk}/nhan-su/them/",
                    "/api/openapi.json", "/api/organizations/", "/tai-khoan/doi-mat-khau/"]:
            r = self.client.get(url)
            assert r.status_code == 200, (url, r.status_code, r.content[:500])
