"""``capuy demo``: load the demo data that re-creates the sample conference reports.

Each app may provide ``demo.py`` with ``load(context)``; they run in the order of INSTALLED_APPS and
share ``context`` (a dict), so later apps build on the records of earlier ones; a loader may append a
callable to ``context["finally"]`` to run once every app has loaded.
"""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_PASSWORD = "capuy-demo-2026"


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (các tổ chức, hội nghị trong các bài viết mẫu) và in tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Chỉ nạp khi cơ sở dữ liệu chưa có tổ chức nào.")

    def handle(self, *args, if_empty=False, **options):
        # Looked up by label: core imports no app (the import rule test checks it).
        organizations = apps.get_model("organizations", "Organization")
        if if_empty and organizations.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; giữ nguyên, không nạp lại dữ liệu mẫu.")
        else:
            context = {"password": DEMO_PASSWORD, "logins": [], "stdout": self.stdout}
            with transaction.atomic():
                for config in apps.get_app_configs():
                    if not config.name.startswith("capuy."):
                        continue
                    try:
                        module = importlib.import_module(f"{config.name}.demo")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{config.name}.demo":
                            raise
                        continue
                    module.load(context)
                # Steps that must see every app's records first (e.g. a reorganization moving them).
                for step in context.get("finally", []):
                    step()
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.print_logins()

    def print_logins(self):
        users = get_user_model().objects.filter(username__startswith="demo.").select_related("person").order_by("username")
        if not users:
            return
        self.stdout.write(f"\nTài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
        for user in users.prefetch_related("grants__organization"):
            roles = "; ".join(f"{g.get_role_display()} – {g.organization}" for g in user.grants.all())
            self.stdout.write(f"  {user.username:<26} {user}: {roles or 'quản trị hệ thống'}")
