import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capuy.core.testing import CapuyTestCase
from capuy.organizations.models import Organization


class OrganizationTreeTests(CapuyTestCase):
    def test_subtree_holds_the_root_and_every_descendant(self):
        subtree = set(Organization.objects.subtree(self.district))
        assert subtree == {self.district, self.ward, self.other_ward, self.cell, self.other_cell}

    def test_subtree_is_one_query_at_any_depth(self):
        parent = self.cell
        for level in range(12):
            parent = Organization.objects.create(parent=parent, kind=Organization.Kind.CELL, name=f"Tổ {level}")
        with CaptureQueriesContext(connection) as queries:
            count = len(Organization.objects.subtree(self.city))
        assert count == 6 + 12
        assert len(queries) == 1
        assert "LIKE" in queries[0]["sql"].upper()

    def test_depth_and_ancestors_follow_the_path(self):
        assert (self.city.depth, self.district.depth, self.ward.depth, self.cell.depth) == (0, 1, 2, 3)
        assert list(self.cell.ancestors()) == [self.city, self.district, self.ward]
        assert self.cell.is_within(self.district) and not self.cell.is_within(self.other_ward)

    def test_moving_an_organization_moves_its_subtree(self):
        self.ward.parent = self.other_ward
        self.ward.save()
        self.cell.refresh_from_db()
        assert self.cell.is_within(self.other_ward)
        assert self.cell.depth == 4
        assert self.cell in Organization.objects.subtree(self.other_ward)

    def test_a_cycle_is_refused_with_a_vietnamese_message_and_nothing_changes(self):
        self.ward.parent = self.cell
        with pytest.raises(ValidationError) as exc:
            self.ward.full_clean()
        assert "cấp dưới" in str(exc.value)
        with pytest.raises(ValidationError):
            self.ward.save()
        self.ward.refresh_from_db()
        assert self.ward.parent == self.district

    def test_an_organization_cannot_be_its_own_parent(self):
        self.ward.parent = self.ward
        with pytest.raises(ValidationError):
            self.ward.full_clean()

    def test_dissolving_keeps_the_record_and_its_history(self):
        self.other_ward.dissolve(datetime.date(2025, 6, 30), into=self.ward)
        self.other_ward.refresh_from_db()
        assert self.other_ward.valid_to == datetime.date(2025, 6, 30)
        assert self.other_ward.merged_into == self.ward
        assert self.other_ward.is_active(datetime.date(2025, 6, 30))
        assert not self.other_ward.is_active(datetime.date(2025, 7, 1))
        assert self.other_cell in Organization.objects.subtree(self.other_ward)
        assert self.other_ward not in Organization.objects.active_on(datetime.date(2025, 7, 1))

    def test_merging_into_itself_is_refused(self):
        with pytest.raises(ValidationError):
            self.ward.dissolve(datetime.date(2025, 6, 30), into=self.ward)

    def test_validity_must_end_after_it_starts(self):
        org = Organization(kind=Organization.Kind.CELL, name="Chi bộ X", parent=self.ward,
                           valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2019, 1, 1))
        with pytest.raises(ValidationError, match="Ngày kết thúc"):
            org.full_clean()

    def test_search_text_finds_names_without_diacritics(self):
        assert list(Organization.objects.filter(search_text__contains="tay ho")) == [self.district]


@pytest.mark.parametrize(("kind", "parent_kind", "refused"), [
    ("province", "central", False),
    ("district", "province", False),
    ("grassroots", "province", False),  # a commune or ward right under its province (since 01/7/2025)
    ("grassroots", "district", False),
    ("grassroots_cell", "district", False),
    ("partial", "grassroots", False),
    ("cell", "grassroots", False),
    ("cell", "partial", False),
    ("agencies", "province", False),
    ("grassroots", "agencies", False),
    ("district", "grassroots", True),  # a ward cannot hold a district
    ("grassroots", "grassroots", True),
    ("province", "district", True),
    ("cell", "cell", True),
])
def test_an_organization_sits_only_under_a_higher_level(kind, parent_kind, refused):
    assert (Organization.level_problem(kind, parent_kind) is not None) == refused
