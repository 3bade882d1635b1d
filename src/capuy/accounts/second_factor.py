"""The second factor: a time-based one-time code (TOTP, RFC 6238) from an authenticator app, with recovery codes.

Who must use it is one rule (``must_use_second_factor``); the setting ``CAPUY_2FA_REQUIRED_ROLES`` lists the
roles (by default system administrators, office staff and committee members, who read and change internal
records). Anyone else may turn it on. Devices are django-otp's: ``TOTPDevice`` for the app and one
``StaticDevice`` holding single-use recovery codes, shown once when made.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from capuy.accounts import permissions
from capuy.accounts.models import Role

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã khôi phục"


def must_use_second_factor(user) -> bool:
    """Does ``user`` hold a role listed in ``CAPUY_2FA_REQUIRED_ROLES``? Superusers and staff of /quan-tri/
    count as system administrators."""
    if not user.is_authenticated:
        return False
    roles = set(settings.CAPUY_2FA_REQUIRED_ROLES)
    if not roles:
        return False
    if Role.ADMIN in roles and (user.is_superuser or user.is_staff):
        return True
    return bool(permissions.granted_paths(user, roles))


def has_second_factor(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def pending_app_device(user) -> TOTPDevice:
    """The unconfirmed authenticator device being set up (the QR code stays the same until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_app_device(request, code: str) -> list[str]:
    """Confirm the pending authenticator with a code it shows; return the new recovery codes (shown once)."""
    user = request.user
    code = (code or "").strip().replace(" ", "")
    with transaction.atomic():
        device = pending_app_device(user)
        if not otp_verify_token(user, device.persistent_id, code):
            raise ValidationError({"code": "Mã xác thực không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trên ứng dụng."})
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.refresh_from_db()
        codes = _new_recovery_codes(user)
    otp_login(request, device)
    return codes


def renew_recovery_codes(request) -> list[str]:
    """New recovery codes replace the old ones; only a session that passed the second factor may ask."""
    if not request.user.is_verified():
        raise PermissionDenied("Cần xác thực hai bước trước.")
    with transaction.atomic():
        return _new_recovery_codes(request.user)


def turn_off(request):
    """Remove every device; refused to users whose role requires a second factor."""
    user = request.user
    if must_use_second_factor(user):
        raise PermissionDenied("Vai trò của đồng chí bắt buộc xác thực hai bước, không thể tắt.")
    if not user.is_verified():
        raise PermissionDenied("Cần xác thực hai bước trước.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def verify(request, code: str) -> bool:
    """Check a code from the app or a recovery code (used once) and mark the session as verified.

    django-otp throttles each device: after a wrong code the next try must wait longer and longer.
    """
    user = request.user
    code = (code or "").strip().replace(" ", "").lower()
    if not code:
        return False
    for device in devices_for_user(user, confirmed=True):
        verified = otp_verify_token(user, device.persistent_id, code)
        if verified:
            otp_login(request, verified)
            return True
    return False
