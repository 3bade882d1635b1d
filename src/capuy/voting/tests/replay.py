"""Replaying what a database keeps of a secret vote, commit by commit (used by ``test_replay``).

The attacker's view: every row of every table after each commit of a vote (open, each ballot, close, each
teller's code), read from a copy of the SQLite file and its write-ahead log, or from PostgreSQL with each
row's writing transaction (``xmin``). Two runs cast the same ballots by the same voters in the same order
but with the choices permuted among the voters: if what is stored at every commit is the same in both runs
(up to the fresh randomness of encryption and of random keys), nothing stored links a voter to a choice.

Run as a script (``python replay.py WORKDIR``) it migrates a fresh SQLite file database in WAL mode and
prints the two runs' snapshots as JSON.
"""

import datetime
import json
import os
import re
import shutil
import sqlite3
import sys
import uuid
from pathlib import Path

UUID_HEX = re.compile(r"^[0-9a-f]{32}$")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}")
# Inside text (the history of changes keeps before/after values and a hash chain over them and the clock).
ISO_TIME_IN_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?")
SHA256_HEX = re.compile(r"\b[0-9a-f]{64}\b")


def masked(value):
    """Values drawn fresh at random (ciphertexts, keys, UUID v4) or read from the clock are replaced by
    their kind and size; everything else is kept as it is."""
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, uuid.UUID) or (isinstance(value, str) and UUID_HEX.match(value)):
        return "<uuid>"
    if isinstance(value, datetime.datetime | datetime.date) or (isinstance(value, str) and ISO_TIME.match(value)):
        return "<time>"
    if isinstance(value, str):
        return SHA256_HEX.sub("<hash>", ISO_TIME_IN_TEXT.sub("<time>", value))
    return value if isinstance(value, int | float | type(None)) else str(value)


def dump_sqlite(path: Path) -> dict:
    """Every table of a SQLite file (its WAL replayed by SQLite on opening), rows in rowid order."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for table in tables:
            try:
                rows = db.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid').fetchall()
            except sqlite3.OperationalError:  # a table without rowid (full-text index internals)
                rows = sorted(db.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            out[table] = [[masked(v) for v in row] for row in rows]
        return out
    finally:
        db.close()


def dump_django(connection) -> dict:
    """Every table through a Django connection. SQLite: rows in rowid order. PostgreSQL: with each row's
    ``xmin`` replaced by its rank among the transactions seen (rows written together share a rank)."""
    out = {}
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if postgres:
                cursor.execute(f'SELECT xmin::text::bigint, * FROM "{table}"')
                out[table] = [list(row) for row in cursor.fetchall()]
                continue
            try:
                with connection.constraint_checks_disabled():
                    cursor.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid')
                out[table] = [list(row) for row in cursor.fetchall()]
            except Exception:  # noqa: BLE001 - a table without rowid (full-text index internals)
                cursor.execute(f'SELECT 0, * FROM "{table}"')
                out[table] = sorted((list(row) for row in cursor.fetchall()), key=repr)
    if postgres:
        xids = sorted({row[0] for rows in out.values() for row in rows})
        rank = {x: i for i, x in enumerate(xids)}
        for table, rows in out.items():
            out[table] = sorted(([rank[row[0]], *(masked(v) for v in row[1:])] for row in rows), key=repr)
    else:
        out = {t: [[masked(v) for v in row] for row in rows] for t, rows in out.items()}
    return out


def scenario(vote_id: int, voters: list[int], choices: list, tellers: list, snap) -> dict:
    """Open the vote, cast one ballot per voter, close, and have the tellers enter their codes, calling
    ``snap(label)`` after each commit. Returns the vote's result."""
    from capuy.voting import ballots
    from capuy.voting.models import Vote

    vote = ballots.open_vote(Vote.objects.get(pk=vote_id))
    snap("open")
    for n, (person_id, choice) in enumerate(zip(voters, choices, strict=True), 1):
        ballots.cast(vote.pk, person_id, choice)
        snap(f"ballot {n}")
    vote = ballots.close_vote(vote)
    ballots.rewrite_rows(vote.pk)
    snap("close")
    for n, (person_id, code) in enumerate(tellers, 1):
        if vote.awaiting_tellers:
            vote = ballots.submit_share(vote, person_id, code)
            snap(f"teller {n}")
    return vote.result


def _run_sqlite(workdir: Path) -> dict:
    """Both runs on copies of one migrated SQLite file database in WAL mode (settings: journal_mode=WAL)."""
    base = workdir / "base.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{base}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capuy.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from capuy.voting import ballots, crypto
    from capuy.voting.loadtest import prepare_congress
    from capuy.voting.models import Vote

    call_command("migrate", verbosity=0)
    data = prepare_congress(3, prefix="replay", tellers=3, open_vote=False)
    # The control: the same scenario with an open (named) vote must show who voted what.
    secret = Vote.objects.get(pk=data["vote"])
    control = ballots.create_vote(secret.agenda_item, "Đối chứng", Vote.Method.OPEN, base_kind=secret.base_kind)
    connection.close()  # the last connection checkpoints the WAL into the file
    out = {}
    split_key = crypto.split_key
    runs = (("a", data["vote"], ["for", "against", "abstain"]), ("b", data["vote"], ["abstain", "for", "against"]),
            ("control-a", control.pk, ["for", "against", "abstain"]),
            ("control-b", control.pk, ["abstain", "for", "against"]))
    for run, vote_id, choices in runs:
        db = workdir / f"{run}.sqlite3"
        shutil.copy(base, db)
        connection.settings_dict["NAME"] = str(db)
        captured = []

        def capture(n, k, captured=captured):
            public, shares = split_key(n, k)
            captured.extend((i, s) for i, s, _ in shares)
            return public, shares

        crypto.split_key = capture
        steps, raws = [], []

        def snap(label, db=db, run=run, steps=steps, raws=raws):
            folder = workdir / f"{run}-{len(steps):02d}"
            folder.mkdir()
            for suffix in ("", "-wal"):
                if Path(f"{db}{suffix}").exists():
                    shutil.copy(f"{db}{suffix}", folder / f"db.sqlite3{suffix}")
            raws.append(b"".join(p.read_bytes() for p in sorted(folder.iterdir())))
            steps.append([label, bool(Path(f"{db}-wal").exists()), dump_sqlite(folder / "db.sqlite3")])

        try:
            result = scenario(vote_id, data["people"], choices, data["teller_codes"][:2], snap)
        finally:
            crypto.split_key = split_key
        connection.close()
        needles = {f"share {i}": s for i, s in captured}
        if captured:
            needles["private key"] = crypto.combine_shares(captured[:2])
        found = []
        for name, value in needles.items():
            for form in (value.to_bytes(32, "big"), value.to_bytes(32, "big").hex().encode(), str(value).encode()):
                found += [f"{name} at commit {n}" for n, raw in enumerate(raws) if form in raw]
        for _, code in data["teller_codes"]:
            for form in (code.encode(), crypto.normalize_code(code).encode()):
                found += [f"teller code at commit {n}" for n, raw in enumerate(raws) if form in raw]
        out[run] = {"steps": steps, "found": found, "result": result}
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    print(json.dumps(_run_sqlite(Path(sys.argv[1]))))
