"""What the browser tests share: signing in through the login page as one of the named people, and a test server
that is quiet before the test database is emptied."""

import re
import threading

from capuy.core.testing import PASSWORD

# Threads that a request leaves behind to finish its work (the vote rewrite, a trailing progress event) are named
# with this prefix; ``capuy-live`` is the live-event listener, which lives as long as the process.
_LEFT_BEHIND = ("capuy-vote-",)


class RequestsInFlight:
    """Middleware of the test server (outermost): counts the requests still being answered.

    When a browser test ends, the browser is closed but the test server may still be answering its last requests
    (a fragment, the menu badge). pytest-django then empties the database with one TRUNCATE of every table; on
    PostgreSQL a query still running beside it can take its table locks in another order and deadlock the
    TRUNCATE, which leaves the next test a database full of this one's rows. ``wait_until_quiet`` waits for them.
    A streaming response counts until its view has returned: its stream only waits for events.
    """

    _idle = threading.Condition()
    _count = 0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cls = type(self)
        with cls._idle:
            cls._count += 1
        try:
            return self.get_response(request)
        finally:
            with cls._idle:
                cls._count -= 1
                cls._idle.notify_all()

    @classmethod
    def wait_until_quiet(cls, timeout: float = 30) -> None:
        """Return when no request is being answered and no thread left behind by one is running."""
        with cls._idle:
            cls._idle.wait_for(lambda: cls._count == 0, timeout)
        for thread in threading.enumerate():
            if thread.name.startswith(_LEFT_BEHIND):
                thread.join(timeout)


def sign_in(page, base_url: str, username: str, password: str = PASSWORD, next_url: str = "") -> None:
    """Sign in on the login page (as a person would: label, password, button), then go on to ``next_url``."""
    page.goto(f"{base_url}/tai-khoan/dang-nhap/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    # signed in before the caller moves on: a navigation started now would cut the form's POST off
    page.wait_for_url(re.compile(r"^(?!.*/tai-khoan/dang-nhap/).*$"))
