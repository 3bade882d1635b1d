import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from capuy.accounts import second_factor
from capuy.accounts.models import ApiToken


def locked_out(request, response=None, credentials=None):
    """django-axes' answer when a user name is locked (site login and /quan-tri/ alike)."""
    return render(request, "accounts/locked.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """List the user's API tokens (with last use) and issue a new one; its key is shown only once."""
    new_key, errors = None, {}
    form = {"name": "", "days": settings.CAPUY_API_TOKEN_DEFAULT_DAYS, "scope": ApiToken.Scope.READ}
    if request.method == "POST":
        form = {"name": request.POST.get("name", ""), "days": request.POST.get("days", ""),
                "scope": request.POST.get("scope", "")}
        try:
            days = int(form["days"])
        except (TypeError, ValueError):
            errors = {"days": [f"Thời hạn phải là số ngày từ 1 đến {settings.CAPUY_API_TOKEN_MAX_DAYS}."]}
        else:
            try:
                _, new_key = ApiToken.issue(request.user, form["name"], days=days, scope=form["scope"])
            except ValidationError as exc:
                errors = exc.message_dict
        if new_key:
            messages.success(request, "Đã tạo mã truy cập. Hãy sao chép ngay, mã sẽ không hiển thị lại.")
    tokens = request.user.api_tokens.order_by("-created")
    return render(request, "accounts/api_tokens.html", {
        "tokens": tokens, "new_key": new_key, "errors": errors, "form": form, "scopes": ApiToken.Scope.choices,
        "max_days": settings.CAPUY_API_TOKEN_MAX_DAYS,
    }, status=400 if errors else 200)


@login_required
@require_POST
def revoke_api_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)  # another user's token: not found
    token.revoke(by=request.user)
    messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
    return redirect("accounts:api_tokens")


def _next_url(request, fallback="core:home"):
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(fallback)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The step after the password: a code from the authenticator app, or one recovery code."""
    if request.user.is_verified() or not second_factor.has_second_factor(request.user):
        return redirect(_next_url(request))
    error = None
    if request.method == "POST":
        if second_factor.verify(request, request.POST.get("code", "")):
            return redirect(_next_url(request))
        error = "Mã không đúng, đã dùng hoặc đã hết hạn. Nếu nhập sai nhiều lần, hãy chờ ít phút rồi thử lại."
    return render(request, "accounts/verify.html", {"error": error, "next": _next_url(request)},
                  status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_page(request):
    """Set up the authenticator app (QR code drawn here, no outside service), renew recovery codes, turn off."""
    user = request.user
    enabled = second_factor.has_second_factor(user)
    if enabled and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?next={request.get_full_path()}")
    context = {"enabled": enabled, "required": second_factor.must_use_second_factor(user),
               "next": _next_url(request, "accounts:second_factor")}
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "confirm" and not enabled:
            context.update(codes=second_factor.confirm_app_device(request, request.POST.get("code", "")), enabled=True)
            messages.success(request, "Đã bật xác thực hai bước.")
        elif action == "codes" and enabled:
            context["codes"] = second_factor.renew_recovery_codes(request)
            messages.success(request, "Đã tạo mã khôi phục mới; các mã cũ không còn dùng được.")
        elif action == "off" and enabled:
            second_factor.turn_off(request)
            messages.success(request, "Đã tắt xác thực hai bước.")
            return redirect("accounts:second_factor")
        elif action is not None:
            context["error"] = "Thao tác không hợp lệ."
    except ValidationError as exc:
        context["error"] = " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    except PermissionDenied as exc:
        context["error"] = str(exc)
    if not context["enabled"]:
        device = second_factor.pending_app_device(user)
        context["qr"] = mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, title="Mã QR"))  # noqa: S308 – segno's own markup
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/second_factor.html", context, status=400 if context.get("error") else 200)
