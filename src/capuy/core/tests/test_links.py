"""Links accept only http(s) and addresses inside capuy; a stored bad link never reaches an href (item 4)."""

from django.template import Context, Template
from django.test import SimpleTestCase

from capuy.conferences.models import AgendaAttachment
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core import links

UNSAFE = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
          "java\nscript:alert(1)", "\x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
          "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.com/a"]
SAFE = ["", "https://thuvienphapluat.vn/van-ban/1", "http://example.com", "/van-ban/12/", "van-ban/12/", "#muc-2",
        "?trang=2", "//example.com/tai-lieu"]


class LinkRuleTests(SimpleTestCase):
    def test_only_web_and_relative_addresses_are_safe(self):
        for value in SAFE:
            with self.subTest(value=value):
                self.assertTrue(links.is_safe(value))
                links.validate_link(value)
        for value in UNSAFE:
            with self.subTest(value=value):
                self.assertFalse(links.is_safe(value))
                with self.assertRaisesMessage(Exception, "http://"):
                    links.validate_link(value)

    def test_the_template_filter_empties_an_unsafe_link(self):
        template = Template('{% load links %}<a href="{{ url|safe_link }}">x</a>')
        self.assertEqual(template.render(Context({"url": "javascript:alert(1)"})), '<a href="">x</a>')
        self.assertEqual(template.render(Context({"url": "/van-ban/1/"})), '<a href="/van-ban/1/">x</a>')


class AttachmentLinkTests(ConferenceTestCase):
    def test_the_agenda_attachment_form_refuses_a_javascript_link(self):
        self.client.force_login(self.district_staff)
        item = self.conference.agenda_items.first()
        url = f"/hoi-nghi/{self.conference.pk}/chuong-trinh/{item.pk}/tai-lieu/"
        response = self.client.post(url, {"title": "Tài liệu", "url": "javascript:alert(document.cookie)"}, follow=True)
        self.assertContains(response, "Liên kết chỉ được là địa chỉ http://")
        self.assertFalse(AgendaAttachment.objects.exists())
        self.client.post(url, {"title": "Tài liệu", "url": "https://example.com/tl.pdf"})
        self.assertEqual(AgendaAttachment.objects.get().url, "https://example.com/tl.pdf")

    def test_a_bad_link_already_stored_is_not_rendered_as_a_link(self):
        item = self.conference.agenda_items.first()
        AgendaAttachment.objects.create(item=item, title="Cũ", url="javascript:alert(1)")
        self.client.force_login(self.district_staff)
        page = self.client.get(f"/hoi-nghi/{self.conference.pk}/").content.decode()
        self.assertIn(">Cũ</a>", page)
        self.assertNotIn("javascript:", page)
