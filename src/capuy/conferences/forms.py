from django import forms
from django.db.models import Q

from capuy.accounts import permissions
from capuy.conferences.models import (
    AgendaAttachment,
    AgendaItem,
    Conference,
    Draft,
    DraftComment,
    Invitation,
    Speech,
    SpeechKind,
)
from capuy.core import uploads
from capuy.organizations.choosers import choose_people
from capuy.organizations.models import Body, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, nhiệm kỳ {obj.term.years}"


class ConferenceForm(forms.ModelForm):
    body = BodyChoiceField(label="Cơ quan lãnh đạo", queryset=Body.objects.none())

    class Meta:
        model = Conference
        fields = ["body", "kind", "subject", "reviewed_period", "date", "session", "start_time", "venue"]
        widgets = {"date": DateInput(), "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = Body.objects.select_related("organization", "term").order_by("organization__path", "-term__start_date")
        query = permissions.organization_filter(user, permissions.MANAGE_ROLES, field="organization__")
        self.fields["body"].queryset = bodies if query is None else bodies.filter(query)
        if self.instance.pk:
            # The number belongs to the body: it cannot move to another body once given.
            del self.fields["body"]

    def clean(self):
        data = super().clean()
        body = data.get("body") or (self.instance.body if self.instance.pk else None)
        if body is not None:
            self.instance.body = body
            self.instance.organization_id = body.organization_id
            self.instance.term_id = body.term_id
        return data


class ChairsForm(forms.Form):
    chairs = forms.ModelMultipleChoiceField(label="Chủ trì hội nghị", queryset=Person.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        ids = list(conference.invitations.values_list("person_id", flat=True))
        self.fields["chairs"].queryset = Person.objects.filter(pk__in=ids)
        self.fields["chairs"].label_from_instance = lambda p: p.with_titles(conference.date)
        choose_people(self.fields["chairs"], hoi_nghi=conference.pk)  # a congress invites hundreds


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "kind", "title", "presenter", "presenter_title", "planned_minutes", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.conference = conference
        ids = list(conference.invitations.values_list("person_id", flat=True))
        self.fields["presenter"].queryset = Person.objects.filter(pk__in=ids)
        self.fields["presenter"].required = False
        choose_people(self.fields["presenter"], hoi_nghi=conference.pk)


# What each upload of a conference accepts (checked by content in capuy.core.uploads).
ATTACHMENT_FILES = uploads.Accepts(("pdf", "docx", "odt", "doc", "xlsx", "ods", "xls", "png", "jpeg"), max_mb=20)
DRAFT_FILES = uploads.Accepts(("docx", "pdf", "odt"), max_mb=10)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = AgendaAttachment
        fields = ["title", "file", "url"]

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            uploads.check(file, ATTACHMENT_FILES)
        return file

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError("Vui lòng tải tệp hoặc ghi liên kết tới tài liệu.")
        return data


class GuestForm(forms.Form):
    person = forms.ModelChoiceField(label="Người được mời", queryset=Person.objects.none(), required=False)
    full_name = forms.CharField(label="Hoặc họ tên khách mời mới", max_length=120, required=False)
    email = forms.EmailField(label="Thư điện tử của khách mời mới", required=False)
    title = forms.CharField(label="Chức danh (như in trên giấy mời)", max_length=300, required=False,
                            help_text="Ví dụ: Phó Bí thư Thành ủy, Trưởng Ban Tổ chức Thành ủy")

    def __init__(self, *args, user, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        invited = conference.invitations.values("person_id")
        # People the user may see, and the leaders of the superior organizations (guests from above).
        visible = permissions.visible_people(user).order_by().values("pk")
        superior = Q(organization__in=conference.organization.ancestors().order_by().values("pk"))
        self.fields["person"].queryset = Person.objects.filter(Q(pk__in=visible) | superior).exclude(pk__in=invited)
        choose_people(self.fields["person"], cap_tren=conference.organization_id)

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("full_name") or "").strip():
            raise forms.ValidationError("Vui lòng chọn người được mời hoặc nhập họ tên khách mời mới.")
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label="Trả lời", choices=[(Invitation.Answer.ATTENDING, "Tham dự"),
                                                          (Invitation.Answer.ABSENT, "Vắng mặt")],
                               widget=forms.RadioSelect)
    reason = forms.CharField(label="Lý do vắng mặt", max_length=300, required=False)


class AbsenceForm(forms.Form):
    excused = forms.BooleanField(label="Vắng có lý do", required=False)
    reason = forms.CharField(label="Lý do", max_length=300, required=False)


class DraftForm(forms.ModelForm):
    text = forms.CharField(label="Nội dung phiên bản 1", widget=forms.Textarea(attrs={"rows": 12}), required=False,
                           help_text="Mỗi đoạn cách nhau một dòng trống; dòng bắt đầu bằng # là tiêu đề phần.")
    file = forms.FileField(label="Hoặc tệp dự thảo", required=False,
                           validators=[uploads.form_field_validator(DRAFT_FILES)])

    class Meta:
        model = Draft
        fields = ["kind", "title", "agenda_item", "comment_deadline"]
        widgets = {"comment_deadline": DateInput()}

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.conference = conference
        self.fields["agenda_item"].queryset = conference.agenda_items.all()


class VersionForm(forms.Form):
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 14}), required=False)
    file = forms.FileField(label="Hoặc tệp dự thảo", required=False,
                           validators=[uploads.form_field_validator(DRAFT_FILES)])
    note = forms.CharField(label="Ghi chú thay đổi", max_length=300, required=False)


class CommentForm(forms.ModelForm):
    class Meta:
        model = DraftComment
        fields = ["paragraph", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        labels = {"paragraph": "Góp ý vào đoạn (để trống: toàn văn)"}


class CommentAnswerForm(forms.Form):
    answer = forms.ChoiceField(label="Trả lời", widget=forms.RadioSelect, choices=[
        (DraftComment.Answer.ACCEPTED, "Tiếp thu"), (DraftComment.Answer.EXPLAINED, "Giải trình"),
        (DraftComment.Answer.REJECTED, "Không tiếp thu")])
    answer_text = forms.CharField(label="Nội dung tiếp thu, giải trình", widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False)


class SpeakForm(forms.Form):
    item = forms.ModelChoiceField(label="Nội dung", queryset=AgendaItem.objects.none())
    kind = forms.ChoiceField(label="Hình thức", choices=[(SpeechKind.CONTRIBUTION, "Tham luận"),
                                                         (SpeechKind.OPINION, "Ý kiến")])
    topic = forms.CharField(label="Nội dung dự kiến", max_length=300, required=False)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = conference.agenda_items.filter(speakers_closed=False)


class SpeechForm(forms.ModelForm):
    class Meta:
        model = Speech
        fields = ["agenda_item", "kind", "speaker", "speaker_title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, conference, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = conference.agenda_items.all()
        # The list offers the invitees; any person the user may see is accepted here, and the model refuses
        # those who were not invited with a clear message.
        field = self.fields["speaker"]
        field.queryset = permissions.visible_people(user)
        invitations = conference.invitations.select_related("person")
        field.widget.choices = [("", "---------")] + [(i.person_id, i.name_with_title) for i in invitations]


class CloseForm(forms.Form):
    conclusion = forms.CharField(label="Kết luận của hội nghị", widget=forms.Textarea(attrs={"rows": 8}))

