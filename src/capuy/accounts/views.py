from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from capuy.accounts.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """List the user's API tokens and issue a new one; its key is shown only once."""
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:100] or "API"
        _, new_key = ApiToken.issue(request.user, name)
        messages.success(request, "Đã tạo mã truy cập. Hãy sao chép ngay, mã sẽ không hiển thị lại.")
    tokens = request.user.api_tokens.order_by("-created")
    return render(request, "accounts/api_tokens.html", {"tokens": tokens, "new_key": new_key})
