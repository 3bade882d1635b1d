"""The default task statuses (the data migration 0002 seeds the same rows)."""

DEFAULT_STATUSES = [
    # code, name, kind, suggested progress, requires a reason, meaning
    ("chua-thuc-hien", "Chưa thực hiện", "not_started", 0, False, "Nhiệm vụ đã được giao nhưng chưa triển khai."),
    ("dang-thuc-hien", "Đang thực hiện", "in_progress", None, False, "Nhiệm vụ đang được triển khai, còn trong thời hạn."),
    ("hoan-thanh", "Hoàn thành", "done", 100, False, "Nhiệm vụ đã hoàn thành trong thời hạn."),
    ("hoan-thanh-cham", "Hoàn thành chậm", "done_late", 100, False, "Tự xác định: nhiệm vụ hoàn thành sau thời hạn."),
    ("qua-han", "Quá hạn", "overdue", None, False, "Tự xác định: đã qua thời hạn mà nhiệm vụ chưa hoàn thành."),
    ("dung-thuc-hien", "Dừng thực hiện", "cancelled", None, True,
     "Nhiệm vụ dừng thực hiện theo quyết định của cấp có thẩm quyền; phải nêu lý do."),
]


def ensure_default_statuses(model=None):
    """Create the default statuses that are missing (after a test database flush, or for the demo)."""
    if model is None:
        from capuy.tasks.models import TaskStatus as model
    for order, (code, name, kind, progress, reason, description) in enumerate(DEFAULT_STATUSES, 1):
        model.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "progress": progress, "requires_reason": reason,
            "description": description, "order": order * 10,
        })
