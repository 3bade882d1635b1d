from django.urls import path

from capuy.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("viec/", views.jobs, name="jobs"),
    path("viec/<int:pk>/", views.job, name="job"),
    path("viec/<int:pk>/tep/", views.job_file, name="job_file"),
    path("viec/<int:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("viec-can-lam/dem/", views.badge, name="badge"),
]
