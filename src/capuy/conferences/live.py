"""Live events of a conference for the presiding screen and members' phones (Server-Sent Events).

Interface (the voting app uses it too):

- ``publish(conference_id, event, data)`` – call from ordinary (sync) code after a change; the event goes
  out when the current transaction commits. ``data`` must be JSON-serialisable and small (< 4 kB): send what
  changed, let clients fetch the rest.
- ``async for message in subscribe(conference_id)`` – yields ``{"event": str, "data": dict}`` for every
  event published for that conference from now on, in this process or (with a cross-process backend) any
  other.
- ``subscribe_sync(conference_id, timeout)`` – the same for a thread (used when served over WSGI).
- ``sse(message)`` – one message encoded as a Server-Sent Events frame.

Delivery: every process keeps an in-process hub; ``publish`` hands the event to the hub at once, and to the
cross-process backend chosen by ``settings.CAPUY_LIVE_BACKEND`` ("local", "redis", "postgres"; default:
"redis" when ``settings.REDIS_URL`` is set, else "postgres" on PostgreSQL, else "local"). A listener thread
per process (started with the first subscriber, stopped after the last one leaves) receives the other
processes' events through Redis pub/sub or PostgreSQL LISTEN/NOTIFY and hands them to the local hub; a
process ignores its own events coming back. Redis needs the ``redis`` package (as Django's Redis cache does).
When Redis or PostgreSQL goes away the listener retries every second while pages are open; events published
meanwhile reach the pages of the same process only, and pages refresh themselves when their stream comes back.

Streams held by nginx (production, ``CAPUY_LIVE_NGINX``): the pages of one conference or one vote
(``/hoi-nghi/<id>/su-kien/``, ``/bieu-quyet/<id>/su-kien/``) are held open by nginx's nchan module, not by
capuy's workers. nginx asks capuy once whether the page may follow (the view answers the authorize request
without streaming, ``is_authorize_request``), and every process posts each event to nginx's channels of the
conference and of the vote (``_Pusher``, from a thread of its own). An event then costs a worker one local
request whatever the number of open pages, and pages keep their streams while workers restart. The home page's stream of several
conferences stays with capuy (the hub above).

Shutdown: ``stop_streams()`` ends every open stream of this process at once (the ASGI entry point calls it on
SIGTERM), so that the server stops within seconds and browsers reconnect to another worker.
"""

import asyncio
import contextlib
import http.client
import json
import logging
import queue
import threading
import time
import uuid
from collections import defaultdict, deque
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction

from capuy import config

log = logging.getLogger(__name__)

ORIGIN = uuid.uuid4().hex  # this process
CHANNEL = "capuy_conference"  # PostgreSQL channel; Redis channels are <prefix>:conference:<id>
STOP = object()  # handed to every subscriber by stop_streams()
_stopping = threading.Event()


class Hub:
    """In-process fan-out to asyncio queues (ASGI streams) and thread queues (WSGI streams)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._subscribers: dict[int, set] = defaultdict(set)

    def add(self, conference_id: int, subscriber) -> None:
        if _stopping.is_set():
            self._put(subscriber, STOP)
        with self._lock:
            self._subscribers[int(conference_id)].add(subscriber)
        _listener.ensure_running()

    def remove(self, conference_id: int, subscriber) -> None:
        with self._lock:
            subs = self._subscribers.get(int(conference_id))
            if subs is not None:
                subs.discard(subscriber)
                if not subs:
                    del self._subscribers[int(conference_id)]

    def count(self, conference_id: int | None = None) -> int:
        with self._lock:
            if conference_id is None:
                return sum(len(s) for s in self._subscribers.values())
            return len(self._subscribers.get(int(conference_id), ()))

    def deliver(self, conference_id: int, message: dict) -> None:
        with self._lock:
            subscribers = list(self._subscribers.get(int(conference_id), ()))
        if not isinstance(message, Message) and message is not STOP:
            message = Message(message)  # one object for every stream: its frame is encoded once
        # Streams of one event loop get the message in one wake-up of that loop, not one each: a worker with
        # 400 phones open would otherwise be woken 400 times per event (measured by bench/congress.py).
        by_loop: dict = {}
        for subscriber in subscribers:
            if isinstance(subscriber, tuple):
                by_loop.setdefault(subscriber[0], []).append(subscriber[1])
            elif isinstance(subscriber, _Tagged) and subscriber.loop is not None:  # a home page's stream
                by_loop.setdefault(subscriber.loop, []).append(_Tagged(subscriber.q, subscriber.conference_id))
            else:
                self._put(subscriber, message)
        for loop, queues in by_loop.items():
            with contextlib.suppress(RuntimeError):  # the loop has closed
                loop.call_soon_threadsafe(_put_all, queues, message)

    def stop_all(self) -> None:
        with self._lock:
            subscribers = [s for subs in self._subscribers.values() for s in subs]
        for subscriber in subscribers:
            self._put(subscriber, STOP)

    @staticmethod
    def _put(subscriber, message) -> None:
        if isinstance(subscriber, tuple):  # (loop, asyncio.Queue)
            loop, q = subscriber
            with contextlib.suppress(RuntimeError):  # the loop has closed
                loop.call_soon_threadsafe(q.put_nowait, message)
        else:
            subscriber.put_nowait(message)


SLICE = 25  # streams woken per step of a loop's fan-out
SPREAD_SECONDS = 0.4  # a fan-out larger than a slice is paced over about this long
_pacers: dict = {}  # event loop -> its _Pacer while it has messages to hand out


def _put_all(queues, message) -> None:
    """In a loop's thread: queue ``message`` for the streams of that loop (``_Pacer``)."""
    loop = asyncio.get_running_loop()
    pacer = _pacers.get(loop)
    if pacer is None:
        pacer = _pacers[loop] = _Pacer(loop)
    pacer.add(queues, message)


class _Pacer:
    """Hands messages to one loop's stream queues in the order they came, ``SLICE`` streams per step, the steps
    spread over ``SPREAD_SECONDS``.

    Writing an event to 400 phones' streams costs a worker tens of milliseconds of processor; done in one go,
    every ballot that arrives meanwhile waits behind it (bench/congress.py: the ballots' p99 was ten times the
    baseline's with 1,600 streams open, and equal to it with ten). Paced, the same work comes in small steps
    between which the loop serves the waiting requests; a phone sees the event a fraction of a second later.
    """

    def __init__(self, loop):
        self.loop = loop
        self.pending: deque = deque()
        self.gap = 0.0
        self.scheduled = False

    def add(self, queues, message) -> None:
        self.pending.extend((q, message) for q in queues)
        steps = -(-len(self.pending) // SLICE)
        self.gap = SPREAD_SECONDS / steps if steps > 1 else 0.0
        if not self.scheduled:
            self.scheduled = True
            self.loop.call_soon(self._step)

    def _step(self) -> None:
        for _ in range(min(SLICE, len(self.pending))):
            q, message = self.pending.popleft()
            q.put_nowait(message)
        if self.pending:
            self.loop.call_later(self.gap, self._step)
        else:
            self.scheduled = False
            _pacers.pop(self.loop, None)


class Message(dict):
    """An event handed to the open streams: ``{"event": ..., "data": ...}`` whose Server-Sent Events frame is
    encoded once, however many streams send it (``sse``)."""

    __slots__ = ("frame",)


hub = Hub()


def stop_streams() -> None:
    """End every stream of this process now and refuse new ones (the server is shutting down)."""
    _stopping.set()
    hub.stop_all()


def install_shutdown_handler() -> None:
    """On SIGTERM/SIGINT end the open streams, then let the server's own handler run.

    uvicorn waits for every open response before it exits; a live stream never ends by itself, so without
    this a restart hangs as long as one phone follows a meeting. Called once from the main thread when the
    ASGI application is loaded (after uvicorn has installed its handlers).
    """
    import signal

    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(signum)
        if getattr(previous, "_capuy_live", False):
            continue

        def handler(sig, frame, previous=previous):
            stop_streams()
            if callable(previous):
                previous(sig, frame)
            elif previous == signal.SIG_DFL:
                signal.signal(sig, signal.SIG_DFL)
                signal.raise_signal(sig)

        handler._capuy_live = True
        signal.signal(signum, handler)


def prefix() -> str:
    """The Redis channel prefix (``CAPUY_LIVE_PREFIX``, default "capuy"): several sites may share one Redis."""
    return getattr(settings, "CAPUY_LIVE_PREFIX", "") or "capuy"


def backend_name() -> str:
    name = getattr(settings, "CAPUY_LIVE_BACKEND", "") or ""
    if name:
        return name
    if getattr(settings, "REDIS_URL", ""):
        return "redis"
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return "postgres"
    return "local"


def publish(conference_id: int, event: str, data: dict | None = None) -> None:
    """Send ``event`` with ``data`` to everyone following the conference, once the transaction commits."""
    message = {"event": event, "data": data or {}}
    transaction.on_commit(lambda: _send(int(conference_id), message))


def _send(conference_id: int, message: dict) -> None:
    hub.deliver(conference_id, message)
    if nginx_publisher():
        _pusher.put(conference_id, message)
    name = backend_name()
    if name == "local":
        return
    payload = json.dumps({"origin": ORIGIN, "conference": conference_id, **message}, ensure_ascii=False)
    try:
        if name == "redis":
            _redis_client().publish(f"{prefix()}:conference:{conference_id}", payload)
        elif name == "postgres":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])
    except Exception:  # a lost event must never break the change that caused it
        log.exception("Không gửi được sự kiện trực tiếp của hội nghị %s", conference_id)


# --- streams held by nginx ------------------------------------------------------------------------------

AUTHORIZE_HEADER = "X-Capuy-Live-Authorize"  # set by nginx on its authorize request (deploy/nginx/capuy.conf)


def nginx_publisher() -> str:
    """The address of nginx's live publisher ("http://127.0.0.1:8001"), or "" when capuy holds the streams."""
    return config.value("CAPUY_LIVE_NGINX")


def is_authorize_request(request) -> bool:
    """nginx asks whether this page may follow the stream; the view answers 200 (or refuses) without streaming.

    Anyone may send the header: the answer says no more than the stream itself would.
    """
    return bool(nginx_publisher()) and request.headers.get(AUTHORIZE_HEADER) == "1"


def channels_of(conference_id: int, message: dict) -> list[str]:
    """nginx's channels an event goes to: the conference's, and a vote's own for its progress and status."""
    channels = [f"conference-{conference_id}"]
    vote = message["data"].get("vote") if message["event"] == "vote" else None
    if vote:
        channels.append(f"vote-{int(vote)}")
    return channels


def _publisher_request(method: str, path: str, body: bytes = b"", headers: dict | None = None,
                       address: str | None = None) -> int:
    address = urlsplit(address or nginx_publisher())
    conn = http.client.HTTPConnection(address.hostname, address.port or 80, timeout=2)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


class _Pusher:
    """One thread per process posts the events to nginx, in the order they came: the request that caused an event
    (a ballot) answers without waiting for nginx. A lost event must never break the change that caused it."""

    def __init__(self):
        self.queue: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def put(self, conference_id: int, message: dict) -> None:
        self.queue.put((nginx_publisher(), conference_id, message))
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="capuy-live-push", daemon=True)
                self.thread.start()

    def flush(self) -> None:
        """Wait until every event handed over so far has been posted (tests)."""
        self.queue.join()

    def _run(self) -> None:
        while True:
            address, conference_id, message = self.queue.get()
            try:
                self._post(address, conference_id, message)
            finally:
                self.queue.task_done()

    @staticmethod
    def _post(address: str, conference_id: int, message: dict) -> None:
        body = json.dumps(message["data"], ensure_ascii=False).encode()
        headers = {"X-EventSource-Event": message["event"], "Content-Type": "application/json"}
        for channel in channels_of(conference_id, message):
            try:
                status = _publisher_request("POST", f"/kenh/{channel}", body, headers, address)
                if status >= 300:
                    raise OSError(f"nginx trả lời {status}")
            except Exception:  # noqa: BLE001
                log.exception("Không gửi được sự kiện trực tiếp tới nginx (kênh %s)", channel)


_pusher = _Pusher()


_redis = None


def _redis_client():
    global _redis
    if _redis is None or _redis[0] != settings.REDIS_URL:
        import redis

        # Short timeouts: a dead Redis must cost a ballot a second at most, never hang it.
        _redis = (settings.REDIS_URL, redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1,
                                                           socket_timeout=2, health_check_interval=10))
    return _redis[1]


def health() -> str | None:
    """None when cross-process live events work in this process, else what is wrong (for /healthz)."""
    if nginx_publisher():
        try:
            _publisher_request("GET", "/kenh/conference-0", headers={"Accept": "text/json"})
        except OSError as exc:
            return f"Không gửi được sự kiện trực tiếp tới nginx: {exc}"
    name = backend_name()
    if name == "redis":
        _redis_client().ping()
    elif name == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL + "_health"])
    if hub.count() and not _listener.alive():
        return "Luồng nhận sự kiện trực tiếp từ các tiến trình khác không chạy."
    if _listener.failing:
        return f"Không nhận được sự kiện trực tiếp từ các tiến trình khác: {_listener.failing}"
    return None


async def subscribe(conference_id: int, first: dict | None = None, timeout: float | None = None):
    """Yield each message published for the conference from now on (an async generator).

    ``first``, when given, is yielded as soon as the subscription is in place, so a caller that has received
    it knows no later event can be missed. With ``timeout``, None is yielded after that many seconds without
    a message (time for a heartbeat).
    """
    q: asyncio.Queue = asyncio.Queue()
    subscriber = (asyncio.get_running_loop(), q)
    hub.add(conference_id, subscriber)
    try:
        if first is not None:
            yield first
        while True:
            try:
                # asyncio.timeout, not wait_for: wait_for makes a task per wait, per stream and event (3.11).
                async with asyncio.timeout(timeout):
                    message = await q.get()
            except TimeoutError:
                message = None
            if message is STOP:
                return
            yield message
    finally:
        hub.remove(conference_id, subscriber)


def subscribe_sync(conference_id: int, timeout: float = 15.0, first: dict | None = None):
    """Yield messages for a thread; yields None after ``timeout`` seconds without one (time for a heartbeat)."""
    q: queue.Queue = queue.Queue()
    hub.add(conference_id, q)
    try:
        if first is not None:
            yield first
        while True:
            try:
                message = q.get(timeout=timeout)
            except queue.Empty:
                message = None
            if message is STOP:
                return
            yield message
    finally:
        hub.remove(conference_id, q)


def sse(message: dict | None) -> str:
    """One Server-Sent Events frame; None gives a comment line that keeps the connection open."""
    if message is None:
        return ": ping\n\n"
    frame = getattr(message, "frame", None)
    if frame is None:
        frame = f"event: {message['event']}\ndata: {json.dumps(message['data'], ensure_ascii=False)}\n\n"
        if isinstance(message, Message):
            message.frame = frame
    return frame


class _Listener:
    """A daemon thread that receives other processes' events while this process has subscribers."""

    IDLE_SECONDS = 2.0
    RETRY_SECONDS = 1.0

    def __init__(self):
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.failing = ""  # the last connection error, until the connection is back

    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def ensure_running(self) -> None:
        if backend_name() == "local":
            return
        with self._lock:
            key = self._key()
            if self._thread is None or not self._thread.is_alive() or self._running_key != key:
                # A new thread for a new configuration (tests change it); the old one sees it and leaves.
                self._running_key = key
                self._thread = threading.Thread(target=self._run, name="capuy-live", daemon=True)
                self._thread.start()

    _running_key = None

    @staticmethod
    def _key():
        return (backend_name(), getattr(settings, "REDIS_URL", ""), prefix())

    def _current(self) -> bool:
        return self._running_key == self._key() and threading.current_thread() is self._thread

    def _handle(self, raw) -> None:
        try:
            message = json.loads(raw)
        except (TypeError, ValueError):
            return
        if message.get("origin") == ORIGIN:
            return
        hub.deliver(message["conference"], {"event": message["event"], "data": message.get("data", {})})

    def _run(self) -> None:
        while True:
            try:
                if backend_name() == "redis":
                    self._run_redis()
                else:
                    self._run_postgres()
                return  # idle: nobody follows a conference in this process any more
            except Exception as exc:
                if not self.failing:
                    log.warning("Mất kết nối nhận sự kiện trực tiếp (%s); thử lại mỗi giây", exc)
                self.failing = f"{type(exc).__name__}: {exc}"[:200]
                if not hub.count():
                    # Nobody follows a conference here any more: no connection is kept, so none is failing (the
                    # health check pings the channel itself). A stale error would make /healthz answer 503 for a
                    # channel that is back, until a page opened a stream again.
                    self.failing = ""
                    return
                if _stopping.is_set() or not self._current():
                    return
                time.sleep(self.RETRY_SECONDS)
                # Pages missed events while the connection was down: make them fetch the current state.
                self._pending_resync = True

    _pending_resync = False

    def _connected(self) -> None:
        if self.failing:
            log.warning("Đã kết nối lại kênh sự kiện trực tiếp")
        self.failing = ""
        if self._pending_resync:
            self._pending_resync = False
            for conference_id in list(hub._subscribers):
                hub.deliver(conference_id, {"event": "hello", "data": {"conference": conference_id, "resync": True}})

    def _run_redis(self) -> None:
        pubsub = _redis_client().pubsub(ignore_subscribe_messages=True)
        try:
            pubsub.psubscribe(f"{prefix()}:conference:*")
            self._connected()
            idle = 0.0
            while idle < self.IDLE_SECONDS and self._current():
                message = pubsub.get_message(timeout=0.5)
                if message and message.get("type") == "pmessage":
                    self._handle(message["data"])
                idle = 0.0 if hub.count() else idle + 0.5
        finally:
            pubsub.close()

    def _run_postgres(self) -> None:
        import psycopg

        db = settings.DATABASES["default"]
        conn = psycopg.connect(
            dbname=db["NAME"], user=db.get("USER") or None, password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None, port=db.get("PORT") or None, autocommit=True, connect_timeout=2,
        )
        try:
            conn.execute(f"LISTEN {CHANNEL}")
            self._connected()
            idle = 0.0
            while idle < self.IDLE_SECONDS and self._current():
                for notify in conn.notifies(timeout=0.5):
                    self._handle(notify.payload)
                idle = 0.0 if hub.count() else idle + 0.5
        finally:
            conn.close()


_listener = _Listener()


def subscribe_many_sync(conference_ids, timeout: float = 15.0, first: dict | None = None):
    """``subscribe_sync`` over several conferences at once (a person's home follows every conference they
    prepare or are invited to); each message gets ``data["conference"]`` set to where it came from."""
    q: queue.Queue = queue.Queue()
    ids = sorted({int(i) for i in conference_ids})
    subscribers = [_Tagged(q, cid) for cid in ids]
    for cid, subscriber in zip(ids, subscribers, strict=True):
        hub.add(cid, subscriber)
    try:
        if first is not None:
            yield first
        while True:
            try:
                message = q.get(timeout=timeout)
            except queue.Empty:
                message = None
            if message is STOP:
                return
            yield message
    finally:
        for cid, subscriber in zip(ids, subscribers, strict=True):
            hub.remove(cid, subscriber)


async def subscribe_many(conference_ids, first: dict | None = None, timeout: float | None = None):
    """``subscribe`` over several conferences at once (see ``subscribe_many_sync``)."""
    q: asyncio.Queue = asyncio.Queue()
    loop = asyncio.get_running_loop()
    ids = sorted({int(i) for i in conference_ids})
    subscribers = [_Tagged(q, cid, loop) for cid in ids]
    for cid, subscriber in zip(ids, subscribers, strict=True):
        hub.add(cid, subscriber)
    try:
        if first is not None:
            yield first
        while True:
            try:
                async with asyncio.timeout(timeout):
                    message = await q.get()
            except TimeoutError:
                message = None
            if message is STOP:
                return
            yield message
    finally:
        for cid, subscriber in zip(ids, subscribers, strict=True):
            hub.remove(cid, subscriber)


class _Tagged:
    """A hub subscriber that forwards into a shared queue, tagging each message with its conference (from another
    thread through ``loop``; without one, directly: a thread's queue, or a loop's own pacer)."""

    def __init__(self, q, conference_id: int, loop=None):
        self.q, self.conference_id, self.loop = q, conference_id, loop

    def put_nowait(self, message: dict) -> None:
        # STOP (stop_streams) ends the stream as it is: a home page's stream must end on shutdown like any other
        tagged = message if message is STOP else \
            {"event": message["event"], "data": {**message.get("data", {}), "conference": self.conference_id}}
        if self.loop is None:
            self.q.put_nowait(tagged)
        else:
            with contextlib.suppress(RuntimeError):  # the loop has closed
                self.loop.call_soon_threadsafe(self.q.put_nowait, tagged)
