"""``capuy extract-article FILE``: print the conference record drawn from one news report (issue 13).

FILE is a UTF-8 text (its first line may be ``URL: …``) or ``-`` for standard input. Prints one JSON object
with the keys of the labelling conventions (``capuy.conferences.extraction.FIELDS``). Nothing is saved.
An empty text, a file that is not UTF-8 text, or a text with no conference stops with a Vietnamese
message and exit code 2, printing nothing else.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capuy.conferences.extraction import NotAReport, extract_report


def read_text(source: str, stdin=None) -> str:
    """The report's text, refused when it is not UTF-8 text. ``stdin`` may be a binary or a text stream."""
    stream = stdin or sys.stdin
    try:
        if source == "-":
            data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        else:
            data = Path(source).read_bytes()
    except FileNotFoundError as exc:
        raise CommandError(f"Không tìm thấy tệp “{source}”.", returncode=2) from exc
    except IsADirectoryError as exc:
        raise CommandError(f"“{source}” là thư mục, không phải tệp văn bản.", returncode=2) from exc
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp “{source}”: {exc.strerror}.", returncode=2) from exc
    try:
        text = data if isinstance(data, str) else data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError("Tệp không phải văn bản UTF-8; hãy lưu bản tin dưới dạng văn bản UTF-8 (.txt).",
                           returncode=2) from exc
    if "\x00" in text:
        raise CommandError("Tệp không phải văn bản (có ký tự nhị phân).", returncode=2)
    return text


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = "Trích hồ sơ hội nghị từ một bản tin (tệp văn bản UTF-8, hoặc - để đọc từ đầu vào chuẩn) và in ra JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp văn bản UTF-8 của bản tin, hoặc - để đọc từ đầu vào chuẩn")

    def handle(self, *args, **options):
        text = read_text(options["file"], stdin=options.get("stdin"))
        if not text.strip():
            raise CommandError("Văn bản trống: không có bản tin nào để trích.", returncode=2)
        try:
            record = extract_report(text)
        except NotAReport as exc:
            raise CommandError(f"Văn bản không phải bản tin về hội nghị: {exc}", returncode=2) from exc
        self.stdout.write(json.dumps(record, ensure_ascii=False, indent=1))
