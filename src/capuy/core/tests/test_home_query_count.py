"""The home page costs the same number of queries whatever the size of the subtree (and stays bounded)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from capuy.accounts.models import Role
from capuy.conferences.models import Draft, DraftComment
from capuy.core.testing import make_person, make_user
from capuy.core.tests.home_base import HomeTestCase, days, make_task
from capuy.documents.tests.helpers import make_document
from capuy.members.models import Opinion, RatingCampaign
from capuy.organizations.models import Organization
from capuy.portal.models import Article, Category
from capuy.targets.models import Indicator, ReportingRound

MOST = 60  # every block of every role together, for an office member who is also a committee member


class HomeQueryCountTest(HomeTestCase):
    def grow(self, wards: int):
        """Add ``wards`` wards under the district, each with a cell, members, and waiting work of every kind."""
        category = Category.objects.get()
        indicator = Indicator.objects.create(code=f"X{Organization.objects.count()}", name="Chỉ tiêu thêm", unit="%")
        for i in range(wards):
            n = Organization.objects.count()
            ward = Organization.objects.create(parent=self.district, kind=Organization.Kind.GRASSROOTS,
                                               name=f"Đảng bộ phường thêm {n}", issuer_symbol="ĐU")
            cell = Organization.objects.create(parent=ward, kind=Organization.Kind.CELL, name=f"Chi bộ thêm {n}")
            for j in range(3):
                make_person(f"Đảng viên thêm {n}-{j}", cell, card=f"09{n:04d}{j}")
            make_task(self.district, f"Nhiệm vụ của phường {n}", days(i % 9 - 2), lead=ward)
            make_document(ward, "NQ", title=f"về công việc của phường {n}")
            Article.objects.create(organization=ward, category=category, status=Article.Status.REVIEW,
                                   title=f"Tin của phường {n}", body="<p>x</p>")
            RatingCampaign.objects.create(organization=ward, year=self.today.year).populate()
            Opinion.objects.create(author=self.member_person, organization=cell, subject=f"Ý kiến {n}", text="x")
            reporting_round = ReportingRound.objects.create(organization=ward, title=f"Báo cáo phường {n}",
                                                            period_kind="9m", year=self.today.year,
                                                            deadline=self.round.deadline)
            reporting_round.organizations.set([cell])
            reporting_round.indicators.set([indicator])
            conference = self.conference(days(5 + i), f"Hội nghị thêm {n}")
            draft = Draft.objects.create(conference=conference, title=f"Dự thảo {n}")
            version = draft.add_version("Đoạn.", self.district_staff)
            DraftComment.objects.create(draft=draft, version=version, author=self.committee_person, text="Ý kiến")

    def queries(self, user) -> int:
        self.client.force_login(user)
        self.client.get("/")  # warm up: sessions, content types
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_the_count_does_not_grow_with_the_subtree(self):
        both = make_user("vanphong.capuy", self.committee_person.__class__.objects.create(
            full_name="Trịnh Văn Hòa", organization=self.district),
            [(self.district, Role.OFFICE), (self.district, Role.COMMITTEE)])
        users = [self.district_staff, self.committee_member, self.party_member, self.admin, both]
        self.grow(1)
        small = {u.username: self.queries(u) for u in users}
        self.grow(12)
        large = {u.username: self.queries(u) for u in users}
        self.assertEqual(small, large)
        self.assertLessEqual(max(large.values()), MOST)

    def test_the_badge_count_does_not_grow_with_the_subtree(self):
        self.client.force_login(self.district_staff)
        self.grow(1)
        with CaptureQueriesContext(connection) as small:
            self.client.get("/viec-can-lam/dem/?moi=1")
        self.grow(10)
        with self.assertNumQueries(len(small)):
            self.client.get("/viec-can-lam/dem/?moi=1")
