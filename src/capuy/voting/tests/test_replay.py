"""Whoever holds the database files, their write-ahead log or a backup, at any commit of a secret vote (open,
each ballot, close, each teller's code), cannot link a voter to a choice (README.md, "Secret ballots")."""

import json
import subprocess
import sys
from pathlib import Path

from django.db import connection, transaction

from capuy.voting import ballots
from capuy.voting.models import Vote

from .helpers import VotingTestCase
from .replay import dump_django, scenario

CHOICES_A = ["for", "against", "abstain"]
CHOICES_B = ["abstain", "for", "against"]  # the same ballots, permuted among the same voters


def test_a_replay_of_the_sqlite_wal_links_no_voter_to_a_choice(tmp_path):
    script = Path(__file__).with_name("replay.py")
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    runs = json.loads(done.stdout.strip().splitlines()[-1])
    a, b = runs["a"], runs["b"]
    labels = [label for label, _, _ in a["steps"]]
    assert labels == ["open", "ballot 1", "ballot 2", "ballot 3", "close", "teller 1", "teller 2"]
    assert all(wal for _, wal, _ in a["steps"])  # every snapshot was read through its write-ahead log
    for n in (1, 2, 3):  # each ballot is a commit that changed what is stored…
        assert a["steps"][n][2] != a["steps"][n - 1][2]
    for (label, _, state_a), (_, _, state_b) in zip(a["steps"], b["steps"], strict=True):
        # …and at every commit, what is stored does not depend on who chose what.
        assert state_a == state_b, label
    assert a["found"] == [] and b["found"] == []  # no private key, share or teller code in the files
    for run in (a, b):
        assert (run["result"]["for"], run["result"]["against"], run["result"]["abstain"]) == (1, 1, 1)
    # The control (an open, named vote) run through the same replay does show who voted what.
    control_a, control_b = runs["control-a"]["steps"], runs["control-b"]["steps"]
    assert control_a[1][2] != control_b[1][2]


class DatabaseRowsReplayTests(VotingTestCase):
    """The rows of every table after each commit, read in the test database (on PostgreSQL with each row's
    writing transaction, ``xmin``, which is what links a register row to the ballot written with it)."""

    def replay(self, method, choices):
        sequences = self.sequences()
        savepoint = transaction.savepoint()
        steps = []
        try:
            vote = ballots.create_vote(self.item, "Thông qua Nghị quyết", method)
            tellers = [(p.pk, self.teller_codes[p.pk]) for p in self.tellers]
            result = scenario(vote.pk, [p.pk for p in self.present[:3]], choices, tellers,
                              lambda label: steps.append((label, dump_django(connection))))
        finally:
            transaction.savepoint_rollback(savepoint)
            self.reset(sequences)
        return steps, result

    def sequences(self):
        if connection.vendor != "postgresql":
            return []  # SQLite: rolling back the savepoint restores rowids and sqlite_sequence
        with connection.cursor() as cursor:
            cursor.execute("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences")
            return cursor.fetchall()

    def reset(self, sequences):
        with connection.cursor() as cursor:
            for name, value in sequences:
                cursor.execute("SELECT setval(%s, %s, %s)", [name, value or 1, value is not None])

    def test_the_rows_at_every_commit_do_not_depend_on_who_chose_what(self):
        steps_a, result_a = self.replay(Vote.Method.SECRET, CHOICES_A)
        steps_b, result_b = self.replay(Vote.Method.SECRET, CHOICES_B)
        self.assertEqual([label for label, _ in steps_a],
                         ["open", "ballot 1", "ballot 2", "ballot 3", "close", "teller 1", "teller 2"])
        self.assertNotEqual(steps_a[1][1], steps_a[0][1])
        for (label, state_a), (_, state_b) in zip(steps_a, steps_b, strict=True):
            self.assertEqual(state_a, state_b, label)
        self.assertEqual((result_a["for"], result_a["against"], result_a["abstain"]), (1, 1, 1))
        self.assertEqual(result_a, result_b)

    def test_the_same_replay_shows_the_choices_of_an_open_vote(self):
        # The control: a named vote stores who chose what, and the replay sees it.
        steps_a, _ = self.replay(Vote.Method.OPEN, CHOICES_A)
        steps_b, _ = self.replay(Vote.Method.OPEN, CHOICES_B)
        self.assertNotEqual(steps_a[1][1], steps_b[1][1])
