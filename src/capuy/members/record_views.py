"""Add or edit one member's record from a page; the rules are in ``members.actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from capuy.accounts import permissions
from capuy.members import access, actions
from capuy.members.member_forms import MemberForm
from capuy.members.models import PartyMember
from capuy.organizations.models import Organization


def _save(request, form, run):
    if request.method == "POST" and form.is_valid():
        try:
            member = run(form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            return member
    return None


@login_required
@require_http_methods(["GET", "POST"])
def create(request, org_pk):
    organization = get_object_or_404(Organization, pk=org_pk)
    if not permissions.can_read(request.user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    if not permissions.can_manage(request.user, organization):
        raise PermissionDenied(actions.ADD_REFUSED)
    form = MemberForm(request.POST or None, cells=actions.member_cells(request.user, organization), adding=True)
    member = _save(request, form, lambda data: actions.add_member(request.user, organization, data))
    if member is not None:
        messages.success(request, f"Đã thêm đảng viên {member.person.full_name}.")
        return redirect(member)
    return render(request, "members/member_form.html", {
        "form": form, "title": f"Thêm đảng viên – {organization.name}", "back": organization.get_absolute_url(),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    member = get_object_or_404(PartyMember.objects.select_related("person__organization"), pk=pk)
    if not access.can_read_member(request.user, member):
        raise Http404("Không tìm thấy đảng viên.")
    if not access.can_manage_member(request.user, member):
        raise PermissionDenied(actions.EDIT_REFUSED)
    person = member.person
    # The cells this office manages: its own subtrees that hold the member.
    roots = [o for o in person.organization.ancestors()] + [person.organization] if person.organization else []
    top = next((o for o in roots if permissions.can_manage(request.user, o)), person.organization)
    initial = {**actions.record_of(member), "cell": person.organization_id}
    form = MemberForm(request.POST or None, initial=initial, cells=actions.member_cells(request.user, top),
                      adding=False)
    saved = _save(request, form, lambda data: actions.edit_member(request.user, member, data))
    if saved is not None:
        messages.success(request, f"Đã lưu hồ sơ đảng viên {saved.person.full_name}.")
        return redirect(saved)
    return render(request, "members/member_form.html", {
        "form": form, "title": f"Sửa hồ sơ đảng viên {person.full_name}", "back": member.get_absolute_url(),
    }, status=400 if form.errors else 200)
