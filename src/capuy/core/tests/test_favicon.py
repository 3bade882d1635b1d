from capuy.core.testing import CapuyTestCase


class FaviconTests(CapuyTestCase):
    def test_favicon_ico_leads_to_the_icon_that_pages_link(self):
        response = self.client.get("/favicon.ico")
        assert response.status_code == 301 and response["Location"].endswith(".svg")
        icon = self.client.get(response["Location"])
        assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)
        page = self.client.get("/tin-tuc/").content.decode()
        assert f'<link rel="icon" href="{response["Location"]}"' in page
