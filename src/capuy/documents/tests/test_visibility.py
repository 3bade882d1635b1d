"""Who sees which documents: organization subtree, secrecy, drafts (the rule in DocumentQuerySet.visible_to)."""

from capuy.accounts.models import Role
from capuy.core.testing import make_person, make_user
from capuy.documents.library import visible_documents
from capuy.documents.models import Secrecy
from capuy.documents.tests.helpers import D, DocumentsTestCase, make_document


class VisibilityTests(DocumentsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.resolution = cls.issue_cls(cls.district, "NQ")
        cls.secret = cls.issue_cls(cls.district, "NQ", secrecy=Secrecy.SECRET, title="về công tác cán bộ")
        cls.draft = make_document(cls.district, "TB", title="Dự thảo thông báo kết luận")
        cls.ward_resolution = cls.issue_cls(cls.ward, "NQ", title="của Đảng ủy phường Quảng An")
        cls.other_ward_secret = cls.issue_cls(cls.other_ward, "NQ", secrecy=Secrecy.TOP_SECRET)
        cls.outsider = make_user("nguoi.ngoai", make_person("Trịnh Văn Khách", None))

    @classmethod
    def issue_cls(cls, organization, symbol, **fields):
        return make_document(organization, symbol, issued_on=D(2023, 10, 5), signer=cls.secretary, **fields)

    def visible(self, user):
        return set(visible_documents(user))

    def test_district_office_sees_its_subtree_including_secret_and_drafts(self):
        self.assertEqual(self.visible(self.district_staff),
                         {self.resolution, self.secret, self.draft, self.ward_resolution, self.other_ward_secret})

    def test_ward_office_sees_its_own_and_the_district_s_ordinary_issued_documents(self):
        self.assertEqual(self.visible(self.ward_staff), {self.resolution, self.ward_resolution})

    def test_ward_office_does_not_see_another_ward_s_secret_documents(self):
        self.assertNotIn(self.other_ward_secret, self.visible(self.ward_staff))
        self.assertNotIn(self.secret, self.visible(self.other_ward_staff))

    def test_party_member_sees_issued_ordinary_documents_above_their_cell_only(self):
        self.assertEqual(self.visible(self.party_member), {self.resolution, self.ward_resolution})

    def test_a_document_given_to_a_cell_to_study_reaches_its_members_wherever_the_issuer_stands(self):
        from capuy.documents.models import StudyAssignment

        other_resolution = self.issue_cls(self.other_ward, "NQ", title="của Đảng ủy phường Nhật Tân")
        secret = self.issue_cls(self.other_ward, "NQ", secrecy=Secrecy.SECRET, title="về nhân sự")
        cell = self.party_member.grants.get().organization
        for document in (other_resolution, secret):
            StudyAssignment.objects.create(document=document, deadline=D(2023, 12, 1)).organizations.add(cell)
        visible = self.visible(self.party_member)
        self.assertIn(other_resolution, visible)  # not above the cell, but given to it to study
        self.assertNotIn(secret, visible)  # a secret one stays with the issuer's readers
        self.assertNotIn(other_resolution, self.visible(self.outsider))

    def test_a_user_without_any_role_and_anonymous_visitors_see_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        self.assertEqual(self.visible(self.outsider), set())
        self.assertEqual(self.visible(AnonymousUser()), set())

    def test_administrator_sees_everything(self):
        self.assertEqual(len(self.visible(self.admin)), 5)

    def test_committee_member_of_the_district_sees_its_secret_documents(self):
        self.assertIn(self.secret, self.visible(self.committee_member))

    def test_a_member_role_on_the_district_does_not_open_secret_documents(self):
        member = make_user("dangvien.quan", make_person("Lý Văn Tư", self.district), [(self.district, Role.MEMBER)])
        self.assertEqual(self.visible(member), {self.resolution})
