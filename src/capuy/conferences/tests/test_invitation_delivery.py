"""Truthful delivery per invitee: e-mailed only when the mail server took it; paper for those without e-mail."""

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from capuy.conferences import delivery
from capuy.conferences.tests.base import ConferenceTestCase
from capuy.core.models import OutgoingMail

QUEUED = {"EMAIL_BACKEND": "capuy.core.mail.QueuedEmailBackend",
          "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


@override_settings(**QUEUED)
class DeliveryTests(ConferenceTestCase):
    def send(self):
        self.conference.invite_body_members()
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.conference.send_invitations()
        return callbacks

    def statuses(self):
        invitations = list(self.conference.invitations.select_related("person", "person__user"))
        delivery.annotate(invitations)
        return {i.attendee_name: i.delivery for i in invitations}

    def test_only_invitees_whose_mail_was_accepted_show_as_mailed(self):
        callbacks = self.send()
        for callback in callbacks:
            callback()
        statuses = self.statuses()
        mailed = [name for name, d in statuses.items() if d.status == delivery.SENT]
        paper = [name for name, d in statuses.items() if d.status == delivery.PAPER]
        assert len(mailed) == len(mail.outbox) == 1
        assert len(paper) == len(statuses) - 1
        assert statuses[mailed[0]].label == "Đã gửi thư"
        assert statuses[paper[0]].label == "Chưa có e-mail — cần in giấy mời"

    def test_a_mail_still_in_the_queue_is_not_shown_as_mailed(self):
        self.send()  # the worker has not run
        assert delivery.SENT not in {d.status for d in self.statuses().values()}
        assert delivery.QUEUED in {d.status for d in self.statuses().values()}

    def test_a_refused_mail_shows_the_error_with_its_reason(self):
        self.send()
        OutgoingMail.objects.update(status=OutgoingMail.Status.FAILED, error="550 Không có hộp thư này")
        failed = [d for d in self.statuses().values() if d.status == delivery.FAILED]
        assert len(failed) == 1 and failed[0].label == "Gửi lỗi" and failed[0].reason == "550 Không có hộp thư này"

    def test_the_preparation_page_shows_the_count_per_status(self):
        callbacks = self.send()
        for callback in callbacks:
            callback()
        self.login(self.district_staff)
        page = self.client.get(reverse("conferences:prepare", args=[self.conference.pk])).content.decode()
        n = self.conference.invitations.count()
        assert "Đã gửi thư</span>: <strong>1</strong>" in page
        assert f"Chưa có e-mail — cần in giấy mời</span>: <strong>{n - 1}</strong>" in page
        assert "đã gửi</span>" not in page.lower().replace("đã gửi thư</span>", "")
