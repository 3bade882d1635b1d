from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capuy.core import backup


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu của lệnh backup vào cơ sở dữ liệu trống."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp sao lưu (.tar.gz).")

    def handle(self, *args, archive, **options):
        try:
            manifest = backup.restore(Path(archive))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã khôi phục bản sao lưu ngày {manifest['created']} "
                          f"({len(manifest['files'])} tệp tải lên).")
