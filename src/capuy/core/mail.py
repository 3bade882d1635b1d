"""E-mail through the background queue: a request never waits for the mail server.

``settings.EMAIL_BACKEND`` is :class:`QueuedEmailBackend`: each message gets an :class:`OutgoingMail` row
and a queued task that delivers it with ``settings.EMAIL_DELIVERY_BACKEND`` (SMTP, or the console) and
records truthfully whether it went. Code that keeps its own delivery status tags a message with
``about(message, instance)`` and listens to :data:`mail_delivered` (sent only after a real delivery).
"""

import copy
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.dispatch import Signal
from django.utils import timezone

from capuy.core.jobs import enqueue
from capuy.core.models import OutgoingMail

logger = logging.getLogger(__name__)

# Sent with ``about`` ("app.model:id") once a tagged message has been handed to the mail server.
mail_delivered = Signal()


def about(message, instance):
    """Tag ``message`` with the record it reports on (a task notification, an invitation)."""
    message.capuy_about = f"{instance._meta.label_lower}:{instance.pk}"
    return message


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            record = OutgoingMail.objects.create(subject=str(message.subject)[:300], recipients="\n".join(recipients),
                                                 about=getattr(message, "capuy_about", "")[:100])
            queued = copy.copy(message)
            queued.connection = None  # the worker opens its own connection to the mail server
            enqueue("capuy.core.mail.deliver", record.pk, queued)
            count += 1
        return count


def deliver(mail_id: int, message):
    """The worker's side: hand one message to the mail server and record the outcome."""
    record = OutgoingMail.objects.filter(pk=mail_id).first()
    if record is None or record.status == OutgoingMail.Status.SENT:
        return
    try:
        sent = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False).send_messages([message])
    except Exception as exc:
        logger.warning("E-mail %s not delivered: %s", mail_id, exc)
        OutgoingMail.objects.filter(pk=mail_id).update(status=OutgoingMail.Status.FAILED, error=str(exc)[:2000])
        return
    if not sent:
        OutgoingMail.objects.filter(pk=mail_id).update(status=OutgoingMail.Status.FAILED,
                                                       error="Máy chủ thư không nhận thư này.")
        return
    OutgoingMail.objects.filter(pk=mail_id).update(status=OutgoingMail.Status.SENT, sent_at=timezone.now(), error="")
    if record.about:
        mail_delivered.send(sender=OutgoingMail, about=record.about, mail=record)


def send(message, instance=None) -> bool:
    """Send ``message`` about ``instance`` through the configured backend; True when it was accepted.

    With the queue (production) ``mail_delivered`` follows once the worker has delivered it; with a direct
    backend (tests' outbox, a developer's console) it is sent at once, here.
    """
    if instance is not None:
        about(message, instance)
    connection = get_connection(fail_silently=True)
    accepted = bool(connection.send_messages([message]))
    if accepted and instance is not None and not isinstance(connection, QueuedEmailBackend):
        mail_delivered.send(sender=OutgoingMail, about=message.capuy_about, mail=None)
    return accepted


def about_id(label: str, about_value: str) -> int | None:
    """The id in ``about_value`` ("tasks.notification:12") when it names a record of ``label``."""
    prefix = f"{label}:"
    if about_value.startswith(prefix) and about_value[len(prefix):].isdigit():
        return int(about_value[len(prefix):])
    return None
