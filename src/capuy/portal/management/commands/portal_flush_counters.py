"""``capuy portal_flush_counters``: append pending view and visit counts from the cache to their tallies."""

from django.core.management.base import BaseCommand

from capuy.portal import counters


class Command(BaseCommand):
    help = "Ghi số lượt xem, lượt truy cập đang chờ trong bộ nhớ đệm vào cơ sở dữ liệu (chạy định kỳ)."

    def handle(self, *args, **options):
        written = counters.flush()
        if options["verbosity"]:
            self.stdout.write(f"Đã ghi {written} lượt xem, lượt truy cập.")
