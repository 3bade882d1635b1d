"""The rich-text editor's image upload (``portal/editor.js``): JSON in and out, the write is an action."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from capuy.portal import actions


@login_required
@require_POST
def editor_image_upload(request, pk):
    """Upload a photo into the article's images; answers the HTML the editor inserts, or the error (400)."""
    try:
        photo = actions.upload_article_image(request.user, pk, request.FILES.get("image"),
                                             request.POST.get("alt_text", ""), request.POST.get("caption", ""),
                                             request.POST.get("credit", ""))
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"id": photo.pk, "src": photo.src, "html": photo.figure_html()}, status=201)
