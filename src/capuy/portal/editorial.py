"""The newsroom: office staff write, submit, review and publish their organization's articles.

Rights (``capuy.accounts.permissions``): an article belongs to an organization; whoever may manage that
organization (its office staff, a superior's office staff, administrators) writes, submits and publishes
its articles; those who may only read it (committee members) see the newsroom list and previews;
anyone else gets 404. The review step is a status change recorded with who submitted and who published.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from capuy.accounts import permissions
from capuy.core import paging
from capuy.portal import actions
from capuy.portal.forms import ArticleForm, PhotoForm
from capuy.portal.models import Article
from capuy.portal.views import article_context, render_public

EDIT_REFUSED = actions.EDIT_REFUSED


def readable_article(user, pk) -> Article:
    article = get_object_or_404(Article.objects.select_related("organization", "category"), pk=pk)
    if not permissions.can_read(user, article.organization):
        raise Http404("Không tìm thấy bài viết.")
    return article


def articles_of_conference(user, conference_id) -> list[tuple[Article, str]]:
    """The articles written from a conference, each with the address ``user`` may open: the public page once
    published, the newsroom page for readers of the article's organization, none otherwise (left out)."""
    public = set(Article.objects.public().filter(source_conference_id=conference_id).values_list("pk", flat=True))
    out = []
    for article in Article.objects.filter(source_conference_id=conference_id).select_related("organization"):
        if article.pk in public:
            out.append((article, article.get_absolute_url()))
        elif permissions.can_read(user, article.organization):
            out.append((article, reverse("portal:editor_edit", args=[article.pk])))
    return out


def source_conference(user, article):
    """The conference an article was written from, when ``user`` may read it."""
    if not article.source_conference_id:
        return None
    from capuy.conferences.models import Conference

    return Conference.objects.visible_to(user).filter(pk=article.source_conference_id).first()


def editable_article(user, pk) -> Article:
    return actions.editable(user, readable_article(user, pk))


def _managed(user):
    return permissions.readable_organizations(user, permissions.MANAGE_ROLES)


class ArticleList(paging.Listing):
    """The newsroom's articles: those of organizations the user may read, drafts and reviews first."""

    noun = "bài viết"
    title = "Bài viết"
    filename = "bai-viet"
    sorts = {"trang-thai": paging.Sort("Trạng thái, mới sửa trước", ("status", "-updated", "-pk")),
             "-sua": paging.Sort("Mới sửa", ("-updated", "-pk"))}
    default_sort = "trang-thai"
    filters = (paging.choice("trang-thai", "Trạng thái", Article.Status.choices, "status"),)

    def rows(self):
        return permissions.filter_by_organization(Article.objects.select_related("organization", "category"),
                                                  self.user)


@login_required
def newsroom(request):
    listing = ArticleList(request.user, request.GET)
    return render(request, "portal/editor/list.html", {
        "articles": listing.page(), "listing": listing, "statuses": Article.Status.choices,
        "status": listing.value("trang-thai", ""),
        "can_write": _managed(request.user).exists(), "conferences": _conferences_to_write_up(request.user),
    })


def _conferences_to_write_up(user, limit: int = 20):
    """Closed conferences of organizations the user manages that have no article yet."""
    from capuy.conferences.models import Conference

    written = Article.objects.filter(source_conference_id__isnull=False).values("source_conference_id")
    conferences = permissions.filter_by_organization(
        Conference.objects.filter(status=Conference.Status.CLOSED), user, roles=permissions.MANAGE_ROLES)
    return list(conferences.exclude(pk__in=written).select_related("body__organization", "term")
                .order_by("-date")[:limit])


@login_required
@require_POST
def draft_from_conference(request, conference_pk):
    """Write a first draft from a closed conference's record; the office edits it before review."""
    from capuy.conferences.models import Conference

    conference = get_object_or_404(Conference.objects.select_related("organization", "body", "term"), pk=conference_pk)
    try:
        article, created = actions.write_from_conference(request.user, conference)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("portal:editor_list")
    if not created:
        messages.info(request, "Hội nghị này đã có bài viết; mở bài đã soạn.")
    else:
        messages.success(request, "Đã soạn bản nháp từ biên bản hội nghị; hãy biên tập trước khi gửi duyệt.")
    return redirect("portal:editor_edit", article.pk)


def _form_fields(form) -> tuple[dict, str]:
    fields = {name: value for name, value in form.cleaned_data.items() if name != "tags_text"}
    return fields, form.cleaned_data.get("tags_text", "")


@login_required
def article_new(request):
    organizations = _managed(request.user)
    if not organizations.exists():
        raise PermissionDenied(actions.WRITE_REFUSED)
    form = ArticleForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        fields, tags = _form_fields(form)
        try:
            article = actions.create_article(request.user, fields["organization"], fields, tags)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu bản nháp «{article.title}».")
            return redirect("portal:editor_edit", article.pk)
    return render(request, "portal/editor/form.html", {"form": form})


@login_required
def article_edit(request, pk):
    article = readable_article(request.user, pk)
    can_manage = permissions.can_manage(request.user, article.organization)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(EDIT_REFUSED)
    form = ArticleForm(request.POST or None, instance=article, organizations=_managed(request.user))
    if request.method == "POST" and form.is_valid():
        fields, tags = _form_fields(form)
        try:
            actions.update_article(request.user, article, fields, tags)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã lưu bài viết.")
            return redirect("portal:editor_edit", article.pk)
    return render(request, "portal/editor/form.html", {
        "form": form, "article": article, "can_manage": can_manage,
        "photo_form": PhotoForm(), "photos": article.photos.all(),
        "source_conference": source_conference(request.user, article),
    })


@login_required
@require_POST
def photo_add(request, pk):
    article = editable_article(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        photo = actions.add_photo(request.user, article, form)
        messages.success(request, f"Đã thêm ảnh «{photo.caption}».")
        return redirect("portal:editor_edit", article.pk)
    return render(request, "portal/editor/form.html", {
        "form": ArticleForm(instance=article, organizations=_managed(request.user)), "article": article,
        "can_manage": True, "photo_form": form, "photos": article.photos.all(),
    }, status=400)


@login_required
@require_POST
def photo_delete(request, pk, photo_pk):
    article = readable_article(request.user, pk)
    actions.delete_photo(request.user, article, photo_pk)
    messages.success(request, "Đã xóa ảnh.")
    return redirect("portal:editor_edit", article.pk)


TRANSITIONS = {
    "gui-duyet": (actions.submit_article, "Đã gửi bài chờ duyệt."),
    "tra-lai": (actions.return_article, "Đã trả bài về bản nháp."),
    "dang": (actions.publish_article, "Đã đăng bài lên cổng thông tin."),
    "go-xuong": (actions.unpublish_article, "Đã gỡ bài khỏi cổng thông tin."),
}


@login_required
@require_POST
def transition(request, pk, action):
    if action not in TRANSITIONS:
        raise Http404("Không có thao tác này.")
    article = readable_article(request.user, pk)
    step, done = TRANSITIONS[action]
    try:
        step(request.user, article)
        messages.success(request, done)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("portal:editor_edit", article.pk)


@login_required
def preview(request, pk):
    """The article as the public will see it, whatever its status (never cached)."""
    article = readable_article(request.user, pk)
    context = article_context(article, request)
    context["preview"] = True
    return render_public(request, "portal/article.html", context)
