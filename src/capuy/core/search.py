"""Word-prefix search on ``search_key`` columns through full-text indexes, one rule on every database.

The rule (``vietnamese.word_prefix_filter``): every word of the query begins a word of the column, in any
order, without diacritics ("uyen" finds "Nguyễn Thị Uyên", not "Nguyễn Văn Nam"). A ``LIKE '% uyen%'`` scan
reads every row; at national scale (5.6 million people) that is seconds per keystroke, so:

- PostgreSQL: a GIN index on a stored column ``search_vector`` = ``to_tsvector('simple', search_text)`` answers ``to_tsquery('uyen:* & tran:*')``
  (``:*`` is a word-prefix match; the column is already lower case without diacritics, so the ``simple``
  configuration, which neither stems nor drops words, keeps names as they are);
- SQLite: an FTS5 table (``<table>_fts``, external content, kept in step by triggers) answers
  ``MATCH '"uyen"* "tran"*'``;
- any other database: the ``LIKE`` form.

The indexes are created by ``organizations/migrations/0004_nation_search_indexes.py`` for the tables in
``INDEXED_TABLES``; ``ensure_sqlite_triggers`` re-creates the SQLite triggers after a migration that rebuilt
a table (SQLite's ALTER TABLE drops and re-creates the table, and its triggers with it).
"""

import re

from django.db.models import F, Lookup, Q

from capuy.core import vietnamese

# table -> search column
INDEXED_TABLES = {"organizations_person": "search_text", "organizations_organization": "search_text"}
# PostgreSQL: a stored generated column holding to_tsvector('simple', search_text), unknown to the Django models
# (the database fills it on every insert and update; Django's dumps and COPY loads leave it out).
PG_VECTOR_COLUMN = "search_vector"


def query_words(text: str) -> list[str]:
    """The words of a query as the indexes cut them: letters and digits without diacritics."""
    return re.findall(r"[a-z0-9]+", vietnamese.search_key(text or ""))


def pg_tsquery(words: list[str]) -> str:
    return " & ".join(f"{word}:*" for word in words)


def fts5_query(words: list[str]) -> str:
    return " ".join(f'"{word}"*' for word in words)


class WordPrefix(Lookup):
    """``search_text`` WordPrefix "uyen tran": every query word begins a word of the column."""

    lookup_name = "wordprefix"
    prepare_rhs = False

    def get_prep_lookup(self):
        return str(self.rhs or "")

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        words = query_words(self.rhs)
        if not words:
            # Nothing searchable (punctuation only): nothing matches, as with the LIKE rule.
            return "1 = 0", []
        vendor = connection.vendor
        target = getattr(self.lhs, "target", None)
        table = target.model._meta.db_table if target is not None else None
        indexed = table in INDEXED_TABLES and getattr(self.lhs, "alias", None)
        if vendor == "postgresql":
            if indexed:
                # The stored vector: a row filtered on the way (a plan that walks an organization's people)
                # costs a comparison, not a to_tsvector() call.
                alias = compiler.quote_name_unless_alias(self.lhs.alias)
                return (f'{alias}."{PG_VECTOR_COLUMN}" @@ to_tsquery(\'simple\'::regconfig, %s)', [pg_tsquery(words)])
            return (f"to_tsvector('simple'::regconfig, {lhs_sql}) @@ to_tsquery('simple'::regconfig, %s)",
                    [*lhs_params, pg_tsquery(words)])
        if vendor == "sqlite" and indexed:
            pk = target.model._meta.pk.column
            alias = compiler.quote_name_unless_alias(self.lhs.alias)
            return (f'{alias}."{pk}" IN (SELECT rowid FROM "{table}_fts" WHERE "{table}_fts" MATCH %s)',
                    [fts5_query(words)])
        # Other databases: the LIKE form of the same rule.
        parts, params = [], []
        for word in words:
            # Letters and digits only: nothing to escape for LIKE.
            parts.append(f"({lhs_sql} LIKE %s OR {lhs_sql} LIKE %s)")
            params += [*lhs_params, f"{word}%", *lhs_params, f"% {word}%"]
        return " AND ".join(parts), params


def word_prefix(field: str, text: str) -> Q:
    """A filter for ``field`` (a ``search_key`` column, possibly across a relation: ``person__search_text``)
    that uses the full-text index; an empty query matches everything."""
    if not (text or "").strip():
        return Q()
    return Q(WordPrefix(F(field), text))


# --- index creation, per database vendor ------------------------------------------------------------------

def _pg_index(table, column):
    return f"{table}_{column}_fts"


def create_indexes(schema_editor):
    vendor = schema_editor.connection.vendor
    for table, column in INDEXED_TABLES.items():
        if vendor == "postgresql":
            schema_editor.execute(
                f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{PG_VECTOR_COLUMN}" tsvector GENERATED ALWAYS AS '
                f"(to_tsvector('simple'::regconfig, \"{column}\")) STORED")
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{_pg_index(table, column)}" ON "{table}" USING gin ("{PG_VECTOR_COLUMN}")')
        elif vendor == "sqlite":
            schema_editor.execute(
                f'CREATE VIRTUAL TABLE IF NOT EXISTS "{table}_fts" USING fts5("{column}", '
                f"content='{table}', content_rowid='id')")
            _sqlite_triggers(schema_editor.execute, table, column)
            schema_editor.execute(f"INSERT INTO \"{table}_fts\"(\"{table}_fts\") VALUES ('rebuild')")


def drop_indexes(schema_editor):
    vendor = schema_editor.connection.vendor
    for table, column in INDEXED_TABLES.items():
        if vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{_pg_index(table, column)}"')
            schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{PG_VECTOR_COLUMN}"')
        elif vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_fts_{suffix}"')
            schema_editor.execute(f'DROP TABLE IF EXISTS "{table}_fts"')


def _sqlite_triggers(execute, table, column):
    fts = f'"{table}_fts"'
    delete_old = f"INSERT INTO {fts}({fts}, rowid, \"{column}\") VALUES ('delete', old.id, old.\"{column}\");"
    insert_new = f'INSERT INTO {fts}(rowid, "{column}") VALUES (new.id, new."{column}");'
    execute(f'CREATE TRIGGER IF NOT EXISTS "{table}_fts_ai" AFTER INSERT ON "{table}" BEGIN {insert_new} END')
    execute(f'CREATE TRIGGER IF NOT EXISTS "{table}_fts_ad" AFTER DELETE ON "{table}" BEGIN {delete_old} END')
    execute(f'CREATE TRIGGER IF NOT EXISTS "{table}_fts_au" AFTER UPDATE ON "{table}" BEGIN {delete_old} {insert_new} END')


def ensure_sqlite_triggers(using="default", **kwargs):
    """post_migrate: a later migration that rebuilt a table on SQLite dropped its triggers; put them back
    and rebuild the index (cheap: it runs only when a trigger is missing)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
        for table, column in INDEXED_TABLES.items():
            if f"{table}_fts" not in existing or table not in existing:
                continue
            if all(f"{table}_fts_{suffix}" in existing for suffix in ("ai", "ad", "au")):
                continue
            _sqlite_triggers(cursor.execute, table, column)
            cursor.execute(f"INSERT INTO \"{table}_fts\"(\"{table}_fts\") VALUES ('rebuild')")
