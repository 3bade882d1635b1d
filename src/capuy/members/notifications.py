"""The member's notification inbox: what the apps list for the person, with read and unread state (issue 17).

The items are those of the "Việc của tôi" blocks of ``capuy.core.inbox`` (invitations, drafts to comment,
documents to read, open ballots, tasks, ratings), so the inbox and the home page never disagree. A
notification's key hashes its block, link and title: when the record changes (a new invitation, another
ballot) it is a new, unread notification; the read marks are ``members.NotificationRead`` rows.
"""

import dataclasses
import datetime
import hashlib

from capuy.core import inbox
from capuy.members.models import NotificationRead


@dataclasses.dataclass
class Notification:
    key: str
    kind: str
    title: str
    url: str
    note: str = ""
    when: datetime.date | None = None
    urgent: bool = False
    read: bool = False


def _key(block_key: str, item) -> str:
    return hashlib.sha256(f"{block_key}|{item.url}|{item.title}".encode()).hexdigest()[:64]


def for_user(user) -> list[Notification]:
    """The user's notifications, unread first, then by block order."""
    if not user.is_authenticated:
        return []
    blocks = [b for b in inbox.collect(inbox.Viewer.of(user)) if b.section == inbox.PERSONAL and b.counts]
    notes = [Notification(key=_key(b.key, i), kind=b.title, title=i.title, url=i.url, note=i.note, when=i.when,
                          urgent=i.urgent) for b in blocks for i in b.items]
    read = set(NotificationRead.objects.filter(user=user, key__in=[n.key for n in notes])
               .values_list("key", flat=True))
    for note in notes:
        note.read = note.key in read
    return sorted(notes, key=lambda n: n.read)


def unread_count(notes: list[Notification]) -> int:
    return sum(1 for n in notes if not n.read)
