"""``capuy generate-nation [--members N]``: fill an empty database with a realistic country
(``capuy.organizations.nation``). PostgreSQL loads with COPY; SQLite only small sizes."""

import json
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from capuy.organizations import nation


class Command(BaseCommand):
    help = "Tạo dữ liệu toàn quốc (34 tỉnh, thành phố; xã, phường; tổ chức cơ sở đảng, chi bộ; đảng viên) để thử tải."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=nation.NATIONAL_MEMBERS,
                            help="Số đảng viên (mặc định 5.600.000); các cấp được thu nhỏ theo tỷ lệ.")
        parser.add_argument("--seed", type=int, default=2025, help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu).")

    def handle(self, *args, members, seed, **options):
        started = time.perf_counter()
        log = (lambda message: self.stderr.write(message)) if options["verbosity"] > 1 else None
        try:
            with transaction.atomic():
                result = nation.generate(members, seed=seed, log=log)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        result["seconds"] = round(time.perf_counter() - started, 1)
        self.stdout.write(json.dumps(result, ensure_ascii=False))
