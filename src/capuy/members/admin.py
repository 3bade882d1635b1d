from django.contrib import admin

from capuy.members.models import (
    Commendation,
    CriteriaList,
    CriteriaResult,
    Criterion,
    Opinion,
    PartyMember,
    Rating,
    RatingCampaign,
    RatingRules,
    StatusChange,
    Transfer,
)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


class TransferInline(admin.TabularInline):
    model = Transfer
    extra = 0
    fk_name = "member"
    raw_id_fields = ["from_organization", "to_organization"]


@admin.register(PartyMember)
class PartyMemberAdmin(admin.ModelAdmin):
    list_display = ["person", "card_number", "admission_date", "official_date", "status"]
    search_fields = ["person__search_text", "card_number"]
    raw_id_fields = ["person"]
    list_filter = ["status", "temporarily_transferred", "exempt", "suspended", "prosecuted"]
    readonly_fields = ["status"]
    inlines = [StatusChangeInline, TransferInline]


@admin.register(RatingRules)
class RatingRulesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "excellent_min", "good_min", "done_min", "quota_percent", "quota_base"]


@admin.register(RatingCampaign)
class RatingCampaignAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "period", "subject"]
    raw_id_fields = ["organization", "term"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "step", "self_score", "appraisal_level", "decision_level"]
    list_filter = ["step", "decision_level"]
    raw_id_fields = ["member", "organization", "unit"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaList)
class CriteriaListAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "organization", "active"]
    inlines = [CriterionInline]


@admin.register(CriteriaResult)
class CriteriaResultAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year"]
    raw_id_fields = ["member", "organization"]


@admin.register(Commendation)
class CommendationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "decision_number", "decision_date"]
    list_filter = ["form"]
    raw_id_fields = ["person", "organization", "issuer_organization"]


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ["subject", "author", "organization", "state", "created_at"]
    raw_id_fields = ["author"]
