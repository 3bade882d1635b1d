"""No list is cut silently: a slice with a fixed bound on a queryset in a page or API module must be one
of the few reviewed below (each a preview that says so or links to the whole list). Lists page through
``core/paging.py`` instead. This test finds new ``rows[:300]`` before a clerk of a province misses row 301."""

import ast
import pathlib

import capuy
from capuy.core.tests.sources import syntax_tree

ROOT = pathlib.Path(capuy.__file__).parent
SCANNED = ("views.py", "api.py", "editorial.py", "listings.py", "choosers.py")  # and every *_views.py, *_api.py

# (module, the sliced expression as ast.unparse writes it): why it is not a silent cap.
REVIEWED = {
    ("core/choosers.py", "words.strip()[:100]"): "the typed words",
    ("core/choosers.py", "queryset[:size + 1]"): "a chooser: shows N and says 'còn nữa, hãy gõ thêm'",
    ("core/choosers.py", "rows[:size]"): "a chooser: shows N and says 'còn nữa, hãy gõ thêm'",
    ("documents/api.py", "documents[offset:offset + limit]"): "one API page, with the exact count",
    ("members/listings.py", "f'Kết quả đánh giá, xếp loại – {self.campaign}'[:200]"): "a title",
    ("portal/api.py", "q.strip()[:QUERY_MAX]"): "the typed words",
    ("portal/api.py", "queryset[offset:offset + limit]"): "one API page",
    ("portal/views.py", "request.GET.get('q', '').strip()[:100]"): "the typed words",
    ("organizations/views.py", "request.GET.get('q', '').strip()[:100]"): "the typed words",
    ("organizations/views.py", "request.POST.get('decision', '')[:100]"): "a decision's number, not a list",
    # Previews on a record's page or a dashboard, each next to the full list or not a list of records
    # (left for the owners of those pages; see the report of issue 16).
    ("documents/views.py", "document.versions.all()[:20]"): "the latest versions of one document",
    ("documents/views.py", "_managed_closed_conferences(request.user).select_related('body', 'term', "
                           "'organization')[:100]"): "recent closed conferences to draft from",
    ("members/views.py", "person.opinions.all()[:20]"): "a member's latest opinions",
    ("portal/editorial.py", "conferences.exclude(pk__in=written).select_related('body__organization', 'term')"
                            ".order_by('-date')[:limit]"): "suggestions of conferences to write up",
    ("tasks/views.py", "Notification.objects.filter(user=user).select_related('task')[:30]"): "latest notices",
    ("tasks/views.py", "Registration.objects.filter(person_id=user.person_id).select_related('organization')"
                       ".order_by('-year')[:20]"): "one person's registrations, one a year",
    ("tasks/views.py", "tops[:30]"): "links to the top organizations",
    ("tasks/views.py", "tasks[:limit]"): "the grouped task report reads at most REPORT_LIMIT rows and says so; the export has all",
    ("tasks/views.py", "tasks.by_kind(kind, today)[:limit]"): "as above",
    ("targets/views.py", "Notice.objects.filter(user=request.user)[:20]"): "latest notices",
    ("conferences/import_views.py", "pending[:PENDING_SHOWN]"): "the page says how many more reports wait",
    ("conferences/import_views.py", "mine.exclude(status=ImportedReport.Status.PENDING)[:RECENT_SHOWN]"):
        "the latest imports, headed as such; each import opens from its conference",
    ("conferences/import_views.py", "uploaded.name[:255]"): "a file's name",
}


def fixed_slices():
    for path in sorted(ROOT.glob("*/*.py")):
        if path.name not in SCANNED and not path.name.endswith(("_views.py", "_api.py")):
            continue
        module = str(path.relative_to(ROOT))
        for node in ast.walk(syntax_tree(path)):
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
                upper = node.slice.upper
                if upper is None or (isinstance(upper, ast.Constant) and isinstance(upper.value, int)
                                     and upper.value < 10):
                    continue  # [n:], [:1] (the first row), [:4]: not a list cut short
                yield module, ast.unparse(node), node.lineno


def test_no_page_or_api_module_cuts_a_list_silently():
    unexpected = [f"{module}:{line}: {text}" for module, text, line in fixed_slices()
                  if (module, text) not in REVIEWED]
    assert not unexpected, ("Danh sách bị cắt cố định (hãy dùng capuy.core.paging, hoặc ghi lý do vào REVIEWED):\n"
                            + "\n".join(unexpected))


def test_every_reviewed_slice_still_exists():
    found = {(module, text) for module, text, _ in fixed_slices()}
    assert not set(REVIEWED) - found, sorted(set(REVIEWED) - found)
