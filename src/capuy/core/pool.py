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
