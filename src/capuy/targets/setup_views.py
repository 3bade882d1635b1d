"""Pages to add indicators and set term or annual targets (before: the API only). Rules in ``targets.actions``."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from capuy.core import inputs
from capuy.organizations.models import Organization
from capuy.targets import actions
from capuy.targets.models import Indicator


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "value_type", "direction", "rollup", "group"]

    def validate_unique(self):
        """Uniqueness is checked once, by the action (``full_clean``)."""


def _add_errors(form_errors: dict, exc: ValidationError):
    for field, errors in (exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}).items():
        form_errors.setdefault(field, []).extend(errors)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, pk):
    organization = actions._managed(request.user, get_object_or_404(Organization, pk=pk))
    form = IndicatorForm(request.POST or None)
    units = actions.reporting_units(organization).order_by("path")
    chosen = set(request.POST.getlist("don-vi")) if request.method == "POST" else {str(organization.pk)}
    errors = {}
    if request.method == "POST":
        if form.is_valid():
            try:
                ids = [inputs.query_id(v) for v in chosen]
                if None in ids:
                    raise ValidationError({"reporters": "Đơn vị báo cáo không hợp lệ."})
                indicator = actions.add_indicator(request.user, organization, form.cleaned_data, ids)
            except ValidationError as exc:
                _add_errors(errors, exc)
            else:
                messages.success(request, f"Đã thêm chỉ tiêu {indicator.code} – {indicator.name}.")
                return redirect("targets:dashboard", organization.pk)
        else:
            errors = {k: list(v) for k, v in form.errors.items()}
    return render(request, "targets/indicator_form.html", {
        "organization": organization, "form": form, "units": units, "chosen": chosen,
        "errors": [m for msgs in errors.values() for m in msgs],
    }, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request, pk):
    organization = actions._managed(request.user, get_object_or_404(Organization, pk=pk))
    terms = organization.terms.order_by("-start_date")
    typed = {"indicator": "", "term": str(terms[0].pk) if terms else "", "year": "", "value": "", "source": ""}
    errors = []
    if request.method == "POST":
        typed = {k: request.POST.get(k, "").strip() for k in typed}
        year = None
        if typed["year"]:
            year = inputs.query_year(typed["year"])
            if year is None:
                errors.append("Năm không hợp lệ.")
        if not errors:
            try:
                target = actions.assign_target(request.user, organization, inputs.query_id(typed["indicator"]),
                                            inputs.query_id(typed["term"]), year, typed["value"], typed["source"])
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, f"Đã giao chỉ tiêu {target}.")
                return redirect("targets:dashboard", organization.pk)
    return render(request, "targets/target_form.html", {
        "organization": organization, "terms": terms, "typed": typed, "errors": errors,
        "indicators": Indicator.objects.order_by("group", "order", "code"),
    }, status=400 if errors else 200)
