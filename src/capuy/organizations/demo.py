"""Demo organizations, terms, bodies and people from the sample conference reports.

Names and titles the articles state are kept as written; everyone and everything else (other committee
members, cells, party members, exact dates) is invented and marked so in ``DEMO.md``.
"""

import datetime
import random

from capuy.accounts.models import Role, RoleGrant, User
from capuy.members.models import PartyMember
from capuy.organizations import actions
from capuy.organizations.models import Body, BodyMembership, Organization, Person, Term, Title

D = datetime.date
MERGED_WARDS = ("Quảng An", "Nhật Tân", "Tứ Liên", "Yên Phụ")  # into phường Tây Hồ on 1 July 2025
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Đinh"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thành", "Ngọc"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Thị Thu", "Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong",
           "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt"]
GIVEN_F = ["Anh", "Bích", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân",
           "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến"]


class Builder:
    def __init__(self, seed=2023):
        self.rng = random.Random(seed)
        self.used = set()
        self.card = 93000000

    def name(self):
        while True:
            female = self.rng.random() < 0.45
            name = " ".join([
                self.rng.choice(FAMILY),
                self.rng.choice(MIDDLE_F if female else MIDDLE_M),
                self.rng.choice(GIVEN_F if female else GIVEN_M),
            ])
            if name not in self.used:
                self.used.add(name)
                return name, (Person.Gender.FEMALE if female else Person.Gender.MALE)

    def person(self, organization, full_name=None, titles=(), gender="", member=True, official=True):
        if full_name is None:
            full_name, gender = self.name()
        self.used.add(full_name)
        born = D(self.rng.randint(1960, 1995), self.rng.randint(1, 12), self.rng.randint(1, 28))
        person = Person.objects.create(full_name=full_name, gender=gender, organization=organization, birth_date=born)
        for i, title in enumerate(titles, 1):
            Title.objects.create(person=person, name=title, order=i)
        if member:
            admitted = D(min(born.year + self.rng.randint(20, 30), 2022), self.rng.randint(1, 12), self.rng.randint(1, 28))
            self.card += 1
            PartyMember.objects.create(
                person=person, card_number=str(self.card), admission_date=admitted,
                official_date=admitted + datetime.timedelta(days=366) if official else None,
            )
        return person


def org(parent, kind, name, committee_name="", **fields):
    return Organization.objects.create(parent=parent, kind=kind, name=name, committee_name=committee_name, **fields)


def body_with(organization, term, kind, people_roles, start):
    body = Body.objects.create(organization=organization, term=term, kind=kind)
    for person, role in people_roles:
        BodyMembership.objects.create(body=body, person=person, role=role, start_date=start)
    return body


def committee(b, organization, term, named, size, start, cell):
    """A BCH of ``size`` members: the named people first, invented members after; BTV and Thường trực."""
    R = BodyMembership.Role
    members = list(named)
    while len(members) < size:
        members.append((b.person(cell), R.MEMBER))
    body_with(organization, term, Body.Kind.EXECUTIVE, [(p, R.MEMBER if r == R.STANDING_MEMBER else r) for p, r in members], start)
    standing = [(p, r) for p, r in members if r != R.MEMBER]
    extra = [p for p, r in members if r == R.MEMBER][: max(0, 11 - len(standing))]
    body_with(organization, term, Body.Kind.STANDING, standing + [(p, R.STANDING_MEMBER) for p in extra], start)
    top = [(p, r) for p, r in members if r in (R.SECRETARY, R.STANDING_DEPUTY, R.DEPUTY)]
    body_with(organization, term, Body.Kind.PERMANENT, top, start)
    return members


def cells(b, parent, names, sizes, term_start):
    out = []
    for name, size in zip(names, sizes, strict=True):
        cell = org(parent, Organization.Kind.CELL, name)
        term = Term.objects.create(organization=cell, congress_number=1, start_year=2022, end_year=2025,
                                   start_date=term_start, end_date=None)
        people = [b.person(cell, official=(i % 9 != 8)) for i in range(size)]
        body_with(cell, term, Body.Kind.CELL_COMMITTEE, [(people[0], BodyMembership.Role.SECRETARY),
                                                          (people[1], BodyMembership.Role.DEPUTY),
                                                          (people[2], BodyMembership.Role.MEMBER)], term_start)
        out.append((cell, people))
    return out


def user(username, person, grants=(), superuser=False, password="capuy-demo-2026"):
    u = User(username=username, person=person, is_superuser=superuser, is_staff=superuser,
             email=f"{username}@capuy.invalid")
    u.set_password(password)
    u.save()
    for organization, role in grants:
        RoleGrant.objects.create(user=u, organization=organization, role=role)
    return u


def load(context):
    R = BodyMembership.Role
    K = Organization.Kind
    b = Builder()

    # Hà Nội → Tây Hồ (sample 001). The district level was dissolved on 1 July 2025.
    hanoi = org(None, K.PROVINCE, "Đảng bộ thành phố Hà Nội", "Thành ủy Hà Nội", short_name="Thành ủy Hà Nội",
                issuer_symbol="TU", place_name="Hà Nội", superior_heading="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI")
    tayho = org(hanoi, K.DISTRICT, "Đảng bộ quận Tây Hồ", "Quận ủy Tây Hồ", short_name="Quận ủy Tây Hồ",
                issuer_symbol="QU", place_name="Tây Hồ", superior_heading="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
                valid_from=D(1996, 1, 1), valid_to=D(2025, 6, 30))
    vi = Term.objects.create(organization=tayho, congress_number=6, start_year=2020, end_year=2025,
                             start_date=D(2020, 8, 15), end_date=D(2025, 6, 30))
    office_tayho = org(tayho, K.GRASSROOTS_CELL, "Chi bộ Văn phòng Quận ủy Tây Hồ", issuer_symbol="CB", place_name="Tây Hồ")
    wards = {}
    for ward in ["Quảng An", "Nhật Tân", "Phú Thượng", "Bưởi", "Thụy Khuê", "Xuân La", "Tứ Liên", "Yên Phụ"]:
        # The wards merged into phường Tây Hồ are closed by that merge (below), the others here.
        wards[ward] = org(tayho, K.GRASSROOTS, f"Đảng bộ phường {ward}", f"Đảng ủy phường {ward}",
                          issuer_symbol="ĐU", place_name=ward, superior_heading="ĐẢNG BỘ QUẬN TÂY HỒ",
                          valid_to=None if ward in MERGED_WARDS else D(2025, 6, 30))
        Term.objects.create(organization=wards[ward], congress_number=5, start_year=2020, end_year=2025,
                            start_date=D(2020, 6, 20), end_date=D(2025, 6, 30))
    hang = b.person(office_tayho, "Lê Thị Thu Hằng", ["Bí thư Quận ủy", "Chủ tịch HĐND quận Tây Hồ"], Person.Gender.FEMALE)
    uyen = b.person(wards["Quảng An"], "Trương Tú Uyên", ["Bí thư Đảng ủy phường Quảng An"], Person.Gender.FEMALE)
    # The article names the reporting deputy chair only by title.
    reporter = b.person(office_tayho, None, ["Ủy viên Ban Thường vụ Quận ủy", "Phó Chủ tịch UBND quận Tây Hồ"])
    deputy = b.person(office_tayho, None, ["Phó Bí thư Thường trực Quận ủy Tây Hồ"])
    chair = b.person(office_tayho, None, ["Phó Bí thư Quận ủy", "Chủ tịch UBND quận Tây Hồ"])
    named = [(hang, R.SECRETARY), (deputy, R.STANDING_DEPUTY), (chair, R.DEPUTY), (reporter, R.STANDING_MEMBER),
             (uyen, R.MEMBER)]
    named += [(b.person(office_tayho, titles=["Ủy viên Ban Thường vụ Quận ủy"]), R.STANDING_MEMBER) for _ in range(7)]
    committee(b, tayho, vi, named, 39, vi.start_date, office_tayho)
    quangan_cells = cells(b, wards["Quảng An"], ["Chi bộ tổ dân phố số 1", "Chi bộ tổ dân phố số 2",
                                                   "Chi bộ tổ dân phố số 3", "Chi bộ Trường Tiểu học Quảng An"],
                          [32, 24, 18, 12], D(2022, 5, 10))
    nhattan_cells = cells(b, wards["Nhật Tân"], ["Chi bộ khu dân cư số 1", "Chi bộ khu dân cư số 2"], [26, 15], D(2022, 5, 12))
    clerk_tayho = b.person(office_tayho, None, ["Chuyên viên Văn phòng Quận ủy Tây Hồ"])
    clerk_quangan = b.person(wards["Quảng An"], None, ["Văn phòng Đảng ủy phường Quảng An"])
    clerk_nhattan = b.person(wards["Nhật Tân"], None, ["Văn phòng Đảng ủy phường Nhật Tân"])
    Title.objects.create(person=quangan_cells[0][1][0], name="Bí thư Chi bộ tổ dân phố số 1", order=1)

    # The district's government agencies' committee (sample 000). The article names neither the district
    # nor the city; the city is inferred from "Thành phố 4 an", the district name is invented.
    danang = org(None, K.PROVINCE, "Đảng bộ thành phố Đà Nẵng", "Thành ủy Đà Nẵng", issuer_symbol="TU",
                 place_name="Đà Nẵng", superior_heading="ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG")
    hoaan = org(danang, K.DISTRICT, "Đảng bộ quận Hòa An (tên minh họa)", "Quận ủy Hòa An", issuer_symbol="QU",
                place_name="Hòa An", superior_heading="ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", valid_to=D(2025, 6, 30))
    hoaan_term = Term.objects.create(organization=hoaan, congress_number=5, start_year=2015, end_year=2020,
                                     start_date=D(2015, 8, 10), end_date=D(2020, 8, 20))
    cqcq = org(hoaan, K.AGENCIES, "Đảng bộ các cơ quan chính quyền quận", "Đảng ủy các CQCQ quận",
               short_name="Đảng bộ các CQCQ quận", issuer_symbol="ĐU", place_name="Hòa An",
               superior_heading="ĐẢNG BỘ QUẬN HÒA AN", valid_to=D(2025, 6, 30))
    cqcq_term = Term.objects.create(organization=cqcq, congress_number=3, start_year=2015, end_year=2020,
                                    start_date=D(2015, 6, 1), end_date=D(2020, 6, 15))
    cqcq_cells = cells(b, cqcq, ["Chi bộ Văn phòng HĐND và UBND quận", "Chi bộ Phòng Tài chính – Kế hoạch",
                                 "Chi bộ Phòng Quản lý đô thị"], [22, 14, 11], D(2017, 6, 1))
    son = b.person(cqcq_cells[0][0], "Lê Văn Sơn", ["Phó Bí thư Quận ủy", "Chủ tịch UBND quận"], Person.Gender.MALE)
    phi = b.person(cqcq_cells[0][0], "Trần Văn Phi", ["Bí thư Đảng ủy các CQCQ quận", "Phó Chủ tịch UBND quận"],
                   Person.Gender.MALE)
    hoaan_office = org(hoaan, K.GRASSROOTS_CELL, "Chi bộ Văn phòng Quận ủy Hòa An", place_name="Hòa An")
    committee(b, hoaan, hoaan_term, [(b.person(hoaan_office, titles=["Bí thư Quận ủy Hòa An"]), R.SECRETARY),
                                     (son, R.DEPUTY)], 35, hoaan_term.start_date, hoaan_office)
    committee(b, cqcq, cqcq_term, [(phi, R.SECRETARY)], 15, cqcq_term.start_date, cqcq_cells[1][0])

    # Hải Phòng → Kiến An (sample 003): the 21st conference of the 5th term, before the 6th congress.
    haiphong = org(None, K.PROVINCE, "Đảng bộ thành phố Hải Phòng", "Thành ủy Hải Phòng", issuer_symbol="TU",
                   place_name="Hải Phòng", superior_heading="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG")
    kienan = org(haiphong, K.DISTRICT, "Đảng bộ quận Kiến An", "Quận ủy Kiến An", issuer_symbol="QU",
                 place_name="Kiến An", superior_heading="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", valid_to=D(2025, 6, 30))
    kienan_v = Term.objects.create(organization=kienan, congress_number=5, start_year=2015, end_year=2020,
                                   start_date=D(2015, 8, 1), end_date=D(2020, 8, 10))
    Term.objects.create(organization=kienan, congress_number=6, start_year=2020, end_year=2025,
                        start_date=D(2020, 8, 11), end_date=D(2025, 6, 30))
    kienan_office = org(kienan, K.GRASSROOTS_CELL, "Chi bộ Văn phòng Quận ủy Kiến An", place_name="Kiến An")
    khue = b.person(kienan_office, "Trần Văn Khuê", ["Thành ủy viên", "Bí thư Quận ủy Kiến An"], Person.Gender.MALE)
    committee(b, kienan, kienan_v, [(khue, R.SECRETARY)], 37, kienan_v.start_date, kienan_office)

    # After 1 July 2025 Hà Nội has two levels; the wards above were merged into the new ward (an
    # illustration of reorganization: the old records stay readable).
    tayho_ward = org(hanoi, K.GRASSROOTS, "Đảng bộ phường Tây Hồ", "Đảng ủy phường Tây Hồ", issuer_symbol="ĐU",
                     place_name="Tây Hồ", superior_heading="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", valid_from=D(2025, 7, 1))
    tayho_ward_term = Term.objects.create(organization=tayho_ward, congress_number=1, start_year=2025,
                                          end_year=2030, start_date=D(2025, 7, 1))
    ward_cells = cells(b, tayho_ward, ["Chi bộ khu dân cư số 5", "Chi bộ Văn phòng Đảng ủy phường Tây Hồ"],
                       [28, 12], D(2025, 9, 1))
    ward_committee = committee(
        b, tayho_ward, tayho_ward_term,
        [(b.person(ward_cells[1][0], titles=["Bí thư Đảng ủy phường Tây Hồ"]), R.SECRETARY),
         (b.person(ward_cells[1][0], titles=["Phó Bí thư Thường trực Đảng ủy phường Tây Hồ"]), R.STANDING_DEPUTY),
         (b.person(ward_cells[1][0], titles=["Phó Bí thư Đảng ủy", "Chủ tịch UBND phường Tây Hồ"]), R.DEPUTY)],
        21, tayho_ward_term.start_date, ward_cells[1][0])

    member = quangan_cells[1][1][5]
    admin = user("demo.admin", None, superuser=True)
    admin.first_name = "Quản trị"
    admin.save(update_fields=["first_name"])
    user("demo.vanphong.tayho", clerk_tayho, [(tayho, Role.OFFICE)])
    user("demo.vanphong.quangan", clerk_quangan, [(wards["Quảng An"], Role.OFFICE)])
    user("demo.vanphong.nhattan", clerk_nhattan, [(wards["Nhật Tân"], Role.OFFICE)])
    user("demo.capuy.tayho", hang, [(tayho, Role.COMMITTEE)])
    user("demo.dangvien", member, [(quangan_cells[1][0], Role.MEMBER)])
    user("demo.vanphong.phuongtayho", b.person(ward_cells[1][0], None, ["Văn phòng Đảng ủy phường Tây Hồ"]),
         [(tayho_ward, Role.OFFICE)])
    user("demo.capuy.phuongtayho", ward_committee[5][0], [(tayho_ward, Role.COMMITTEE)])
    user("demo.vanphong.kienan", b.person(kienan_office, None, ["Chuyên viên Văn phòng Quận ủy Kiến An"]),
         [(kienan, Role.OFFICE)])
    user("demo.vanphong.cqcq", b.person(cqcq, None, ["Văn phòng Đảng ủy các CQCQ quận"]), [(cqcq, Role.OFFICE)])

    # The merge runs once every app has loaded its (earlier) records, through the office's own action, so
    # the demo shows its result: cells and members under phường Tây Hồ, posts ended, history both ways.
    context.setdefault("finally", []).append(lambda: actions.merge_organizations(
        admin, [wards[w] for w in MERGED_WARDS], tayho_ward, D(2025, 7, 1), decision="Số 2651-QĐ/TU"))
    context.update(hanoi=hanoi, tayho=tayho, tayho_term=vi, wards=wards, quangan_cells=quangan_cells,
                   nhattan_cells=nhattan_cells, hang=hang, uyen=uyen, tayho_reporter=reporter,
                   hoaan=hoaan, cqcq=cqcq, cqcq_term=cqcq_term, son=son, phi=phi,
                   kienan=kienan, kienan_term=kienan_v, khue=khue, tayho_ward=tayho_ward,
                   tayho_ward_term=tayho_ward_term, tayho_ward_cells=ward_cells, builder=b)
