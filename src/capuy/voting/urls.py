from django.urls import path

from capuy.voting import office_views, views

app_name = "voting"
urlpatterns = [
    path("cua-toi/", views.mine, name="mine"),
    path("hoi-nghi/<int:conference_id>/", views.conference_votes, name="conference"),
    path("hoi-nghi/<int:conference_id>/ma-khoa-kiem-phieu/", views.teller_code, name="teller_code"),
    path("bau-cu/<int:pk>/", views.election_action, name="election_action"),
    path("hoi-nghi/<int:conference_id>/tin-nhiem/", office_views.confidence_create, name="confidence_create"),
    path("bau-cu/<int:pk>/huy/", office_views.election_cancel, name="election_cancel"),
    path("ung-cu-vien/<int:pk>/rut-ten/", office_views.candidate_remove, name="candidate_remove"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tien-do/", views.panel, name="panel"),
    path("<int:pk>/thao-tac/", views.action, name="action"),
    path("<int:pk>/giai-ma/", views.teller_share, name="teller_share"),
    path("<int:pk>/phieu/", views.ballot, name="ballot"),
    path("<int:pk>/ket-qua.csv", views.result_csv, name="csv"),
    path("<int:pk>/in/", views.printable, name="print"),
    path("<int:pk>/su-kien/", views.events, name="events"),
]
