"""Two offices issuing at the same moment never get the same number (real concurrent transactions)."""

import threading
import unittest
from unittest import mock

from django.db import connection, connections
from django.test import TransactionTestCase
from django_q.conf import Conf

from capuy.documents.models import Document
from capuy.documents.tests.helpers import D, make_document
from capuy.organizations.models import Organization, Person, Term

THREADS = 8


@unittest.skipIf(connection.vendor == "sqlite",
                 "SQLite cannot run concurrent transactions on the in-memory test database; "
                 "run with DATABASE_URL=postgres://… to test row locking.")
class ConcurrentIssueTests(TransactionTestCase):
    def setUp(self):
        # Issuing queues a PDF conversion; here it stays in the queue (no worker), as numbers are the point.
        self.enterContext(mock.patch.object(Conf, "SYNC", False))
        self.district = Organization.objects.create(kind=Organization.Kind.DISTRICT, name="Đảng bộ quận Tây Hồ",
                                                    committee_name="Quận ủy Tây Hồ", issuer_symbol="QU",
                                                    place_name="Tây Hồ")
        Term.objects.create(organization=self.district, congress_number=6, start_year=2020, end_year=2025,
                            start_date=D(2020, 8, 15), end_date=D(2025, 8, 14))
        self.signer = Person.objects.create(full_name="Lê Thị Thu Hằng", organization=self.district)

    def _issue_all_at_once(self, drafts):
        barrier = threading.Barrier(len(drafts))
        errors = []

        def issue(pk):
            try:
                document = Document.objects.get(pk=pk)
                barrier.wait(timeout=30)
                document.issue(on=D(2023, 10, 5))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=issue, args=(d.pk,)) for d in drafts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(errors, [])

    def test_concurrent_issues_get_distinct_consecutive_numbers(self):
        drafts = [make_document(self.district, "NQ", signer=self.signer, title=f"Dự thảo {i}") for i in range(THREADS)]
        self._issue_all_at_once(drafts)
        numbers = sorted(Document.objects.values_list("number", flat=True))
        self.assertEqual(numbers, list(range(1, THREADS + 1)))

    def test_concurrent_issues_of_the_same_draft_consume_one_number(self):
        draft = make_document(self.district, "NQ", signer=self.signer)
        barrier = threading.Barrier(THREADS)
        outcomes = []

        def issue():
            try:
                document = Document.objects.get(pk=draft.pk)
                barrier.wait(timeout=30)
                document.issue(on=D(2023, 10, 5))
                outcomes.append("issued")
            except Exception as exc:  # noqa: BLE001 - the losers are refused
                outcomes.append(type(exc).__name__)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=issue) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(outcomes.count("issued"), 1)
        self.assertEqual(outcomes.count("ValidationError"), THREADS - 1)
        self.assertEqual(make_document(self.district, "NQ", signer=self.signer).issue(on=D(2023, 10, 6)).number, 2)
