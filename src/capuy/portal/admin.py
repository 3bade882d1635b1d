from django.contrib import admin

from capuy.portal.models import Article, Category, Photo, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["caption", "alt_text", "credit", "order"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "organization", "status", "published_at"]
    list_filter = ["status", "category"]
    search_fields = ["title"]
    readonly_fields = ["created_by", "submitted_by", "published_by"]
    inlines = [PhotoInline]
