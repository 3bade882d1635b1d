"""For every registered action that has both a page and an API, the two accept and refuse the same things
with the same Vietnamese message.

The list of actions comes from the registry (``capuy.core.actions.registered``), so a new action with a page
and an API fails here until its app's ``tests/parity.py`` gives it a case. Each scenario runs twice from the
same state (the page, then the API, each rolled back).
"""

import html
import importlib

from django.db import transaction

from capuy.accounts.models import ApiToken
from capuy.core.actions import registered
from capuy.core.testing import CapuyTestCase

APPS = ("accounts", "conferences", "documents", "members", "organizations", "portal", "targets", "tasks", "voting")


def cases() -> dict:
    found = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"capuy.{app}.tests.parity")
        except ModuleNotFoundError as exc:
            if exc.name != f"capuy.{app}.tests.parity":
                raise
            continue
        found.update(module.CASES)
    return found


def _both_entries():
    return [a for a in registered() if a.page and a.api]


class _Rollback(Exception):
    pass


class PageAndApiAgreeTests(CapuyTestCase):
    def _isolated(self, call):
        """Run ``call`` and undo what it wrote, so the page and the API start from the same state."""
        outcome = {}
        try:
            with transaction.atomic():
                outcome["value"] = call()
                raise _Rollback
        except _Rollback:
            pass
        return outcome["value"]

    def _page(self, scenario):
        self.client.force_login(scenario.user)
        try:
            # An irreversible step asks first (core.confirm); the comparison is of the confirmed step.
            response = self.client.post(scenario.page, {"xac-nhan": "1", **scenario.page_data}, follow=True)
        finally:
            self.client.logout()
        messages = list(response.context["messages"]) if response.context and "messages" in response.context else []
        text = html.unescape(response.content.decode()) if response.get("Content-Type", "").startswith("text/") else ""
        errors = [str(m) for m in messages if m.level_tag == "error"]
        accepted = response.status_code < 400 and bool(response.redirect_chain) and not errors
        return accepted, response.status_code, text + " ".join(str(m) for m in messages)

    def _api(self, scenario):
        method, path = scenario.api
        key = ApiToken.issue(scenario.user)[1]
        headers = {"Authorization": f"Bearer {key}"}
        call = getattr(self.client, method)
        if scenario.api_files:  # an upload: multipart, as API clients send files
            response = call(f"/api{path}", {**scenario.api_data, **scenario.api_files}, headers=headers)
        else:
            response = call(f"/api{path}", scenario.api_data, content_type="application/json", headers=headers)
        detail = response.json().get("detail", "") if response.status_code >= 400 else ""
        return response.status_code < 300, response.status_code, detail

    def test_every_action_with_a_page_and_an_api_has_a_parity_case(self):
        missing = [a.name for a in _both_entries() if a.name not in cases()]
        self.assertEqual(missing, [], "Hành động có cả trang và API nhưng chưa có ca kiểm thử đối chiếu.")

    def test_every_case_names_a_registered_action(self):
        self.assertEqual(sorted(set(cases()) - {a.name for a in registered()}), [])

    def test_the_page_and_the_api_accept_and_refuse_alike(self):
        for name, build in sorted(cases().items()):
            for number, scenario in enumerate(build(self)):
                with self.subTest(action=name, scenario=number):
                    page_ok, page_status, page_text = self._isolated(lambda s=scenario: self._page(s))
                    api_ok, api_status, api_detail = self._isolated(lambda s=scenario: self._api(s))
                    if scenario.refused is None:
                        self.assertTrue(page_ok, f"trang từ chối: {page_text[-600:]}")
                        self.assertTrue(api_ok, f"API từ chối ({api_status}): {api_detail}")
                        continue
                    self.assertFalse(page_ok)
                    self.assertFalse(api_ok)
                    self.assertEqual(api_detail, scenario.refused)
                    if api_status == 404:
                        # The page answers "not found" without saying why (404.html), as it must not tell
                        # whether the record exists.
                        self.assertEqual(page_status, 404)
                    else:
                        self.assertIn(scenario.refused, page_text)
