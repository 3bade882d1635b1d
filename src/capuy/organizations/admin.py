from django.contrib import admin

from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term, Title


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "committee_name", "issuer_symbol", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "committee_name", "search_text"]
    raw_id_fields = ["parent", "merged_into"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "start_date", "end_date"]
    raw_id_fields = ["organization"]


class MembershipInline(admin.TabularInline):
    model = BodyMembership
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["full_name", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["organization", "term"]
    inlines = [MembershipInline]


@admin.register(BodyMembership)
class BodyMembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "body", "start_date", "end_date"]
    raw_id_fields = ["person", "body"]


class TitleInline(admin.TabularInline):
    model = Title
    raw_id_fields = ["organization"]
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organization"]
    search_fields = ["full_name", "search_text"]
    raw_id_fields = ["organization"]
    inlines = [TitleInline]
