"""REST endpoints for organizations, terms, bodies, memberships and people."""

import datetime

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from capuy.accounts import permissions
from capuy.core import paging, references
from capuy.core.api import require, require_visible, save_validated
from capuy.core.vietnamese import search_key
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term

router = Router(tags=["Tổ chức và nhân sự"])


class OrganizationIn(Schema):
    parent_id: int | None = None
    kind: str
    name: str
    committee_name: str = ""
    short_name: str = ""
    issuer_symbol: str = ""
    place_name: str = ""
    superior_heading: str = ""
    valid_from: datetime.date | None = None


class OrganizationPatch(Schema):
    parent_id: int | None = None
    kind: str | None = None
    name: str | None = None
    committee_name: str | None = None
    short_name: str | None = None
    issuer_symbol: str | None = None
    place_name: str | None = None
    superior_heading: str | None = None
    valid_from: datetime.date | None = None


class OrganizationOut(Schema):
    id: int
    parent_id: int | None
    path: str
    depth: int
    kind: str
    name: str
    committee_name: str
    short_name: str
    issuer_symbol: str
    place_name: str
    superior_heading: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    merged_into_id: int | None


class DissolveIn(Schema):
    date: datetime.date
    merged_into_id: int | None = None


class TermIn(Schema):
    organization_id: int
    congress_number: int
    start_year: int
    end_year: int
    start_date: datetime.date
    end_date: datetime.date | None = None


class TermOut(TermIn):
    id: int
    name: str

    @staticmethod
    def resolve_name(term) -> str:
        return str(term)


class BodyIn(Schema):
    term_id: int
    kind: str
    seats: int | None = None


class BodyOut(Schema):
    id: int
    organization_id: int
    term_id: int
    kind: str
    full_name: str
    seats: int | None = None


class MembershipIn(Schema):
    body_id: int
    person_id: int
    role: str = BodyMembership.Role.MEMBER
    start_date: datetime.date
    end_date: datetime.date | None = None


class MembershipOut(MembershipIn):
    id: int
    end_reason: str = ""
    end_decision: str = ""


class MembershipEndIn(Schema):
    date: datetime.date
    reason: str
    decision: str = ""


class MembershipPatch(Schema):
    role: str | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class PersonIn(Schema):
    full_name: str
    organization_id: int
    gender: str = ""
    birth_date: datetime.date | None = None
    email: str = ""
    phone: str = ""
    titles: list[str] = []


class PersonPatch(Schema):
    full_name: str | None = None
    gender: str | None = None
    birth_date: datetime.date | None = None
    email: str | None = None
    phone: str | None = None
    titles: list[str] | None = None


class PersonOut(Schema):
    id: int
    full_name: str
    organization_id: int | None
    gender: str
    birth_date: datetime.date | None
    email: str
    phone: str
    titles: list[str]
    titles_text: str

    @staticmethod
    def resolve_titles(obj):
        return [t.name for t in obj.titles_on()]

    @staticmethod
    def resolve_titles_text(obj):
        return obj.titles_text()


# --- helpers -----------------------------------------------------------------------------------------


def _readable_org(request, pk) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    require_visible(permissions.can_read(request.user, organization), "Không tìm thấy tổ chức.")
    return organization


def _managed_org(request, pk) -> Organization:
    organization = _readable_org(request, pk)
    require(permissions.can_manage(request.user, organization),
            "Chỉ văn phòng cấp ủy của tổ chức này mới được thay đổi hồ sơ.")
    return organization


# --- organizations ---------------------------------------------------------------------------------------


@router.get("/organizations/", response=list[OrganizationOut], description=paging.API_PAGING_DOC)
def list_organizations(request, response: HttpResponse, parent_id: int | None = None, q: str = "",
                       limit: int = paging.api_limit(), offset: int = paging.api_offset(),
                       cursor: str = paging.api_cursor()):
    organizations = permissions.readable_organizations(request.user)
    if parent_id:
        organizations = organizations.filter(parent_id=parent_id)
    if q:
        organizations = organizations.filter(search_text__contains=search_key(q))
    return paging.api_page(response, request.user, organizations, ("path",), limit, offset, cursor)


@router.get("/organizations/{pk}/", response=OrganizationOut)
def get_organization(request, pk: int):
    return _readable_org(request, pk)


@router.post("/organizations/", response={201: OrganizationOut})
def create_organization(request, data: OrganizationIn):
    if data.parent_id is None:
        require(permissions.is_admin(request.user), "Chỉ quản trị hệ thống mới được tạo tổ chức cấp cao nhất.")
    else:
        _managed_org(request, data.parent_id)
    return 201, save_validated(Organization(), data.dict())


@router.patch("/organizations/{pk}/", response=OrganizationOut)
def update_organization(request, pk: int, data: OrganizationPatch):
    organization = _managed_org(request, pk)
    fields = data.dict(exclude_unset=True)
    if "parent_id" in fields and fields["parent_id"] != organization.parent_id:
        if fields["parent_id"] is None:
            require(permissions.is_admin(request.user), "Chỉ quản trị hệ thống mới được đưa tổ chức lên cấp cao nhất.")
        else:
            _managed_org(request, fields["parent_id"])
    return save_validated(organization, fields)


@router.post("/organizations/{pk}/dissolve/", response=OrganizationOut)
def dissolve_organization(request, pk: int, data: DissolveIn):
    organization = _managed_org(request, pk)
    into = _managed_org(request, data.merged_into_id) if data.merged_into_id else None
    organization.dissolve(data.date, into)
    return organization


# --- terms -------------------------------------------------------------------------------------------------


@router.get("/organizations/{pk}/terms/", response=list[TermOut])
def list_terms(request, pk: int):
    return _readable_org(request, pk).terms.all()


@router.post("/terms/", response={201: TermOut})
def create_term(request, data: TermIn):
    _managed_org(request, data.organization_id)
    return 201, save_validated(Term(), data.dict())


@router.patch("/terms/{pk}/", response=TermOut)
def update_term(request, pk: int, data: TermIn):
    term = get_object_or_404(Term, pk=pk)
    _managed_org(request, term.organization_id)
    _managed_org(request, data.organization_id)
    return save_validated(term, data.dict())


# --- bodies and memberships ---------------------------------------------------------------------------------


@router.get("/organizations/{pk}/bodies/", response=list[BodyOut])
def list_bodies(request, pk: int):
    return _readable_org(request, pk).bodies.select_related("organization", "term")


@router.post("/bodies/", response={201: BodyOut})
def create_body(request, data: BodyIn):
    term = get_object_or_404(Term, pk=data.term_id)
    _managed_org(request, term.organization_id)
    return 201, save_validated(Body(organization_id=term.organization_id), data.dict())


def _readable_body(request, pk) -> Body:
    body = get_object_or_404(Body.objects.select_related("organization", "term"), pk=pk)
    _readable_org(request, body.organization_id)
    return body


@router.get("/bodies/{pk}/memberships/", response=list[MembershipOut])
def list_memberships(request, pk: int, on: datetime.date | None = None):
    """Memberships of a body; with ``on``, only those who sat on the body that day."""
    memberships = _readable_body(request, pk).memberships.all()
    return memberships.active_on(on) if on else memberships


@router.get("/bodies/{pk}/members/", response=list[PersonOut])
def body_members_on(request, pk: int, on: datetime.date | None = None):
    """Who sat on this body on a date (today by default)."""
    return _readable_body(request, pk).members_on(on or timezone.localdate()).prefetch_related("titles")


@router.post("/memberships/", response={201: MembershipOut})
def create_membership(request, data: MembershipIn):
    body = _readable_body(request, data.body_id)
    _managed_org(request, body.organization_id)
    references.readable(request.user, Person, data.person_id, "person_id")
    return 201, save_validated(BodyMembership(), data.dict())


@router.patch("/memberships/{pk}/", response=MembershipOut)
def update_membership(request, pk: int, data: MembershipPatch):
    membership = get_object_or_404(BodyMembership.objects.select_related("body"), pk=pk)
    _managed_org(request, membership.body.organization_id)
    return save_validated(membership, data.dict(exclude_unset=True))


@router.post("/memberships/{pk}/end/", response=MembershipOut)
def end_membership(request, pk: int, data: MembershipEndIn):
    """Record the event (death, expulsion, removal, resignation, retirement…) that ends a membership on a date."""
    membership = get_object_or_404(BodyMembership.objects.select_related("body"), pk=pk)
    _managed_org(request, membership.body.organization_id)
    with transaction.atomic():
        return membership.end(data.date, data.reason, data.decision)


@router.post("/people/{pk}/leave-bodies/", response=list[MembershipOut])
def leave_bodies(request, pk: int, data: MembershipEndIn):
    """End every body membership of a person on the event's date; returns the memberships ended."""
    person = _readable_person(request, pk)
    require(permissions.can_manage_person(request.user, person), "Chỉ văn phòng cấp ủy quản lý hồ sơ mới được ghi nhận.")
    held = list(person.body_memberships.filter(start_date__lte=data.date).select_related("body"))
    for membership in held:
        _managed_org(request, membership.body.organization_id)
    with transaction.atomic():
        person.leave_bodies(data.date, data.reason, data.decision)
    return list(person.body_memberships.filter(pk__in=[m.pk for m in held], end_reason=data.reason))


@router.delete("/memberships/{pk}/", response={204: None})
def delete_membership(request, pk: int):
    membership = get_object_or_404(BodyMembership.objects.select_related("body"), pk=pk)
    _managed_org(request, membership.body.organization_id)
    membership.delete()
    return 204, None


# --- people ------------------------------------------------------------------------------------------------


@router.get("/people/", response=list[PersonOut], description=paging.API_PAGING_DOC)
def list_people(request, response: HttpResponse, q: str = "", organization_id: int | None = None,
                limit: int = paging.api_limit(), offset: int = paging.api_offset(), cursor: str = paging.api_cursor()):
    people = permissions.visible_people(request.user).search(q).prefetch_related("titles")
    if organization_id:
        people = people.filter(organization_id=organization_id)
    return paging.api_page(response, request.user, people, ("sort_key",), limit, offset, cursor)


def _readable_person(request, pk) -> Person:
    person = get_object_or_404(Person, pk=pk)
    require_visible(permissions.can_read_person(request.user, person), "Không tìm thấy nhân sự.")
    return person


@router.get("/people/{pk}/", response=PersonOut)
def get_person(request, pk: int):
    return _readable_person(request, pk)


@router.post("/people/", response={201: PersonOut})
def create_person(request, data: PersonIn):
    _managed_org(request, data.organization_id)
    fields = data.dict()
    titles = Person.normalize_title_names(fields.pop("titles"))
    with transaction.atomic():
        person = save_validated(Person(), fields)
        person.set_current_titles(titles)
    return 201, person


@router.patch("/people/{pk}/", response=PersonOut)
def update_person(request, pk: int, data: PersonPatch):
    person = _readable_person(request, pk)
    require(permissions.can_manage_person(request.user, person), "Chỉ văn phòng cấp ủy quản lý hồ sơ mới được sửa.")
    fields = data.dict(exclude_unset=True)
    titles = fields.pop("titles", None)
    titles = None if titles is None else Person.normalize_title_names(titles)
    with transaction.atomic():
        save_validated(person, fields)
        if titles is not None:
            person.set_current_titles(titles)
    return person
