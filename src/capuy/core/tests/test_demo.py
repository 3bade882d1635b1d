from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from capuy.accounts.models import User
from capuy.core.testing import load_demo
from capuy.organizations.models import Body, BodyMembership, Organization, Person


class DemoCommandTests(TestCase):
    # The command runs once in the session (``load_demo``); later its rows and its output are put back.
    def test_it_recreates_the_organizations_and_people_of_the_samples(self):
        printed = load_demo()
        tayho = Organization.objects.get(committee_name="Quận ủy Tây Hồ")
        term = tayho.terms.get(congress_number=6)
        assert str(term) == "khóa VI, nhiệm kỳ 2020–2025"
        bch = Body.objects.get(term=term, kind=Body.Kind.EXECUTIVE)
        assert 35 <= bch.memberships.count() <= 45
        hang = Person.objects.get(full_name="Lê Thị Thu Hằng")
        assert hang.titles_text() == "Bí thư Quận ủy, Chủ tịch HĐND quận Tây Hồ"
        assert bch.memberships.get(person=hang).role == BodyMembership.Role.SECRETARY
        son = Person.objects.get(full_name="Lê Văn Sơn")
        assert son.titles_text() == "Phó Bí thư Quận ủy, Chủ tịch UBND quận"
        assert Person.objects.get(full_name="Trần Văn Khuê").titles_text() == "Thành ủy viên, Bí thư Quận ủy Kiến An"
        assert Organization.objects.filter(name="Đảng bộ các cơ quan chính quyền quận").exists()
        cells = Organization.objects.filter(kind=Organization.Kind.CELL)
        assert cells.count() >= 4 and all(10 <= c.people.count() <= 40 for c in cells)
        assert "demo.vanphong.tayho" in printed

    def test_it_keeps_existing_data_when_asked_to_load_only_into_an_empty_database(self):
        load_demo()
        before = (Organization.objects.count(), Person.objects.count(), User.objects.count())
        out = StringIO()
        call_command("demo", "--if-empty", stdout=out)
        assert (Organization.objects.count(), Person.objects.count(), User.objects.count()) == before
        assert "giữ nguyên" in out.getvalue() and "demo.admin" in out.getvalue()
