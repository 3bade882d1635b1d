"""Study assignments (học tập, quán triệt): members of chosen cells, read marks, reflections, the office view."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from capuy.documents.models import Secrecy, StudyAssignment
from capuy.documents.tests.helpers import D, DocumentsTestCase, make_document


class StudyTests(DocumentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.resolution = make_document(cls.district, "NQ", issued_on=D(2023, 10, 5), signer=cls.secretary)
        cls.deadline = timezone.localdate() + datetime.timedelta(days=30)

    def assign(self, organizations=None, **fields):
        return StudyAssignment.assign(self.resolution, organizations or [self.cell, self.other_cell], self.deadline,
                                      user=self.district_staff, **fields)

    def test_every_member_of_the_chosen_cells_gets_a_record(self):
        assignment = self.assign([self.cell])
        people = set(assignment.records.values_list("person__full_name", flat=True))
        # the cell's party members in CapuyTestCase (staff without a party record are not included)
        self.assertEqual(people, {"Phạm Văn Bình", "Nguyễn Văn An", "Trần Thị Bích", "Đỗ Quang Dũng", "Vũ Thị Lan"})

    def test_choosing_a_ward_reaches_the_members_of_its_cells(self):
        assignment = self.assign([self.ward])
        self.assertEqual(assignment.records.count(), 5)

    def test_member_marks_read_and_submits_a_reflection(self):
        assignment = self.assign([self.cell], reflection_required=True)
        record = assignment.records.get(person=self.member_person)
        self.assertFalse(record.is_done)
        record.mark_read()
        self.assertIsNotNone(record.read_at)
        self.assertFalse(record.is_done)
        record.submit_reflection("Nghị quyết xác định rõ nhiệm vụ trọng tâm; bản thân tôi sẽ …")
        record.refresh_from_db()
        self.assertTrue(record.is_done)

    def test_an_empty_reflection_is_refused(self):
        record = self.assign([self.cell]).records.get(person=self.member_person)
        with self.assertRaises(ValidationError):
            record.submit_reflection("   ")
        record.refresh_from_db()
        self.assertIsNone(record.reflection_submitted_at)

    def test_the_office_sees_who_has_and_has_not_read_per_cell(self):
        assignment = self.assign()
        assignment.records.get(person=self.member_person).mark_read()
        assignment.records.get(person=self.committee_person).submit_reflection("Bài thu hoạch")
        report = {row["organization"]: row for row in assignment.report()}
        cell = report[self.cell]
        self.assertEqual((cell["total"], cell["read"], cell["reflections"]), (5, 2, 1))
        self.assertEqual({r.person.full_name for r in cell["pending"]}, {"Nguyễn Văn An", "Trần Thị Bích", "Đỗ Quang Dũng"})

    def test_drafts_secret_documents_and_past_deadlines_are_refused(self):
        draft = make_document(self.district, "NQ")
        secret = make_document(self.district, "NQ", secrecy=Secrecy.SECRET, issued_on=D(2023, 10, 6), signer=self.secretary)
        for document, deadline, field in [(draft, self.deadline, "document"), (secret, self.deadline, "document"),
                                          (self.resolution, D(2020, 1, 1), "deadline")]:
            with self.assertRaises(ValidationError) as caught:
                StudyAssignment.assign(document, [self.cell], deadline)
            self.assertIn(field, caught.exception.message_dict)
        with self.assertRaises(ValidationError):
            StudyAssignment.assign(self.resolution, [], self.deadline)
        self.assertEqual(StudyAssignment.objects.count(), 0)
