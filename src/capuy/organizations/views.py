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
from capuy.core import confirm, inputs, paging, vietnamese
from capuy.core.history import history_answer
from capuy.organizations import access, actions, listings, reorganization
from capuy.organizations.forms import (
    BodyForm,
    MembershipEndForm,
    MembershipForm,
    MergeForm,
    MoveForm,
    OrganizationForm,
    PersonForm,
    RenameForm,
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
                                                       "kind": listing.value("loai", ""), "query": listing.value("q", ""),
                                                       "is_admin": permissions.is_admin(request.user)})


@login_required
def organization_detail(request, pk):
    organization = readable_organization_or_404(request.user, pk)
    if answer := history_answer(request, organization):
        return answer
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
    ancestors = list(organization.ancestors())
    if ancestors and ancestors[-1].pk == organization.parent_id:
        organization.parent = ancestors[-1]  # read with the crumbs, not once more for the right to reorganize
    context = {
        "organization": organization,
        "ancestors": ancestors,
        "children": organization.children.all(),
        "terms": terms,
        "term": term,
        "bodies": bodies,
        "day": day,
        "people_count": organization.people.count(),
        "can_manage": permissions.can_manage(request.user, organization),
        "can_reorganize": permissions.can_manage(request.user, organization.parent) if organization.parent_id
        else permissions.is_admin(request.user),
        "successor": organization.successor(),
    }
    context["before"], context["after"] = reorganization.history(organization)
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
    if answer := history_answer(request, person):
        return answer
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


# --- reorganization -----------------------------------------------------------------------------------------


def _reorganize_targets(user, organization: Organization, exclude: Organization | None = None):
    """Open organizations the user's office may receive cells and members into, under ``organization``'s
    superior (the whole tree for administrators)."""
    superior = organization.parent or organization
    targets = Organization.objects.subtree(superior).filter(valid_to__isnull=True)
    if exclude is not None:
        targets = targets.exclude(path__startswith=exclude.path)
    return targets.filter(pk__in=[o.pk for o in targets if permissions.can_manage(user, o)])


def _form_error(form, exc: ValidationError):
    form.add_error(None, "; ".join(exc.messages))


@login_required
@require_http_methods(["GET", "POST"])
def organization_merge(request, pk):
    """Hợp nhất, from the superior's page: the organizations to merge, the successor, the date; a confirmation
    with the figures before anything changes."""
    superior = managed_organization(request.user, pk)
    form = MergeForm(request.POST or None, superior=superior)
    back = superior.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sources, successor, new = list(data["sources"]), data["successor"], form.new_organization()
        try:
            for source in sources:
                actions._check_superior(request.user, source)
            if not confirm.confirmed(request):
                total = reorganization.Figures()
                for source in sources:
                    total = total.add(reorganization.figures(source, data["date"]))
                into = successor.name if successor else f"{new.name} (tổ chức mới)"
                staff = sum(reorganization.office_accounts(s).count() for s in sources) if data["carry_offices"] else 0
                return confirm.ask(
                    request, title="Xác nhận hợp nhất", confirm_label="Hợp nhất",
                    question=(f"Hợp nhất {', '.join(s.name for s in sources)} vào {into} từ ngày "
                              f"{vietnamese.numeric_date(data['date'])}?"),
                    facts=total.lines() + [f"{len(sources)} tổ chức ngừng hoạt động từ ngày "
                                           f"{vietnamese.numeric_date(data['date'])}, không nhận nhiệm vụ, hội "
                                           "nghị, đảng viên, ý kiến mới"]
                    + ([f"{staff} tài khoản văn phòng cấp ủy làm việc tiếp tại {into}"] if staff else []),
                    cancel_url=back)
            successor = actions.merge_organizations(request.user, sources, successor, data["date"], new=new,
                                                    decision=data["decision"], carry_offices=data["carry_offices"])
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Đã hợp nhất {len(sources)} tổ chức vào {successor.name}.")
            return redirect(successor.get_absolute_url())
    return render(request, "organizations/form.html", {"form": form, "title": f"Hợp nhất tổ chức trực thuộc {superior}",
                                                       "back": back, "submit": "Tiếp tục"},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organization_split(request, pk):
    """Chia tách: each open cell and each record of the organization is given the organization it goes to."""
    source = access.organization_or_404(request.user, pk)
    actions._check_superior(request.user, source)
    targets = list(_reorganize_targets(request.user, source, exclude=source))
    cells = list(reorganization.open_cells(source, timezone.localdate()))
    people = list(source.people.all())
    errors, chosen = [], {}
    date_text = request.POST.get("date", "")
    if request.method == "POST":
        by_pk = {str(t.pk): t for t in targets}
        allocation: dict = {}
        for kind, rows in (("cells", cells), ("people", people)):
            for row in rows:
                value = request.POST.get(f"{kind}-{row.pk}", "")
                chosen[f"{kind}-{row.pk}"] = value
                if value in by_pk:
                    allocation.setdefault(by_pk[value], {"cells": [], "people": []})[kind].append(row)
        day = inputs.query_date(date_text)
        if day is None:
            errors.append("Ngày chia tách: vui lòng nhập ngày.")
        else:
            try:
                if not confirm.confirmed(request):
                    reorganization.check_split(source, allocation, day)
                    reorganization_check = reorganization.figures(source, day)
                    return confirm.ask(
                            request, title="Xác nhận chia tách", confirm_label="Chia tách",
                        question=(f"Chia tách {source.name} thành {', '.join(t.name for t in allocation)} "
                                  f"từ ngày {vietnamese.numeric_date(day)}?"),
                        facts=reorganization_check.lines() + [
                            f"{t.name}: {len(a['cells'])} tổ chức, {len(a['people'])} hồ sơ nhân sự"
                            for t, a in allocation.items()],
                        cancel_url=source.get_absolute_url())
                actions.split_organization(request.user, source, allocation, day,
                                           decision=request.POST.get("decision", "")[:100])
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(request, f"Đã chia tách {source.name}.")
                return redirect(source.get_absolute_url())
    return render(request, "organizations/split.html", {
        "organization": source, "targets": targets, "cells": cells, "people": people, "errors": errors,
        "chosen": chosen, "date_text": date_text, "decision": request.POST.get("decision", ""),
    }, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organization_move(request, pk):
    """Chuyển tổ chức trực thuộc, đảng viên sang tổ chức khác (dated)."""
    source = managed_organization(request.user, pk)
    form = MoveForm(request.POST or None, source=source, targets=_reorganize_targets(request.user, source,
                                                                                     exclude=None).exclude(pk=source.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            step = actions.move_to(request.user, source, data["target"], data["cells"], data["people"], data["date"],
                                   decision=data["decision"])
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Đã chuyển {step.cells} tổ chức và {len(data['people'])} nhân sự sang "
                                      f"{step.successor.name}.")
            return redirect(source.get_absolute_url())
    return render(request, "organizations/form.html", {"form": form, "title": f"Chuyển tổ chức, nhân sự của {source}",
                                                       "back": source.get_absolute_url()},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organization_rename(request, pk):
    organization = access.organization_or_404(request.user, pk)
    actions._check_superior(request.user, organization)
    form = RenameForm(request.POST or None, initial={"name": organization.name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.rename_organization(request.user, organization, data["name"], data["date"],
                                        committee_name=data["committee_name"], decision=data["decision"])
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã đổi tên; tên cũ vẫn ghi trong lịch sử.")
            return redirect(organization.get_absolute_url())
    return render(request, "organizations/form.html", {"form": form, "title": f"Đổi tên {organization}",
                                                       "back": organization.get_absolute_url()},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create_top(request):
    if not permissions.is_admin(request.user):
        raise PermissionDenied(actions.TOP_LEVEL_REFUSED)
    form = OrganizationForm(request.POST or None, instance=Organization())
    return _form_page(request, form, "Thêm tổ chức cấp cao nhất", "/to-chuc/", "Đã thêm tổ chức.",
                      lambda user, organization: actions.create_top_organization(user, organization))
