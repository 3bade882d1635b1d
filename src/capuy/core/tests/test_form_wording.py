"""Django's own form messages in capuy's Vietnamese (src/capuy/locale): the shipped wording read "Nhập một số tổng
thể." for a whole number and put a space before the full stop."""

import datetime

import pytest
from django import forms
from django.utils import translation


class Sample(forms.Form):
    count = forms.IntegerField(max_value=100, min_value=1)
    name = forms.CharField(max_length=3)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"count": "12a", "name": "a"}, "count", "Nhập một số nguyên."),
    ({"count": "150", "name": "a"}, "count", "Giá trị này phải nhỏ hơn hoặc bằng 100."),
    ({"count": "0", "name": "a"}, "count", "Giá trị này phải lớn hơn hoặc bằng 1."),
    ({"count": "5", "name": "abcd"}, "name", "Giá trị này chỉ được có tối đa 3 ký tự (hiện có 4)."),
])
def test_form_messages_read_as_vietnamese_users_expect(data, field, message):
    with translation.override("vi"):
        form = Sample(data)
        assert not form.is_valid()
        assert form.errors[field] == [message]


class When(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField()


@pytest.mark.parametrize(("typed", "day"), [
    ("2/12/2026", datetime.date(2026, 12, 2)),  # day first, as Vietnamese write it: not 12 February
    ("25/12/2026", datetime.date(2026, 12, 25)),
    ("05-10-2023", datetime.date(2023, 10, 5)),
    ("2026-12-02", datetime.date(2026, 12, 2)),  # what a date picker sends
])
def test_dates_typed_by_hand_are_read_day_first(typed, day):
    with translation.override("vi"):
        form = When({"day": typed, "moment": f"{typed} 08:30"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == day
        assert form.cleaned_data["moment"].date() == day
