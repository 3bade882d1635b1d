from capuy.accounts import permissions
from capuy.accounts.models import Role, RoleGrant
from capuy.core.testing import CapuyTestCase


class PermissionRuleTests(CapuyTestCase):
    def test_a_grant_covers_the_whole_subtree(self):
        assert permissions.can_manage(self.district_staff, self.cell)
        assert permissions.can_read(self.district_staff, self.other_cell)

    def test_it_refuses_staff_of_another_ward(self):
        assert not permissions.can_read(self.other_ward_staff, self.ward)
        assert not permissions.can_read(self.other_ward_staff, self.cell)
        assert not permissions.can_manage(self.other_ward_staff, self.cell)

    def test_ward_staff_cannot_read_their_superior(self):
        assert not permissions.can_read(self.ward_staff, self.district)

    def test_committee_members_read_but_do_not_manage(self):
        assert permissions.can_read(self.committee_member, self.ward)
        assert not permissions.can_manage(self.committee_member, self.ward)

    def test_party_members_do_not_read_organization_records(self):
        assert not permissions.can_read(self.party_member, self.cell)

    def test_party_members_read_their_own_record_only(self):
        assert permissions.can_read_person(self.party_member, self.member_person)
        assert not permissions.can_read_person(self.party_member, self.secretary)

    def test_administrators_read_and_manage_everything(self):
        assert permissions.can_manage(self.admin, self.city)

    def test_anonymous_visitors_read_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        anonymous = AnonymousUser()
        assert not permissions.can_read(anonymous, self.cell)
        assert not permissions.readable_organizations(anonymous).exists()
        assert not permissions.visible_people(anonymous).exists()

    def test_readable_organizations_is_the_union_of_granted_subtrees(self):
        assert set(permissions.readable_organizations(self.ward_staff)) == {self.ward, self.cell}

    def test_visible_people_follow_record_organization_and_body_seats(self):
        visible = set(permissions.visible_people(self.ward_staff))
        assert self.member_person in visible
        assert self.secretary not in visible  # kept by the district, sits on no body of the ward
        assert self.secretary in set(permissions.visible_people(self.committee_member))


class TopOrganizationTests(CapuyTestCase):
    def test_the_top_of_each_users_grants_without_what_lies_under_another(self):
        RoleGrant.objects.create(user=self.district_staff, organization=self.ward, role=Role.OFFICE)
        RoleGrant.objects.create(user=self.ward_staff, organization=self.other_cell, role=Role.COMMITTEE)
        cases = [
            (self.admin, permissions.READ_ROLES, [self.city]),
            (self.district_staff, permissions.READ_ROLES, [self.district]),  # the ward lies under the district
            (self.ward_staff, permissions.READ_ROLES, [self.ward, self.other_cell]),
            (self.ward_staff, permissions.MANAGE_ROLES, [self.ward]),
            (self.party_member, permissions.READ_ROLES, []),  # a member's own grant opens no dashboard
        ]
        for user, roles, expected in cases:
            with self.subTest(user=user.username, roles=roles):
                self.assertEqual(permissions.top_organizations(user, roles), expected)


class GrantsReadOnceTests(CapuyTestCase):
    def test_a_users_permission_questions_read_the_grants_once(self):
        with self.assertNumQueries(1):
            assert permissions.can_manage(self.ward_staff, self.cell)
            assert not permissions.can_read(self.ward_staff, self.district)
            assert not permissions.is_admin(self.ward_staff)
            assert permissions.organization_filter(self.ward_staff) is not None

    def test_a_grant_given_after_a_question_is_honoured_on_the_same_user_object(self):
        assert not permissions.can_manage(self.other_ward_staff, self.cell)
        RoleGrant.objects.create(user=self.other_ward_staff, organization=self.ward, role=Role.OFFICE)
        assert permissions.can_manage(self.other_ward_staff, self.cell)

    def test_a_grant_taken_away_is_no_longer_honoured(self):
        grant = RoleGrant.objects.get(user=self.ward_staff, organization=self.ward)
        assert permissions.can_manage(self.ward_staff, self.cell)
        grant.user = self.ward_staff
        grant.delete()
        assert not permissions.can_manage(self.ward_staff, self.cell)
