"""The office's account pages: member logins of its subtree in bulk, reset, deactivation, office accounts.

Views only translate: the rules live in ``capuy.accounts.actions``.
"""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from capuy.accounts import actions, listings
from capuy.accounts.actions import Delivery
from capuy.organizations.choosers import choose_people, search_box
from capuy.organizations.models import Organization


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _errors(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


def _slips(issued):
    """What the printed slips show; the QR code is segno's own SVG markup (drawn here, no outside service)."""
    return [{"login": i.user, "link": i.link,
             "qr": mark_safe(segno.make(i.link, error="m").svg_inline(scale=3, title="Mã QR kích hoạt"))}  # noqa: S308
            for i in issued if not i.emailed]


def _ids(values):
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise ValidationError({"people": f"Mã nhân sự không hợp lệ: {value}."}) from None
    return ids


# The page shows one list at a time, paged: the members without a login (default) or the logins (?xem=tai-khoan).
LISTS = {"": listings.MembersWithoutLogin, "tai-khoan": listings.Logins}


def _office_picker(organization, chosen) -> str:
    """The person who gets an office account, searched within the subtree (no <select> of everyone)."""
    return search_box(choose_people, actions.people_without_login(organization), "person", chosen or None, "vp-nguoi",
                      to_chuc=organization.pk)


def _page(request, organization, status=200, **extra):
    showing = request.GET.get("xem", "")
    showing = showing if showing in LISTS else ""
    listing = LISTS[showing](request.user, request.GET, organization_id=organization.pk, organization=organization)
    context = {
        "organization": organization, "showing": showing, "listing": listing, "page": listing.page(),
        "office_picker": _office_picker(organization, (extra.get("office") or {}).get("person")),
        "deliveries": Delivery.choices,
        "activation_days": actions.activation_days(),
        "chosen": set(), "delivery": Delivery.EMAIL, "office": {}, "errors": {}, "office_errors": {},
    }
    context.update(extra)
    return render(request, "accounts/logins.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def logins(request, org_pk):
    """The members of the subtree with their login; the chosen ones get a login (e-mail or printed slip)."""
    organization = actions.managed_organization(request.user, get_object_or_404(Organization, pk=org_pk))
    if request.method == "GET":
        return _page(request, organization)
    chosen, delivery = request.POST.getlist("chon"), request.POST.get("delivery", "")
    try:
        issued = actions.create_member_logins(request.user, organization, _ids(chosen), delivery, _base_url(request))
    except ValidationError as exc:
        return _page(request, organization, status=400, errors=_errors(exc), chosen=set(chosen), delivery=delivery)
    return _done(request, organization, issued, f"Đã tạo {len(issued)} tài khoản")


def _done(request, organization, issued, what):
    emailed = sum(1 for i in issued if i.emailed)
    if emailed:
        messages.success(request, f"{what}; thư kích hoạt đã được xếp vào hàng gửi cho {emailed} đồng chí.")
    slips = _slips(issued)
    if not slips:
        return redirect("accounts:logins", organization.pk)
    messages.success(request, f"{what}. In các phiếu dưới đây và trao tận tay; liên kết chỉ hiện một lần.")
    return render(request, "accounts/slips.html", {"organization": organization, "slips": slips,
                                                   "activation_days": actions.activation_days()})


@login_required
@require_POST
def login_reset(request, org_pk, pk):
    organization = get_object_or_404(Organization, pk=org_pk)
    delivery = request.POST.get("delivery", "")
    try:
        issued = actions.reset_login(request.user, organization, pk, delivery, _base_url(request))
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in _errors(exc).values() for m in ms))
        return redirect("accounts:logins", organization.pk)
    return _done(request, organization, [issued], f"Đã đặt lại tài khoản {issued.user.username}")


@login_required
@require_POST
def login_deactivate(request, org_pk, pk):
    organization = get_object_or_404(Organization, pk=org_pk)
    login = actions.deactivate_login(request.user, organization, pk)
    messages.success(request, f"Đã khóa tài khoản {login.username}; đồng chí {login} không đăng nhập được nữa.")
    return redirect("accounts:logins", organization.pk)


@login_required
@require_POST
def office_account(request, org_pk):
    organization = actions.managed_organization(request.user, get_object_or_404(Organization, pk=org_pk))
    typed = {k: request.POST.get(k, "") for k in ("person", "username", "email", "delivery")}
    try:
        issued = actions.create_office_account(request.user, organization, typed["person"], typed["username"],
                                               typed["email"], typed["delivery"], _base_url(request))
    except ValidationError as exc:
        return _page(request, organization, status=400, office=typed, office_errors=_errors(exc))
    return _done(request, organization, [issued], f"Đã tạo tài khoản văn phòng {issued.user.username}")
