from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "capuy.organizations"
    verbose_name = "Tổ chức và nhân sự"

    def ready(self):
        from capuy.accounts import permissions
        from capuy.core import references
        from capuy.organizations.models import Organization, Person

        # A person may be named in a request by whoever may read their record (accounts.permissions).
        references.register(Person, permissions.visible_people, "nhân sự")
        references.register(Organization, permissions.readable_organizations, Organization._meta.verbose_name)
        from capuy.organizations import actions  # noqa: F401 - registers the actions
