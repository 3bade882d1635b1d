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
