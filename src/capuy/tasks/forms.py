from django import forms

from capuy.accounts import permissions
from capuy.organizations.choosers import choose_organizations, choose_people
from capuy.organizations.models import Organization, Person
from capuy.tasks.models import EvaluationLevel, Milestone, Registration, Task, TaskStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "content", "source_kind", "source_text", "lead_organization", "lead_unit", "responsible",
                  "coordinating_units", "start_date", "deadline", "priority", "indicators", "parent"]
        widgets = {"start_date": DATE, "deadline": DATE, "content": forms.Textarea(attrs={"rows": 4}),
                   "coordinating_units": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization: Organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["lead_organization"].queryset = Organization.objects.subtree(organization)
        self.fields["lead_organization"].initial = organization.pk
        self.fields["responsible"].queryset = permissions.visible_people(user)
        # Search-as-you-type within the clerk's subtree instead of a <select> of everyone.
        choose_organizations(self.fields["lead_organization"], trong=organization.pk)
        choose_people(self.fields["responsible"])
        self.fields["parent"].queryset = Task.objects.filter(organization=organization).exclude(pk=self.instance.pk)
        # A task entered by hand has a deadline ("Trường này là bắt buộc." as before the field became nullable);
        # only a task imported from a report that named none may lack one, and may keep lacking it when edited.
        self.fields["deadline"].required = self.instance.pk is None or self.instance.deadline is not None


class ProgressForm(forms.Form):
    status = forms.ModelChoiceField(TaskStatus.reportable(), label="Trạng thái", empty_label=None)
    percent = forms.IntegerField(label="Tỷ lệ hoàn thành (%)", required=False, min_value=0, max_value=100)
    note = forms.CharField(label="Kết quả, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="Lý do dừng thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reported_on = forms.DateField(label="Ngày báo cáo", required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = TaskStatus.reportable()


class ConclusionTaskForm(forms.Form):
    """One row of the "conclusion to tasks" screen."""

    keep = forms.BooleanField(label="Giao", required=False, initial=True)
    title = forms.CharField(label="Nhiệm vụ", max_length=500, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    lead_organization = forms.ModelChoiceField(Organization.objects.none(), label="Tổ chức chủ trì", required=False)
    lead_unit = forms.CharField(label="Đơn vị chủ trì", max_length=200, required=False,
                                widget=forms.TextInput(attrs={"placeholder": "Đơn vị (nếu có)"}))
    responsible = forms.ModelChoiceField(Person.objects.none(), label="Lãnh đạo phụ trách", required=False)
    deadline = forms.DateField(label="Thời hạn", required=False, widget=DATE)

    def __init__(self, *args, organization=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.fields["lead_organization"].queryset = Organization.objects.subtree(organization)
            choose_organizations(self.fields["lead_organization"], trong=organization.pk)
        if people is not None:
            self.fields["responsible"].queryset = people
            choose_people(self.fields["responsible"])

    def clean(self):
        data = super().clean()
        if data.get("keep"):
            if not (data.get("title") or "").strip():
                self.add_error("title", "Hãy nhập tên nhiệm vụ (hoặc bỏ chọn dòng này).")
            if not data.get("deadline"):
                self.add_error("deadline", "Hãy nhập thời hạn.")
        return data


ConclusionFormSet = forms.formset_factory(ConclusionTaskForm, extra=0)


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["person", "content", "expected_result", "deadline"]
        widgets = {"deadline": DATE, "content": forms.Textarea(attrs={"rows": 3}),
                   "expected_result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        choose_people(self.fields["person"])


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date"]
        widgets = {"due_date": DATE}


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=3)


class ApproveListForm(forms.Form):
    approved_on = forms.DateField(label="Ngày Ban Thường vụ phê duyệt", widget=DATE)
    note = forms.CharField(label="Căn cứ", required=False, max_length=300)


class MidYearForm(forms.Form):
    note = forms.CharField(label="Kết quả kiểm tra giữa năm", widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label="Tiến độ (%)", required=False, min_value=0, max_value=100)


class SelfAssessmentForm(forms.Form):
    text = forms.CharField(label="Tự đánh giá", widget=forms.Textarea(attrs={"rows": 3}))
    level = forms.ChoiceField(label="Tự xếp mức", choices=EvaluationLevel.choices)


class EvaluationForm(forms.Form):
    level = forms.ChoiceField(label="Mức đánh giá của Ban Thường vụ", choices=EvaluationLevel.choices)
    note = forms.CharField(label="Nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 2}))
