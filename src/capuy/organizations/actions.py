"""What a user can do with organizations, terms, bodies and people: one function per action.

Pages (whose ModelForms set the fields on the instance) and the API (which passes ``fields``) both call
these; each checks the caller's right (``organizations.access``), validates the whole record and writes
in one transaction (``capuy.core.actions.action``), so both refuse alike with the same words.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404

from capuy.accounts import permissions
from capuy.core import references
from capuy.core.actions import action
from capuy.organizations import access
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term

TOP_LEVEL_REFUSED = "Chỉ quản trị hệ thống mới được tạo tổ chức cấp cao nhất."
MOVE_TO_TOP_REFUSED = "Chỉ quản trị hệ thống mới được đưa tổ chức lên cấp cao nhất."
LEAVE_REFUSED = "Chỉ văn phòng cấp ủy quản lý hồ sơ và các cơ quan lãnh đạo mới được ghi nhận."


def _save(obj, fields: dict | None):
    """Apply ``fields``, check the whole record, save; nothing is saved when a check fails."""
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def _check_parent(user, parent_id):
    if parent_id is None:
        if not permissions.is_admin(user):
            raise PermissionDenied(TOP_LEVEL_REFUSED)
    else:
        access.managed_or_404(user, parent_id)


@action("Thêm tổ chức", page="organizations:create_child", api="api:create_organization")
def create_organization(user, organization: Organization, fields: dict | None = None) -> Organization:
    """A new organization under a parent whose office ``user`` is (a top-level one: administrators only)."""
    parent_id = (fields or {}).get("parent_id", organization.parent_id)
    _check_parent(user, parent_id)
    return _save(organization, fields)


@action("Sửa hồ sơ tổ chức", page="organizations:edit", api="api:update_organization")
def update_organization(user, organization: Organization, fields: dict | None = None) -> Organization:
    access.check_manage(user, Organization.objects.filter(pk=organization.pk).first())
    fields = fields or {}
    if "parent_id" in fields and fields["parent_id"] != organization.parent_id:
        if fields["parent_id"] is None:
            if not permissions.is_admin(user):
                raise PermissionDenied(MOVE_TO_TOP_REFUSED)
        else:
            access.managed_or_404(user, fields["parent_id"])
    return _save(organization, fields)


@action("Giải thể hoặc sáp nhập tổ chức", api="api:dissolve_organization")
def dissolve_organization(user, organization: Organization, date: datetime.date, into: Organization | None = None):
    access.check_manage(user, organization)
    if into is not None:
        access.check_manage(user, into)
    organization.dissolve(date, into)
    return organization


@action("Thêm nhiệm kỳ", page="organizations:term_create", api="api:create_term")
def create_term(user, term: Term, fields: dict | None = None) -> Term:
    access.managed_or_404(user, (fields or {}).get("organization_id", term.organization_id))
    return _save(term, fields)


@action("Sửa nhiệm kỳ", api="api:update_term")
def update_term(user, term: Term, fields: dict | None = None) -> Term:
    access.managed_or_404(user, term.organization_id)
    if fields and "organization_id" in fields:
        access.managed_or_404(user, fields["organization_id"])
    return _save(term, fields)


@action("Thêm cơ quan lãnh đạo", page="organizations:body_create", api="api:create_body")
def create_body(user, body: Body, fields: dict | None = None) -> Body:
    fields = dict(fields or {})
    if "term_id" in fields:
        term = Term.objects.filter(pk=fields["term_id"]).first()
        if term is None:
            raise Http404("Không tìm thấy nhiệm kỳ.")
        body.organization_id = term.organization_id
    access.managed_or_404(user, body.organization_id)
    return _save(body, fields)


@action("Thêm thành viên cơ quan lãnh đạo", page="organizations:membership_create", api="api:create_membership")
def create_membership(user, membership: BodyMembership, fields: dict | None = None) -> BodyMembership:
    fields = fields or {}
    body = Body.objects.select_related("organization").filter(pk=fields.get("body_id", membership.body_id)).first()
    if body is None or not permissions.can_read(user, body.organization):
        raise Http404("Không tìm thấy cơ quan.")
    access.check_manage(user, body.organization)
    if fields.get("person_id") is not None:
        references.readable(user, Person, fields["person_id"], "person_id")
    return _save(membership, fields)


@action("Sửa thành viên cơ quan lãnh đạo", api="api:update_membership")
def update_membership(user, membership: BodyMembership, fields: dict | None = None) -> BodyMembership:
    access.managed_or_404(user, membership.body.organization_id)
    return _save(membership, fields)


@action("Ghi nhận thôi tham gia cơ quan lãnh đạo", page="organizations:membership_end", api="api:end_membership")
def end_membership(user, membership: BodyMembership, date: datetime.date, reason: str, decision: str = ""):
    """Record the event (death, expulsion, removal, resignation, retirement…) that ends a membership."""
    access.managed_or_404(user, membership.body.organization_id)
    return membership.end(date, reason, decision)


@action("Ghi nhận thôi tham gia mọi cơ quan lãnh đạo", page="organizations:person_leave_bodies",
        api="api:leave_bodies")
def leave_bodies(user, person: Person, date: datetime.date, reason: str, decision: str = "") -> list[BodyMembership]:
    """End every body membership of ``person`` on the event's date; returns the memberships ended."""
    access.check_read_person(user, person)
    held = list(person.body_memberships.filter(start_date__lte=date).select_related("body__organization"))
    if not permissions.can_manage_person(user, person) or any(
            not permissions.can_manage(user, m.body.organization) for m in held):
        raise PermissionDenied(LEAVE_REFUSED)
    person.leave_bodies(date, reason, decision)
    return list(person.body_memberships.filter(pk__in=[m.pk for m in held], end_reason=reason))


@action("Xóa thành viên cơ quan lãnh đạo", api="api:delete_membership")
def delete_membership(user, membership: BodyMembership) -> None:
    access.managed_or_404(user, membership.body.organization_id)
    membership.delete()


@action("Thêm nhân sự", page="organizations:person_create", api="api:create_person")
def create_person(user, person: Person, fields: dict | None = None, titles: list[str] | None = None) -> Person:
    access.managed_or_404(user, (fields or {}).get("organization_id", person.organization_id))
    _save(person, fields)
    person.set_current_titles(Person.normalize_title_names(titles or []))
    return person


@action("Sửa hồ sơ nhân sự", page="organizations:person_edit", api="api:update_person")
def update_person(user, person: Person, fields: dict | None = None, titles: list[str] | None = None) -> Person:
    access.check_manage_person(user, Person.objects.filter(pk=person.pk).first())
    _save(person, fields)
    if titles is not None:
        person.set_current_titles(Person.normalize_title_names(titles))
    return person
