"""A request's pooled database connection goes back to the pool when its response is ready, not after it is sent."""

import pytest
from django.db import connection
from django.test import Client

from capuy.core.testing import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),  # outside a test transaction, as in production
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the connection pool is PostgreSQL's"),
]


def test_a_request_gives_its_connection_back_to_the_pool_once_its_response_is_ready():
    assert connection.pool is not None
    client = Client()
    client.force_login(make_user("nguoi-dung"))
    assert client.get("/").status_code == 200
    assert connection.connection is None  # back in the pool; Django's test client would have kept it


def test_a_streaming_response_keeps_its_connection_while_it_is_sent():
    from django.http import StreamingHttpResponse

    from capuy.core.pool import ReleaseConnectionMiddleware

    def view(request):
        connection.ensure_connection()
        return StreamingHttpResponse(iter(["a"]))

    response = ReleaseConnectionMiddleware(view)(None)
    assert response.streaming and connection.connection is not None
    connection.close()
