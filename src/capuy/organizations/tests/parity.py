"""Parity cases of the organizations actions (run by ``core/tests/test_action_parity.py``).

The committee member of the district reads the district's records but may not change them: the page and
the API refuse them alike; the district office is accepted by both.
"""

from django.urls import reverse

from capuy.core.tests.parity import Scenario
from capuy.organizations import access, actions
from capuy.organizations.models import BodyMembership


def create_organization(t):
    return [Scenario(t.committee_member, reverse("organizations:create_child", args=[t.district.pk]),
                     ("post", "/organizations/"), {"name": "Chi bộ mới"},
                     {"parent_id": t.district.pk, "kind": "cell", "name": "Chi bộ mới"},
                     refused=access.MANAGE_REFUSED)]


def update_organization(t):
    return [Scenario(t.committee_member, reverse("organizations:edit", args=[t.district.pk]),
                     ("patch", f"/organizations/{t.district.pk}/"), {"name": "Khác"}, {"name": "Khác"},
                     refused=access.MANAGE_REFUSED)]


def create_term(t):
    page = {"congress_number": 7, "start_year": 2025, "end_year": 2030, "start_date": "2025-10-01"}
    api = {**page, "organization_id": t.district.pk}
    url = reverse("organizations:term_create", args=[t.district.pk])
    return [Scenario(t.committee_member, url, ("post", "/terms/"), page, api, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, ("post", "/terms/"), page, api)]


def create_body(t):
    return [Scenario(t.committee_member, reverse("organizations:body_create", args=[t.district.pk]),
                     ("post", "/bodies/"), {"term": t.term.pk, "kind": "btv"},
                     {"term_id": t.term.pk, "kind": "btv"}, refused=access.MANAGE_REFUSED)]


def create_membership(t):
    return [Scenario(t.committee_member, reverse("organizations:membership_create", args=[t.bch.pk]),
                     ("post", "/memberships/"), {"person": t.member_person.pk},
                     {"body_id": t.bch.pk, "person_id": t.member_person.pk, "start_date": "2023-01-01"},
                     refused=access.MANAGE_REFUSED)]


def end_membership(t):
    membership = BodyMembership.objects.filter(body=t.bch).first()
    data = {"date": "2023-10-05", "reason": BodyMembership.EndReason.values[0], "decision": "QĐ 1"}
    return [Scenario(t.committee_member, reverse("organizations:membership_end", args=[membership.pk]),
                     ("post", f"/memberships/{membership.pk}/end/"), data, data, refused=access.MANAGE_REFUSED)]


def leave_bodies(t):
    data = {"date": "2023-10-05", "reason": BodyMembership.EndReason.values[0], "decision": "QĐ 1"}
    return [Scenario(t.committee_member, reverse("organizations:person_leave_bodies", args=[t.secretary.pk]),
                     ("post", f"/people/{t.secretary.pk}/leave-bodies/"), data, data,
                     refused=actions.LEAVE_REFUSED)]


def create_person(t):
    return [Scenario(t.committee_member, reverse("organizations:person_create", args=[t.district.pk]),
                     ("post", "/people/"), {"full_name": "Nguyễn Văn An"},
                     {"organization_id": t.district.pk, "full_name": "Nguyễn Văn An", "titles": []},
                     refused=access.MANAGE_REFUSED)]


def update_person(t):
    return [Scenario(t.committee_member, reverse("organizations:person_edit", args=[t.secretary.pk]),
                     ("patch", f"/people/{t.secretary.pk}/"), {"full_name": "Khác"}, {"full_name": "Khác"},
                     refused=access.PERSON_REFUSED)]


def rename_organization(t):
    url, api = reverse("organizations:rename", args=[t.ward.pk]), ("post", f"/organizations/{t.ward.pk}/rename/")
    data = {"name": "Đảng bộ phường Quảng An mới", "committee_name": "", "date": "2025-07-01", "decision": ""}
    return [Scenario(t.ward_staff, url, api, data, data, refused=actions.REORGANIZE_REFUSED),
            Scenario(t.district_staff, url, api, data, data),
            Scenario(t.district_staff, url, api, {**data, "name": t.ward.name}, {**data, "name": t.ward.name},
                     refused="Tên mới trùng tên hiện tại.")]


def move_to(t):
    url, api = reverse("organizations:move", args=[t.ward.pk]), ("post", f"/organizations/{t.ward.pk}/move/")
    page = {"target": t.other_ward.pk, "cells": [t.cell.pk], "date": "2025-07-01", "decision": ""}
    data = {"target_id": t.other_ward.pk, "cell_ids": [t.cell.pk], "date": "2025-07-01"}
    return [Scenario(t.committee_member, url, api, page, data, refused=access.MANAGE_REFUSED),
            Scenario(t.district_staff, url, api, page, data)]


CASES = {f"organizations.{f.__name__}": f for f in (
    rename_organization, move_to,
    create_organization, update_organization, create_term, create_body, create_membership, end_membership,
    leave_bodies, create_person, update_person)}
