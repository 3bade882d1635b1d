"""/healthz answers 200 when the database, the cache, live events and the disk are fine, 503 naming what is not."""

import httpx
import pytest
from django.test import TestCase, override_settings

from capuy.core.servers import Uvicorn, free_port

CLOSED = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
DEAD_CACHE = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED,
                          "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}


class HealthTests(TestCase):
    def get(self):
        response = self.client.get("/healthz")
        return response.status_code, response.json()

    def test_all_fine_is_200_with_each_check_named(self):
        status, body = self.get()
        assert status == 200 and body["status"] == "ok" and body["failing"] == []
        assert {"database", "cache", "live", "disk"} <= set(body["checks"])

    @override_settings(CACHES=DEAD_CACHE)
    def test_a_cache_on_a_closed_port_is_503_naming_the_cache(self):
        status, body = self.get()
        assert status == 503 and body["failing"] == ["cache"]
        assert "Error" in body["checks"]["cache"]["error"]

    @override_settings(CAPUY_LIVE_BACKEND="redis", REDIS_URL=CLOSED)
    def test_live_events_through_an_unreachable_redis_is_503_naming_live(self):
        status, body = self.get()
        assert status == 503 and body["failing"] == ["live"]

    @override_settings(HEALTH_MIN_FREE_MB=10**12)
    def test_a_full_disk_is_503_naming_the_disk_and_the_folder(self):
        status, body = self.get()
        assert status == 503 and body["failing"] == ["disk"], body
        assert "MB trống" in body["checks"]["disk"]["error"]

    def test_the_answer_carries_a_request_id(self):
        response = self.client.get("/healthz", headers={"X-Request-ID": "nginx-0123456789abcdef"})
        assert response["X-Request-ID"] == "nginx-0123456789abcdef"


def test_a_database_refusing_connections_is_503_naming_the_database(tmp_path):
    """A real server whose PostgreSQL refuses connections (nothing listens on its port)."""
    env = {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/capuy", "CAPUY_VAR_DIR": str(tmp_path),
           "CAPUY_LIVE_BACKEND": "local", "CAPUY_DB_POOL": "0"}
    with Uvicorn(env, log_dir=tmp_path) as server:
        response = httpx.get(f"{server.base_url}/healthz", timeout=30)
    body = response.json()
    assert response.status_code == 503 and body["failing"] == ["database"], body
    assert "connection" in body["checks"]["database"]["error"].lower()


@pytest.mark.django_db
def test_a_database_pool_is_configured_on_postgresql_with_conn_max_age_zero():
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the connection pool is PostgreSQL's (psycopg_pool)")
    db = settings.DATABASES["default"]
    assert db["CONN_MAX_AGE"] == 0
    assert db["OPTIONS"]["pool"]["max_size"] == settings.DB_POOL_SIZE
    assert connection.pool is not None
