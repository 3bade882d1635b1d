from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "capuy.organizations"
    verbose_name = "Tổ chức và nhân sự"
