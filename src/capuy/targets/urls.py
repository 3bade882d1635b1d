from django.urls import path

from capuy.targets import setup_views, views

app_name = "targets"
urlpatterns = [
    path("", views.index, name="index"),
    path("to-chuc/<int:pk>/", views.organization_dashboard, name="dashboard"),
    path("to-chuc/<int:pk>/bao-cao/", views.organization_review, name="review"),
    path("to-chuc/<int:pk>/xuat-excel/", views.organization_export, name="export"),
    path("to-chuc/<int:pk>/nhap-excel/", views.organization_import, name="import"),
    path("to-chuc/<int:pk>/them-chi-tieu/", setup_views.indicator_create, name="indicator_create"),
    path("to-chuc/<int:pk>/giao-chi-tieu/", setup_views.target_create, name="target_create"),
    path("dot-bao-cao/mo/", views.round_create, name="round_create"),
    path("dot-bao-cao/<int:pk>/", views.round_detail, name="round"),
    path("dot-bao-cao/<int:pk>/nhac/", views.round_remind, name="round_remind"),
    path("dot-bao-cao/<int:pk>/xuat-excel/", views.round_export, name="round_export"),
    path("dot-bao-cao/<int:pk>/nhap-excel/", views.round_import, name="round_import"),
    path("dot-bao-cao/<int:pk>/don-vi/<int:organization_pk>/", views.unit_form, name="unit_form"),
    path("dot-bao-cao/<int:pk>/don-vi/<int:organization_pk>/duyet/", views.unit_approve, name="unit_approve"),
    path("thong-bao/<int:pk>/da-doc/", views.notice_read, name="notice_read"),
]
