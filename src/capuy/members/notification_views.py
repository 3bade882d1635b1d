"""The notification inbox page of "Trang của tôi" (``capuy.members.notifications``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from capuy.members import actions, notifications


@login_required
def notification_list(request):
    notes = notifications.for_user(request.user)
    return render(request, "members/notifications.html", {
        "notes": notes, "unread": notifications.unread_count(notes)})


@login_required
@require_POST
def notification_read(request):
    """Mark one read; with ``mo=1`` go on to the record it is about."""
    note = actions.mark_notification_read(request.user, request.POST.get("key", ""))
    if request.POST.get("mo"):
        return redirect(note.url)
    return redirect("members:notifications")


@login_required
@require_POST
def notifications_read_all(request):
    n = actions.mark_all_notifications_read(request.user)
    messages.success(request, f"Đã đánh dấu {n} thông báo là đã đọc." if n else "Không có thông báo chưa đọc.")
    return redirect("members:notifications")
