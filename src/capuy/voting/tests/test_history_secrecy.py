"""The history of changes never holds anything that could link a voter to a choice."""

from auditlog.registry import auditlog
from django.apps import apps

from capuy.core.models import HistoryEntry
from capuy.voting import ballots
from capuy.voting.models import Vote

from .helpers import VotingTestCase


class SecretBallotHistoryTests(VotingTestCase):
    def test_only_the_votes_public_records_are_tracked(self):
        tracked = {m._meta.model_name for m in apps.get_app_config("voting").get_models() if auditlog.contains(m)}
        self.assertEqual(tracked, {"vote", "election", "candidate", "confidencesubject"})

    def test_casting_a_secret_ballot_writes_no_history(self):
        vote = ballots.open_vote(ballots.create_vote(self.item, "Thông qua Nghị quyết", Vote.Method.SECRET))
        before = HistoryEntry.objects.count()
        for person, choice in zip(self.present, ["for", "against", "abstain", "for"], strict=True):
            ballots.cast(vote.pk, person.pk, choice)
        self.assertEqual(HistoryEntry.objects.count(), before)
