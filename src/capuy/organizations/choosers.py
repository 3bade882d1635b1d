"""The search pages behind the person and organization choosers (core/choosers.py).

Each answers at most ``CAPUY_CHOOSER_LIMIT`` matches among what the user may see: a clerk searches
their own subtree, never the whole country, and a hand-written scope naming another ward's
organization is answered with 404 like any organization the user may not read. Optional narrowing
(each checked against the user's rights):

- people: ``to-chuc`` (records kept in that organization's subtree), ``co-quan=1`` (sitting on a body
  of an organization the user manages: who may sign), ``cap-tren`` (also the people of the organizations
  above that one: guests from above), ``hoi-nghi`` (the invitees of a conference the user may see: tellers,
  candidates);
- organizations: ``trong`` (that subtree), ``quan-ly=1`` (managed by the user), ``chi-bo=1`` (cells only),
  ``con-hoat-dong=1`` (not dissolved or merged today), ``ca-cap-tren=1`` (also the organizations above the
  user's subtrees, whose documents the user reads: the library's issuer box);
- terms: those of the organizations the user manages, found by the organization's name (a term has no name
  of its own).
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from capuy.accounts import permissions
from capuy.core import choosers, inputs
from capuy.organizations.listings import search_organizations
from capuy.organizations.models import Organization, Person, Term


def _readable_scope(user, value) -> Organization | None:
    if not value:
        return None
    pk = inputs.query_id(value)
    if pk is None:
        raise Http404("Không tìm thấy tổ chức.")
    organization = get_object_or_404(Organization, pk=pk)
    if not permissions.can_read(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    return organization


@login_required
def people(request):
    user, params = request.user, request.GET
    found = permissions.visible_people(user)
    scope = _readable_scope(user, params.get("to-chuc"))
    if scope is not None:
        found = found.filter(organization__path__startswith=scope.path)
    if params.get("co-quan") == "1":
        managed = permissions.readable_organizations(user, roles=permissions.MANAGE_ROLES).values("pk")
        found = found.filter(body_memberships__body__organization__in=managed)
    if params.get("hoi-nghi"):
        found = _invitees(user, params.get("hoi-nghi"))
    above = _readable_scope(user, params.get("cap-tren"))
    if above is not None:
        superiors = above.ancestors().order_by().values("pk")
        found = Person.objects.filter(Q(pk__in=found.order_by().values("pk")) | Q(organization__in=superiors))
    words = choosers.search_words(request)
    found = found.search(words).select_related("organization").order_by("sort_key", "pk").distinct()
    return choosers.results(request, found, note=lambda p: p.organization.name if p.organization_id else "")


def _superior_paths(user) -> set[str]:
    """Paths of the organizations above the user's readable subtrees (their documents reach the user)."""
    readable = permissions.readable_organizations(user)
    tops = readable.exclude(parent__in=readable.values("pk")).only("path")
    return {path for top in tops for path in top.ancestor_paths()}


def _invitees(user, value):
    """The people invited to a conference the user may see (tellers and candidates are chosen among them)."""
    from capuy.conferences.models import Conference

    conference = Conference.objects.visible_to(user).filter(pk=inputs.query_id(value) or 0).first()
    if conference is None:
        raise Http404("Không tìm thấy hội nghị.")
    return Person.objects.filter(conference_invitations__conference=conference)


@login_required
def organizations(request):
    user, params = request.user, request.GET
    found = permissions.readable_organizations(
        user, roles=permissions.MANAGE_ROLES) if params.get("quan-ly") == "1" else permissions.readable_organizations(user)
    if params.get("ca-cap-tren") == "1":
        found = Organization.objects.filter(Q(pk__in=found.order_by().values("pk")) | Q(path__in=_superior_paths(user)))
    scope = _readable_scope(user, params.get("trong"))
    if scope is not None:
        found = found.filter(path__startswith=scope.path)
    if params.get("chi-bo") == "1":
        found = found.filter(kind__in=[Organization.Kind.CELL, Organization.Kind.GRASSROOTS_CELL])
    if params.get("con-hoat-dong") == "1":
        found = found.active_on(timezone.localdate())
    found = search_organizations(found, choosers.search_words(request)).select_related("parent").order_by("path")
    return choosers.results(request, found, note=lambda o: o.parent.name if o.parent_id else "")


def search_box(choose, queryset, name: str, value, element_id: str, **scope) -> str:
    """A chooser outside a form, for a page that reads ``name`` itself: the search box over ``queryset`` (what the
    page accepts) with ``value`` chosen; ``choose`` is ``choose_people``, ``choose_organizations`` … with ``scope``."""
    field = forms.ModelChoiceField(queryset)
    choose(field, **scope)
    return field.widget.render(name, value, attrs={"id": element_id})


def choose_people(field, **scope):
    """Make a person field of a form search people the user may see (``scope``: the narrowing above)."""
    return choosers.use(field, _url("organizations:choose_person", scope), "Gõ họ tên để tìm…")


def choose_terms(field, **scope):
    return choosers.use(field, _url("organizations:choose_term", scope), "Gõ tên tổ chức để tìm nhiệm kỳ…")


def choose_organizations(field, **scope):
    return choosers.use(field, _url("organizations:choose_organization", scope), "Gõ tên tổ chức để tìm…")


def _url(name: str, scope: dict) -> str:
    from django.urls import reverse
    from django.utils.http import urlencode

    params = {key.replace("_", "-"): value for key, value in scope.items() if value not in (None, "", False)}
    return reverse(name) + ("?" + urlencode(params) if params else "")


@login_required
def terms(request):
    managed = permissions.readable_organizations(request.user, roles=permissions.MANAGE_ROLES)
    found = search_organizations(managed, choosers.search_words(request)).order_by().values("pk")
    found = Term.objects.filter(organization__in=found).select_related("organization").order_by(
        "organization__path", "-start_year")
    return choosers.results(request, found, label=lambda t: f"khóa {t.roman}, nhiệm kỳ {t.years}",
                            note=lambda t: t.organization.name)
