"""Background jobs: queued after commit, progress recorded, failures explained, seen only by their owner."""

from django.urls import reverse

from capuy.core import jobs
from capuy.core.models import BackgroundJob
from capuy.core.testing import CapuyTestCase


def count_to(job, n):
    for i in range(1, n + 1):
        job.progress(i, n, f"Đang đếm {i}")
    return {"counted": n, "message": f"Đã đếm đến {n}."}


def refuse(job):
    raise jobs.JobFailed(["Dòng 2: thiếu họ tên."], result={"errors": ["Dòng 2: thiếu họ tên."]})


def crash(job):
    raise RuntimeError("secret internals")


class JobRunTests(CapuyTestCase):
    def start(self, func, *args):
        with self.captureOnCommitCallbacks(execute=True):
            job = jobs.start("test", "Đếm thử", f"capuy.core.tests.test_jobs.{func}", *args, owner=self.ward_staff)
        job.refresh_from_db()
        return job

    def test_the_job_waits_for_the_commit_then_runs_and_keeps_its_result(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            job = jobs.start("test", "Đếm thử", "capuy.core.tests.test_jobs.count_to", 5, owner=self.ward_staff)
            self.assertEqual(BackgroundJob.objects.get(pk=job.pk).status, BackgroundJob.Status.QUEUED)
        self.assertEqual(len(callbacks), 1)
        callbacks[0]()
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.total, job.percent), (BackgroundJob.Status.DONE, 5, 5, 100))
        self.assertEqual(job.result, {"counted": 5, "message": "Đã đếm đến 5."})
        self.assertEqual(job.message, "Đã đếm đến 5.")
        self.assertIsNotNone(job.finished_at)

    def test_a_refused_job_shows_its_vietnamese_reasons(self):
        job = self.start("refuse")
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertEqual(job.error, "Dòng 2: thiếu họ tên.")
        self.assertEqual(job.result["errors"], ["Dòng 2: thiếu họ tên."])

    def test_an_unexpected_error_is_not_shown_to_the_user(self):
        with self.assertLogs("capuy.core.jobs", "ERROR"):
            job = self.start("crash")
        self.assertEqual(job.status, BackgroundJob.Status.FAILED)
        self.assertEqual(job.error, jobs.GENERIC_ERROR)
        self.assertNotIn("secret", job.error)

    def test_progress_is_visible_to_other_connections_while_the_job_runs(self):
        job = BackgroundJob.objects.create(kind="test", title="t", owner=self.ward_staff)
        job.progress(3, 10, "Đang đọc dòng 3", force=True)
        self.assertEqual(BackgroundJob.objects.values_list("done", "total", "message").get(pk=job.pk),
                         (3, 10, "Đang đọc dòng 3"))
        self.assertEqual(job.percent, 30)


class JobPageTests(CapuyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.job = BackgroundJob.objects.create(kind="test", title="Nhập danh sách đảng viên", owner=cls.ward_staff,
                                               status=BackgroundJob.Status.RUNNING, done=40, total=200,
                                               message="Đang kiểm tra dòng 40")

    def test_the_owner_sees_a_progress_bar_that_refreshes_itself(self):
        self.login(self.ward_staff)
        response = self.client.get(reverse("core:job", args=[self.job.pk]))
        self.assertContains(response, '<progress max="100" value="20"')
        self.assertContains(response, f'hx-get="{reverse("core:job_progress", args=[self.job.pk])}"')
        self.assertContains(response, 'hx-trigger="every 1s"')
        self.assertNotContains(response, "<script>")
        partial = self.client.get(reverse("core:job_progress", args=[self.job.pk]))
        self.assertContains(partial, "40/200")
        self.assertNotContains(partial, "<html")

    def test_a_finished_job_stops_polling_and_links_its_result(self):
        BackgroundJob.objects.filter(pk=self.job.pk).update(status=BackgroundJob.Status.DONE, result_url="/dang-vien/")
        self.login(self.ward_staff)
        response = self.client.get(reverse("core:job_progress", args=[self.job.pk]))
        self.assertNotContains(response, "hx-trigger")
        self.assertContains(response, 'href="/dang-vien/"')

    def test_running_jobs_are_listed_for_their_owner_to_come_back_to(self):
        self.login(self.ward_staff)
        response = self.client.get(reverse("core:jobs"))
        self.assertContains(response, "Việc đang chạy")
        self.assertContains(response, self.job.get_absolute_url())

    def test_it_refuses_a_job_to_another_user(self):
        self.login(self.other_ward_staff)
        for name in ("core:job", "core:job_progress"):
            self.assertEqual(self.client.get(reverse(name, args=[self.job.pk])).status_code, 404)
        self.assertNotContains(self.client.get(reverse("core:jobs")), "Nhập danh sách đảng viên")

    def test_it_refuses_a_job_to_a_staff_member_above_the_owner(self):
        self.login(self.district_staff)
        self.assertEqual(self.client.get(reverse("core:job", args=[self.job.pk])).status_code, 404)

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.client.get(reverse("core:job", args=[self.job.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_a_system_administrator_may_look_at_any_job(self):
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("core:job", args=[self.job.pk])), "Nhập danh sách đảng viên")
