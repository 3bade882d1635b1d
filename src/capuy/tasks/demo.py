"""Demo tasks from the conclusions of samples 001 (Tây Hồ, 5/10/2023) and 003 (Kiến An, 30/9/2019), their
progress, and the Tây Hồ key officials' registrations of difficult tasks: 2023 evaluated, 2024 submitted.

The tasks are the ones the articles name; lead units, responsible leaders, deadlines, progress notes and
the registrations' contents are invented for the illustration (see DEMO.md of each app).
"""

import datetime

from django.utils import timezone

from capuy.accounts.models import User
from capuy.organizations.models import Body, BodyMembership
from capuy.tasks import services
from capuy.tasks.models import (
    Notification,
    Priority,
    Registration,
    RegistrationYear,
    SourceKind,
    Task,
    TaskStatus,
)
from capuy.tasks.statuses import ensure_default_statuses

D = datetime.date


def _task(organization, title, start, deadline, *, conference=None, unit="", lead=None, responsible=None,
          coordinating=(), priority=Priority.NORMAL, indicators=(), parent=None, source_text=""):
    task = Task(organization=organization, lead_organization=lead or organization, lead_unit=unit, title=title,
                responsible=responsible, coordinating_units="\n".join(coordinating), start_date=start,
                deadline=deadline, priority=priority, parent=parent, conference=conference,
                source_kind=SourceKind.CONFERENCE if conference else SourceKind.ANNUAL_PLAN,
                source_text=source_text or (f"Kết luận {conference.short_title}" if conference else ""))
    services.save_task(task)
    if indicators:
        task.indicators.set([i for i in indicators if i is not None])
    return task


def _progress(task, user, reports):
    status = {s.code: s for s in TaskStatus.objects.all()}
    for day, code, percent, note in reports:
        services.record_progress(task, user, status[code], percent, note, reported_on=day)


def _tayho(context, office):
    conference = context.get("conference_001")
    tayho, wards, hang = context["tayho"], context["wards"], context["hang"]
    reporter = context["tayho_reporter"]
    indicators = context.get("targets_indicators", {})
    start = conference.date if conference else D(2023, 10, 5)
    gpmb = _task(tayho, "Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm, dự án dân sinh bức xúc",
                 start, D(2023, 12, 31), conference=conference, unit="UBND quận", responsible=reporter,
                 coordinating=["Ban Quản lý dự án đầu tư xây dựng quận", "Đảng ủy các phường"],
                 priority=Priority.HIGH)
    _progress(gpmb, office, [
        (D(2023, 11, 15), "dang-thuc-hien", 60, "Đã hoàn thành kiểm đếm 45/70 hộ; bàn giao mặt bằng 2/5 dự án."),
        (D(2024, 1, 12), "hoan-thanh", 100, "Bàn giao mặt bằng đủ 5 dự án trọng điểm (chậm 12 ngày so với thời hạn)."),
    ])
    quangan = _task(tayho, "Giải phóng mặt bằng dự án mở rộng đường trên địa bàn phường Quảng An", start,
                    D(2023, 12, 15), conference=conference, lead=wards["Quảng An"], responsible=context["uyen"],
                    parent=gpmb)
    quangan_office = User.objects.filter(username="demo.vanphong.quangan").first()
    if quangan_office:
        _progress(quangan, quangan_office, [
            (D(2023, 11, 10), "dang-thuc-hien", 70, "Đã vận động 21/30 hộ nhận tiền bồi thường."),
            (D(2023, 12, 14), "hoan-thanh", 100, "Bàn giao mặt bằng cho chủ đầu tư ngày 14/12/2023."),
        ])
    budget = _task(tayho, "Tập trung thu ngân sách, phấn đấu hoàn thành tỷ lệ giải ngân kế hoạch đầu tư công năm 2023",
                   start, D(2023, 12, 31), conference=conference, unit="UBND quận", responsible=reporter,
                   coordinating=["Chi cục Thuế quận", "Phòng Tài chính – Kế hoạch"], priority=Priority.HIGH,
                   indicators=[indicators.get("KT03"), indicators.get("KT04")])
    _progress(budget, office, [
        (D(2023, 11, 30), "dang-thuc-hien", 85, "Thu ngân sách đạt 92% dự toán; giải ngân đạt 78%."),
        (D(2023, 12, 29), "hoan-thanh", 100, "Thu ngân sách vượt dự toán; giải ngân đạt 96,5% kế hoạch."),
    ])
    police = _task(tayho, "Xây dựng mô hình công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị "
                   "tại 2 phường Phú Thượng và Nhật Tân", start, D(2024, 6, 30), conference=conference,
                   unit="Công an quận", coordinating=["Đảng ủy phường Phú Thượng", "Đảng ủy phường Nhật Tân"])
    _progress(police, office, [(D(2023, 12, 20), "dang-thuc-hien", 40, "Đã ban hành kế hoạch, bố trí trụ sở.")])
    planning = _task(tayho, "Tăng cường quản lý quy hoạch, đô thị, đất đai, bảo vệ môi trường", start,
                     D(2023, 12, 31), conference=conference, unit="Phòng Quản lý đô thị")
    _progress(planning, office, [(D(2023, 12, 22), "hoan-thanh", 100, "Xử lý dứt điểm 14 vụ vi phạm trật tự xây dựng.")])
    study = _task(tayho, "Tổ chức học tập, quán triệt, triển khai thực hiện các chỉ thị, nghị quyết của Đảng", start,
                  D(2023, 11, 30), conference=conference, unit="Ban Tuyên giáo Quận ủy", responsible=hang)
    _progress(study, office, [(D(2023, 11, 28), "hoan-thanh", 100, "100% chi bộ tổ chức học tập, quán triệt.")])
    Notification.objects.create(user=office, task=police, kind=Notification.Kind.OVERDUE,
                                event=f"overdue:{police.deadline.isoformat()}",
                                text=f"Nhiệm vụ “{police.title}” đã quá hạn (thời hạn 30/06/2024), chưa báo cáo hoàn thành.")
    return [gpmb, quangan, budget, police, planning, study]


def _kienan(context):
    conference = context.get("conference_003")
    kienan, khue = context["kienan"], context["khue"]
    office = User.objects.filter(username="demo.vanphong.kienan").first()
    indicators = context.get("targets_indicators", {})
    start = conference.date if conference else D(2019, 9, 30)
    tasks = [
        (_task(kienan, "Tăng cường công tác thu ngân sách", start, D(2019, 12, 31), conference=conference,
               unit="UBND quận", responsible=khue, priority=Priority.HIGH, indicators=[indicators.get("KT03")],
               coordinating=["Chi cục Thuế quận"]),
         [(D(2019, 11, 15), "dang-thuc-hien", 70, "Thu ngân sách đạt 87% dự toán."),
          (D(2019, 12, 30), "hoan-thanh", 100, "Thu ngân sách đạt 109,1% dự toán.")]),
        (_task(kienan, "Phối hợp giải phóng mặt bằng và đẩy nhanh tiến độ các dự án đầu tư, xây dựng, dự án đấu giá "
               "quyền sử dụng đất trên địa bàn", start, D(2019, 12, 31), conference=conference, unit="UBND quận",
               priority=Priority.HIGH),
         [(D(2019, 12, 10), "dang-thuc-hien", 65, "Đấu giá xong 2/4 khu đất."),
          (D(2020, 1, 20), "hoan-thanh", 100, "Hoàn thành đấu giá 4/4 khu đất (chậm so với thời hạn).")]),
        (_task(kienan, "Làm tốt công tác tuyển quân năm 2020", start, D(2020, 2, 15), conference=conference,
               unit="Ban Chỉ huy Quân sự quận", coordinating=["Công an quận", "Các phường"]),
         [(D(2020, 2, 14), "hoan-thanh", 100, "Giao quân đạt 100% chỉ tiêu.")]),
        (_task(kienan, "Kiên quyết xử lý nghiêm các vi phạm về đất đai, trật tự xây dựng đô thị, trật tự đường hè, "
               "vệ sinh môi trường", start, D(2019, 12, 31), conference=conference, unit="UBND quận"),
         [(D(2019, 12, 5), "dang-thuc-hien", 50, "Đã xử lý 31/60 vụ vi phạm.")]),
        (_task(kienan, "Chuẩn bị Đại hội Đảng bộ quận lần thứ VI, nhiệm kỳ 2020–2025 theo đúng quy định, hướng dẫn, "
               "tiến độ thời gian", start, D(2020, 8, 10), conference=conference, unit="Ban Tổ chức Quận ủy",
               responsible=khue, priority=Priority.HIGH),
         [(D(2020, 8, 8), "hoan-thanh", 100, "Đại hội Đảng bộ quận lần thứ VI thành công tốt đẹp.")]),
    ]
    if office:
        for task, reports in tasks:
            _progress(task, office, reports)
    return [t for t, _ in tasks]


REGISTRATIONS_2023 = [
    ("Chỉ đạo giải phóng mặt bằng dự án đường vành đai 2,5 đoạn qua quận", "Bàn giao mặt bằng trước 30/11/2023",
     "tot", "Bàn giao mặt bằng ngày 12/12/2023, chậm 12 ngày."),
    ("Chỉ đạo xử lý dứt điểm các vi phạm trật tự xây dựng tồn đọng tại ven hồ Tây",
     "Xử lý 100% vi phạm tồn đọng", "xuat_sac", "Xử lý dứt điểm 14/14 vụ, sớm hơn kế hoạch."),
    ("Chỉ đạo di dời các phương tiện thủy ở khu vực đầm Bảy ra khỏi hồ Tây", "Hoàn thành di dời trong quý III",
     "xuat_sac", "Hoàn thành di dời trong tháng 9/2023."),
    ("Chỉ đạo nâng cao tỷ lệ giải ngân kế hoạch đầu tư công", "Giải ngân trên 95% kế hoạch", "hoan_thanh",
     "Giải ngân đạt 96,5% nhưng một số dự án còn chậm."),
]
REGISTRATIONS_2024 = [
    ("Chỉ đạo giải phóng mặt bằng dự án tuyến đường Văn Cao – Hồ Tây mở rộng", "Bàn giao mặt bằng trong quý III/2024"),
    ("Chỉ đạo xây dựng mô hình công an phường kiểu mẫu tại phường Phú Thượng và Nhật Tân",
     "Công nhận mô hình trước 30/6/2024"),
    ("Chỉ đạo hoàn thiện quy định quản lý khai thác hồ Tây", "Trình UBND thành phố ban hành trong năm 2024"),
    ("Chỉ đạo giải quyết dứt điểm các đơn thư khiếu nại kéo dài về đất đai", "Giải quyết 100% đơn tồn đọng"),
]


def _registrations(context, office):
    tayho = context["tayho"]
    standing = Body.objects.filter(organization=tayho, kind=Body.Kind.STANDING).first()
    people = [m.person for m in BodyMembership.objects.filter(body=standing).select_related("person")
              .order_by("pk")][:4] if standing else [context["hang"]]
    RegistrationYear.objects.create(organization=tayho, year=2023, deadline=D(2023, 1, 31))
    made = []
    for person, (content, expected, level, note) in zip(people, REGISTRATIONS_2023, strict=False):
        registration = services.register(
            Registration(organization=tayho, year=2023, person=person, content=content, expected_result=expected,
                         deadline=D(2023, 12, 31)),
            office, [("Ban hành kế hoạch chỉ đạo", D(2023, 3, 31)), ("Kiểm tra giữa năm", D(2023, 6, 30))],
            today=D(2023, 1, 16))
        made.append((registration, level, note))
    services.approve_list(tayho, 2023, office, D(2023, 1, 20), "Hội nghị Ban Thường vụ Quận ủy ngày 20/01/2023")
    for registration, level, note in made:
        registration.refresh_from_db()
        services.mid_year_check(registration, office, "Triển khai đúng tiến độ các mốc đã đăng ký.", 55,
                                today=D(2023, 7, 10))
        services.self_assess(registration, office, note, level, today=D(2023, 12, 5))
        services.evaluate(registration, office, level, note, today=D(2023, 12, 28))
    RegistrationYear.objects.create(organization=tayho, year=2024, deadline=D(2024, 1, 31))
    for person, (content, expected) in zip(people, REGISTRATIONS_2024, strict=False):
        services.register(
            Registration(organization=tayho, year=2024, person=person, content=content, expected_result=expected,
                         deadline=D(2024, 12, 31)),
            office, [("Xây dựng kế hoạch, phân công", D(2024, 2, 29)), ("Sơ kết 6 tháng", D(2024, 6, 30))],
            today=D(2023, 10, 20))
    return people


def load(context):
    ensure_default_statuses()
    office = User.objects.filter(username="demo.vanphong.tayho").first()
    if office is None:
        return
    tayho_tasks = _tayho(context, office)
    kienan_tasks = _kienan(context)
    officials = _registrations(context, office)
    context.update(tasks_tayho=tayho_tasks, tasks_kienan=kienan_tasks, tasks_key_officials=officials,
                   tasks_loaded_at=timezone.now())
