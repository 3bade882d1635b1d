"""Every operation of the REST API, fed generated input by schemathesis with the token of each role.

No input may give a server error (5xx), and every response must match what /api/openapi.json promises
(status code, content type, body schema). The operations and their parameters come from the schema
itself, so a new endpoint is covered without writing a test. Bounded in time: a few examples per
operation, the boundary cases of schemathesis's coverage phase, and the roles taking turns
(``CAPUY_FUZZ_EXAMPLES`` raises the number of examples for a longer run).
"""

import itertools
import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from capuy.accounts.models import ApiToken
from capuy.core.testing import CapuyTestCase

_turns = itertools.count()
EXAMPLES = int(os.environ.get("CAPUY_FUZZ_EXAMPLES", "4"))
ROLES = ["admin", "district_staff", "ward_staff", "party_member"]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


class _World:
    """The base test case's party tree and users, built inside the test's transaction."""


# Loading the schema asks the application itself (no database needed), once, at collection.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def tokens(db):
    """A token for each role, on the base test case's party tree built inside the test's transaction."""
    CapuyTestCase.setUpTestData.__func__(_World)
    # Django closes the database connection after each request it serves through WSGI; inside a test that
    # would close the test's transaction (PostgreSQL). Django's own test client does the same as this.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {role: ApiToken.issue(getattr(_World, role))[1] for role in ROLES}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_input_gives_a_server_error_or_breaks_the_schema(case, tokens):
    # The roles take turns, case after case: each role meets every operation, at a quarter of the cost.
    role = ROLES[next(_turns) % len(ROLES)]
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"}, checks=CHECKS)
