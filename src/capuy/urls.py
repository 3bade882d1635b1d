from django.contrib import admin
from django.urls import include, path, re_path

from capuy.api import api, not_found

admin.site.site_header = "Cấp ủy số – Quản trị"
admin.site.site_title = "Cấp ủy số"

urlpatterns = [
    path("", include("capuy.core.urls")),
    path("tai-khoan/", include("capuy.accounts.urls")),
    path("to-chuc/", include("capuy.organizations.urls")),
    path("dang-vien/", include("capuy.members.urls")),
    path("hoi-nghi/", include("capuy.conferences.urls")),
    path("bieu-quyet/", include("capuy.voting.urls")),
    path("van-ban/", include("capuy.documents.urls")),
    path("chi-tieu/", include("capuy.targets.urls")),
    path("nhiem-vu/", include("capuy.tasks.urls")),
    path("tin-tuc/", include("capuy.portal.urls")),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", not_found),
    path("quan-tri/", admin.site.urls),
]
