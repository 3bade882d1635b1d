import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from capuy.core import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên thành một tệp (chỉ chủ sở hữu đọc được)."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="Tệp kết quả (mặc định var/backups/capuy-<thời điểm>.tar.gz).")

    def handle(self, *args, output=None, **options):
        if output is None:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            output = folder / f"capuy-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup.create(Path(output))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã sao lưu vào {output} ({len(manifest['files'])} tệp tải lên).")
