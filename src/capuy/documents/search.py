"""Diacritic-insensitive full-text search of the document library.

Each document keeps an unaccented copy of its text in ``search_text`` (``vietnamese.search_key``: lower
case, no tone marks, "đ" as "d"), so "nghi quyet dai hoi" finds "Nghị quyết Đại hội". The database does
the full-text part: PostgreSQL with a GIN index on ``to_tsvector('simple', search_text)``, SQLite with an
FTS5 table kept in step by triggers (both made by migration 0002).
"""

import re

from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from capuy.core.vietnamese import search_key

FTS_TABLE = "documents_document_fts"
PG_INDEX = "documents_document_search_gin"

SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_text, content='documents_document', content_rowid='id', tokenize='unicode61')",
    f"""CREATE TRIGGER IF NOT EXISTS documents_document_fts_ai AFTER INSERT ON documents_document BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_document_fts_ad AFTER DELETE ON documents_document BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_document_fts_au AFTER UPDATE OF search_text ON documents_document BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS documents_document_fts_ai",
    "DROP TRIGGER IF EXISTS documents_document_fts_ad",
    "DROP TRIGGER IF EXISTS documents_document_fts_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
# On PostgreSQL the tsvector is a stored generated column (computed once per write, not per search) with a
# GIN index; Django's model does not list it, the database keeps it up to date.
POSTGRES_SETUP = [
    "ALTER TABLE documents_document ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON documents_document USING gin (search_vector)",
]
POSTGRES_TEARDOWN = [f"DROP INDEX IF EXISTS {PG_INDEX}", "ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector"]


def search_terms(text: str) -> list[str]:
    """The unaccented words of a query: "Nghị quyết Đại hội" -> ["nghi", "quyet", "dai", "hoi"]."""
    return re.findall(r"[^\W_]+", search_key(text))


def search_documents(queryset, text: str):
    """Keep the documents of ``queryset`` that contain every word of ``text`` (the last one as a prefix).

    Accents and case do not matter. An empty query returns ``queryset`` unchanged.
    """
    terms = search_terms(text)
    if not terms:
        return queryset
    vendor = connections[queryset.db].vendor
    table = queryset.model._meta.db_table
    if vendor == "postgresql":
        query = " & ".join(terms[:-1] + [f"{terms[-1]}:*"])
        return queryset.filter(RawSQL(
            f"{table}.search_vector @@ to_tsquery('simple', %s)", [query],
            output_field=BooleanField(),
        ))
    if vendor == "sqlite":
        query = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
        return queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query]))
    for term in terms:  # any other database: a plain scan
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def install(schema_editor):
    """Create the full-text machinery for the database in use (called by the migration)."""
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_SETUP, "postgresql": POSTGRES_SETUP}.get(vendor, []):
        schema_editor.execute(sql)


def uninstall(schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRES_TEARDOWN}.get(vendor, []):
        schema_editor.execute(sql)


def ensure_installed(using: str = "default"):
    """Put the SQLite triggers back if a later migration rebuilt ``documents_document`` (SQLite drops a table's
    triggers when Django remakes it to alter a column); nothing to do on PostgreSQL."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = connection.introspection.table_names()
    if "documents_document" not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'documents_document_fts_%'")
        if cursor.fetchone()[0] == 3 and FTS_TABLE in tables:
            return
        for sql in SQLITE_SETUP:
            cursor.execute(sql)
