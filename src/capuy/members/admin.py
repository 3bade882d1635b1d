from django.contrib import admin

from capuy.members.models import PartyMember


@admin.register(PartyMember)
class PartyMemberAdmin(admin.ModelAdmin):
    list_display = ["person", "card_number", "admission_date", "official_date"]
    search_fields = ["person__search_text", "card_number"]
    raw_id_fields = ["person"]
    list_filter = ["temporarily_transferred", "exempt", "suspended", "prosecuted"]
