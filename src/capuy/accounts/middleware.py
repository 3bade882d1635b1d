"""Send users who must pass a second factor to it before anything else."""

from urllib.parse import quote

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from capuy.accounts import second_factor

ALLOWED_URL_NAMES = ("accounts:login", "accounts:logout", "accounts:second_factor", "accounts:verify")


class SecondFactorMiddleware:
    """After the password, a user with a device is asked for a code; a user whose role requires one and has
    none is sent to set it up. Until then only those pages (and logging out) answer, on the site, in
    /quan-tri/ and in the API through the session (API tokens are made from a verified session)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed = None

    def allowed_paths(self):
        if self._allowed is None:
            self._allowed = {reverse(name) for name in ALLOWED_URL_NAMES}
        return self._allowed

    def __call__(self, request):
        # Visitors without a session (the public portal) never touch the session store here.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not self._passes(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Cần xác thực hai bước trước khi dùng API qua phiên đăng nhập."},
                                    status=403)
            target = "accounts:verify" if second_factor.has_second_factor(request.user) else "accounts:second_factor"
            return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)

    def _passes(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return True
        if request.path in self.allowed_paths() or request.path.startswith((settings.STATIC_URL, "/favicon")):
            return True
        return not (second_factor.has_second_factor(user) or second_factor.must_use_second_factor(user))
