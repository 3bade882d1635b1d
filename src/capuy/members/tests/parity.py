"""Parity cases of the members actions (run by ``core/tests/test_action_parity.py``)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capuy.core.testing import make_person, make_user
from capuy.core.tests.parity import Scenario
from capuy.members import actions
from capuy.members.models import Opinion, PartyMember, RatingCampaign
from capuy.organizations.models import Person

DAY = "2024-03-01"


def decide_ratings(t):
    campaign = RatingCampaign.objects.create(organization=t.ward, year=2023)
    url, api = reverse("members:campaign_decide", args=[campaign.pk]), (
        "post", f"/members/campaigns/{campaign.pk}/decisions/")
    return [Scenario(t.ward_staff, url, api, {}, {"decisions": []},
                     refused="Chưa chọn đối tượng nào để quyết định xếp loại.")]


def _member(t):
    return PartyMember.objects.get(person=t.member_person)


def record_status(t):
    member = _member(t)
    url, api = reverse("members:detail", args=[member.pk]), ("post", f"/members/{member.pk}/statuses/")
    page = {"st-status": "exempt", "st-date": DAY, "st-decision": "12-QĐ/ĐU", "st-note": ""}
    data = {"status": "exempt", "date": DAY, "decision": "12-QĐ/ĐU"}
    return [Scenario(t.committee_member, url, api, page, data, refused=actions.MANAGE_ONLY),
            Scenario(t.ward_staff, url, api, page, data)]


def transfer_member(t):
    member = _member(t)
    url, api = reverse("members:detail", args=[member.pk]), ("post", f"/members/{member.pk}/transfers/")
    page = {"tr-kind": "official", "tr-to_organization": t.other_cell.pk, "tr-date": DAY, "tr-note": ""}
    data = {"kind": "official", "to_organization_id": t.other_cell.pk, "date": DAY}
    return [Scenario(t.committee_member, url, api, page, data, refused=actions.MANAGE_ONLY)]


def import_members(t):
    url, api = reverse("members:import", args=[t.ward.pk]), ("post", "/members/import/")

    def upload(name):
        return {"file": SimpleUploadedFile(name, "Họ và tên\n".encode(), "text/plain")}

    return [Scenario(t.committee_member, url, api, upload("ds.csv"), {"organization_id": t.ward.pk},
                     api_files=upload("ds.csv"), refused=actions.ORGANIZATION_MANAGE_ONLY),
            Scenario(t.ward_staff, url, api, upload("ds.txt"), {"organization_id": t.ward.pk},
                     api_files=upload("ds.txt"), refused=actions.IMPORT_FORMATS)]


def send_opinion(t):
    # A member whose record is kept in no organization has no committee to write to.
    person = make_person("Đặng Văn Hùng", t.cell, card="01000999")
    Person.objects.filter(pk=person.pk).update(organization=None)
    outside = make_user("dangvien.hung", person)
    url, api = reverse("members:me"), ("post", "/members/opinions/")
    data = {"subject": "Về sinh hoạt chi bộ", "text": "Đề nghị họp vào buổi tối."}
    return [Scenario(outside, url, api, data, data, refused=actions.OPINION_ELSEWHERE),
            Scenario(t.party_member, url, api, data, data)]


def answer_opinion(t):
    opinion = Opinion.objects.create(author=t.member_person, organization=t.ward, subject="Về sinh hoạt",
                                     text="Đề nghị họp vào buổi tối.")
    url, api = reverse("members:opinions"), ("post", f"/members/opinions/{opinion.pk}/answer/")
    return [Scenario(t.ward_staff, url, api, {"id": opinion.pk, "answer": " "}, {"answer": " "},
                     refused=actions.ANSWER_EMPTY),
            Scenario(t.ward_staff, url, api, {"id": opinion.pk, "answer": "Đồng ý."}, {"answer": "Đồng ý."})]


def create_campaign(t):
    url, api = reverse("members:campaign_create", args=[t.ward.pk]), ("post", "/members/campaigns/")
    # 2022: the rating steps' cases open the ward's 2023 campaign, and a period is opened once
    page = {"subject": "members", "period": "year", "year": 2022}
    data = {**page, "organization_id": t.ward.pk}
    return [Scenario(t.committee_member, url, api, page, data, refused=actions.ORGANIZATION_MANAGE_ONLY),
            Scenario(t.ward_staff, url, api, page, data)]


def _rating(t):
    campaign = RatingCampaign.objects.create(organization=t.ward, year=2023)
    campaign.populate()
    return campaign.ratings.get(member__person=t.member_person)


def _step(slug, path, refusals, page, data, accepted_by=None):
    def build(t):
        rating = _rating(t)
        url, api = reverse("members:rating_step", args=[rating.pk, slug]), ("post", f"/members/ratings/{rating.pk}/{path}/")
        scenarios = [Scenario(getattr(t, who), url, api, page, data, refused=message) for who, message in refusals]
        if accepted_by:
            scenarios.append(Scenario(getattr(t, accepted_by), url, api, page, data))
        return scenarios
    return build


def create_commendation(t):
    url, api = reverse("members:commendations"), ("post", "/members/commendations/")
    fields = {"form": "giay_khen", "issuer": "Đảng ủy phường Quảng An", "decision_number": "15-QĐ/ĐU",
              "decision_date": DAY, "reason": "Hoàn thành xuất sắc nhiệm vụ năm 2023"}
    page, data = {**fields, "person": t.member_person.pk}, {**fields, "person_id": t.member_person.pk}
    return [Scenario(t.committee_member, url, api, page, data, refused=actions.COMMENDATION_REFUSED),
            Scenario(t.ward_staff, url, api, page, data)]


def add_member(t):
    url, api = reverse("members:create", args=[t.ward.pk]), ("post", "/members/")
    page = {"full_name": "Đinh Văn Hải", "cell": t.cell.pk, "admission_date": "2015-05-19",
            "official_date": "2016-05-19", "card_number": "", "status": "", "status_date": ""}
    data = {"organization_id": t.ward.pk, "cell_id": t.cell.pk, "full_name": "Đinh Văn Hải",
            "admission_date": "2015-05-19", "official_date": "2016-05-19"}
    return [Scenario(t.committee_member, url, api, page, data, refused=actions.ADD_REFUSED),
            Scenario(t.ward_staff, url, api, page, data),
            Scenario(t.ward_staff, url, api, {**page, "status": "prosecuted"}, {**data, "status": "prosecuted"},
                     refused="Vui lòng nhập ngày bắt đầu của trạng thái.")]


def edit_member(t):
    member = _member(t)
    url, api = reverse("members:edit", args=[member.pk]), ("patch", f"/members/{member.pk}/")
    page = {**actions.record_of(member), "cell": t.cell.pk, "phone": "0912345678", "birth_date": "",
            "official_date": member.official_date or ""}
    return [Scenario(t.committee_member, url, api, page, {"phone": "0912345678"}, refused=actions.EDIT_REFUSED),
            Scenario(t.ward_staff, url, api, page, {"phone": "0912345678"})]


CASES = {
    "members.add_member": add_member,
    "members.edit_member": edit_member,
    "members.decide_ratings": decide_ratings,
    "members.record_status": record_status,
    "members.transfer_member": transfer_member,
    "members.import_members": import_members,
    "members.send_opinion": send_opinion,
    "members.answer_opinion": answer_opinion,
    "members.create_campaign": create_campaign,
    "members.self_rate": _step("tu-danh-gia", "self", [("committee_member", actions.SELF_RATE_REFUSED)],
                               {"score": "85", "beyond_share": "0", "note": ""}, {"score": "85"}, "party_member"),
    "members.appraise": _step("tham-dinh", "appraise", [("party_member", actions.APPRAISE_REFUSED)],
                              {"level": "tot", "note": ""}, {"level": "tot"}),
    "members.decide_rating": _step("quyet-dinh", "decide", [("committee_member", actions.DECIDE_REFUSED)],
                                   {"level": "tot", "note": ""}, {"level": "tot"}),
    "members.create_commendation": create_commendation,
}
