"""``capuy verify-history``: exits 0 when the history's hash chain is whole, 1 naming the first broken entry."""

from django.core.management.base import BaseCommand

from capuy.core.history import verify_chain
from capuy.core.models import HistoryEntry, HistoryHead


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của lịch sử thay đổi: không mục nào bị sửa, xóa hoặc đảo thứ tự."

    def handle(self, *args, **options):
        entries = HistoryEntry.objects.order_by("sequence").iterator(chunk_size=2000)
        broken = verify_chain(entries, head=HistoryHead.objects.filter(pk=1).first())
        if broken is not None:
            self.stderr.write(f"Lịch sử thay đổi không còn nguyên vẹn. {broken}.")
            raise SystemExit(1)
        head = HistoryHead.objects.filter(pk=1).first()
        count, digest = (head.sequence, head.hash) if head else (0, "")
        self.stdout.write(f"Lịch sử thay đổi nguyên vẹn: {count} mục; mã băm cuối {digest}.")
