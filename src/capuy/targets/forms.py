from django import forms

from capuy.targets.models import Indicator


class IndicatorForm(forms.ModelForm):
    """An indicator with how it rolls up; the model refuses a % indicator without a rate rule
    (``computations.check_rollup``)."""

    class Meta:
        model = Indicator
        fields = ["code", "name", "report_name", "unit", "value_type", "direction", "rollup", "weight", "numerator",
                  "denominator", "share_threshold", "cumulative", "group", "report_as", "order", "reporters"]
