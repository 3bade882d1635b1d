"""Reports used by the tests of "Nhập từ bản tin" (written for these tests, in the shape of the samples)."""

import datetime

from capuy.conferences import extraction
from capuy.conferences.imported import ImportedReport
from capuy.conferences.models import Conference
from capuy.organizations.models import Organization, Person
from capuy.targets.models import Result
from capuy.tasks.models import Task

REPORT = """URL: https://tayho.hanoi.gov.vn/tin-tuc/hoi-nghi-lan-thu-17
Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI, nhiệm kỳ 2020-2025
Sáng 5/10/2023, Ban Chấp hành Đảng bộ quận Tây Hồ khóa VI, nhiệm kỳ 2020-2025 tổ chức Hội nghị lần thứ 17 để \
đánh giá kết quả thực hiện nhiệm vụ 9 tháng năm 2023.
Đồng chí Lê Thị Thu Hằng, Bí thư Quận ủy Tây Hồ, Chủ tịch HĐND quận chủ trì hội nghị. Dự hội nghị có đồng chí \
Trương Tú Uyên, Bí thư Đảng ủy phường Quảng An.
Trong 9 tháng năm 2023, doanh thu thương mại, dịch vụ, du lịch tăng 55,8% so với cùng kỳ năm 2022.
Thời gian tới, Quận ủy tập trung thực hiện các nhiệm vụ: tăng cường công tác quản lý quy hoạch, đô thị; quản lý \
đất đai, bảo vệ môi trường.
Dịp này, Quận ủy tặng Giấy khen cho 03 tập thể và 05 cá nhân có thành tích xuất sắc.
"""

NEW_WARD_REPORT = """Sáng ngày 12/3/2021, Đảng ủy phường Xuân La khóa III, nhiệm kỳ 2020-2025 tổ chức Hội nghị lần \
thứ 5 sơ kết công tác quý I năm 2021.
Đồng chí Phạm Minh Quang, Bí thư Đảng ủy phường Xuân La chủ trì hội nghị.
"""

NOT_A_REPORT = "Thời tiết Hà Nội hôm nay nắng nhẹ, nhiệt độ từ 20 đến 27 độ C. Người dân nên mang theo nước uống."


def record(text=REPORT, **changes):
    return {**extraction.extract_report(text), **changes}


def future_date() -> str:
    return (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def counts() -> tuple:
    """How many rows of each kind an import creates: nothing may change on a refusal."""
    return (Conference.objects.count(), Person.objects.count(), Organization.objects.count(), Result.objects.count(),
            Task.objects.count(), ImportedReport.objects.count())
