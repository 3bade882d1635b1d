from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils import timezone

from capuy.accounts import permissions
from capuy.conferences import access
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
from capuy.core import uploads, vietnamese
from capuy.organizations.choosers import choose_organizations, choose_people, choose_terms
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
    # Negated so that a form posted without it keeps the usual numbering.
    unnumbered = forms.BooleanField(label="Không đánh số (hội nghị sơ kết, tổng kết, chuyên đề…)", required=False)

    class Meta:
        model = Conference
        fields = ["body", "kind", "name", "subject", "reviewed_period", "date", "session", "start_time",
                  "end_time", "venue", "theme"]
        widgets = {"date": DateInput(), "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                   "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = Body.objects.select_related("organization", "term").order_by("organization__path", "-term__start_date")
        query = permissions.organization_filter(user, permissions.MANAGE_ROLES, field="organization__")
        # a merged or dissolved organization holds no new conference (Organization.refuse_if_closed)
        bodies = bodies.filter(Q(organization__valid_to__isnull=True) |
                               Q(organization__valid_to__gte=timezone.localdate()))
        self.fields["body"].queryset = bodies if query is None else bodies.filter(query)
        if self.instance.pk:
            # The number belongs to the body: it cannot move to another body once given.
            del self.fields["body"]
            self.fields["unnumbered"].initial = not self.instance.numbered

    def _update_errors(self, errors):
        # The model's rules may name a field this form does not show (its organization, its term): such a
        # message goes above the form rather than failing the page.
        if hasattr(errors, "error_dict"):
            shown: dict = {}
            for field, messages in errors.error_dict.items():
                shown.setdefault(field if field in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(shown)
        super()._update_errors(errors)

    def clean(self):
        data = super().clean()
        body = data.get("body") or (self.instance.body if self.instance.pk else None)
        self.instance.numbered = not data.get("unnumbered")
        if body is not None:
            self.instance.body = body
            self.instance.organization_id = body.organization_id
            self.instance.term_id = body.term_id
            if self.instance.pk and self.instance.numbered and not self.instance.number:
                # A meeting first prepared without a number, then numbered: it takes the next one of its body.
                from capuy.conferences.models import next_conference_number

                self.instance.number = next_conference_number(body)
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
        kwargs.setdefault("auto_id", "khach_%s")  # beside the agenda form on one page: ids of its own ("title")
        super().__init__(*args, **kwargs)
        self.conference = conference
        invited = conference.invitations.values("person_id")
        # People the user may see, and the leaders of the superior organizations (guests from above).
        self.fields["person"].queryset = access.attendable_people(user, conference.organization).exclude(
            pk__in=invited)
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



# ---------------------------------------------------------------------------------------------------------
# Recording a conference after the fact (issue 13)
# ---------------------------------------------------------------------------------------------------------

SPEECH_WORDS = {"tham luận": SpeechKind.CONTRIBUTION, "ý kiến": SpeechKind.OPINION, "chỉ đạo": SpeechKind.DIRECTIONS,
                "kết luận": SpeechKind.CONCLUSION, "báo cáo": SpeechKind.REPORT, "khai mạc": SpeechKind.OPENING}


def _lines(text: str, field: str = "", form_of: str = "") -> list[list[str]]:
    """Non-empty lines of a textarea, each split on "|" into trimmed cells. With ``form_of`` (the line's form, as
    the label gives it), a line without its "|" is refused: a whole line would otherwise be taken for its first
    cell ("– Ý kiến của không đúng định dạng" in the minutes)."""
    lines = [[" ".join(cell.split()) for cell in line.split("|")] for line in (text or "").splitlines() if line.strip()]
    for cells in lines:
        if form_of and len(cells) < 2:
            raise ValidationError({field: f"Dòng “{cells[0][:80]}” chưa đúng mẫu: {form_of}, các cột cách nhau "
                                          "bằng dấu |."})
    return lines


class PastConferenceForm(forms.Form):
    """What an office knows of a conference held before: the header facts, and lists typed one per line."""

    organization = forms.ModelChoiceField(label="Tổ chức đảng", queryset=None)
    body_kind = forms.ChoiceField(label="Cơ quan họp", required=False,
                                  choices=[("", "Không rõ")] + list(Body.Kind.choices))
    term = forms.ModelChoiceField(label="Nhiệm kỳ", queryset=None, required=False,
                                  help_text="Để trống khi tư liệu không ghi nhiệm kỳ.")
    kind = forms.ChoiceField(label="Loại hội nghị", choices=Conference.Kind.choices, initial=Conference.Kind.REGULAR)
    number = forms.IntegerField(label="Lần thứ", required=False, min_value=1,
                                help_text="Số thứ tự trong nhiệm kỳ như tư liệu ghi; để trống với hội nghị không đánh số "
                                          "(sơ kết, tổng kết…).")
    name = forms.CharField(label="Tên hội nghị (như tư liệu ghi)", max_length=300, required=False,
                           help_text="Ví dụ: Hội nghị sơ kết 6 tháng đầu năm 2021.")
    subject = forms.CharField(label="Nội dung chính", max_length=500, required=False)
    reviewed_period = forms.CharField(label="Kỳ đánh giá", max_length=100, required=False)
    date = forms.DateField(label="Ngày họp", widget=DateInput())
    session = forms.ChoiceField(label="Buổi", required=False, choices=[("", "Không rõ")] + list(Conference.Session.choices))
    start_time = forms.TimeField(label="Giờ bắt đầu", required=False,
                                 widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label="Giờ kết thúc", required=False,
                               widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    venue = forms.CharField(label="Địa điểm", max_length=300, required=False)
    theme = forms.CharField(label="Chủ đề năm", max_length=500, required=False)
    source_url = forms.CharField(label="Nguồn tư liệu (địa chỉ bản tin)", max_length=500, required=False)
    chairs = forms.ModelMultipleChoiceField(label="Chủ trì", queryset=None, required=False)
    attendees = forms.ModelMultipleChoiceField(label="Người dự (có trong danh sách nhân sự)", queryset=None,
                                               required=False)
    groups = forms.CharField(label="Tập thể, đại diện dự họp (mỗi dòng một)", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Ví dụ: đại diện lãnh đạo các ban, ngành, đoàn thể phường.")
    speeches = forms.CharField(
        label="Phát biểu (mỗi dòng: người hoặc tập thể | loại | tóm tắt)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Loại: tham luận, ý kiến, chỉ đạo, kết luận, báo cáo, khai mạc. Tên không có trong danh sách người "
                  "dự được ghi là tập thể, đại diện.")
    references = forms.CharField(
        label="Văn bản được nhắc đến (mỗi dòng: loại | số, ký hiệu | cơ quan ban hành | trích yếu)", required=False,
        widget=forms.Textarea(attrs={"rows": 2}), help_text="Ví dụ: Quy định | 09-QĐ/TU | Tỉnh ủy | về …")
    awards = forms.CharField(
        label="Khen thưởng trao tại hội nghị (mỗi dòng: hình thức | cơ quan khen thưởng | số tập thể | số cá nhân | "
              "thành tích)", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ví dụ: Giấy khen | Chủ tịch UBND phường | 3 | 5 | có thành tích trong công tác dân vận")
    conclusion = forms.CharField(label="Kết luận của hội nghị", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    resolution_passed = forms.NullBooleanField(
        label="Biểu quyết nghị quyết", required=False,
        widget=forms.Select(choices=[("", "Tư liệu không nêu"), ("true", "Đã thông qua"), ("false", "Không thông qua")]))
    vote_share = forms.CharField(label="Tỷ lệ tán thành (%)", max_length=10, required=False,
                                 help_text="Như tư liệu ghi, ví dụ 100 hoặc 98,5; để trống nếu không nêu.")

    def __init__(self, *args, user, **kwargs):
        from capuy.organizations.models import Organization, Term

        super().__init__(*args, **kwargs)
        managed = permissions.readable_organizations(user, permissions.MANAGE_ROLES)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=managed.values("pk")).order_by("path")
        self.fields["term"].queryset = Term.objects.filter(organization__in=managed.values("pk")).select_related(
            "organization").order_by("organization__path", "-start_date")
        self.fields["term"].label_from_instance = lambda t: f"{t.organization.name}: khóa {t.roman}, nhiệm kỳ {t.years}"
        visible = permissions.visible_people(user).order_by().values("pk")
        superiors = Q(organization__in=Organization.objects.filter(
            pk__in=[a.pk for o in self.fields["organization"].queryset[:50] for a in o.ancestors()]).values("pk"))
        people = Person.objects.filter(Q(pk__in=visible) | superiors).order_by("sort_key")
        self.fields["chairs"].queryset = people
        self.fields["attendees"].queryset = people
        # Search-as-you-type within the clerk's reach (a province keeps hundreds of thousands of people): the
        # people and organizations the user may see, and the leaders above their subtree (guests from above).
        choose_organizations(self.fields["organization"], quan_ly=1)
        choose_terms(self.fields["term"])
        tops = permissions.top_organizations(user, permissions.MANAGE_ROLES)
        for name in ("chairs", "attendees"):
            choose_people(self.fields[name], cap_tren=tops[0].pk if len(tops) == 1 else None)

    def facts(self) -> tuple:
        """(organization, facts for ``actions.record_past_conference``); ValidationError on a bad line."""
        from django.core.exceptions import ValidationError

        from capuy.members.models import Commendation

        data = self.cleaned_data
        people = list(data.get("attendees") or [])
        chairs = list(data.get("chairs") or [])
        by_name = {p.full_name.lower(): p for p in people + chairs}
        speeches = []
        for cells in _lines(data.get("speeches"), "speeches", "người hoặc tập thể | loại | tóm tắt"):
            who, kind_word, summary = (cells + ["", "", ""])[:3]
            kind = SPEECH_WORDS.get(kind_word.lower(), SpeechKind.OPINION if not kind_word else None)
            if kind is None:
                raise ValidationError({"speeches": f"Loại phát biểu không rõ: \"{kind_word}\"."})
            person = by_name.get(who.lower())
            speeches.append({"person": person, "group": "" if person else who, "kind": kind, "summary": summary})
        references = [dict(zip(("kind", "number", "issuer", "title"), (cells + ["", "", "", ""])[:4], strict=True))
                      for cells in _lines(data.get("references"), "references",
                                          "loại | số, ký hiệu | cơ quan ban hành | trích yếu")]
        forms_by_name = {label.lower(): value for value, label in Commendation.Form.choices}
        awards = []
        for row, cells in enumerate(_lines(data.get("awards"), "awards",
                                           "hình thức | cơ quan khen thưởng | số tập thể | số cá nhân | thành tích"), 1):
            form, issuer, collectives, individuals, reason = (cells + ["", "", "", "", ""])[:5]
            try:
                counts = [int(c) if c else None for c in (collectives, individuals)]
            except ValueError:
                raise ValidationError({"awards": f"Khen thưởng thứ {row}: số tập thể, số cá nhân phải là số: "
                                                 f"\"{collectives}\", \"{individuals}\"."}) from None
            value = forms_by_name.get(form.lower(), Commendation.Form.OTHER)
            awards.append({"form": value, "form_detail": form if value == Commendation.Form.OTHER else "",
                           "issuer": issuer, "collective_count": counts[0], "individual_count": counts[1],
                           "reason": reason})
        attendees = [{"person": p} for p in people if p not in chairs] + [{"person": p} for p in chairs]
        attendees += [{"group": cells[0]} for cells in _lines(data.get("groups"))]
        facts = {key: data.get(key) for key in ("kind", "number", "name", "subject", "reviewed_period", "date",
                                                 "session", "start_time", "end_time", "venue", "theme", "source_url",
                                                 "conclusion", "body_kind", "term", "resolution_passed", "vote_share")}
        facts.update(chairs=[{"person": p} for p in chairs], attendees=attendees, speeches=speeches,
                     references=references, awards=awards)
        return data["organization"], facts


class PastHeaderForm(PastConferenceForm):
    """Correcting a past record's header facts (``actions.correct_past_conference``)."""

    LISTS = ("organization", "chairs", "attendees", "groups", "speeches", "references", "awards")

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.LISTS:
            del self.fields[name]
        term = self.fields["term"]
        term.queryset = term.queryset.filter(organization=conference.organization)
        term.widget = forms.Select(choices=term.choices)  # the few terms of one organization: a plain list
        if not self.is_bound:
            for name in self.fields:
                value = getattr(conference, name)
                self.initial[name] = value if value is not None else ""
            if conference.vote_share is not None:
                self.initial["vote_share"] = vietnamese.number(conference.vote_share)

    def facts(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class PastPeopleForm(forms.Form):
    """Who chaired and who attended a past record (``actions.correct_past_people``)."""

    chairs = forms.ModelMultipleChoiceField(label="Người chủ trì", queryset=None, required=False,
                                            help_text="Người chủ trì chưa có trong danh sách dự được thêm vào.")
    attendees = forms.ModelMultipleChoiceField(label="Thêm người dự", queryset=None, required=False)
    groups = forms.CharField(label="Thêm tập thể, đại diện dự họp (mỗi dòng một)", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    remove = forms.ModelMultipleChoiceField(label="Bỏ khỏi danh sách dự", queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, conference, **kwargs):
        super().__init__(*args, **kwargs)
        people = access.attendable_people(user, conference.organization).order_by("sort_key")
        self.fields["chairs"].queryset = people
        self.fields["attendees"].queryset = people.exclude(pk__in=conference.invitations.exclude(
            person=None).values("person_id"))
        for name in ("chairs", "attendees"):
            choose_people(self.fields[name], cap_tren=conference.organization_id)
        self.fields["remove"].queryset = conference.invitations.select_related("person", "conference")
        self.fields["remove"].label_from_instance = lambda invitation: invitation.name_with_title
        if not self.is_bound:
            self.initial["chairs"] = [p.pk for p in conference.chairs.all()]

    def facts(self) -> dict:
        data = self.cleaned_data
        add = [{"person": p} for p in data["attendees"]] + [{"group": cells[0]} for cells in _lines(data["groups"])]
        return {"chairs": [{"person": p} for p in data["chairs"]], "add": add, "remove": list(data["remove"])}
