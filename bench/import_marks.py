"""Bench: reading a report for the page "Nhập từ bản tin" (extraction, then the marks beside the text).

Runs over every labelled report in ``src/capuy/conferences/tests/articles/`` (no database): the time per report
(extraction and marks) and how many of the header values found (organization, number, date) are marked in the
text shown to the clerk. Prints a JSON object on its last line.

    .venv/bin/python bench/import_marks.py
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")

import django  # noqa: E402

django.setup()

from capuy.conferences import extraction, imports  # noqa: E402

HEADER = ("organization", "ordinal", "event_date")


def main():
    times, marked, found, missed = [], 0, 0, []
    for path in sorted((ROOT / "src/capuy/conferences/tests/articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        try:
            record = extraction.extract_report(text)
        except extraction.NotAReport:
            continue
        _, shown = imports.shown_text(text)
        fields = {mark.field for mark in imports.marks(shown, record)}
        times.append(time.perf_counter() - start)
        for key in HEADER:
            if record.get(key):
                found += 1
                if key in fields:
                    marked += 1
                else:
                    missed.append(f"{path.name}:{key}")
    times.sort()
    print(json.dumps({"reports": len(times), "median_ms": round(1000 * times[len(times) // 2], 1),
                      "max_ms": round(1000 * times[-1], 1), "header_values_marked": marked,
                      "header_values_found": found, "not_marked": missed}, ensure_ascii=False))


if __name__ == "__main__":
    main()
