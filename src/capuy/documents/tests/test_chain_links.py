"""The chain conference → resolution → task is linked both ways: an issued resolution lists the tasks created from
its conference's conclusion, and a task links back to the documents that set it."""

from django.urls import reverse

from capuy.documents.drafting import draft_from_conference
from capuy.documents.tests import test_drafting
from capuy.documents.tests.helpers import D, DocumentsTestCase
from capuy.tasks.models import Task


class ChainLinkTests(DocumentsTestCase):
    closed_conference = test_drafting.DraftingTests.closed_conference  # the same record

    def setUp(self):
        conference = self.closed_conference()
        self.task = Task.objects.create(organization=self.district, lead_organization=self.district,
                                        conference=conference, title="Đẩy nhanh giải phóng mặt bằng dự án trọng điểm",
                                        start_date=D(2023, 10, 5), deadline=D(2023, 12, 31))
        _, self.resolution, _ = draft_from_conference(conference)
        self.resolution.issue(on=D(2023, 10, 6))

    def test_the_issued_resolution_lists_the_tasks_of_its_conference(self):
        self.login(self.district_staff)
        page = self.client.get(reverse("documents:detail", args=[self.resolution.pk]))
        self.assertContains(page, f'<a href="{self.task.get_absolute_url()}">{self.task.title}</a>', html=True)

    def test_the_task_links_back_to_its_resolution(self):
        self.login(self.district_staff)
        page = self.client.get(self.task.get_absolute_url())
        self.assertContains(page, f'href="{self.resolution.get_absolute_url()}"')
        self.assertContains(page, "Số 01-NQ/QU")

    def test_a_reader_of_the_resolution_who_may_not_read_the_task_does_not_see_it(self):
        self.login(self.party_member)
        page = self.client.get(reverse("documents:detail", args=[self.resolution.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, self.task.get_absolute_url())

    def test_a_draft_is_not_shown_as_the_source_of_a_task(self):
        draft = self.resolution.__class__.objects.get(source_conference_id=self.task.conference_id, doc_type__symbol="BB")
        self.login(self.district_staff)
        self.assertNotContains(self.client.get(self.task.get_absolute_url()), draft.get_absolute_url() + '"')

    def test_the_conference_lists_its_documents_and_each_links_back(self):
        self.login(self.district_staff)
        conference_page = self.client.get(reverse("conferences:detail", args=[self.task.conference_id]))
        self.assertContains(conference_page, "Văn bản của hội nghị")
        self.assertContains(conference_page, f'href="{self.resolution.get_absolute_url()}"')
        document_page = self.client.get(reverse("documents:detail", args=[self.resolution.pk]))
        self.assertContains(document_page, f'href="{reverse("conferences:detail", args=[self.task.conference_id])}"')
