"""The notification inbox of "Trang của tôi": the member's invitations and other work, read and unread."""

import datetime

from django.urls import reverse
from django.utils import timezone

from capuy.conferences.models import Conference, Invitation
from capuy.core.testing import CapuyTestCase
from capuy.members import notifications
from capuy.members.models import NotificationRead


class NotificationTests(CapuyTestCase):
    def setUp(self):
        self.conference = Conference.objects.create(body=self.bch, venue="Hội trường Quận ủy",
                                                    date=timezone.localdate() + datetime.timedelta(days=7),
                                                    status=Conference.Status.INVITED)
        Invitation.objects.create(conference=self.conference, person=self.member_person, sent_at=timezone.now())
        self.invitation_url = reverse("conferences:invitation", args=[self.conference.pk])

    def note(self, user=None):
        return next(n for n in notifications.for_user(user or self.party_member) if n.url == self.invitation_url)

    def test_a_new_invitation_is_an_unread_notification_with_a_badge_on_my_page(self):
        self.login(self.party_member)
        page = self.client.get(reverse("members:me")).content.decode()
        assert 'id="thong-bao-chua-doc">1<span class="sr-only"> thông báo</span> chưa đọc' in page
        assert "Giấy mời họp" in page and "Chưa đọc" in page

    def test_marking_it_read_keeps_it_listed_as_read_and_clears_the_badge(self):
        self.login(self.party_member)
        self.client.post(reverse("members:notification_read"), {"key": self.note().key})
        assert self.note().read
        page = self.client.get(reverse("members:notifications")).content.decode()
        assert 'id="thong-bao-chua-doc">0 chưa đọc' in page and "Đã đọc" in page

    def test_opening_it_marks_it_read_and_goes_to_the_invitation(self):
        self.login(self.party_member)
        response = self.client.post(reverse("members:notification_read"), {"key": self.note().key, "mo": "1"})
        assert response.status_code == 302 and response["Location"] == self.invitation_url
        assert self.note().read

    def test_marking_all_read(self):
        self.login(self.party_member)
        response = self.client.post(reverse("members:notifications_read_all"), follow=True)
        assert "Đã đánh dấu 1 thông báo là đã đọc." in response.content.decode()
        assert notifications.unread_count(notifications.for_user(self.party_member)) == 0

    def test_it_refuses_a_key_of_another_persons_notification(self):
        key = self.note().key
        for user in (self.other_ward_staff, self.committee_member):
            self.login(user)
            assert self.client.post(reverse("members:notification_read"), {"key": key}).status_code == 404
        assert not NotificationRead.objects.exists()

    def test_it_refuses_anonymous_visitors(self):
        for name in ("members:notifications", "members:notification_read", "members:notifications_read_all"):
            response = self.client.post(reverse(name), {"key": "x"})
            assert response.status_code == 302 and "/dang-nhap/" in response["Location"], name
        assert not NotificationRead.objects.exists()
