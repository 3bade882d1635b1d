from django.contrib import admin

from capuy.targets.forms import IndicatorForm
from capuy.targets.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorForm
    list_display = ["code", "name", "unit", "value_type", "rollup"]
    list_filter = ["group", "rollup", "value_type"]
    search_fields = ["code", "name"]
    raw_id_fields = ["weight", "numerator", "denominator"]
    filter_horizontal = ["reporters"]
