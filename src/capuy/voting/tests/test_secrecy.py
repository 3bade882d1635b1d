"""Secret ballots: the register says who voted, the ballot box holds ballots encrypted to the vote's key, and only
a majority of the counting board can decrypt the totals (README.md, "Secret ballots")."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models

from capuy.voting import ballots, crypto
from capuy.voting.models import TALLY_SHARDS, KeyShare, SealedBallot, TallyCell, Teller, Vote, VoterRegister

from .helpers import VotingTestCase


def columns(model) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}


def everything_stored() -> bytes:
    """Every value of every table, as bytes (what a database thief reads)."""
    out = bytearray()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    out += bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
                    out += b"\x00"
    return bytes(out)


class SecretBallotTests(VotingTestCase):
    def open(self, subject="Nghị quyết"):
        return ballots.open_vote(ballots.create_vote(self.item, subject, Vote.Method.SECRET))

    def test_the_register_holds_only_a_random_key_the_vote_and_the_voter(self):
        self.assertEqual(columns(VoterRegister), {"id", "vote_id", "person_id"})
        self.assertIsInstance(VoterRegister._meta.pk, models.UUIDField)

    def test_the_ballot_box_holds_no_voter_no_time_and_no_sequence(self):
        self.assertEqual(columns(SealedBallot), {"id", "vote_id", "data"})
        self.assertIsInstance(SealedBallot._meta.pk, models.UUIDField)
        for field in SealedBallot._meta.get_fields():
            self.assertNotIsInstance(field, models.DateTimeField | models.DateField | models.AutoField)
            if field.is_relation:
                self.assertEqual(field.related_model, Vote)

    def test_a_secret_ballot_writes_one_register_row_and_one_encrypted_ballot_and_no_counter(self):
        vote = self.open()
        voting_models = list(apps.get_app_config("voting").get_models())
        before = {m: m.objects.count() for m in voting_models}
        ballots.cast(vote.pk, self.present[0].pk, "against")
        after = {m: m.objects.count() for m in voting_models}
        changed = {m.__name__: after[m] - before[m] for m in voting_models if after[m] != before[m]}
        self.assertEqual(changed, {"VoterRegister": 1, "SealedBallot": 1})  # no counter, no log
        self.assertFalse(TallyCell.objects.filter(vote=vote).exists())
        data = bytes(SealedBallot.objects.get(vote=vote).data)
        self.assertEqual(len(data), 3 * crypto.PAIR)  # one ciphertext per choice, whichever was chosen
        self.assertEqual(self.peek(vote)["against"], 1)  # …which only the counting board can read

    def test_the_private_key_its_shares_and_the_teller_codes_are_never_stored(self):
        captured = []
        split_key = crypto.split_key

        def capture(n, k):
            public, shares = split_key(n, k)
            captured.extend((i, s) for i, s, _ in shares)
            return public, shares

        crypto.split_key = capture
        try:
            vote = self.open()
        finally:
            crypto.split_key = split_key
        for person in self.present[:3]:
            ballots.cast(vote.pk, person.pk, "for")
        self.assertEqual(len(captured), 3)
        secret = crypto.combine_shares(captured[:2])
        stored = everything_stored()
        for value in [secret, *(s for _, s in captured)]:
            self.assertNotIn(value.to_bytes(32, "big"), stored)
            self.assertNotIn(value.to_bytes(32, "big").hex().encode(), stored)
        for code in self.teller_codes.values():
            self.assertNotIn(crypto.normalize_code(code).encode(), stored)
            self.assertNotIn(code.encode(), stored)

    def test_the_progress_shows_only_the_number_of_ballots_until_the_board_decrypts(self):
        vote = self.open()
        for person, choice in zip(self.present[:3], ["for", "for", "against"], strict=True):
            ballots.cast(vote.pk, person.pk, choice)
        self.assertEqual(ballots.voted_count(vote), 3)
        vote = ballots.close_vote(vote)
        self.assertTrue(vote.awaiting_tellers)
        self.assertEqual(set(vote.result), {"awaiting_tellers", "base", "ballots", "eligible", "threshold",
                                            "tellers_done"})
        self.assertEqual((vote.threshold, ballots.tellers_needed(vote)), (2, 2))

    def test_fewer_than_a_majority_of_the_board_cannot_decrypt(self):
        vote = self.open()
        ballots.cast(vote.pk, self.present[0].pk, "for")
        vote = ballots.close_vote(vote)
        first = self.tellers[0]
        vote = ballots.submit_share(vote, first.pk, self.teller_codes[first.pk])
        self.assertTrue(vote.awaiting_tellers)
        self.assertNotIn("for", vote.result)
        self.assertEqual(ballots.tellers_needed(vote), 1)
        with pytest.raises(ValidationError, match="đã nhập mã khóa"):
            ballots.submit_share(vote, first.pk, self.teller_codes[first.pk])  # the same teller twice counts once
        second = self.tellers[2]
        vote = ballots.submit_share(vote, second.pk, self.teller_codes[second.pk])
        self.assertTrue(vote.is_counted)
        self.assertEqual((vote.result["for"], vote.result["ballots"]), (1, 1))
        # Counted: the sealed shares are erased, so a code that leaks later opens nothing in this database.
        self.assertFalse(any(bytes(s) for s in KeyShare.objects.filter(vote=vote).values_list("sealed", flat=True)))

    def test_a_wrong_code_is_refused_and_changes_nothing(self):
        vote = self.open()
        ballots.cast(vote.pk, self.present[0].pk, "for")
        vote = ballots.close_vote(vote)
        teller = self.tellers[0]
        for code in [self.teller_codes[self.tellers[1].pk], "AAAA-BBBB-CCCC-DDDD-EEEE"]:
            with pytest.raises(ValidationError, match="Mã khóa kiểm phiếu không đúng"):
                ballots.submit_share(vote, teller.pk, code)
        with pytest.raises(ValidationError, match="Vui lòng nhập mã khóa"):
            ballots.submit_share(vote, teller.pk, " - ")
        with pytest.raises(ValidationError, match="không phải thành viên Ban kiểm phiếu"):
            ballots.submit_share(vote, self.present[3].pk, self.teller_codes[teller.pk])
        self.assertFalse(KeyShare.objects.filter(vote=vote).exclude(partial=b"").exists())
        vote.refresh_from_db()
        self.assertEqual(vote.result["tellers_done"], 0)

    def test_codes_are_entered_only_after_the_close(self):
        vote = self.open()
        teller = self.tellers[0]
        with pytest.raises(ValidationError, match="sau khi kết thúc"):
            ballots.submit_share(vote, teller.pk, self.teller_codes[teller.pk])

    def test_a_vote_without_ballots_is_counted_at_once(self):
        vote = self.close(self.open())
        self.assertTrue(vote.is_counted)
        self.assertEqual((vote.result["ballots"], vote.result["for"], vote.result["passed"]), (0, 0, False))

    def test_a_secret_electronic_vote_needs_a_counting_board_with_codes(self):
        Teller.objects.filter(conference=self.conference).update(public_key=b"")
        vote = ballots.create_vote(self.item, "Nghị quyết", Vote.Method.SECRET)
        with pytest.raises(ValidationError, match="Ban kiểm phiếu"):
            ballots.open_vote(vote)
        vote.refresh_from_db()
        self.assertEqual(vote.status, Vote.Status.DRAFT)

    def test_a_teller_cannot_replace_a_code_still_holding_a_share(self):
        vote = self.open()
        ballots.cast(vote.pk, self.present[0].pk, "for")
        teller = self.tellers[0]
        with pytest.raises(ValidationError, match="chưa giải mã"):
            ballots.create_teller_code(self.conference, teller.pk)
        lost = self.tellers[2]  # says their code is lost: a new one, and their share of this vote is unusable
        new = ballots.create_teller_code(self.conference, lost.pk, lost=True)
        vote = ballots.close_vote(vote)
        with pytest.raises(ValidationError, match="không đúng"):
            ballots.submit_share(vote, lost.pk, new)
        for other in self.tellers[:2]:  # the two others still decrypt
            vote = ballots.submit_share(vote, other.pk, self.teller_codes[other.pk])
        self.assertEqual(vote.result["for"], 1)
        code = ballots.create_teller_code(self.conference, teller.pk)  # decrypted: a new code is allowed
        self.assertEqual(bytes(Teller.objects.get(conference=self.conference, person=teller).public_key),
                         crypto.teller_public_key(code))
        with pytest.raises(ValidationError, match="không có tên trong Ban kiểm phiếu"):
            ballots.create_teller_code(self.conference, self.present[3].pk)

    def test_votes_opened_before_encryption_keep_their_counters(self):
        # A secret vote opened before the upgrade has no key: its counters still count it (migration 0002).
        vote = self.open()
        Vote.objects.filter(pk=vote.pk).update(public_key=b"", threshold=0)
        TallyCell.objects.bulk_create([TallyCell(vote=vote, key=k, shard=s) for k in [*vote.choices_snapshot,
                                                                                      "ballots", "valid"]
                                       for s in range(TALLY_SHARDS)])
        ballots.cast(vote.pk, self.present[0].pk, "for")
        vote = ballots.close_vote(vote)
        self.assertEqual((vote.result["for"], vote.result["ballots"]), (1, 1))

    def test_open_votes_are_named_by_design(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Danh sách", Vote.Method.OPEN))
        receipt = ballots.cast(vote.pk, self.present[0].pk, "for")
        self.assertEqual(receipt["choice"], "for")
        self.assertEqual(vote.open_ballots.get().person_id, self.present[0].pk)
