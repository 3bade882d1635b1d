"""Who changed what, from where: the context of each history entry, which models are tracked, and the check
of the hash chain.

Every model of capuy's apps is tracked, except what an app keeps out of it on its ``AppConfig``:
``history_only`` (the only models tracked, an allow-list: the voting app uses it so that a ballot box or a
voter register added later stays out by default) or ``history_skip``. Secret ballots write nothing here.
"""

import contextvars
import dataclasses
import uuid
from collections.abc import Callable, Iterator

from django.apps import apps
from django.db.models import BinaryField, ManyToManyField
from django.shortcuts import render

# Fields whose values never enter the history: secrets, and noise written at every login or token use.
SECRET_FIELDS = {"password", "last_login", "last_used", "key", "key_hash", "token_hash", "digest", "secret", "otp_secret"}


@dataclasses.dataclass
class Origin:
    channel: str
    actor: Callable[[], object] | None = None
    remote_addr: str | None = None
    request_id: str | None = None


_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar("capuy_history_origin", default=None)


def apply_context(entry) -> None:
    """Fill who, from where and through what on a new entry, from the request (or command) it is made in."""
    origin = _origin.get()
    if origin is None:
        return
    entry.channel = origin.channel
    if entry.actor_id is None and origin.actor is not None:
        user = origin.actor()
        if user is not None and getattr(user, "is_authenticated", False):
            entry.actor = user
            entry.actor_email = user.email or None
    entry.remote_addr = entry.remote_addr or origin.remote_addr
    entry.cid = entry.cid or origin.request_id


def set_api_actor(user) -> None:
    """The API authenticates inside the view, after the middleware: name the token's user as the actor."""
    origin = _origin.get()
    if origin is not None:
        origin.channel = "api"
        origin.actor = lambda: user


class HistoryContextMiddleware:
    """Records, for every change made while serving a request, the user, the address and the request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        channel = "api" if request.path.startswith("/api/") else "web"
        # request.user is lazy: read only when an entry is written, so a read-only request costs nothing.
        origin = Origin(channel, actor=lambda: getattr(request, "user", None),
                        remote_addr=client_address(request), request_id=request_id[:255])
        token = _origin.set(origin)
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)


def client_address(request) -> str | None:
    """The client's address; behind the proxy, the one the proxy appended last to X-Forwarded-For."""
    from django.conf import settings

    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def record_access(obj) -> None:
    """Reading a sensitive record (a member's file, a secret document) is recorded as an entry of its own."""
    from auditlog.signals import accessed

    accessed.send(sender=obj.__class__, instance=obj)


SHOWN = 50  # the newest entries a record's history shows
PARAM = "lich-su"  # ?lich-su=1 on a record's page: its history alone


def history_answer(request, record):
    """The history of ``record`` on its own, for its page's "Lịch sử thay đổi" block, which is closed and loads it
    when opened (fifty rows that nobody opened cost most of a record page's time): a fragment for htmx, a page
    without JavaScript. The record's view calls this once it has checked that the user may read the record, and
    returns the answer when there is one (``?lich-su=1``); otherwise None."""
    if request.GET.get(PARAM) != "1":
        return None
    entries = list(entries_for(record)[: SHOWN + 1])
    context = {"record": record, "entries": entries[:SHOWN], "more": len(entries) > SHOWN, "back": request.path}
    return render(request, "core/_history_rows.html" if request.headers.get("HX-Request") else "core/history.html",
                  context)


def entries_for(obj):
    from capuy.core.models import HistoryEntry

    return HistoryEntry.objects.for_object(obj).select_related("actor__person", "content_type")  # read per entry (name, changes)


def track_models() -> None:
    """Register capuy's models with django-auditlog, keeping secret fields and excluded models out."""
    from auditlog.registry import auditlog

    for config in apps.get_app_configs():
        if not config.name.startswith("capuy.") or config.label == "core":
            continue
        only, skip = getattr(config, "history_only", None), set(getattr(config, "history_skip", ()))
        for model in config.get_models():
            name = model._meta.model_name
            if (only is not None and name not in only) or name in skip or not model._meta.managed:
                continue
            fields = {f.name for f in model._meta.get_fields()}
            # Binary columns (keys, ciphertexts) are not text to compare; their changes are not shown either.
            binary = {f.name for f in model._meta.concrete_fields if isinstance(f, BinaryField)}
            auditlog.register(model, exclude_fields=sorted((fields & SECRET_FIELDS) | binary),
                              m2m_fields={f.name for f in model._meta.get_fields() if isinstance(f, ManyToManyField)})


@dataclasses.dataclass
class Break:
    sequence: int
    reason: str

    def __str__(self):
        return f"Mục số {self.sequence}: {self.reason}"


def verify_chain(entries: Iterator, head=None) -> Break | None:
    """The first place where the chain is broken, or None when it is whole.

    ``entries`` in ascending sequence. An entry whose content no longer gives its hash was altered; an entry
    whose predecessor is not the one before it (a gap in the numbers, or a different hash) means entries
    were removed or reordered; a head that is ahead of the last entry means the newest entries were removed.
    """
    from capuy.core.models import GENESIS

    expected_sequence, expected_prev = 1, GENESIS
    for entry in entries:
        if entry.compute_hash() != entry.entry_hash:
            return Break(entry.sequence, "nội dung hoặc vị trí đã bị sửa (mã băm không khớp)")
        if entry.sequence != expected_sequence:
            return Break(entry.sequence, f"thiếu mục số {expected_sequence} (đã bị xóa hoặc đảo thứ tự)")
        if entry.prev_hash != expected_prev:
            return Break(entry.sequence, "không nối với mục liền trước (đã bị xóa, chèn hoặc đảo thứ tự)")
        expected_sequence, expected_prev = entry.sequence + 1, entry.entry_hash
    if head is not None and (head.sequence, head.hash) != (expected_sequence - 1, expected_prev):
        return Break(head.sequence, "các mục mới nhất đã bị xóa (đầu chuỗi không khớp với mục cuối)")
    return None
