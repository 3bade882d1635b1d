"""Seed the six statuses of the tasks app; offices may rename them or add their own later."""

from django.db import migrations

STATUSES = [
    ("chua-thuc-hien", "Chưa thực hiện", "not_started", 0, False,
     "Nhiệm vụ đã được giao nhưng chưa triển khai."),
    ("dang-thuc-hien", "Đang thực hiện", "in_progress", None, False,
     "Nhiệm vụ đang được triển khai, còn trong thời hạn."),
    ("hoan-thanh", "Hoàn thành", "done", 100, False,
     "Nhiệm vụ đã hoàn thành trong thời hạn."),
    ("hoan-thanh-cham", "Hoàn thành chậm", "done_late", 100, False,
     "Tự xác định: nhiệm vụ hoàn thành sau thời hạn."),
    ("qua-han", "Quá hạn", "overdue", None, False,
     "Tự xác định: đã qua thời hạn mà nhiệm vụ chưa hoàn thành."),
    ("dung-thuc-hien", "Dừng thực hiện", "cancelled", None, True,
     "Nhiệm vụ dừng thực hiện theo quyết định của cấp có thẩm quyền; phải nêu lý do."),
]


def seed(apps, schema_editor):
    TaskStatus = apps.get_model("tasks", "TaskStatus")
    for order, (code, name, kind, progress, reason, description) in enumerate(STATUSES, 1):
        TaskStatus.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "progress": progress, "requires_reason": reason,
            "description": description, "order": order * 10,
        })


def unseed(apps, schema_editor):
    apps.get_model("tasks", "TaskStatus").objects.filter(code__in=[s[0] for s in STATUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
