from django.urls import path

from capuy.organizations import choosers, views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("tim-kiem/", views.search, name="search"),
    path("chon/nhan-su/", choosers.people, name="choose_person"),
    path("chon/to-chuc/", choosers.organizations, name="choose_organization"),
    path("chon/nhiem-ky/", choosers.terms, name="choose_term"),
    path("them-cap-cao-nhat/", views.organization_create_top, name="create_top"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/hop-nhat/", views.organization_merge, name="merge"),
    path("<int:pk>/chia-tach/", views.organization_split, name="split"),
    path("<int:pk>/chuyen/", views.organization_move, name="move"),
    path("<int:pk>/doi-ten/", views.organization_rename, name="rename"),
    path("<int:pk>/sua/", views.organization_edit, name="edit"),
    path("<int:pk>/them-to-chuc/", views.organization_create, name="create_child"),
    path("<int:pk>/nhiem-ky/them/", views.term_create, name="term_create"),
    path("<int:pk>/co-quan/them/", views.body_create, name="body_create"),
    path("<int:pk>/nhan-su/", views.organization_people, name="people"),
    path("<int:pk>/nhan-su/them/", views.person_create, name="person_create"),
    path("co-quan/<int:pk>/", views.body_detail, name="body"),
    path("co-quan/<int:pk>/them-thanh-vien/", views.membership_create, name="membership_create"),
    path("thanh-vien/<int:pk>/thoi-tham-gia/", views.membership_end, name="membership_end"),
    path("nhan-su/<int:pk>/", views.person_detail, name="person"),
    path("nhan-su/<int:pk>/thoi-tham-gia/", views.person_leave_bodies, name="person_leave_bodies"),
    path("nhan-su/<int:pk>/sua/", views.person_edit, name="person_edit"),
]
