from django import forms

from capuy.members.models import Commendation, Level, Opinion, RatingCampaign, StatusChange, Transfer
from capuy.organizations.choosers import choose_organizations, choose_people
from capuy.organizations.forms import DateInput


class StatusForm(forms.ModelForm):
    class Meta:
        model = StatusChange
        fields = ["status", "date", "decision", "note"]
        widgets = {"date": DateInput()}


class TransferForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = ["kind", "to_organization", "date", "note"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = organizations
        choose_organizations(self.fields["to_organization"], quan_ly=1, chi_bo=1, con_hoat_dong=1)


class OpinionForm(forms.ModelForm):
    class Meta:
        model = Opinion
        fields = ["subject", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách (.xlsx hoặc .csv)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")
        return upload


class CampaignForm(forms.ModelForm):
    class Meta:
        model = RatingCampaign
        fields = ["subject", "period", "year", "quarter", "term"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["term"].queryset = organization.terms.all()


class SelfRatingForm(forms.Form):
    score = forms.DecimalField(label="Điểm tự chấm (thang 100)", min_value=0, max_value=100, decimal_places=2)
    all_tasks_done = forms.BooleanField(label="Hoàn thành 100% nhiệm vụ", required=False)
    beyond_share = forms.IntegerField(label="Tỷ lệ nhiệm vụ vượt yêu cầu (%)", min_value=0, max_value=100, initial=0)
    note = forms.CharField(label="Tóm tắt tự kiểm điểm", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AppraisalForm(forms.Form):
    level = forms.ChoiceField(label="Mức đề xuất", choices=Level.choices)
    score = forms.DecimalField(label="Điểm thẩm định (để trống: giữ điểm tự chấm)", min_value=0, max_value=100,
                               decimal_places=2, required=False)
    note = forms.CharField(label="Ý kiến", required=False)


class DecisionForm(forms.Form):
    level = forms.ChoiceField(label="Mức quyết định", choices=Level.choices)
    note = forms.CharField(label="Ghi chú", required=False)


class CommendationForm(forms.ModelForm):
    class Meta:
        model = Commendation
        fields = ["form", "form_detail", "badge_years", "person", "organization", "collective_name", "issuer",
                  "decision_number", "decision_date", "reason", "period_start", "period_end", "posthumous"]
        widgets = {"decision_date": DateInput(), "period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, people, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["organization"].queryset = organizations
        choose_people(self.fields["person"])
        choose_organizations(self.fields["organization"], quan_ly=1)

