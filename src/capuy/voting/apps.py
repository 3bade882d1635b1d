from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "capuy.voting"
    verbose_name = "Biểu quyết và bầu cử"
    # An allow-list, so that no model that could link a voter to a choice ever enters the history of changes:
    # the ballot box, the voter register, the tallies and any such model added later stay out by default.
    history_only = {"vote", "election", "candidate", "confidencesubject"}

    def ready(self):
        from capuy.conferences import panels as conference_panels
        from capuy.voting import actions, panels  # noqa: F401 - actions: registers them

        conference_panels.vote_lines = panels.vote_lines
        conference_panels.open_votes = panels.open_votes
        conference_panels.has_voted = panels.has_voted
