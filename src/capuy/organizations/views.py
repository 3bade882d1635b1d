import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from capuy.accounts import permissions
from capuy.core import inputs, paging
from capuy.organizations import access, actions, listings
from capuy.organizations.forms import (
    BodyForm,
    MembershipEndForm,
    MembershipForm,
    OrganizationForm,
    PersonForm,
    TermForm,
)
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Title


def readable_organization_or_404(user, pk) -> Organization:
    return access.organization_or_404(user, pk)


def managed_organization(user, pk) -> Organization:
    return access.managed_or_404(user, pk)


def _day(request) -> datetime.date:
    return inputs.query_date(request.GET.get("ngay")) or timezone.localdate()


@login_required
def organization_list(request):
    listing = listings.OrganizationList(request.user, request.GET)
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    return render(request, "organizations/list.html", {"listing": listing, "page": listing.page(),
                                                       "kinds": Organization.Kind.choices,
                                                       "kind": listing.value("loai", ""), "query": listing.value("q", "")})


@login_required
def organization_detail(request, pk):
    organization = readable_organization_or_404(request.user, pk)
    day = _day(request)
    terms = list(organization.terms.all())
    term = next((t for t in terms if str(t.pk) == request.GET.get("nhiem-ky")), None) or next(
        (t for t in terms if t.covers(day)), terms[0] if terms else None
    )
    if term and not term.covers(day) and "ngay" not in request.GET:
        # Looking at a past term: show its bodies as they were on its last day.
        day = term.end_date or day
    bodies = []
    if term:
        memberships = BodyMembership.objects.active_on(day).select_related("person").prefetch_related(
            Prefetch("person__titles", queryset=Title.objects.order_by("order"))
        )
        # Each body's name reads its organization and term: loaded with it, not one query per body.
        for body in term.bodies.select_related("organization", "term").prefetch_related(
                Prefetch("memberships", queryset=memberships)):
            rows = sorted(body.memberships.all(), key=lambda m: (BodyMembership.ROLE_ORDER[m.role], m.person.sort_key))
            bodies.append((body, rows))
    context = {
        "organization": organization,
        "ancestors": organization.ancestors(),
        "children": organization.children.all(),
        "terms": terms,
        "term": term,
        "bodies": bodies,
        "day": day,
        "people_count": organization.people.count(),
        "can_manage": permissions.can_manage(request.user, organization),
    }
    return render(request, "organizations/detail.html", context)


@login_required
def organization_people(request, pk):
    organization = readable_organization_or_404(request.user, pk)
    people = Person.objects.filter(organization=organization).select_related("party_member")
    people = people.prefetch_related(Prefetch("titles", queryset=Title.objects.order_by("order")))
    return render(request, "organizations/people.html", {"organization": organization, "people": people})


@login_required
def body_detail(request, pk):
    body = get_object_or_404(Body.objects.select_related("organization", "term"), pk=pk)
    if not permissions.can_read(request.user, body.organization):
        raise Http404("Không tìm thấy cơ quan.")
    day = _day(request)
    memberships = body.memberships.select_related("person").order_by("start_date")
    return render(request, "organizations/body.html", {
        "body": body, "day": day, "current": body.members_on(day), "memberships": memberships,
        "vacancies": body.vacancies_on(day), "ended": body.ended_memberships(),
        "can_manage": permissions.can_manage(request.user, body.organization),
    })


def _end_form_page(request, form, title, back, apply):
    """Validate the event form, apply it through its action (nothing changes on error), go back."""
    if request.method == "POST" and form.is_valid():
        try:
            count = apply(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            messages.success(request, f"Đã ghi nhận thôi tham gia ({count} cơ quan lãnh đạo).")
            return redirect(back)
    return render(request, "organizations/form.html", {"form": form, "title": title, "back": back},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request, pk):
    """Record that one membership ended (death, expulsion, removal, resignation, retirement…) on a date."""
    membership = get_object_or_404(BodyMembership.objects.select_related("body__organization", "person"), pk=pk)
    managed_organization(request.user, membership.body.organization_id)
    form = MembershipEndForm(request.POST or None)
    return _end_form_page(request, form, f"Thôi tham gia {membership.body}: {membership.person}",
                          membership.body.get_absolute_url(),
                          lambda d: bool(actions.end_membership(request.user, membership, d["date"], d["reason"],
                                                                d["decision"])))


@login_required
@require_http_methods(["GET", "POST"])
def person_leave_bodies(request, pk):
    """Record an event that ends every body membership of a person on its date."""
    person = access.person_or_404(request.user, pk)
    bodies = person.body_memberships.select_related("body__organization")
    if not permissions.can_manage_person(request.user, person) or any(
            not permissions.can_manage(request.user, m.body.organization) for m in bodies):
        raise PermissionDenied(actions.LEAVE_REFUSED)
    form = MembershipEndForm(request.POST or None)
    return _end_form_page(request, form, f"Thôi tham gia các cơ quan lãnh đạo: {person}", person.get_absolute_url(),
                          lambda d: len(actions.leave_bodies(request.user, person, d["date"], d["reason"],
                                                             d["decision"])))


@login_required
def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    if not permissions.can_read_person(request.user, person):
        raise Http404("Không tìm thấy nhân sự.")
    return render(request, "organizations/person.html", {
        "person": person,
        "titles": person.titles.select_related("organization").order_by("end_date", "order"),
        "memberships": person.body_memberships.select_related("body__organization", "body__term"),
        "member": getattr(person, "party_member", None),
        "can_manage": permissions.can_manage_person(request.user, person),
    })


@login_required
def search(request):
    """Organizations (the first page of the organization list, which holds them all) and people (paged here)."""
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query}
    if query:
        organizations = listings.OrganizationList(request.user, {"q": query, "so-dong": "20"})
        people = listings.PersonList(request.user, request.GET)
        context.update(organizations=organizations, organization_page=organizations.page(), listing=people,
                       page=people.page())
    return render(request, "organizations/search.html", context)


def _form_page(request, form, title, back, success, act):
    """Render a form, or save it through its action ``act(user, instance, ...)`` (nothing is saved when any
    check fails) and redirect."""
    if request.method == "POST" and form.is_valid():
        extra = {"titles": form.cleaned_data["titles"]} if "titles" in form.cleaned_data else {}
        try:
            obj = act(request.user, form.instance, **extra)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, success)
            return redirect(obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else back)
    return render(request, "organizations/form.html", {"form": form, "title": title, "back": back},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request, pk):
    parent = managed_organization(request.user, pk)
    form = OrganizationForm(request.POST or None, instance=Organization(parent=parent))
    return _form_page(request, form, f"Thêm tổ chức trực thuộc {parent}", parent.get_absolute_url(), "Đã thêm tổ chức.",
                      actions.create_organization)


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    organization = managed_organization(request.user, pk)
    form = OrganizationForm(request.POST or None, instance=organization)
    return _form_page(request, form, f"Sửa {organization}", organization.get_absolute_url(), "Đã lưu thay đổi.",
                      actions.update_organization)


@login_required
@require_http_methods(["GET", "POST"])
def term_create(request, pk):
    organization = managed_organization(request.user, pk)
    form = TermForm(request.POST or None, instance=organization.terms.model(organization=organization))
    return _form_page(request, form, f"Thêm nhiệm kỳ của {organization}", organization.get_absolute_url(),
                      "Đã thêm nhiệm kỳ.", actions.create_term)


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request, pk):
    organization = managed_organization(request.user, pk)
    form = BodyForm(request.POST or None, organization=organization)
    return _form_page(request, form, f"Thêm cơ quan lãnh đạo của {organization}", organization.get_absolute_url(),
                      "Đã thêm cơ quan lãnh đạo.", actions.create_body)


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request, pk):
    body = get_object_or_404(Body.objects.select_related("organization", "term"), pk=pk)
    managed_organization(request.user, body.organization_id)
    form = MembershipForm(request.POST or None, body=body, people=permissions.visible_people(request.user))
    return _form_page(request, form, f"Thêm thành viên {body}", body.get_absolute_url(), "Đã thêm thành viên.",
                      actions.create_membership)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request, pk):
    organization = managed_organization(request.user, pk)
    form = PersonForm(request.POST or None, organization=organization)
    return _form_page(request, form, f"Thêm nhân sự – {organization}", organization.get_absolute_url(), "Đã thêm nhân sự.",
                      actions.create_person)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = access.check_manage_person(request.user, access.person_or_404(request.user, pk))
    form = PersonForm(request.POST or None, instance=person)
    return _form_page(request, form, f"Sửa hồ sơ {person}", person.get_absolute_url(), "Đã lưu hồ sơ.",
                      actions.update_person)
