"""Shared pytest fixtures; the browser fixture drives Debian's chromium through Playwright."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"


def pytest_configure(config):
    from django.conf import settings

    # Hashing test passwords with the production hasher would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The suite's named users log in with a password only; the second-factor tests turn the requirement on.
    settings.CAPUY_2FA_REQUIRED_ROLES = []
    # Background tasks run at once in the test process (django-q2 "sync"), after the transaction commits;
    # capuy.core.tests.test_worker proves the real worker path.
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}
    from django_q.conf import Conf

    Conf.SYNC = True
    settings.MIDDLEWARE = ["capuy.core.tests.browser.RequestsInFlight", *settings.MIDDLEWARE]
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        # A test database need not survive a power cut: commits return without waiting for the disk.
        options = db.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Before the test database is created: close any PostgreSQL connection pool opened at collection.

    Collecting the suite can already serve a request (schemathesis reads /api/openapi.json from the application),
    which opens Django's pool on the configured database. Creating the test database renames the connection's
    database but keeps that pool (Django closes it only when cloning or destroying a test database), so the
    suite would run in the configured database while server processes started by the tests open the test one.
    """
    from django.db import connections

    for connection in connections.all():
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()


def pytest_addoption(parser):
    parser.addoption("--only-database-tests", action="store_true",
                     help="run only the tests that open a database (CI's second engine: the others cannot differ)")


def _opens_database(item) -> bool:
    """True unless pytest-django would refuse the test any database access (then the engine cannot matter)."""
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if isinstance(cls, type) and issubclass(cls, TransactionTestCase):
        return True
    if item.get_closest_marker("django_db"):
        return True
    return bool({"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--only-database-tests"):
        return
    kept, left_out = [], []
    for item in items:
        (kept if _opens_database(item) else left_out).append(item)
    config.hook.pytest_deselected(items=left_out)
    items[:] = kept


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium).")
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    from capuy.core.tests.browser import RequestsInFlight

    RequestsInFlight.wait_until_quiet()  # before pytest-django empties the test database
