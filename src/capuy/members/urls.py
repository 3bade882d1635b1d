from django.urls import path

from capuy.members import notification_views, record_views, views

app_name = "members"
urlpatterns = [
    path("", views.index, name="index"),
    path("cua-toi/", views.my_page, name="me"),
    path("cua-toi/thong-bao/", notification_views.notification_list, name="notifications"),
    path("cua-toi/thong-bao/da-doc/", notification_views.notification_read, name="notification_read"),
    path("cua-toi/thong-bao/da-doc-het/", notification_views.notifications_read_all, name="notifications_read_all"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", record_views.edit, name="edit"),
    path("to-chuc/<int:org_pk>/them/", record_views.create, name="create"),
    path("y-kien/", views.opinions, name="opinions"),
    path("to-chuc/<int:org_pk>/nhap/", views.import_view, name="import"),
    path("to-chuc/<int:org_pk>/xuat/", views.export_view, name="export"),
    path("danh-gia/", views.campaigns, name="campaigns"),
    path("danh-gia/to-chuc/<int:org_pk>/mo-dot/", views.campaign_create, name="campaign_create"),
    path("danh-gia/<int:pk>/", views.campaign_detail, name="campaign"),
    path("danh-gia/<int:pk>/quyet-dinh/", views.campaign_decide, name="campaign_decide"),
    path("xep-loai/<int:pk>/<slug:step>/", views.rating_step, name="rating_step"),
    path("bao-cao/", views.report, name="report"),
    path("khen-thuong/", views.commendations, name="commendations"),
    path("huy-hieu/", views.badges, name="badges"),
]
