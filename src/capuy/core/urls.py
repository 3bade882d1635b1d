from django.urls import path

from capuy.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("viec-can-lam/dem/", views.badge, name="badge"),
]
