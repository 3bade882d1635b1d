"""Agenda documents are served only to those who may see the conference."""

import shutil
import tempfile

from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse

from capuy.conferences.models import AgendaAttachment
from capuy.conferences.tests.base import ConferenceTestCase


class AgendaFileTests(ConferenceTestCase):
    def setUp(self):
        super().setUp()
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media)
        override = override_settings(MEDIA_ROOT=media)
        override.enable()
        self.addCleanup(override.disable)
        self.attachment = AgendaAttachment(item=self.conference.agenda_items.get(order=2), title="Báo cáo 9 tháng")
        self.attachment.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        self.attachment.save()
        self.url = reverse("conferences:attachment_file", args=[self.conference.pk, self.attachment.pk])

    def test_an_invitee_downloads_the_agenda_document(self):
        self.invited()
        self.login(self.committee_member)
        response = self.client.get(self.url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4\n"

    def test_it_refuses_staff_of_another_ward(self):
        self.login(self.other_ward_staff)
        assert self.client.get(self.url).status_code == 404

    def test_the_record_page_links_to_the_protected_view(self):
        self.login(self.district_staff)
        text = self.client.get(reverse("conferences:detail", args=[self.conference.pk])).content.decode()
        assert self.url in text and "/media/" not in text

    def test_behind_nginx_the_file_is_handed_over_by_x_accel_redirect_after_the_check(self):
        self.invited()
        self.login(self.committee_member)
        with override_settings(ACCEL_REDIRECT="/_protected/"):
            response = self.client.get(self.url)
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == "/_protected/" + self.attachment.file.name
        assert "bao-cao" in response["Content-Disposition"] and response.content == b""

    def test_behind_nginx_a_refused_user_gets_no_redirect_to_the_file(self):
        self.login(self.other_ward_staff)
        with override_settings(ACCEL_REDIRECT="/_protected/"):
            response = self.client.get(self.url)
        assert response.status_code == 404 and "X-Accel-Redirect" not in response
