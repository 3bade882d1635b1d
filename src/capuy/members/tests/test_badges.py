from capuy.core.testing import make_person
from capuy.members import rules
from capuy.members.models import Commendation, PartyMember, Status
from capuy.members.tests.base import D, MembersTestCase


def test_a_milestone_counts_from_the_admission_date():
    assert rules.membership_milestone(D(1996, 12, 20), 30, []) == D(2026, 12, 20)


def test_an_interruption_pushes_the_milestone_back_by_its_length():
    gap = (D(2000, 1, 1), D(2000, 1, 31))  # 30 days out of the party
    assert rules.membership_milestone(D(1996, 12, 20), 30, [gap]) == D(2027, 1, 19)


def test_an_interruption_after_the_milestone_does_not_count():
    assert rules.membership_milestone(D(1980, 1, 1), 30, [(D(2015, 1, 1), D(2016, 1, 1))]) == D(2010, 1, 1)


def test_a_member_still_out_of_the_party_never_reaches_a_milestone():
    assert rules.membership_milestone(D(1980, 1, 1), 30, [(D(2000, 1, 1), None)]) is None


def test_batches_fall_on_3_2_19_5_2_9_and_7_11():
    assert rules.previous_batch(D(2027, 2, 3)) == D(2026, 11, 7)
    assert rules.previous_batch(D(2026, 5, 19)) == D(2026, 2, 3)
    assert rules.previous_batch(D(2026, 9, 2)) == D(2026, 5, 19)
    assert rules.previous_batch(D(2026, 11, 7)) == D(2026, 9, 2)


def test_the_milestones_follow_huong_dan_01_hd_tw():
    assert rules.BADGE_YEARS == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


class BadgeListTests(MembersTestCase):
    """The badge list for the 3/2/2025 batch: milestones after 7/11/2024 and up to 3/2/2025."""

    BATCH = D(2025, 2, 3)

    def veteran(self, name, admitted, card):
        person = make_person(name, self.cell, card=card, admitted=admitted,
                             official=admitted.replace(year=admitted.year + 1))
        return person.party_member

    def setUp(self):
        self.thirty = self.veteran("Trần Văn Ba Mươi", D(1995, 1, 15), "03000001")
        self.forty = self.veteran("Lê Thị Bốn Mươi", D(1985, 2, 3), "03000002")
        self.too_early = self.veteran("Ngô Văn Sớm", D(1994, 11, 7), "03000003")  # reached on 7/11/2024
        self.too_late = self.veteran("Võ Văn Muộn", D(1995, 2, 4), "03000004")
        self.interrupted = self.veteran("Phạm Văn Gián", D(1974, 6, 1), "03000005")
        self.interrupted.record_status(Status.LEFT, D(1990, 3, 1))
        self.interrupted.record_status(Status.OFFICIAL, D(1990, 11, 1))  # 245 days out
        self.left = self.veteran("Đặng Văn Rời", D(1995, 1, 10), "03000006")
        self.left.record_status(Status.LEFT, D(2010, 1, 1))
        self.deceased = self.veteran("Bùi Văn Cố", D(1984, 12, 1), "03000007")
        self.deceased.record_status(Status.DECEASED, D(2024, 12, 20))
        self.eighty_five = self.veteran("Hoàng Văn Lão", D(1940, 1, 20), "03000008")
        self.ninety = self.veteran("Mai Thị Thọ", D(1935, 1, 25), "03000009")

    def listed(self):
        return {(e["member"].person.full_name, e["years"]): e for e in rules.badge_list(self.BATCH, PartyMember.objects.all())}

    def test_the_list_on_a_fixed_batch_date(self):
        listed = self.listed()
        assert set(listed) == {("Trần Văn Ba Mươi", 30), ("Lê Thị Bốn Mươi", 40), ("Phạm Văn Gián", 50),
                               ("Bùi Văn Cố", 40), ("Hoàng Văn Lão", 85), ("Mai Thị Thọ", 90)}
        assert listed[("Lê Thị Bốn Mươi", 40)]["milestone"] == D(2025, 2, 3)
        # 1 June 2024 + 245 days out of the party
        assert listed[("Phạm Văn Gián", 50)]["milestone"] == D(2025, 2, 1)
        assert listed[("Bùi Văn Cố", 40)]["posthumous"]
        assert not listed[("Trần Văn Ba Mươi", 30)]["posthumous"]

    def test_a_member_who_already_holds_the_badge_is_not_listed_again(self):
        Commendation.objects.create(form=Commendation.Form.BADGE, badge_years=30, person=self.thirty.person,
                                    issuer="Thành ủy Hà Nội", decision_number="Số 1-QĐ/TU",
                                    decision_date=D(2025, 1, 20))
        assert ("Trần Văn Ba Mươi", 30) not in self.listed()

    def test_a_member_who_died_before_the_milestone_is_not_listed(self):
        self.deceased.status_changes.all().delete()
        self.deceased.record_status(Status.DECEASED, D(2024, 11, 20))
        assert ("Bùi Văn Cố", 40) not in self.listed()
