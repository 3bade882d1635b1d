"""Reorganization rules (Quy định 294-QĐ/TW, Điều 11): merge, split, move and rename, each dated; dissolved
organizations take nothing new and name their successor."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from capuy.conferences.models import Conference
from capuy.core.testing import CapuyTestCase, make_person
from capuy.members.models import Opinion, PartyMember, Transfer
from capuy.organizations import actions
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Reorganization, Term
from capuy.tasks.models import Task

D = datetime.date
MERGE_DAY = D(2025, 7, 1)


class ReorganizationTestCase(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ward_term = Term.objects.create(organization=cls.ward, congress_number=5, start_year=2020, end_year=2025,
                                            start_date=D(2020, 6, 20))
        cls.ward_body = Body.objects.create(organization=cls.ward, term=cls.ward_term, kind=Body.Kind.EXECUTIVE)
        cls.ward_secretary = make_person("Trương Tú Uyên", cls.ward, card="02000001")
        cls.post = BodyMembership.objects.create(body=cls.ward_body, person=cls.ward_secretary,
                                                 role=BodyMembership.Role.SECRETARY, start_date=D(2020, 6, 20))

    def merge_wards(self, **kwargs):
        new = Organization(parent=self.district, kind=Organization.Kind.GRASSROOTS, name="Đảng bộ phường Tây Hồ")
        return actions.merge_organizations(self.district_staff, [self.ward, self.other_ward], None, MERGE_DAY,
                                           new=new, decision="15-QĐ/QU", **kwargs)


class MergeTests(ReorganizationTestCase):
    def test_cells_and_members_move_to_the_successor_on_the_date(self):
        successor = self.merge_wards()
        self.cell.refresh_from_db()
        self.other_cell.refresh_from_db()
        assert self.cell.parent == successor and self.other_cell.parent == successor
        assert self.cell.path.startswith(successor.path)
        self.ward_secretary.refresh_from_db()
        assert self.ward_secretary.organization == successor
        transfer = Transfer.objects.get(member__person=self.ward_secretary)
        assert (transfer.from_organization, transfer.to_organization, transfer.date) == (self.ward, successor, MERGE_DAY)
        assert successor.valid_from == MERGE_DAY

    def test_the_dissolved_wards_close_the_day_before_and_point_at_the_successor(self):
        successor = self.merge_wards()
        for ward in (self.ward, self.other_ward):
            ward.refresh_from_db()
            assert ward.valid_to == D(2025, 6, 30) and ward.merged_into == successor

    def test_open_posts_of_the_dissolved_wards_end_on_the_date(self):
        self.merge_wards()
        self.post.refresh_from_db()
        assert self.post.end_date == D(2025, 6, 30)
        assert self.post.end_reason == BodyMembership.EndReason.REORGANIZED
        self.ward_term.refresh_from_db()
        assert self.ward_term.end_date == D(2025, 6, 30)

    def test_the_successor_lists_its_predecessors_with_the_figures(self):
        in_cell = PartyMember.objects.in_subtree(self.cell).count()
        successor = self.merge_wards()
        steps = {r.predecessor: r for r in Reorganization.objects.filter(successor=successor)}
        assert set(steps) == {self.ward, self.other_ward}
        quangan = steps[self.ward]
        # Quảng An's cell has 4 party members (+ the ward's own secretary); one post ended.
        assert (quangan.kind, quangan.date, quangan.cells, quangan.people, quangan.posts_ended) == (
            "merge", MERGE_DAY, 1, in_cell + 1, 1)

    def test_a_ward_office_cannot_merge_its_own_ward(self):
        with pytest.raises(PermissionDenied):
            actions.merge_organizations(self.ward_staff, [self.ward], self.other_ward, MERGE_DAY)

    def test_staff_of_another_ward_do_not_even_see_the_ward_to_merge(self):
        with pytest.raises(Http404):
            actions.merge_organizations(self.other_ward_staff, [self.ward], self.other_ward, MERGE_DAY)

    def test_merging_into_itself_is_refused(self):
        with pytest.raises(ValidationError, match="chính nó"):
            actions.merge_organizations(self.district_staff, [self.ward], self.ward, MERGE_DAY)

    def test_nothing_is_half_saved_when_one_ward_is_already_closed(self):
        self.other_ward.dissolve(D(2024, 12, 31))
        with pytest.raises(ValidationError, match="Nhật Tân đã giải thể"):
            self.merge_wards()
        self.cell.refresh_from_db()
        assert self.cell.parent == self.ward and not Organization.objects.filter(name="Đảng bộ phường Tây Hồ").exists()


class DissolvedRefusalTests(ReorganizationTestCase):
    """A dissolved organization takes no new task, conference, member or opinion; the message names the successor."""

    def build(self, what):
        today = datetime.date.today()
        return {
            "task": lambda: Task(organization=self.ward, lead_organization=self.ward, title="Nhiệm vụ mới",
                                 start_date=today, deadline=today),
            "conference": lambda: Conference(organization=self.ward, term=self.ward_term, body=self.ward_body,
                                             date=today),
            "member": lambda: PartyMember(person=Person.objects.create(full_name="Lê Văn Mới", organization=self.ward),
                                          admission_date=D(2020, 1, 1)),
            "person": lambda: Person(full_name="Lê Văn Mới", organization=self.ward),
            "opinion": lambda: Opinion(author=self.member_person, organization=self.ward, subject="Ý kiến",
                                       text="Nội dung"),
        }[what]()

    def test_each_new_record_is_refused_naming_the_successor(self):
        successor = self.merge_wards()
        for what, words in [("task", "nhiệm vụ mới"), ("conference", "hội nghị mới"), ("member", "đảng viên mới"),
                            ("person", "hồ sơ nhân sự mới"), ("opinion", "ý kiến mới")]:
            with self.subTest(what):
                with pytest.raises(ValidationError) as refused:
                    self.build(what).full_clean()
                text = " ".join(refused.value.messages)
                assert f"đã hợp nhất vào {successor.name}" in text and words in text

    def test_a_conference_held_before_the_merge_can_still_be_recorded(self):
        self.merge_wards()
        conference = Conference(organization=self.ward, term=self.ward_term, body=self.ward_body,
                                date=D(2025, 3, 1))
        try:
            conference.full_clean()
        except ValidationError as exc:
            assert not any("hợp nhất" in m for m in exc.messages)

    def test_an_open_organization_accepts_new_records(self):
        today = datetime.date.today()
        Task(organization=self.ward, lead_organization=self.ward, title="Nhiệm vụ", start_date=today,
             deadline=today).full_clean(exclude=["status"])


SPLIT_CASES = [
    # (what goes where, refusal expected or None)
    ({"A": ["cell", "secretary", "staff"], "B": []}, None),
    ({"A": ["cell"], "B": ["secretary", "staff"]}, None),
    ({"A": ["cell"], "B": ["secretary"]}, "Chưa chọn tổ chức tiếp nhận"),
    ({"A": ["cell", "secretary", "staff"]}, "ít nhất hai"),
]


class SplitMoveRenameTests(ReorganizationTestCase):
    def targets(self):
        a = Organization.objects.create(parent=self.district, kind=Organization.Kind.GRASSROOTS,
                                        name="Đảng bộ phường A", valid_from=MERGE_DAY)
        b = Organization.objects.create(parent=self.district, kind=Organization.Kind.GRASSROOTS,
                                        name="Đảng bộ phường B", valid_from=MERGE_DAY)
        return {"A": a, "B": b}

    def test_split_table(self):
        staff = Person.objects.get(full_name="Ngô Thị Hà")
        rows = {"cell": self.cell, "secretary": self.ward_secretary, "staff": staff}
        for case, refusal in SPLIT_CASES:
            with self.subTest(case=case):
                targets = self.targets()
                allocation = {targets[k]: {"cells": [rows[x] for x in v if x == "cell"],
                                           "people": [rows[x] for x in v if x != "cell"]} for k, v in case.items()}
                if refusal:
                    with pytest.raises(ValidationError, match=refusal):
                        actions.split_organization(self.district_staff, self.ward, allocation, MERGE_DAY)
                    self.cell.refresh_from_db()
                    assert self.cell.parent == self.ward
                else:
                    sid = transaction.savepoint()
                    actions.split_organization(self.district_staff, self.ward, allocation, MERGE_DAY)
                    self.ward.refresh_from_db()
                    assert self.ward.valid_to == D(2025, 6, 30) and self.ward.merged_into is None
                    for key, names in case.items():
                        for name in names:
                            obj = rows[name].__class__.objects.get(pk=rows[name].pk)
                            where = obj.parent if name == "cell" else obj.organization
                            assert where == targets[key]
                    assert Reorganization.objects.filter(predecessor=self.ward, kind="split").count() == 2
                    transaction.savepoint_rollback(sid)
                    self.ward.refresh_from_db()
                    self.cell.refresh_from_db()

    def test_move_is_dated_and_both_organizations_stay_open(self):
        step = actions.move_to(self.district_staff, self.ward, self.other_ward, [self.cell], [self.ward_secretary],
                               D(2024, 1, 1))
        self.cell.refresh_from_db()
        assert self.cell.parent == self.other_ward and step.date == D(2024, 1, 1) and step.kind == "move"
        assert Transfer.objects.get(member__person=self.ward_secretary).date == D(2024, 1, 1)
        self.ward.refresh_from_db()
        assert self.ward.valid_to is None

    def test_move_refuses_a_cell_of_another_organization(self):
        with pytest.raises(ValidationError, match="Chỉ chuyển được tổ chức trực thuộc"):
            actions.move_to(self.district_staff, self.ward, self.other_ward, [self.other_cell], [], D(2024, 1, 1))

    def test_move_into_a_dissolved_organization_names_its_successor(self):
        self.merge_wards()
        third = Organization.objects.create(parent=self.district, kind=Organization.Kind.GRASSROOTS,
                                            name="Đảng bộ phường Bưởi")
        cell = Organization.objects.create(parent=third, kind=Organization.Kind.CELL, name="Chi bộ số 9")
        with pytest.raises(ValidationError, match="đã hợp nhất vào Đảng bộ phường Tây Hồ"):
            actions.move_to(self.district_staff, third, self.ward, [cell], [], datetime.date.today())

    def test_a_ward_office_cannot_move_into_a_ward_it_does_not_see(self):
        with pytest.raises(Http404):
            actions.move_to(self.ward_staff, self.ward, self.other_ward, [self.cell], [], D(2024, 1, 1))

    def test_rename_keeps_the_old_name_in_the_history(self):
        actions.rename_organization(self.district_staff, self.ward, "Đảng bộ phường Quảng An mới", D(2024, 1, 1))
        self.ward.refresh_from_db()
        step = Reorganization.objects.get(predecessor=self.ward, kind="rename")
        assert self.ward.name == "Đảng bộ phường Quảng An mới" and step.old_name == "Đảng bộ phường Quảng An"

    def test_rename_is_refused_to_the_ward_itself(self):
        with pytest.raises(PermissionDenied):
            actions.rename_organization(self.ward_staff, self.ward, "Tên khác", D(2024, 1, 1))

    def test_only_administrators_create_a_top_level_organization(self):
        new = Organization(kind=Organization.Kind.PROVINCE, name="Đảng bộ tỉnh Mới")
        with pytest.raises(PermissionDenied):
            actions.create_top_organization(self.district_staff, new)
        assert actions.create_top_organization(self.admin, new).parent is None


class ApiDissolveTests(ReorganizationTestCase):
    def test_dissolving_into_another_organization_is_a_merge_from_the_next_day(self):
        actions.dissolve_organization(self.district_staff, self.ward, D(2025, 6, 30), into=self.other_ward)
        self.cell.refresh_from_db()
        self.post.refresh_from_db()
        assert self.cell.parent == self.other_ward and self.post.end_date == D(2025, 6, 30)
        assert Reorganization.objects.get(predecessor=self.ward).date == D(2025, 7, 1)

    def test_a_ward_office_cannot_dissolve_or_merge_its_own_ward(self):
        with pytest.raises(PermissionDenied):
            actions.dissolve_organization(self.ward_staff, self.ward, D(2025, 6, 30))
        with pytest.raises(PermissionDenied):
            actions.dissolve_organization(self.ward_staff, self.ward, D(2025, 6, 30), into=self.other_ward)
        self.ward.refresh_from_db()
        assert self.ward.valid_to is None
