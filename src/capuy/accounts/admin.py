from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from capuy.accounts.models import ApiToken, RoleGrant, User


class GrantInline(admin.TabularInline):
    model = RoleGrant
    raw_id_fields = ["organization"]
    extra = 0


@admin.register(User)
class CapuyUserAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, ("Cấp ủy số", {"fields": ["person"]})]
    raw_id_fields = ["person"]
    inlines = [GrantInline]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization"]
    list_filter = ["role"]
    raw_id_fields = ["user", "organization"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created"]
    readonly_fields = ["digest"]
