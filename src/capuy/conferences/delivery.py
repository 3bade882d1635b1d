"""What became of each invitation: e-mailed, waiting, failed, or to be printed on paper (issue 17).

The conference marks every invitee "sent" when the office presses "Gửi giấy mời", but only those with an
address get an e-mail, and the mail server may refuse it. The truth per invitee is read from the mail queue
(:class:`capuy.core.models.OutgoingMail`, one record per invitation, see ``capuy.core.mail``).
"""

from dataclasses import dataclass

from capuy.core.models import OutgoingMail

NOT_SENT, PAPER, QUEUED, SENT, FAILED, UNKNOWN = "chua_gui", "can_in", "cho_gui", "da_gui", "loi", "chua_ro"
LABELS = {
    NOT_SENT: "Chưa gửi",
    PAPER: "Chưa có e-mail — cần in giấy mời",
    QUEUED: "Đang chờ gửi thư",
    SENT: "Đã gửi thư",
    FAILED: "Gửi lỗi",
    UNKNOWN: "Chưa rõ (không có bản ghi thư)",
}
ORDER = (SENT, QUEUED, FAILED, PAPER, UNKNOWN, NOT_SENT)


@dataclass(frozen=True)
class Delivery:
    status: str
    reason: str = ""
    at: object = None

    @property
    def label(self) -> str:
        return LABELS[self.status]


def address(invitation) -> str:
    """The invitee's e-mail: the person's own, else the address of their login; a group has none."""
    person = invitation.person
    if person is None:
        return ""
    return person.email or getattr(getattr(person, "user", None), "email", "") or ""


def delivery(invitation, mail: OutgoingMail | None) -> Delivery:
    """The delivery of one invitation given the last mail recorded about it.

    "Đã gửi thư" only when the mail server accepted the message (``OutgoingMail.Status.SENT``).
    """
    if mail is not None:
        if mail.status == OutgoingMail.Status.SENT:
            return Delivery(SENT, at=mail.sent_at)
        if mail.status == OutgoingMail.Status.FAILED:
            return Delivery(FAILED, reason=mail.error or "Máy chủ thư không nhận thư này.")
        return Delivery(QUEUED)
    if not address(invitation):
        return Delivery(PAPER)
    if invitation.sent_at is None:
        return Delivery(NOT_SENT)
    return Delivery(UNKNOWN)


def annotate(invitations) -> dict[str, int]:
    """Set ``.mail`` and ``.delivery`` on each invitation; return the count per status (in ``ORDER``)."""
    invitations = list(invitations)
    mails = OutgoingMail.latest_for(invitations)
    counts = dict.fromkeys(ORDER, 0)
    for invitation in invitations:
        invitation.mail = mails.get(invitation.pk)
        invitation.delivery = delivery(invitation, invitation.mail)
        counts[invitation.delivery.status] += 1
    return counts


def count_rows(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(status, label, count) for the statuses that occur, for the preparation page's summary."""
    return [(status, LABELS[status], counts[status]) for status in ORDER if counts.get(status)]


def paper(invitations) -> list:
    """The invitations to print: invitees without an e-mail address (groups included)."""
    return [i for i in invitations if not address(i)]
