"""Test data for the tasks app: the shared tree plus a standing committee and a few tasks."""

import datetime
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Body, BodyMembership
from capuy.tasks.models import Task, TaskStatus
from capuy.tasks.statuses import ensure_default_statuses

D = datetime.date


def status(code) -> TaskStatus:
    return TaskStatus.objects.get(code=code)


def pdf(name="bien-ban.pdf", size=None):
    content = b"%PDF-1.4\n" + b"0" * (size or 100)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="capuy-tasks-"))
class TasksTestCase(CapuyTestCase):
    """Tây Hồ sets two tasks: one it leads itself, one led by the Quảng An ward; Phạm Văn Bình is responsible."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        ensure_default_statuses()
        cls.btv = Body.objects.create(organization=cls.district, term=cls.term, kind=Body.Kind.STANDING)
        for person, role in ((cls.secretary, BodyMembership.Role.SECRETARY),
                             (cls.committee_person, BodyMembership.Role.DEPUTY)):
            BodyMembership.objects.create(body=cls.btv, person=person, role=role, start_date=cls.term.start_date)
        cls.district_task = Task.objects.create(
            organization=cls.district, lead_organization=cls.district, lead_unit="UBND quận",
            title="Tăng cường công tác thu ngân sách", responsible=cls.committee_person,
            start_date=D(2023, 10, 5), deadline=D(2023, 12, 31))
        cls.ward_task = Task.objects.create(
            organization=cls.district, lead_organization=cls.ward,
            title="Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm", responsible=None,
            start_date=D(2023, 10, 5), deadline=D(2024, 6, 30))
