"""The demo data: sample 001 and 003 tasks with progress, Tây Hồ registrations of 2023 evaluated and 2024 submitted."""

import datetime

from django.test import TestCase, override_settings

from capuy.core.testing import load_demo
from capuy.organizations.models import Organization
from capuy.tasks import reports, rules
from capuy.tasks.models import Registration, Task
from capuy.tasks.services import evaluation_for

D = datetime.date


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class DemoTests(TestCase):
    def test_the_demo_holds_the_sample_tasks_and_registrations(self):
        load_demo()
        tayho = Organization.objects.get(committee_name="Quận ủy Tây Hồ")
        kienan = Organization.objects.get(committee_name="Quận ủy Kiến An")
        assert Task.objects.filter(organization=tayho, title__startswith="Đẩy nhanh tiến độ giải phóng mặt bằng").exists()
        assert Task.objects.filter(organization=kienan, title="Tăng cường công tác thu ngân sách").exists()
        assert Task.objects.filter(organization=kienan, title="Làm tốt công tác tuyển quân năm 2020", closed=True).exists()
        rows = reports.rows_with_status(Task.objects.concerning(kienan), D(2020, 9, 1))
        assert rules.figures_sentence(reports.figures_of(rows)) == (
            "hoàn thành 4/5 nhiệm vụ (trong đó 1 nhiệm vụ hoàn thành chậm), 1 nhiệm vụ quá hạn")
        assert Registration.objects.filter(organization=tayho, year=2023, state="evaluated").count() == 4
        assert Registration.objects.filter(organization=tayho, year=2024, state="submitted").count() == 4
        person = Registration.objects.filter(year=2023).first().person
        assert evaluation_for(person, 2023).level
