import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from capuy.accounts import permissions
from capuy.core import inputs, paging
from capuy.core.history import history_answer, record_access
from capuy.members import access, actions, exchange, hooks, listings, reports, rules
from capuy.members.forms import (
    AppraisalForm,
    CampaignForm,
    CommendationForm,
    DecisionForm,
    ImportForm,
    OpinionForm,
    SelfRatingForm,
    StatusForm,
    TransferForm,
)
from capuy.members.models import (
    Commendation,
    Level,
    PartyMember,
    Rating,
    RatingCampaign,
    RatingRules,
    Status,
)
from capuy.organizations.models import Organization


def _member_or_404(user, pk) -> PartyMember:
    member = get_object_or_404(PartyMember.objects.select_related("person__organization"), pk=pk)
    if not access.can_read_member(user, member):
        raise Http404("Không tìm thấy đảng viên.")
    return member


def _org_or_404(user, pk) -> Organization:
    organization = get_object_or_404(Organization, pk=pk)
    if not access.can_read_organization_members(user, organization):
        raise Http404("Không tìm thấy tổ chức.")
    return organization


def _managed_org(user, pk) -> Organization:
    organization = _org_or_404(user, pk)
    if not permissions.can_manage(user, organization):
        raise PermissionDenied(actions.ORGANIZATION_MANAGE_ONLY)
    return organization


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _roots(user):
    """The organizations a user may list members of (the top of each readable subtree)."""
    # Only the tops of the readable subtrees: an organization whose parent is readable is not a root.
    readable = permissions.readable_organizations(user)
    orgs = list(readable.exclude(parent__in=readable.values("pk")).only("pk", "name", "path"))
    orgs += list(access.secretary_cells(user))
    paths = sorted({o.path: o for o in orgs}.items())
    roots, last = [], None
    for path, org in paths:
        if last is None or not path.startswith(last):
            roots.append(org)
            last = path
    return roots


def _organization_picker(user, organization):
    """The "Tổ chức" box of the member list: search any organization of the user's subtrees as you type
    (a province has thousands; a <select> of them all would not do)."""
    from capuy.organizations.choosers import choose_organizations, search_box

    return search_box(choose_organizations, permissions.readable_organizations(user), "to-chuc", organization.pk,
                      "to-chuc")


@login_required
def index(request):
    roots = _roots(request.user)
    if not roots:
        return redirect("members:me")
    org_id = inputs.query_id(request.GET.get("to-chuc"))
    organization = _org_or_404(request.user, org_id) if org_id else roots[0]
    listing = listings.MemberList(request.user, request.GET, organization_id=organization.pk,
                                  organization=organization if org_id else None)  # a root is read in part
    return render(request, "members/index.html", {
        "picker": _organization_picker(request.user, organization),
        "organization": organization, "roots": roots, "listing": listing, "page": listing.page(),
        "query": listing.value("q", ""), "status": listing.value("trang-thai", ""), "statuses": Status.choices,
        "can_manage": permissions.can_manage(request.user, organization),
        "children": organization.children.all(),
    })


@login_required
def detail(request, pk):
    member = _member_or_404(request.user, pk)
    if answer := history_answer(request, member):
        return answer
    can_manage = access.can_manage_member(request.user, member)
    status_form, transfer_form = StatusForm(prefix="st"), None
    organizations = permissions.readable_organizations(request.user, permissions.MANAGE_ROLES).active_on(
        timezone.localdate()).filter(kind__in=[Organization.Kind.CELL, Organization.Kind.GRASSROOTS_CELL])
    transfer_form = TransferForm(prefix="tr", organizations=organizations)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(actions.MANAGE_ONLY)
        if "st-status" in request.POST:
            status_form = StatusForm(request.POST, prefix="st")
            if status_form.is_valid():
                try:
                    d = status_form.cleaned_data
                    actions.record_status(request.user, member, d["status"], d["date"], decision=d["decision"],
                                          note=d["note"])
                    messages.success(request, "Đã ghi thay đổi trạng thái.")
                    return redirect(member)
                except ValidationError as exc:
                    status_form.add_error(None, _error_text(exc))
        else:
            transfer_form = TransferForm(request.POST, prefix="tr", organizations=organizations)
            if transfer_form.is_valid():
                try:
                    d = transfer_form.cleaned_data
                    actions.transfer_member(request.user, member, d["to_organization"], d["date"], kind=d["kind"],
                                            note=d["note"])
                    messages.success(request, "Đã ghi chuyển sinh hoạt.")
                    return redirect(member)
                except ValidationError as exc:
                    transfer_form.add_error(None, _error_text(exc))
    record_access(member)
    return render(request, "members/detail.html", _record_context(member) | {
        "can_manage": can_manage, "status_form": status_form, "transfer_form": transfer_form,
    })


def _record_context(member):
    prefetch_related_objects([member], "status_changes")  # the list and the years of membership read them once
    ratings = list(member.ratings.select_related("campaign__term").order_by("-campaign__year", "-campaign__quarter"))
    for rating in ratings:
        rating.annexes = hooks.rating_annexes(member.person, rating.campaign.year)
    return {
        "member": member, "person": member.person,
        "statuses": member.status_changes.all(),
        "transfers": member.transfers.select_related("from_organization", "to_organization"),
        "titles": member.person.titles.select_related("organization").order_by("end_date", "order"),
        "memberships": member.person.body_memberships.select_related("body__organization", "body__term"),
        "ratings": ratings,
        "commendations": member.person.commendations.all(),
        "criteria_results": member.criteria_results.select_related("criteria_list").prefetch_related("met"),
        "years": _membership_years(member),
    }


def _membership_years(member):
    today = timezone.localdate()
    days = (today - member.admission_date).days
    for start, end in member.interruptions():
        days -= ((end or today) - start).days
    return max(0, days) // 365


@login_required
def my_page(request):
    """Trang của tôi: the member's record, invitations, documents, ratings and a form to the committee."""
    person = request.user.person
    member = getattr(person, "party_member", None) if person else None
    from capuy.members import notifications

    notes = notifications.for_user(request.user)
    inbox = {"notes": [n for n in notes if not n.read][:5], "unread": notifications.unread_count(notes)}
    if member is None:
        return render(request, "members/my_page.html", {"member": None} | inbox)
    form = OpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opinion = actions.send_opinion(request.user, form.cleaned_data["subject"], form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, f"Đã gửi ý kiến đến {opinion.organization.display_committee}.")
            return redirect("members:me")
    return render(request, "members/my_page.html", _record_context(member) | {
        "form": form, "sections": hooks.member_page_sections(person, request.user),
        "opinions": person.opinions.all()[:20],
    } | inbox)


@login_required
def opinions(request):
    listing = listings.OpinionList(request.user, request.GET)
    items = listing.rows()
    if request.method == "POST":
        opinion = get_object_or_404(items, pk=request.POST.get("id") or 0)
        try:
            actions.answer_opinion(request.user, opinion, request.POST.get("answer", ""))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, "Đã trả lời ý kiến.")
        return redirect("members:opinions")
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    return render(request, "members/opinions.html", {"listing": listing, "page": listing.page()})


@login_required
def import_view(request, org_pk):
    organization = _managed_org(request.user, org_pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # Checked and saved in the background; the job's page shows the progress and each row's outcome.
        try:
            job = actions.import_members(request.user, organization, form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            return redirect(job)
    return render(request, "members/import.html", {"organization": organization, "form": form,
                                                   "columns": exchange.HEADERS})


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


@login_required
def export_view(request, org_pk):
    """The member list as filtered on its page (every matching row): Excel, in the background when large;
    CSV (the import columns) at once."""
    organization = _org_or_404(request.user, org_pk)
    listing = listings.MemberList(request.user, request.GET, organization_id=organization.pk, organization=organization)
    if request.GET.get("dinh-dang") == "csv":
        response = HttpResponse(exchange.export_csv(listing.filtered()), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="danh-sach-dang-vien.csv"'
        return response
    return paging.export_response(request, listing)


# --- ratings ----------------------------------------------------------------------------------------------


@login_required
def campaigns(request):
    items = permissions.filter_by_organization(RatingCampaign.objects.select_related("organization", "term"),
                                               request.user)
    cells = access.secretary_cells(request.user)
    for cell in cells:
        items = items | RatingCampaign.objects.filter(organization__path__in=cell.ancestor_paths())
    if request.user.person_id:  # a party member sees the campaigns that rate them, to rate themself
        items = items | RatingCampaign.objects.filter(ratings__member__person_id=request.user.person_id)
    managed = [o for o in _roots(request.user) if permissions.can_manage(request.user, o)]
    return render(request, "members/campaigns.html", {"campaigns": items.distinct(), "managed": managed,
                                                      "rules": RatingRules.current()})


@login_required
def campaign_create(request, org_pk):
    organization = _managed_org(request.user, org_pk)
    form = CampaignForm(request.POST or None, organization=organization,
                        initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = actions.create_campaign(request.user, organization, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, f"Đã mở đợt đánh giá với {campaign.ratings.count()} đối tượng.")
            return redirect(campaign)
    return render(request, "members/form.html", {"form": form, "title": f"Mở đợt đánh giá, xếp loại – {organization}"})


@login_required
def campaign_detail(request, pk):
    listing = listings.RatingList(request.user, request.GET, campaign_id=pk)
    campaign = listing.campaign
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    page = listing.page()
    ratings = page.rows
    decidable = [r for r in ratings if r.may_decide and r.appraisal_at]
    for r in decidable:
        r.batch_level = r.decision_level or r.appraisal_level
    return render(request, "members/campaign.html", {
        # Each step's empty form rendered once, not once per row (50 rows × 3 forms was most of the page's time).
        "campaign": campaign, "ratings": ratings, "self_form_html": SelfRatingForm().as_p(),
        "appraisal_form_html": AppraisalForm().as_p(), "decision_form_html": DecisionForm().as_p(), "decidable": decidable, "levels": Level.choices,
        "rules": RatingRules.current(), "listing": listing, "page": page,
    })


@login_required
@require_POST
def campaign_decide(request, pk):
    """The batch decision form of a campaign: the checked rows, each with the level chosen on its row."""
    campaign = get_object_or_404(RatingCampaign.objects.select_related("organization"), pk=pk)
    items = []
    for raw in request.POST.getlist("chon"):
        if not raw.isdigit():
            raise Http404("Không tìm thấy bản xếp loại.")
        items.append((int(raw), request.POST.get(f"muc-{raw}", ""), request.POST.get("ghi-chu", "").strip()))
    try:
        decided = actions.decide_ratings(request.user, campaign, items)
    except ValidationError as exc:
        messages.error(request, "Không ghi quyết định nào. " + _error_text(exc))
    else:
        messages.success(request, f"Đã ghi quyết định xếp loại cho {len(decided)} đối tượng.")
    return redirect(campaign)


@login_required
@require_POST
def rating_step(request, pk, step):
    rating = get_object_or_404(Rating.objects.select_related("campaign", "member__person__organization",
                                                             "organization", "unit"), pk=pk)
    org = rating.subject_organization
    own = rating.member_id and request.user.person_id == rating.member.person_id
    if not (own or access.can_read_organization_members(request.user, org)):
        raise Http404("Không tìm thấy bản xếp loại.")
    steps = {"tu-danh-gia": SelfRatingForm, "tham-dinh": AppraisalForm, "quyet-dinh": DecisionForm}
    if step not in steps:
        raise Http404
    form = steps[step](request.POST)
    if not form.is_valid():
        messages.error(request, "Dữ liệu chưa hợp lệ: " + "; ".join(e for errs in form.errors.values() for e in errs))
    else:
        d = form.cleaned_data
        try:
            if step == "tu-danh-gia":
                actions.self_rate(request.user, rating, d["score"], d["all_tasks_done"], d["beyond_share"],
                                  note=d["note"])
            elif step == "tham-dinh":
                actions.appraise(request.user, rating, d["level"], d["score"], d["note"])
            else:
                actions.decide_rating(request.user, rating, d["level"], d["note"])
            rating.refresh_from_db()
            messages.success(request, f"Đã ghi: {rating.subject_name} – {rating.get_step_display().lower()}.")
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    if own and not access.can_read_organization_members(request.user, org):
        return redirect("members:me")
    return redirect(rating.campaign)


@login_required
def report(request):
    roots = _roots(request.user)
    if not roots:
        raise Http404("Không có tổ chức nào để báo cáo.")
    org_id = inputs.query_id(request.GET.get("to-chuc"))
    organization = _org_or_404(request.user, org_id) if org_id else roots[0]
    year = inputs.query_year(request.GET.get("nam")) or timezone.localdate().year - 1
    subject = request.GET.get("doi-tuong", RatingCampaign.Subject.MEMBERS)
    if subject not in RatingCampaign.Subject.values:
        subject = RatingCampaign.Subject.MEMBERS
    return render(request, "members/report.html", {
        "organization": organization, "year": year, "subject": subject, "roots": roots,
        "rows": reports.level_report(organization, year, subject),
        "subjects": RatingCampaign.Subject.choices,
    })


# --- commendations and badges -------------------------------------------------------------------------


@login_required
def commendations(request):
    listing = listings.CommendationList(request.user, request.GET)
    if request.GET.get("xuat"):
        return paging.export_response(request, listing)
    managed = permissions.readable_organizations(request.user, permissions.MANAGE_ROLES)
    form = None
    if managed.exists():
        people = permissions.visible_people(request.user).filter(organization__in=managed)
        form = CommendationForm(request.POST or None, people=people, organizations=managed)
        if request.method == "POST" and form.is_valid():
            try:
                actions.create_commendation(request.user, form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, _error_text(exc))
            else:
                messages.success(request, "Đã ghi khen thưởng.")
                return redirect("members:commendations")
    elif request.method == "POST":
        raise PermissionDenied(actions.COMMENDATION_REFUSED)
    return render(request, "members/commendations.html", {"listing": listing, "page": listing.page(), "form": form,
                                                          "forms": Commendation.Form.choices,
                                                          "chosen_form": listing.value("hinh-thuc", ""),
                                                          "chosen_year": listing.value("nam")})


def _next_batch(day):
    for year in (day.year, day.year + 1):
        for month, d in rules.BADGE_BATCHES:
            batch = datetime.date(year, month, d)
            if batch >= day:
                return batch
    return day


@login_required
def badges(request):
    roots = _roots(request.user)
    if not roots:
        raise Http404("Không có tổ chức nào.")
    org_id = inputs.query_id(request.GET.get("to-chuc"))
    organization = _org_or_404(request.user, org_id) if org_id else roots[0]
    batch = inputs.query_date(request.GET.get("dot")) or _next_batch(timezone.localdate())
    members = access.readable_members(request.user).in_subtree(organization)
    return render(request, "members/badges.html", {
        "organization": organization, "batch": batch, "previous": rules.previous_batch(batch),
        "entries": rules.badge_list(batch, members), "roots": roots,
    })
