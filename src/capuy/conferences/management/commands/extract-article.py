"""``capuy extract-article``: the spelling issue 13 gives for ``capuy extract_article`` (same command)."""

from capuy.conferences.management.commands.extract_article import Command  # noqa: F401
