from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from capuy.organizations.choosers import choose_people
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["kind", "name", "committee_name", "short_name", "issuer_symbol", "place_name",
                  "superior_heading", "valid_from"]
        widgets = {"valid_from": DateInput()}


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["congress_number", "start_year", "end_year", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["term", "kind", "seats"]
        labels = {"term": "Nhiệm kỳ"}  # the model field has no Vietnamese name (no migration for a label)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["term"].queryset = organization.terms.all()


class MembershipForm(forms.ModelForm):
    class Meta:
        model = BodyMembership
        fields = ["person", "role", "start_date", "end_date"]
        labels = {"person": "Nhân sự"}
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, body, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["person"].queryset = people
        choose_people(self.fields["person"])
        # Only the positions this kind of body has (a UBKT member is never "Phó Bí thư Thường trực").
        allowed = BodyMembership.roles_for(body.kind)
        self.fields["role"].choices = [(v, label) for v, label in BodyMembership.Role.choices if v in allowed]
        if self.fields["role"].initial not in allowed:
            self.fields["role"].initial = allowed[-1]


class MembershipEndForm(forms.Form):
    """Record the event that ends a membership (or all of a person's memberships): ``BodyMembership.end``."""

    reason = forms.ChoiceField(label="Lý do", choices=BodyMembership.EndReason.choices)
    date = forms.DateField(label="Từ ngày (ngày có hiệu lực)", widget=DateInput())
    decision = forms.CharField(label="Số quyết định, văn bản", max_length=100, required=False)


class PersonForm(forms.ModelForm):
    titles = forms.CharField(
        label="Chức danh", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một chức danh, theo thứ tự viết, ví dụ: Phó Bí thư Quận ủy ↵ Chủ tịch UBND quận",
    )

    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_date", "email", "phone"]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.instance.organization = organization
        if self.instance.pk:
            self.fields["titles"].initial = "\n".join(
                t.name for t in self.instance.titles.all() if t.end_date is None
            )

    def clean_titles(self):
        try:
            return Person.normalize_title_names(self.cleaned_data["titles"].splitlines())
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["titles"]) from exc

    @transaction.atomic
    def save(self, commit=True):
        person = super().save(commit=True)
        person.set_current_titles(self.cleaned_data["titles"])
        return person


class _OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class _OrganizationsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MergeForm(forms.Form):
    """Hợp nhất, on the superior's page: the choices are the open organizations of its subtree (so an id from
    elsewhere is simply not a valid choice)."""

    sources = _OrganizationsChoice(label="Các tổ chức hợp nhất", queryset=Organization.objects.none(),
                                   widget=forms.CheckboxSelectMultiple)
    successor = _OrganizationChoice(label="Hợp nhất vào tổ chức đã có", queryset=Organization.objects.none(),
                                    required=False)
    new_name = forms.CharField(label="hoặc tên tổ chức mới", max_length=200, required=False,
                               help_text="Ví dụ: Đảng bộ phường Tây Hồ; tổ chức mới trực thuộc tổ chức này")
    new_kind = forms.ChoiceField(label="Loại tổ chức mới", choices=Organization.Kind.choices, required=False,
                                 initial=Organization.Kind.GRASSROOTS)
    new_committee_name = forms.CharField(label="Tên cấp ủy của tổ chức mới", max_length=200, required=False)
    date = forms.DateField(label="Ngày hợp nhất (ngày đầu tiên của tổ chức sau hợp nhất)", widget=DateInput())
    decision = forms.CharField(label="Số quyết định", max_length=100, required=False)
    carry_offices = forms.BooleanField(
        label="Tài khoản văn phòng cấp ủy của các tổ chức hợp nhất làm việc tiếp tại tổ chức sau hợp nhất",
        required=False, initial=True,
        help_text="Họ vẫn xem được hồ sơ của tổ chức cũ; bỏ chọn nếu văn phòng của tổ chức sau hợp nhất là người khác.")

    def __init__(self, *args, superior, **kwargs):
        super().__init__(*args, **kwargs)
        self.superior = superior
        candidates = Organization.objects.subtree(superior).exclude(pk=superior.pk).filter(valid_to__isnull=True)
        self.fields["sources"].queryset = candidates
        self.fields["successor"].queryset = candidates

    def clean(self):
        data = super().clean()
        if not data.get("successor") and not data.get("new_name", "").strip():
            raise ValidationError("Chọn tổ chức tiếp nhận hoặc nhập tên tổ chức mới.")
        if data.get("successor") and data.get("new_name", "").strip():
            raise ValidationError("Chỉ chọn tổ chức đã có hoặc nhập tên tổ chức mới, không cả hai.")
        if data.get("new_name", "").strip() and len(data.get("sources") or []) < 2:
            raise ValidationError("Hợp nhất thành tổ chức mới cần ít nhất hai tổ chức.")
        return data

    def new_organization(self) -> Organization | None:
        name = self.cleaned_data.get("new_name", "").strip()
        if not name:
            return None
        return Organization(parent=self.superior, name=" ".join(name.split()),
                            kind=self.cleaned_data.get("new_kind") or Organization.Kind.GRASSROOTS,
                            committee_name=self.cleaned_data.get("new_committee_name", "").strip(),
                            valid_from=self.cleaned_data.get("date"))


class RenameForm(forms.Form):
    name = forms.CharField(label="Tên mới", max_length=200)
    committee_name = forms.CharField(label="Tên cấp ủy mới", max_length=200, required=False,
                                     help_text="Để trống nếu không đổi")
    date = forms.DateField(label="Từ ngày", widget=DateInput())
    decision = forms.CharField(label="Số quyết định", max_length=100, required=False)


class MoveForm(forms.Form):
    """Chuyển tổ chức trực thuộc và hồ sơ nhân sự của một tổ chức sang tổ chức khác (cả hai vẫn hoạt động)."""

    target = _OrganizationChoice(label="Chuyển đến", queryset=Organization.objects.none())
    cells = _OrganizationsChoice(label="Tổ chức trực thuộc", queryset=Organization.objects.none(), required=False,
                                 widget=forms.CheckboxSelectMultiple)
    people = forms.ModelMultipleChoiceField(label="Nhân sự", queryset=Person.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    date = forms.DateField(label="Từ ngày", widget=DateInput())
    decision = forms.CharField(label="Số quyết định", max_length=100, required=False)

    def __init__(self, *args, source, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["cells"].queryset = source.children.filter(valid_to__isnull=True)
        self.fields["people"].queryset = source.people.all()


class TopOrganizationForm(OrganizationForm):
    pass
