"""Accounts an office manages from its own pages: member logins in bulk, reset, deactivation, office accounts.

An office works only inside its subtree: every person and every login it names is looked up among those of
the organization it manages (``readable`` with ``within``), so a raw id from elsewhere is refused with the
same words as an unknown one. A new login has no password: its owner chooses one through an activation
link (Django's password-reset token, valid ``PASSWORD_RESET_TIMEOUT``), sent by the queued mail or printed
on a slip with a QR code for members without e-mail.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from capuy.accounts import permissions
from capuy.accounts.models import Role, RoleGrant, User
from capuy.core import references, vietnamese
from capuy.core.actions import action

MANAGE_REFUSED = "Chỉ văn phòng cấp ủy của tổ chức này hoặc cấp trên mới quản lý tài khoản."
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")


class Delivery(models.TextChoices):
    EMAIL = "thu", "Gửi thư kích hoạt"
    SLIP = "phieu", "In phiếu kích hoạt có mã QR"


@dataclass
class Issued:
    """A login and its activation link (shown once: on the printed slip, or only in the e-mail)."""

    user: User
    link: str
    emailed: bool


def activation_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def managed_organization(user, organization):
    """``organization`` if ``user`` manages it; 404 when they may not even read it, 403 when only read."""
    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not permissions.can_manage(user, organization):
        raise PermissionDenied(MANAGE_REFUSED)
    return organization


def members_without_login(organization):
    """Party members on the rolls kept in ``organization``'s subtree who have no login yet."""
    from capuy.members.models import OFF_ROLLS
    from capuy.organizations.models import Person

    return (Person.objects.filter(organization__path__startswith=organization.path, user__isnull=True,
                                  party_member__isnull=False)
            .exclude(party_member__status__in=OFF_ROLLS))


def people_without_login(organization):
    from capuy.organizations.models import Person

    return Person.objects.filter(organization__path__startswith=organization.path, user__isnull=True)


def logins_in(organization):
    """Logins whose person is kept in ``organization``'s subtree (never administrators)."""
    return (User.objects.filter(person__organization__path__startswith=organization.path, is_superuser=False)
            .exclude(grants__role=Role.ADMIN).select_related("person", "person__organization"))


def username_for(person) -> str:
    """Given name, a dot, the initials of the other names, without diacritics ("lan.vt"); a number is added
    when taken."""
    words = vietnamese.search_key(person.full_name).split() or ["dangvien"]
    base = re.sub(r"[^a-z0-9.]", "", f"{words[-1]}.{''.join(w[0] for w in words[:-1])}".strip(".")) or "dangvien"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def activation_link(base_url: str, login: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(login.pk))
    token = default_token_generator.make_token(login)
    return base_url.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])


def _mail_activation(login: User, link: str, organization_name: str):
    from capuy.core import mail

    message = EmailMessage(
        subject="Kích hoạt tài khoản Cấp ủy số",
        body=(f"Kính gửi đồng chí {login},\n\n{organization_name} đã tạo tài khoản Cấp ủy số cho đồng chí.\n"
              f"Tên đăng nhập: {login.username}\n"
              f"Để đặt mật khẩu và bắt đầu sử dụng, đồng chí mở liên kết sau (dùng được trong "
              f"{activation_days()} ngày):\n{link}\n\nNếu đồng chí không đề nghị, xin bỏ qua thư này."),
        to=[login.email],
    )
    # After the commit: a refused batch sends nothing.
    transaction.on_commit(lambda: mail.send(message, instance=login))


def _check_delivery(delivery, people):
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": "Chọn cách gửi: thư kích hoạt hoặc in phiếu."})
    if delivery == Delivery.EMAIL:
        missing = [p.full_name for p in people if not p.email]
        if missing:
            raise ValidationError({"delivery": (
                "Chưa có địa chỉ thư điện tử của: " + ", ".join(missing)
                + ". Hãy bổ sung địa chỉ hoặc chọn in phiếu kích hoạt cho các đồng chí này.")})


def _issue(login, delivery, base_url, organization) -> Issued:
    link = activation_link(base_url, login)
    emailed = delivery == Delivery.EMAIL
    if emailed:
        _mail_activation(login, link, organization.display_committee)
    return Issued(user=login, link=link, emailed=emailed)


@action("Tạo tài khoản cho đảng viên", page="accounts:logins")
def create_member_logins(user, organization, person_ids, delivery, base_url) -> list[Issued]:
    """Create a member login for each chosen party member of ``organization``'s subtree (role ``member`` on
    their cell), with no password until they activate it. All or none."""
    managed_organization(user, organization)
    if not person_ids:
        raise ValidationError({"people": "Chọn ít nhất một đảng viên."})
    people = references.readable_many(user, _person_model(), person_ids, "people",
                                      within=members_without_login(organization))
    _check_delivery(delivery, people)
    issued = []
    for person in people:
        login = User(username=username_for(person), person=person, email=person.email)
        login.set_unusable_password()
        login.save()
        RoleGrant.objects.create(user=login, organization=person.organization, role=Role.MEMBER)
        issued.append(_issue(login, delivery, base_url, organization))
    return issued


def _person_model():
    from capuy.organizations.models import Person

    return Person


def _login_in_subtree(user, organization, login_id) -> User:
    managed_organization(user, organization)
    login = logins_in(organization).filter(pk=login_id).first()
    if login is None or login.pk == user.pk:
        raise Http404("Không tìm thấy tài khoản này trong tổ chức.")
    # A login holding a role above the office's reach (a superior office's clerk kept in a ward) stays theirs.
    if any(not permissions.can_manage(user, g.organization) for g in login.grants.select_related("organization")):
        raise PermissionDenied("Tài khoản này có quyền ở tổ chức ngoài phạm vi của đồng chí; hãy đề nghị cấp trên.")
    return login


@action("Đặt lại tài khoản (cấp liên kết kích hoạt mới)", page="accounts:login_reset")
def reset_login(user, organization, login_id, delivery, base_url) -> Issued:
    """Clear the password (ending every session and API token) and issue a new activation link."""
    login = _login_in_subtree(user, organization, login_id)
    if delivery == Delivery.EMAIL and not login.email:
        raise ValidationError({"delivery": f"Tài khoản {login.username} chưa có thư điện tử; hãy chọn in phiếu."})
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": "Chọn cách gửi: thư kích hoạt hoặc in phiếu."})
    login.set_unusable_password()
    login.is_active = True
    login.save()
    return _issue(login, delivery, base_url, organization)


@action("Khóa tài khoản", page="accounts:login_deactivate")
def deactivate_login(user, organization, login_id) -> User:
    """The login can no longer sign in; its record and history stay (a member who moved or left)."""
    login = _login_in_subtree(user, organization, login_id)
    login.is_active = False
    login.save(update_fields=["is_active"])
    login.revoke_credentials()
    return login


@action("Thêm tài khoản văn phòng cấp ủy", page="accounts:office_account")
def create_office_account(user, organization, person_id, username, email, delivery, base_url) -> Issued:
    """A further office login for ``organization`` (role ``office``), for a person kept in its subtree."""
    managed_organization(user, organization)
    errors = {}
    username = (username or "").strip().lower()
    email = (email or "").strip()
    if not USERNAME_PATTERN.match(username):
        errors["username"] = ("Tên đăng nhập gồm 3–60 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang "
                              "hoặc gạch dưới, bắt đầu bằng chữ hoặc số.")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = f"Tên đăng nhập “{username}” đã có người dùng."
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Địa chỉ thư điện tử không hợp lệ."
    if delivery not in Delivery.values:
        errors["delivery"] = "Chọn cách gửi: thư kích hoạt hoặc in phiếu."
    elif delivery == Delivery.EMAIL and not email:
        errors["email"] = "Gửi thư kích hoạt cần địa chỉ thư điện tử."
    try:
        person = references.readable(user, _person_model(), _int_or_none(person_id), "person",
                                     within=people_without_login(organization))
        if person is None:
            errors["person"] = "Chọn người sẽ dùng tài khoản."
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    login = User(username=username, person=person, email=email)
    login.set_unusable_password()
    login.save()
    RoleGrant.objects.create(user=login, organization=organization, role=Role.OFFICE)
    return _issue(login, delivery, base_url, organization)


def _int_or_none(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"person": "Chọn người sẽ dùng tài khoản."}) from None
