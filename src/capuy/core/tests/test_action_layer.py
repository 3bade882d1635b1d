"""Every write a page or the API offers goes through a registered action (``capuy.core.actions``).

The write endpoints are found, not listed by hand: the pages by walking the URL resolver, the API from its
OpenAPI schema. Each must be named by some action's ``page=`` / ``api=``, or appear below with a reason.
An endpoint that is added without an action, or an action naming an endpoint that does not exist, fails.
"""

from django.test import SimpleTestCase

from capuy.core.actions import registered
from capuy.core.tests.action_layer import api_writes, page_writes

APPS = {"accounts", "conferences", "documents", "members", "organizations", "portal", "targets", "tasks", "voting"}

# Writes that are not an action of the work cycle, with the reason.
ALLOWED = {
    "accounts:login": "Django's sign-in view (with django-axes): authentication, not a record of the cycle",
    "accounts:logout": "ends the session only",
    "accounts:password_change": "Django's password views: the account's secret, never in the history",
    "accounts:password_reset": "Django's password views",
    "accounts:password_reset_confirm": "Django's password views",
    "accounts:second_factor": "sign-in step (one-time code)",
    "accounts:verify": "sign-in step (one-time code)",
    "accounts:api_tokens": "the user's own access tokens: secrets shown once, page only by design",
    "accounts:revoke_api_token": "the user's own access tokens, page only by design",
    "voting:ballot": "casting a ballot (ballots.cast): a congress's hot path with its own transaction and locks",
    "api:cast_ballot": "casting a ballot (ballots.cast): a congress's hot path with its own transaction and locks",
}

# Writes still done in views.py / api.py, not yet moved to an action: none now. A write added without an
# action fails the test above; list it here only with the issue that will move it.
PENDING: set[str] = set()


def _linked() -> set[str]:
    names = set()
    for entry in registered():
        names.update(entry.page)
        names.update(entry.api)
    return names


class EveryWriteIsAnActionTests(SimpleTestCase):
    def test_every_write_of_a_page_or_the_api_is_a_registered_action(self):
        writes = page_writes(APPS) | set(api_writes())
        unlinked = sorted(writes - _linked() - set(ALLOWED) - PENDING)
        self.assertEqual(unlinked, [], "Các thao tác ghi này chưa qua một hành động đã đăng ký (core.actions).")

    def test_every_endpoint_an_action_names_exists(self):
        writes = page_writes(APPS) | set(api_writes())
        self.assertEqual(sorted(_linked() - writes), [])

    def test_the_lists_of_exceptions_hold_only_unlinked_endpoints_that_exist(self):
        writes = page_writes(APPS) | set(api_writes())
        self.assertEqual(sorted((set(ALLOWED) | PENDING) & _linked()), [])
        self.assertEqual(sorted((set(ALLOWED) | PENDING) - writes), [])

    def test_the_registry_holds_the_actions_of_the_apps(self):
        names = {entry.name for entry in registered()}
        self.assertLessEqual({"documents.issue_document", "targets.enter_result", "organizations.create_person"}, names)

    def test_an_action_runs_in_one_transaction_and_keeps_its_name(self):
        from capuy.documents import actions

        self.assertEqual(actions.issue_document.action.name, "documents.issue_document")
        self.assertEqual(actions.issue_document.__name__, "issue_document")
