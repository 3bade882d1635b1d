from django.urls import path

from capuy.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("soan/", views.create, name="create"),
    path("da-danh-dau/", views.bookmarks, name="bookmarks"),
    path("tu-hoi-nghi/", views.from_conference_list, name="from_conference_list"),
    path("tu-hoi-nghi/<int:pk>/", views.from_conference, name="from_conference"),
    path("hoc-tap/cua-toi/", views.my_study, name="my_study"),
    path("hoc-tap/<int:pk>/", views.study_report, name="study_report"),
    path("hoc-tap/ket-qua/<int:pk>/da-doc/", views.mark_read, name="mark_read"),
    path("hoc-tap/ket-qua/<int:pk>/thu-hoach/", views.reflect, name="reflect"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/ban-hanh/", views.issue, name="issue"),
    path("<int:pk>/tai-ve.docx", views.download, {"extension": "docx"}, name="docx"),
    path("<int:pk>/tai-ve.pdf", views.download, {"extension": "pdf"}, name="pdf"),
    path("<int:pk>/pdf-tien-do/", views.pdf_status, name="pdf_status"),
    path("<int:pk>/dinh-kem/", views.upload, name="upload"),
    path("<int:pk>/dinh-kem/<int:attachment>/", views.attachment, name="attachment"),
    path("<int:pk>/danh-dau/", views.bookmark, name="bookmark"),
    path("<int:pk>/giao-hoc-tap/", views.assign_study, name="assign_study"),
]
