"""The form of one member's record (add or edit), parsed here and written by ``members.actions``."""

from django import forms

from capuy.members.models import Status
from capuy.organizations.forms import DateInput
from capuy.organizations.models import Organization, Person

# On adding a member: the standing from the admission is implicit; any other status may be recorded at once.
INITIAL_STATUSES = [("", "Đang sinh hoạt bình thường")] + [
    (value, label) for value, label in Status.choices if value not in (Status.OFFICIAL, Status.PROBATIONARY)]


class MemberForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—")] + Person.Gender.choices, required=False)
    birth_date = forms.DateField(label="Ngày sinh", required=False, widget=DateInput())
    email = forms.EmailField(label="Thư điện tử", required=False,
                             error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    cell = forms.ModelChoiceField(label="Chi bộ sinh hoạt", queryset=Organization.objects.none(),
                                  error_messages={"invalid_choice": "Chi bộ không thuộc tổ chức của đồng chí.",
                                                  "required": "Vui lòng chọn chi bộ sinh hoạt."})
    card_number = forms.CharField(label="Số thẻ đảng viên", max_length=20, required=False)
    admission_date = forms.DateField(label="Ngày vào Đảng", widget=DateInput(),
                                     error_messages={"required": "Vui lòng nhập ngày vào Đảng."})
    official_date = forms.DateField(label="Ngày chính thức (để trống nếu còn dự bị)", required=False,
                                    widget=DateInput())

    def __init__(self, *args, cells, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells
        if adding:
            self.fields["status"] = forms.ChoiceField(label="Trạng thái khác (nếu có)", choices=INITIAL_STATUSES,
                                                      required=False)
            self.fields["status_date"] = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
            self.fields["decision"] = forms.CharField(label="Số quyết định", max_length=100, required=False)
