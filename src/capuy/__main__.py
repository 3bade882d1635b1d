"""The ``capuy`` console command: Django's management command line with capuy's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    from django.core.management import execute_from_command_line

    # capuy's commands are spelled with hyphens (``capuy verify-history``); Django's modules use underscores.
    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
