"""The database connection of a request goes back to the pool as soon as its response is ready.

Django returns it when the request has finished (``request_finished``), that is, under ASGI, after the event loop
has sent the response and handed back to the request's thread. Under load that hand-over takes a while, all the
more when the loop is writing a live event to hundreds of open streams, and the connection sits checked out and
idle meanwhile: during ``bench/congress.py`` most of a worker's pool was idle yet ballots waited seconds for a
connection. Returned at once, the same pool serves many more requests.
"""

from django.db import connection


class ReleaseConnectionMiddleware:
    """Give the request's connection back to the pool when the response is ready (pooled PostgreSQL only).

    Not inside a transaction (tests run each request in theirs), and not for streaming responses, whose content
    may still read the database while it is sent; anything after this that queries again takes a connection anew.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (getattr(connection, "pool", None) is not None and connection.connection is not None
                and not connection.in_atomic_block and not response.streaming):
            connection.close()
        return response


class RequestGate:
    """ASGI wrapper: at most ``limit`` requests of this worker inside Django at once (the pool's size).

    Under ASGI Django runs each request's code in a thread of its own; past the pool's size the extra threads only
    wait for a connection, and hundreds of them fight for the interpreter lock with the few that hold one (the
    congress bench under load: connections idle in the middle of a ballot's transaction, ballots waiting seconds
    for the pool). Here the extra requests wait in the event loop instead, for nothing but their turn. A request
    leaves the gate when its response starts: a live stream holds it only while its view runs.
    """

    def __init__(self, app, limit: int):
        import asyncio

        self.app = app
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        await self._slots.acquire()
        inside = True

        def leave():
            nonlocal inside
            if inside:
                inside = False
                self._slots.release()

        async def send_and_leave(message):
            if message["type"] == "http.response.start":
                leave()
            await send(message)

        try:
            await self.app(scope, receive, send_and_leave)
        finally:
            leave()


def gate(app):
    """``app`` behind a ``RequestGate`` sized to the connection pool, when there is one (PostgreSQL)."""
    from django.conf import settings

    size = getattr(settings, "DB_POOL_SIZE", 0)
    pooled = "pool" in settings.DATABASES["default"].get("OPTIONS", {})
    return RequestGate(app, size) if pooled and size > 0 else app
