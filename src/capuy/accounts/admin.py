from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    actions = ["unlock_login", "remove_second_factor"]

    @admin.action(description="Mở khóa đăng nhập (xóa các lần nhập sai mật khẩu)")
    def unlock_login(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.get_username())
        messages.success(request, f"Đã mở khóa đăng nhập cho {queryset.count()} tài khoản.")

    @admin.action(description="Gỡ xác thực hai bước (khi mất điện thoại và mã khôi phục)")
    def remove_second_factor(self, request, queryset):
        TOTPDevice.objects.filter(user__in=queryset).delete()
        StaticDevice.objects.filter(user__in=queryset).delete()
        messages.success(request, f"Đã gỡ xác thực hai bước của {queryset.count()} tài khoản; họ sẽ phải thiết lập lại.")


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization"]
    list_filter = ["role"]
    raw_id_fields = ["user", "organization"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "scope", "created", "expires", "last_used"]
    list_filter = ["scope"]
    readonly_fields = ["digest", "last_used"]
