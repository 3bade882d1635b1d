from django import forms

from capuy.accounts import permissions
from capuy.documents import library
from capuy.documents.models import Document, DocumentType, StudyAssignment
from capuy.organizations.choosers import choose_organizations, choose_people
from capuy.organizations.models import Body, Organization


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["doc_type", "organization", "body", "congress", "issuer_name", "title", "content", "authority",
                  "deputy_signs", "signer", "signer_position", "secretary_name", "recipients", "secrecy", "replaces"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 14}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "title": forms.TextInput(),
        }
        error_messages = {"title": {"required": "Cần nhập trích yếu của văn bản."}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        managed = permissions.readable_organizations(user, roles=permissions.MANAGE_ROLES)
        self.fields["organization"].queryset = managed.exclude(issuer_symbol="")
        self.fields["doc_type"].queryset = DocumentType.objects.all()
        self.fields["body"].queryset = Body.objects.filter(organization__in=managed).select_related(
            "organization", "term")
        # Signers are the secretaries and deputies: people sitting on a body of a managed organization.
        self.fields["signer"].queryset = library.possible_signers(user)
        choose_people(self.fields["signer"], co_quan=1)
        self.fields["replaces"].queryset = Document.objects.visible_to(user).exclude(number__isnull=True).select_related(
            "doc_type", "organization")
        if self.instance.pk:
            self.fields["replaces"].queryset = self.fields["replaces"].queryset.exclude(pk=self.instance.pk)


class StudyAssignmentForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=StudyAssignment.Kind.choices)
    organizations = forms.ModelMultipleChoiceField(
        label="Chi bộ, đảng bộ", queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cần chọn ít nhất một chi bộ hoặc đảng bộ."},
    )
    deadline = forms.DateField(label="Hạn hoàn thành", widget=forms.DateInput(attrs={"type": "date"}),
                               error_messages={"required": "Cần nhập hạn hoàn thành.",
                                               "invalid": "Ngày không hợp lệ."})
    reflection_required = forms.BooleanField(label="Yêu cầu nộp bài thu hoạch", required=False)
    note = forms.CharField(label="Yêu cầu", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = permissions.readable_organizations(
            user, roles=permissions.MANAGE_ROLES).filter(valid_to__isnull=True)
        # A province office manages thousands of cells: search and add them one by one.
        choose_organizations(self.fields["organizations"], quan_ly=1, con_hoat_dong=1)


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm (DOCX, PDF, ảnh)",
                           error_messages={"required": "Chưa chọn tệp.", "empty": "Tệp trống."})


class ReflectionForm(forms.Form):
    text = forms.CharField(label="Bài thu hoạch", widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": "Bài thu hoạch không được để trống."})
