"""``capuy remind_tasks``: notify the responsible leader and the office before a deadline and when overdue."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from capuy.tasks import rules
from capuy.tasks.reminders import send_reminders


class Command(BaseCommand):
    help = ("Gửi nhắc việc: nhiệm vụ sắp đến hạn (trước CAPUY_TASKS_REMIND_DAYS ngày) và quá hạn, "
            "trong Cấp ủy số và qua thư điện tử; mỗi sự kiện chỉ báo một lần. Chạy hằng ngày bằng cron.")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Coi hôm nay là ngày này (YYYY-MM-DD), để chạy bù.")
        parser.add_argument("--base-url", default="", help="Địa chỉ trang web, để đưa liên kết vào thư.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không tạo thông báo, không gửi thư.")

    def handle(self, *args, date=None, base_url="", dry_run=False, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ, hãy viết theo dạng YYYY-MM-DD.") from exc
        result = send_reminders(today, base_url=base_url, dry_run=dry_run)
        verb = "Sẽ tạo" if dry_run else "Đã tạo"
        self.stdout.write(f"{verb} {result.notifications} thông báo, gửi {result.emails} thư "
                          f"(nhắc trước {rules.remind_days()} ngày).")
