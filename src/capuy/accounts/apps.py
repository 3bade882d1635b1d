from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "capuy.accounts"
    verbose_name = "Tài khoản và phân quyền"
