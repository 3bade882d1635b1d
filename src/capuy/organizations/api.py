"""REST endpoints for organizations, terms, bodies, memberships and people."""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from capuy.accounts import permissions
from capuy.core import paging, references
from capuy.core.api import require_visible
from capuy.core.vietnamese import search_key
from capuy.organizations import access, actions
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
    return access.organization_or_404(request.user, pk)


def _managed_org(request, pk) -> Organization:
    return access.managed_or_404(request.user, pk)


def _membership(pk) -> BodyMembership:
    membership = BodyMembership.objects.select_related("body").filter(pk=pk).first()
    require_visible(membership is not None, "Không tìm thấy thành viên.")
    return membership


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
    return 201, actions.create_organization(request.user, Organization(), data.dict())


@router.patch("/organizations/{pk}/", response=OrganizationOut)
def update_organization(request, pk: int, data: OrganizationPatch):
    return actions.update_organization(request.user, _managed_org(request, pk), data.dict(exclude_unset=True))


class RenameIn(Schema):
    name: str
    committee_name: str = ""  # empty: the committee keeps its name
    date: datetime.date
    decision: str = ""


class MoveIn(Schema):
    target_id: int
    cell_ids: list[int] = []
    person_ids: list[int] = []
    date: datetime.date
    decision: str = ""


class ReorganizationOut(Schema):
    id: int
    kind: str
    date: datetime.date
    predecessor_id: int
    successor_id: int | None
    cells: int
    people: int


@router.post("/organizations/{pk}/rename/", response=ReorganizationOut)
def rename_organization(request, pk: int, data: RenameIn):
    return actions.rename_organization(request.user, _readable_org(request, pk), data.name, data.date,
                                       committee_name=data.committee_name, decision=data.decision)


@router.post("/organizations/{pk}/move/", response=ReorganizationOut)
def move_to(request, pk: int, data: MoveIn):
    """Move cells under the organization and records it keeps to another organization, from ``date``."""
    source = _managed_org(request, pk)
    target = references.readable(request.user, Organization, data.target_id, "target_id")
    cells = references.readable_many(request.user, Organization, data.cell_ids, "cell_ids", within=source.children.all())
    people = references.readable_many(request.user, Person, data.person_ids, "person_ids", within=source.people.all())
    return actions.move_to(request.user, source, target, cells, people, data.date, decision=data.decision)


@router.post("/organizations/{pk}/dissolve/", response=OrganizationOut)
def dissolve_organization(request, pk: int, data: DissolveIn):
    organization = _readable_org(request, pk)
    into = _readable_org(request, data.merged_into_id) if data.merged_into_id else None
    return actions.dissolve_organization(request.user, organization, data.date, into)


# --- terms -------------------------------------------------------------------------------------------------


@router.get("/organizations/{pk}/terms/", response=list[TermOut])
def list_terms(request, pk: int):
    return _readable_org(request, pk).terms.all()


@router.post("/terms/", response={201: TermOut})
def create_term(request, data: TermIn):
    return 201, actions.create_term(request.user, Term(), data.dict())


@router.patch("/terms/{pk}/", response=TermOut)
def update_term(request, pk: int, data: TermIn):
    term = Term.objects.filter(pk=pk).first()
    require_visible(term is not None, "Không tìm thấy nhiệm kỳ.")
    return actions.update_term(request.user, term, data.dict())


# --- bodies and memberships ---------------------------------------------------------------------------------


@router.get("/organizations/{pk}/bodies/", response=list[BodyOut])
def list_bodies(request, pk: int):
    return _readable_org(request, pk).bodies.select_related("organization", "term")


@router.post("/bodies/", response={201: BodyOut})
def create_body(request, data: BodyIn):
    return 201, actions.create_body(request.user, Body(), data.dict())


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
    return 201, actions.create_membership(request.user, BodyMembership(), data.dict())


@router.patch("/memberships/{pk}/", response=MembershipOut)
def update_membership(request, pk: int, data: MembershipPatch):
    return actions.update_membership(request.user, _membership(pk), data.dict(exclude_unset=True))


@router.post("/memberships/{pk}/end/", response=MembershipOut)
def end_membership(request, pk: int, data: MembershipEndIn):
    """Record the event (death, expulsion, removal, resignation, retirement…) that ends a membership on a date."""
    return actions.end_membership(request.user, _membership(pk), data.date, data.reason, data.decision)


@router.post("/people/{pk}/leave-bodies/", response=list[MembershipOut])
def leave_bodies(request, pk: int, data: MembershipEndIn):
    """End every body membership of a person on the event's date; returns the memberships ended."""
    return actions.leave_bodies(request.user, _readable_person(request, pk), data.date, data.reason, data.decision)


@router.delete("/memberships/{pk}/", response={204: None})
def delete_membership(request, pk: int):
    actions.delete_membership(request.user, _membership(pk))
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
    return access.person_or_404(request.user, pk)


@router.get("/people/{pk}/", response=PersonOut)
def get_person(request, pk: int):
    return _readable_person(request, pk)


@router.post("/people/", response={201: PersonOut})
def create_person(request, data: PersonIn):
    fields = data.dict()
    titles = fields.pop("titles")
    return 201, actions.create_person(request.user, Person(), fields, titles)


@router.patch("/people/{pk}/", response=PersonOut)
def update_person(request, pk: int, data: PersonPatch):
    fields = data.dict(exclude_unset=True)
    titles = fields.pop("titles", None)
    return actions.update_person(request.user, _readable_person(request, pk), fields, titles)
