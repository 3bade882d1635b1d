"""Demo member work: 2023 ratings of the Tây Hồ demo cells, commendations, criteria, badge milestones.

Everything here is invented on top of the organizations demo: the scores and levels, the criteria
texts, the decision numbers and dates, and who receives the commendations. Only the commendation's
shape comes from sample 004 (certificates of merit to 2 collectives and 2 individuals for "Học tập
và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh").
"""

import datetime
import random

from django.core.exceptions import ValidationError

from capuy.accounts.models import User
from capuy.members import actions, rules
from capuy.members.models import (
    Commendation,
    CriteriaList,
    CriteriaResult,
    Criterion,
    Level,
    Opinion,
    RatingCampaign,
    RatingRules,
    Status,
)

D = datetime.date
HCM_MOVEMENT = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
CELL_CRITERIA = [
    "Lãnh đạo thực hiện tốt nhiệm vụ chính trị ở địa bàn, cơ quan",
    "Sinh hoạt chi bộ nền nếp, chất lượng; 100% sử dụng sổ tay đảng viên điện tử",
    "Đoàn kết, thống nhất; không có đảng viên vi phạm phải xử lý kỷ luật",
    "Phát triển đảng viên mới, làm tốt công tác dân vận",
]
MEMBER_CRITERIA = [
    "Tư tưởng chính trị vững vàng, gương mẫu chấp hành chủ trương, chính sách",
    "Hoàn thành tốt nhiệm vụ được giao",
    "Gương mẫu ở nơi cư trú, gắn bó với nhân dân",
    "Tham gia đầy đủ sinh hoạt chi bộ, đóng đảng phí đúng quy định",
]


def _score(rng):
    roll = rng.random()
    if roll < 0.15:
        return rng.randint(90, 97), True, rng.choice([30, 35, 40])
    if roll < 0.85:
        return rng.randint(70, 89), True, rng.choice([0, 10, 20])
    if roll < 0.97:
        return rng.randint(50, 69), False, 0
    return rng.randint(35, 49), False, 0


def _run_campaign(campaign, rng, office, secretary_of, decider):
    """Self-rating, appraisal, and decisions that keep the quota (extra excellent ones lowered)."""
    campaign.populate()
    ratings = list(campaign.ratings.select_related("member__person", "organization", "unit"))
    for rating in ratings:
        score, all_done, beyond = _score(rng)
        by = secretary_of(rating) or office
        rating.self_rate(by, score, all_done, beyond, note="Tự kiểm điểm năm 2023")
        rating.appraise(by, rating.self_level, note="Chi ủy thống nhất đề xuất")
    ruleset = RatingRules.current()
    by_unit = {}
    for rating in ratings:
        by_unit.setdefault(rating.unit_id, []).append(rating)
    decisions = []
    for unit_ratings in by_unit.values():
        good = sum(r.appraisal_level == Level.GOOD for r in unit_ratings)
        excellent = [r for r in unit_ratings if r.appraisal_level == Level.EXCELLENT]
        allowed = len(excellent) if campaign.subject != RatingCampaign.Subject.MEMBERS else None
        if allowed is None:
            # Those lowered become "good" too; keep the largest number of excellent the quota allows.
            allowed = max(k for k in range(len(excellent) + 1) if _within_quota(k, good + len(excellent) - k, ruleset))
        for i, r in enumerate(sorted(excellent, key=lambda r: -r.appraisal_score)):
            if i >= allowed:
                r.appraisal_level = Level.GOOD
        decisions += [(r.pk, r.appraisal_level, "") for r in unit_ratings]
    actions.decide_ratings(decider, campaign, decisions)


def _within_quota(excellent, good, ruleset) -> bool:
    try:
        rules.check_quota(excellent, good, ruleset)
    except ValidationError:
        return False
    return True


def load(context):
    rng = random.Random(366)
    tayho, wards = context["tayho"], context["wards"]
    quangan, nhattan = wards["Quảng An"], wards["Nhật Tân"]
    office_quangan = User.objects.get(username="demo.vanphong.quangan")
    office_nhattan = User.objects.get(username="demo.vanphong.nhattan")
    office_tayho = User.objects.get(username="demo.vanphong.tayho")
    cells = context["quangan_cells"] + context["nhattan_cells"]
    secretaries = {cell.pk: people[0] for cell, people in cells}

    def secretary_of(rating):
        person = secretaries.get(rating.subject_organization.pk) if rating.member_id else None
        return getattr(person, "user", None) if person else None

    # A few status histories and a transfer between the demo cells.
    nhattan_people = context["nhattan_cells"][0][1]
    elder = nhattan_people[4].party_member
    elder.record_status(Status.EXEMPT, D(2023, 3, 1), by=office_nhattan, decision="Số 15-QĐ/ĐU",
                        note="Tuổi cao, sức yếu")
    mover = nhattan_people[6].party_member
    mover.transfer(context["nhattan_cells"][1][0], D(2023, 2, 10), by=office_nhattan, note="Chuyển nơi cư trú")

    # 2023 ratings: members of the Quảng An and Nhật Tân cells, then the cells themselves.
    campaigns = []
    for ward, office in ((quangan, office_quangan), (nhattan, office_nhattan)):
        campaign = RatingCampaign.objects.create(organization=ward, subject=RatingCampaign.Subject.MEMBERS,
                                                 period=RatingCampaign.Period.YEAR, year=2023, created_by=office)
        _run_campaign(campaign, rng, office, secretary_of, office)
        campaigns.append(campaign)
    cells_campaign = RatingCampaign.objects.create(organization=tayho, subject=RatingCampaign.Subject.ORGANIZATIONS,
                                                   period=RatingCampaign.Period.YEAR, year=2023, created_by=office_tayho)
    _run_campaign(cells_campaign, rng, office_tayho, lambda r: None, office_tayho)

    # "Chi bộ 4 tốt", "Đảng viên 4 tốt" (sample 001), with 2023 results.
    cell_list = CriteriaList.objects.create(name="Chi bộ 4 tốt", subject=CriteriaList.Subject.ORGANIZATIONS,
                                            organization=tayho)
    member_list = CriteriaList.objects.create(name="Đảng viên 4 tốt", subject=CriteriaList.Subject.MEMBERS,
                                              organization=tayho)
    cell_criteria = Criterion.objects.bulk_create(Criterion(criteria_list=cell_list, text=t, order=i)
                                                  for i, t in enumerate(CELL_CRITERIA, 1))
    member_criteria = Criterion.objects.bulk_create(Criterion(criteria_list=member_list, text=t, order=i)
                                                    for i, t in enumerate(MEMBER_CRITERIA, 1))
    for i, (cell, people) in enumerate(cells):
        result = CriteriaResult.objects.create(criteria_list=cell_list, year=2023, organization=cell,
                                               recorded_by=office_tayho)
        result.met.set(cell_criteria if i % 3 else cell_criteria[:3])
        for j, person in enumerate(people[:6]):
            result = CriteriaResult.objects.create(criteria_list=member_list, year=2023, member=person.party_member,
                                                   recorded_by=office_tayho)
            result.met.set(member_criteria if j % 4 else member_criteria[1:])

    # Sample 004: certificates of merit to 2 collectives and 2 individuals (recipients invented).
    issuer = "Ban Thường vụ Quận ủy Tây Hồ"
    common = {"form": Commendation.Form.CERTIFICATE, "issuer": issuer, "issuer_organization": tayho,
              "decision_number": "Số 1125-QĐ/QU", "decision_date": D(2023, 5, 17), "reason": HCM_MOVEMENT,
              "period_start": D(2021, 1, 1), "period_end": D(2023, 5, 17), "recorded_by": office_tayho}
    awarded = [Commendation.objects.create(organization=context["quangan_cells"][0][0], **common),
               Commendation.objects.create(organization=context["nhattan_cells"][1][0], **common),
               Commendation.objects.create(person=context["quangan_cells"][3][1][2], **common),
               Commendation.objects.create(person=context["nhattan_cells"][0][1][3], **common)]
    Commendation.objects.create(form=Commendation.Form.EXEMPLARY, organization=quangan, issuer=issuer,
                                issuer_organization=tayho, decision_number="1302-QĐ/QU",
                                decision_date=D(2024, 1, 20), reason="Tổ chức đảng trong sạch, vững mạnh tiêu biểu",
                                period_start=D(2023, 1, 1), period_end=D(2023, 12, 31), recorded_by=office_tayho)

    # Members reaching badge milestones at the coming batches (from the 2026 demo date on).
    veterans = context["quangan_cells"][0][1][20:24]
    plans = [(D(1997, 1, 15), None), (D(1987, 1, 30), None), (D(1976, 1, 25), (D(1990, 3, 1), D(1991, 3, 1))),
             (D(1972, 4, 10), None)]
    for person, (admitted, gap) in zip(veterans, plans, strict=True):
        person.birth_date = admitted.replace(year=admitted.year - 22)
        person.save(update_fields=["birth_date"])
        member = person.party_member
        member.admission_date, member.official_date = admitted, admitted + datetime.timedelta(days=365)
        member.save()
        if gap:
            member.record_status(Status.LEFT, gap[0], by=office_quangan, note="Gián đoạn sinh hoạt đảng")
            member.record_status(Status.OFFICIAL, gap[1], by=office_quangan, note="Kết nạp lại")
    # An earlier badge, already handed out.
    Commendation.objects.create(form=Commendation.Form.BADGE, badge_years=30, person=veterans[1],
                                issuer="Thành ủy Hà Nội", decision_number="Số 210-QĐ/TU",
                                decision_date=D(2017, 1, 30), reason="Tặng Huy hiệu 30 năm tuổi Đảng đợt 3/2/2017",
                                recorded_by=office_tayho)

    # The two-way channel: an opinion from the demo member.
    member_user = User.objects.get(username="demo.dangvien")
    Opinion.objects.create(author=member_user.person, organization=quangan,
                           subject="Đề nghị bổ sung tài liệu sinh hoạt chuyên đề",
                           text="Đề nghị Đảng ủy gửi trước tài liệu sinh hoạt chuyên đề qua sổ tay đảng viên điện tử.")

    context.update(rating_campaigns_2023=campaigns, cells_rating_2023=cells_campaign, commendations_hcm=awarded,
                   criteria_lists={"chi_bo_4_tot": cell_list, "dang_vien_4_tot": member_list},
                   badge_veterans=veterans)
