from django.contrib.sitemaps.views import sitemap
from django.urls import path

from capuy import config
from capuy.portal import editor_views, editorial, feeds, views
from capuy.portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.category, name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryRssFeed(), name="feed_rss"),
    path("chuyen-muc/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="feed_atom"),
    path("the/<slug:slug>/", views.tag, name="tag"),
    path("tim-kiem/", views.search, name="search"),
    path("bai-viet/<slug:slug>/", views.article, name="article"),
    path("bai-viet/<slug:slug>/danh-gia/", views.rate, name="rate"),
    path("hien-thi/", views.display, name="display"),
    path("anh/<path:name>", views.photo_file, name="photo"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("soan-bai/", editorial.newsroom, name="editor_list"),
    path("soan-bai/moi/", editorial.article_new, name="editor_new"),
    path("soan-bai/tu-hoi-nghi/<int:conference_pk>/", editorial.draft_from_conference, name="editor_from_conference"),
    path("soan-bai/<int:pk>/", editorial.article_edit, name="editor_edit"),
    path("soan-bai/<int:pk>/xem-truoc/", editorial.preview, name="editor_preview"),
    path("soan-bai/<int:pk>/anh/", editorial.photo_add, name="editor_photo_add"),
    path("soan-bai/<int:pk>/anh/trinh-soan-thao/", editor_views.editor_image_upload, name="editor_image_upload"),
    path("soan-bai/<int:pk>/anh/<int:photo_pk>/xoa/", editorial.photo_delete, name="editor_photo_delete"),
    path("soan-bai/<int:pk>/<slug:action>/", editorial.transition, name="editor_transition"),
]

if config.from_environment("CAPUY_BENCH"):
    # The benchmark's baseline (bench/portal.py); not mounted otherwise.
    urlpatterns.append(path("_suc-khoe/", views.health, name="health"))
