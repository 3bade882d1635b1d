from django.urls import path

from capuy.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.index, name="index"),
    path("thong-bao/<int:pk>/da-xem/", views.notification_read, name="notification_read"),
    path("to-chuc/<int:pk>/", views.organization_tasks, name="organization"),
    path("to-chuc/<int:pk>/giao/", views.task_create, name="create"),
    path("to-chuc/<int:pk>/qua-han/", views.overdue, name="overdue"),
    path("to-chuc/<int:pk>/xuat-excel/", views.organization_export, name="export"),
    path("to-chuc/<int:pk>/bao-cao/", views.organization_print, name="print"),
    path("to-chuc/<int:pk>/dang-ky/<int:year>/", views.registrations, name="registrations"),
    path("to-chuc/<int:pk>/dang-ky/<int:year>/them/", views.registration_create, name="registration_create"),
    path("dang-ky/<int:pk>/", views.registration_detail, name="registration"),
    path("hoi-nghi/<int:pk>/", views.conference_tasks, name="conference"),
    path("hoi-nghi/<int:pk>/giao-tu-ket-luan/", views.conclusion_to_tasks, name="conclusion"),
    path("van-ban/<int:pk>/", views.document_tasks, name="document"),
    path("minh-chung/<int:pk>/", views.evidence, name="evidence"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/bao-cao-tien-do/", views.task_progress, name="progress"),
]
