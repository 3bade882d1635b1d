"""Secret ballots: who has voted and what was voted are kept with nothing that joins them (README.md)."""

from django.apps import apps
from django.db import connection, models

from capuy.voting import ballots
from capuy.voting.models import TallyCell, Vote, VoterRegister

from .helpers import VotingTestCase


def columns(model) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}


class SecretBallotTests(VotingTestCase):
    def test_the_register_holds_only_a_random_key_the_vote_and_the_voter(self):
        self.assertEqual(columns(VoterRegister), {"id", "vote_id", "person_id"})
        self.assertIsInstance(VoterRegister._meta.pk, models.UUIDField)

    def test_the_ballot_box_holds_no_voter_no_time_and_no_sequence(self):
        self.assertEqual(columns(TallyCell), {"id", "vote_id", "key", "shard", "count"})
        self.assertIsInstance(TallyCell._meta.pk, models.UUIDField)
        for field in TallyCell._meta.get_fields():
            self.assertNotIsInstance(field, models.DateTimeField | models.DateField | models.AutoField)
            if field.is_relation:
                self.assertEqual(field.related_model, Vote)  # the only link is to the vote, shared by both

    def test_the_only_column_shared_by_register_and_box_is_the_vote(self):
        shared = columns(VoterRegister) & columns(TallyCell)
        self.assertEqual(shared, {"id", "vote_id"})  # ids are independent random UUIDs

    def test_a_secret_ballot_writes_one_register_row_and_counters_only(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Nghị quyết", Vote.Method.SECRET))
        voting_models = [m for m in apps.get_app_config("voting").get_models()]
        before = {m: m.objects.count() for m in voting_models}
        total_before = sum(TallyCell.objects.filter(vote=vote).values_list("count", flat=True))
        ballots.cast(vote.pk, self.present[0].pk, "against")
        after = {m: m.objects.count() for m in voting_models}
        changed = {m.__name__: after[m] - before[m] for m in voting_models if after[m] != before[m]}
        self.assertEqual(changed, {"VoterRegister": 1})  # no new row anywhere else: no ballot row, no log
        total_after = sum(TallyCell.objects.filter(vote=vote).values_list("count", flat=True))
        self.assertEqual(total_after - total_before, 3)  # "against", "ballots", "valid" each +1
        register = VoterRegister.objects.get(vote=vote)
        self.assertNotIn(str(register.pk), {str(pk) for pk in TallyCell.objects.values_list("pk", flat=True)})

    def test_the_order_of_ballots_is_not_recoverable_from_the_register(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Nghị quyết", Vote.Method.SECRET))
        for person in self.present:
            ballots.cast(vote.pk, person.pk, "for")
        self.close(vote)
        # The key is a random UUID: sorting by it gives an order unrelated to casting, and no column holds time.
        rows = list(VoterRegister.objects.filter(vote=vote).values("id", "person_id"))
        self.assertEqual(len(rows), 4)
        self.assertTrue(all(r["id"].version == 4 for r in rows))

    def test_open_votes_are_named_by_design(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Danh sách", Vote.Method.OPEN))
        receipt = ballots.cast(vote.pk, self.present[0].pk, "for")
        self.assertEqual(receipt["choice"], "for")
        self.assertEqual(vote.open_ballots.get().person_id, self.present[0].pk)
