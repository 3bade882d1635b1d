"""E-mail goes through the background queue; each message's delivery is recorded as it really went."""

from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from capuy.core import mail as queued_mail
from capuy.core.models import OutgoingMail
from capuy.core.testing import CapuyTestCase

QUEUED = {"EMAIL_BACKEND": "capuy.core.mail.QueuedEmailBackend",
          "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("Máy chủ thư từ chối kết nối")


@override_settings(**QUEUED)
class QueuedMailTests(CapuyTestCase):
    def test_a_message_waits_in_the_queue_until_the_transaction_commits(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            EmailMessage("Giấy mời", "Nội dung", "capuy@localhost", ["a@capuy.invalid"]).send()
        self.assertEqual(mail.outbox, [])
        record = OutgoingMail.objects.get()
        self.assertEqual((record.status, record.recipients), (OutgoingMail.Status.QUEUED, "a@capuy.invalid"))
        for callback in callbacks:
            callback()
        record.refresh_from_db()
        self.assertEqual(record.status, OutgoingMail.Status.SENT)
        self.assertIsNotNone(record.sent_at)
        self.assertEqual([m.subject for m in mail.outbox], ["Giấy mời"])

    @override_settings(EMAIL_DELIVERY_BACKEND="capuy.core.tests.test_mail_queue.RefusingBackend")
    def test_a_refused_delivery_is_recorded_as_failed_not_sent(self):
        with self.assertLogs("capuy.core.mail", "WARNING"), self.captureOnCommitCallbacks(execute=True):
            EmailMessage("Giấy mời", "Nội dung", "capuy@localhost", ["a@capuy.invalid"]).send()
        record = OutgoingMail.objects.get()
        self.assertEqual(record.status, OutgoingMail.Status.FAILED)
        self.assertIn("từ chối", record.error)
        self.assertIsNone(record.sent_at)

    def test_password_reset_mail_goes_through_the_queue(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/tai-khoan/quen-mat-khau/", {"email": self.party_member.email})
        record = OutgoingMail.objects.get()
        self.assertEqual((record.status, record.subject), (OutgoingMail.Status.SENT, "Đặt lại mật khẩu Cấp ủy số"))
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("/tai-khoan/dat-lai-mat-khau/", mail.outbox[0].body)

    def test_a_tagged_message_announces_its_delivery_only_after_it_went(self):
        heard = []

        def listener(sender, about, **kwargs):
            heard.append(about)

        queued_mail.mail_delivered.connect(listener)
        self.addCleanup(queued_mail.mail_delivered.disconnect, listener)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            queued_mail.send(EmailMessage("Nhắc", "…", "capuy@localhost", ["a@capuy.invalid"]), self.party_member)
        self.assertEqual(heard, [])
        self.assertEqual(OutgoingMail.objects.get().about, f"accounts.user:{self.party_member.pk}")
        for callback in callbacks:
            callback()
        self.assertEqual(heard, [f"accounts.user:{self.party_member.pk}"])

    @override_settings(EMAIL_DELIVERY_BACKEND="capuy.core.tests.test_mail_queue.RefusingBackend")
    def test_a_failed_tagged_message_announces_nothing(self):
        heard = []
        queued_mail.mail_delivered.connect(lambda sender, about, **kw: heard.append(about), weak=False,
                                           dispatch_uid="test-failed")
        self.addCleanup(queued_mail.mail_delivered.disconnect, dispatch_uid="test-failed")
        with self.assertLogs("capuy.core.mail", "WARNING"), self.captureOnCommitCallbacks(execute=True):
            queued_mail.send(EmailMessage("Nhắc", "…", "capuy@localhost", ["a@capuy.invalid"]), self.party_member)
        self.assertEqual(heard, [])
