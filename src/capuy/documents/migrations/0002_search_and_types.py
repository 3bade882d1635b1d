"""Full-text search machinery (PostgreSQL GIN index or SQLite FTS5 table) and the seeded document types."""

from django.db import migrations

# Hướng dẫn 36-HD/VPTW symbols; TB, TTr, BB, CTr and ĐA follow state usage (a setting: editable in the table).
TYPES = [
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định"), ("QĐ", "Quy định"), ("CT", "Chỉ thị"), ("KL", "Kết luận"),
    ("HD", "Hướng dẫn"), ("KH", "Kế hoạch"), ("BC", "Báo cáo"), ("CV", "Công văn"), ("TB", "Thông báo"),
    ("TTr", "Tờ trình"), ("BB", "Biên bản"), ("CTr", "Chương trình"), ("ĐA", "Đề án"),
]


def seed_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (symbol, name) in enumerate(TYPES, 1):
        DocumentType.objects.get_or_create(symbol=symbol, name=name, defaults={"order": order})


def unseed_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for symbol, name in TYPES:
        DocumentType.objects.filter(symbol=symbol, name=name, documents__isnull=True).delete()


def install_search(apps, schema_editor):
    from capuy.documents import search

    search.install(schema_editor)


def uninstall_search(apps, schema_editor):
    from capuy.documents import search

    search.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.RunPython(seed_types, unseed_types),
        migrations.RunPython(install_search, uninstall_search),
    ]
