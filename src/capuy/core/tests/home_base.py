"""Test data for the home page: on top of ``CapuyTestCase``, one piece of waiting work for each block.

Dates are relative to today (the home is about today). The district (Tây Hồ) gets a term that covers today
(khóa VII, BCH: Lê Thị Thu Hằng and Phạm Văn Bình, the committee member).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from capuy.accounts.models import User
from capuy.conferences.models import AgendaItem, Conference, Draft, DraftComment
from capuy.core.testing import CapuyTestCase, make_user
from capuy.documents.models import StudyAssignment
from capuy.documents.tests.helpers import make_document
from capuy.members.models import Opinion, Rating, RatingCampaign
from capuy.organizations.models import Body, BodyMembership, Organization, Term
from capuy.portal.models import Article, Category
from capuy.targets.models import Indicator, ReportingRound
from capuy.tasks.models import Registration, Task
from capuy.voting import ballots
from capuy.voting.models import Vote

D = datetime.date


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def make_task(organization, title, deadline, lead=None, responsible=None):
    return Task.objects.create(organization=organization, title=title, lead_organization=lead or organization,
                               start_date=days(-60), deadline=deadline, responsible=responsible)


class HomeTestCase(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        cls.today = today
        term = Term.objects.create(organization=cls.district, congress_number=7, start_year=today.year - 1,
                                   end_year=today.year + 4, start_date=days(-400))
        cls.current_bch = Body.objects.create(organization=cls.district, term=term, kind=Body.Kind.EXECUTIVE)
        for person in (cls.secretary, cls.committee_person):
            BodyMembership.objects.create(body=cls.current_bch, person=person, start_date=term.start_date)

        # A conference in three days: invitations sent, the committee member has not answered, the secretary
        # will be absent (so no quorum is expected: 1 of 2, two thirds needed), the party member is a guest;
        # a draft open for comment with a comment not yet answered.
        cls.upcoming = cls.conference(days(3), "Tổng kết công tác năm")
        cls.upcoming.invite_guest(cls.member_person, "Đảng viên Chi bộ tổ dân phố số 1")
        cls.upcoming.send_invitations()
        cls.upcoming.invitations.get(person=cls.secretary).answer_with("absent", "Đi công tác")
        cls.draft = Draft.objects.create(conference=cls.upcoming, title="Dự thảo Nghị quyết năm",
                                         kind=Draft.Kind.RESOLUTION, comment_deadline=days(2))
        version = cls.draft.add_version("# Phần I\n\nĐoạn thứ nhất.", cls.district_staff)
        DraftComment.objects.create(draft=cls.draft, version=version, author=cls.committee_person, text="Bổ sung số liệu")
        # A conference in ten days whose invitations are not sent yet.
        cls.unsent = cls.conference(days(10), "Chuyên đề chuyển đổi số")

        # A conference today, in progress, with an open secret ballot the committee member has not cast.
        cls.meeting = cls.conference(today, "Biểu quyết nhân sự")
        cls.meeting.send_invitations()
        cls.meeting.open()
        for person in (cls.secretary, cls.committee_person):
            cls.meeting.check_in(person)
        item = cls.meeting.agenda_items.get()
        ballots.appoint_teller(cls.meeting, cls.secretary)  # a secret electronic ballot needs a counting board
        ballots.create_teller_code(cls.meeting, cls.secretary.pk)
        cls.vote = ballots.open_vote(ballots.create_vote(item, "Thông qua danh sách nhân sự", Vote.Method.SECRET))

        # Tasks: overdue (the committee member responsible), due in 5 days (led by the ward), due in 30 days.
        cls.task_overdue = make_task(cls.district, "Giải phóng mặt bằng dự án đường ven hồ", days(-3),
                                     responsible=cls.committee_person)
        cls.task_soon = make_task(cls.district, "Hoàn thành thu ngân sách quý IV", days(5), lead=cls.ward)
        cls.task_later = make_task(cls.district, "Chuẩn bị đại hội chi bộ", days(30), responsible=cls.committee_person)
        cls.registration = Registration.objects.create(
            organization=cls.district, year=today.year, person=cls.committee_person, content="Xử lý điểm nóng đất đai",
            expected_result="Dứt điểm 3 vụ việc", deadline=days(45), submitted_on=days(-30))

        # Documents: a draft without a signer; an issued resolution given to the party member to study.
        cls.unsigned = make_document(cls.district, "NQ", title="về công tác cán bộ", term=term)
        issued = make_document(cls.district, "NQ", title="về chuyển đổi số", term=term, signer=cls.secretary,
                               issued_on=days(-1))
        StudyAssignment.assign(issued, [cls.cell], days(14), reflection_required=True)

        # An article of the ward submitted for review.
        category = Category.objects.create(name="Tin tức sự kiện")
        cls.article = Article.objects.create(organization=cls.ward, category=category, status=Article.Status.REVIEW,
                                             title="Phường Quảng An ra quân làm sạch hồ", body="<p>Nội dung</p>")

        # A rating campaign of the ward: every member pending; the party member sends an opinion.
        cls.campaign = RatingCampaign.objects.create(organization=cls.ward, year=today.year)
        cls.campaign.populate()
        Opinion.objects.create(author=cls.member_person, organization=cls.cell, subject="Đề nghị lắp đèn ngõ 12",
                               text="Ngõ 12 tối, đề nghị chi bộ kiến nghị lắp đèn.")

        # A reporting round of the district; neither ward has reported.
        indicator = Indicator.objects.create(code="CN", name="Giá trị sản xuất công nghiệp", unit="tỷ đồng")
        indicator.reporters.set([cls.ward, cls.other_ward])
        cls.round = ReportingRound.objects.create(organization=cls.district, title="Báo cáo 9 tháng",
                                                  period_kind="9m", year=today.year,
                                                  deadline=timezone.now() + datetime.timedelta(days=2))
        cls.round.organizations.set([cls.ward, cls.other_ward])
        cls.round.indicators.set([indicator])

        cls.inactive = make_user("cho.kich.hoat")
        User.objects.filter(pk=cls.inactive.pk).update(is_active=False)
        cls.roleless = make_user("chua.phan.quyen")

    @classmethod
    def conference(cls, day, subject):
        conference = Conference.objects.create(body=cls.current_bch, date=day, subject=subject)
        AgendaItem.objects.create(conference=conference, order=1, kind=AgendaItem.Kind.VOTE, title=subject)
        conference.invite_body_members()
        return conference

    def home(self, user):
        self.login(user)
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return response

    def block(self, response, key) -> str:
        """The HTML of one block of the home page ("" when absent)."""
        html = response.content.decode()
        start = html.find(f'id="khoi-{key}"')
        if start < 0:
            return ""
        return html[start:html.find("</section>", start)]


__all__ = ["D", "Decimal", "HomeTestCase", "Organization", "Rating", "days", "make_task"]
