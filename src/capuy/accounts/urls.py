from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from capuy.accounts import office_views, views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/form.html",
            success_url=reverse_lazy("accounts:password_change_done"),
            extra_context={"title": "Đổi mật khẩu"},
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={"title": "Đã đổi mật khẩu", "message": "Mật khẩu của bạn đã được thay đổi."},
        ),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
            extra_context={"title": "Quên mật khẩu"},
        ),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={
                "title": "Đã gửi thư",
                "message": "Nếu địa chỉ thư điện tử có trong hệ thống, bạn sẽ nhận được hướng dẫn đặt lại mật khẩu.",
            },
        ),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/form.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
            extra_context={"title": "Đặt mật khẩu mới"},
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/message.html",
            extra_context={"title": "Đã đặt lại mật khẩu", "message": "Bạn có thể đăng nhập bằng mật khẩu mới."},
        ),
        name="password_reset_complete",
    ),
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc-hai-buoc/", views.second_factor_page, name="second_factor"),
    path("ma-api/", views.api_tokens, name="api_tokens"),
    path("ma-api/<int:pk>/thu-hoi/", views.revoke_api_token, name="revoke_api_token"),
    path("to-chuc/<int:org_pk>/", office_views.logins, name="logins"),
    path("to-chuc/<int:org_pk>/van-phong/", office_views.office_account, name="office_account"),
    path("to-chuc/<int:org_pk>/<int:pk>/dat-lai/", office_views.login_reset, name="login_reset"),
    path("to-chuc/<int:org_pk>/<int:pk>/khoa/", office_views.login_deactivate, name="login_deactivate"),
]
