"""``capuy generate-nation`` at a tiny size builds a consistent country: the tree, members in cells, terms and
bodies, a year of conferences and documents, ratings; without flooding the history."""

import io
import json

from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Max
from django.test import TestCase

from capuy.conferences.models import Conference
from capuy.core import vietnamese
from capuy.core.models import HistoryEntry as LogEntry
from capuy.documents.models import Document, NumberCounter
from capuy.members.models import PartyMember, Rating, RatingCampaign
from capuy.organizations import nation
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term

K = Organization.Kind
MEMBERS = 400


class GenerateNationTests(TestCase):
    # Not the shared base case: the generator fills an empty database only.
    @classmethod
    def setUpTestData(cls):
        cls.history_before = LogEntry.objects.count()
        out = io.StringIO()
        call_command("generate_nation", members=MEMBERS, stdout=out)
        cls.report = json.loads(out.getvalue())

    def test_it_builds_34_provinces_with_communes_grassroots_and_cells(self):
        by_kind = dict(Organization.objects.values_list("kind").annotate(n=Count("id")))
        assert by_kind[K.PROVINCE] == 34
        assert by_kind[K.DISTRICT] >= 34
        assert by_kind[K.GRASSROOTS] + by_kind.get(K.GRASSROOTS_CELL, 0) >= by_kind[K.DISTRICT]
        assert by_kind[K.CELL] >= by_kind[K.GRASSROOTS]
        parent_kind = {K.PROVINCE: None, K.DISTRICT: K.PROVINCE, K.GRASSROOTS: K.DISTRICT,
                       K.GRASSROOTS_CELL: K.DISTRICT, K.CELL: K.GRASSROOTS}
        for org in Organization.objects.select_related("parent"):
            assert (org.parent.kind if org.parent else None) == parent_kind[org.kind], org
            assert org.path == (org.parent.path if org.parent else "") + f"{org.pk:08d}/"
            assert org.depth == org.path.count("/") - 1
            assert org.search_text == vietnamese.search_key(" ".join(filter(None, [org.name, org.committee_name])))

    def test_every_member_sits_in_a_cell(self):
        assert PartyMember.objects.count() == Person.objects.count() == MEMBERS
        kinds = set(PartyMember.objects.values_list("person__organization__kind", flat=True))
        assert kinds <= {K.CELL, K.GRASSROOTS_CELL}
        assert self.report["counts"]["members.PartyMember"] == MEMBERS

    def test_names_and_keys_are_those_save_would_write(self):
        for person in Person.objects.all()[:50]:
            family, middle, given = vietnamese.split_name(person.full_name)
            assert family and middle and given
            assert person.sort_key == vietnamese.name_sort_key(person.full_name)
            assert person.search_text == vietnamese.search_key(person.full_name)
        assert Person.objects.filter(full_name__startswith="Nguyễn ").count() > MEMBERS // 5

    def test_members_statuses_agree_with_their_dates_and_history(self):
        for member in PartyMember.objects.prefetch_related("status_changes"):
            assert member.admission_date > member.person.birth_date
            expected = member.status
            member.sync_status(save=False)
            assert member.status == expected, member

    def test_every_organization_has_a_term_and_its_bodies(self):
        assert Term.objects.count() == Organization.objects.count()
        assert not Organization.objects.filter(terms__isnull=True).exists()
        for org in Organization.objects.exclude(kind__in=[K.CELL, K.GRASSROOTS_CELL]):
            assert org.bodies.filter(kind=Body.Kind.EXECUTIVE).exists(), org
        for membership in BodyMembership.objects.select_related("body__organization", "person__organization")[:300]:
            assert membership.person.organization.is_within(membership.body.organization)
            membership.clean()  # within the term

    def test_a_year_of_conferences_with_numbered_documents(self):
        assert Conference.objects.exists()
        assert not Conference.objects.values("body", "number").annotate(n=Count("id")).filter(n__gt=1).exists()
        for counter in NumberCounter.objects.all():
            top = Document.objects.filter(organization=counter.organization_id, term=counter.term_id).aggregate(
                top=Max("number"))["top"]
            assert counter.last_number == top
        document = Document.objects.select_related("doc_type", "organization").first()
        assert document.search_text == document.build_search_text()

    def test_every_member_on_the_rolls_is_rated_by_their_grassroots(self):
        assert Rating.objects.count() == PartyMember.objects.on_rolls().count()
        assert not Rating.objects.exclude(member__in=PartyMember.objects.on_rolls()).exists()
        for rating in Rating.objects.select_related("campaign__organization", "unit", "member__person")[:200]:
            assert rating.unit_id == rating.member.person.organization_id
            assert rating.unit.is_within(rating.campaign.organization)
        assert RatingCampaign.objects.count() == Organization.objects.filter(
            kind__in=[K.GRASSROOTS, K.GRASSROOTS_CELL]).count()

    def test_the_history_is_not_flooded(self):
        # Bulk loading sends no signals: not one history entry for thousands of rows.
        assert LogEntry.objects.count() == self.history_before

    def test_generated_people_are_found_by_the_search_index(self):
        person = Person.objects.order_by("pk")[7]
        given = vietnamese.split_name(person.full_name)[2]
        assert person in Person.objects.search(f"{given} {person.full_name.split()[0]}")

    def test_it_refuses_a_database_that_already_has_organizations(self):
        with self.assertRaisesMessage(CommandError, "đã có tổ chức đảng"):
            call_command("generate_nation", members=10, stdout=io.StringIO())

    def test_it_refuses_a_large_country_on_sqlite(self):
        if connection.vendor != "sqlite":
            self.skipTest("PostgreSQL loads any size")
        with self.assertRaisesMessage(CommandError, "hãy dùng PostgreSQL"):
            call_command("generate_nation", members=nation.SQLITE_LIMIT + 1, stdout=io.StringIO())


def test_the_plan_scales_the_national_figures():
    plan = nation.Plan.for_members(nation.NATIONAL_MEMBERS)
    assert (plan.provinces, plan.communes, plan.grassroots) == (34, 3321, 52000)
    small = nation.Plan.for_members(1000)
    assert small.provinces == small.communes == 34
    assert nation._split(10, [1, 1, 1]) == [4, 3, 3] or sum(nation._split(10, [1, 1, 1])) == 10
