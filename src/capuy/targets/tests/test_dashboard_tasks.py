"""The chain target → task: the dashboard of an indicator lists the open tasks working toward it, and a task links
to the dashboard of each of its indicators."""

import datetime

from capuy.tasks.models import Task

from .base import TargetsTestCase


class IndicatorTaskLinkTests(TargetsTestCase):
    def task(self, organization, title, **extra):
        task = Task.objects.create(organization=organization, lead_organization=organization, title=title,
                                   start_date=datetime.date(2023, 1, 1), deadline=datetime.date(2023, 12, 31), **extra)
        task.indicators.add(self.industry)
        return task

    def test_the_indicators_dashboard_lists_the_tasks_of_the_subtree_working_toward_it(self):
        ward_task = self.task(self.ward, "Thu hút đầu tư công nghiệp phường Quảng An")
        self.task(self.other_ward, "Thu hút đầu tư công nghiệp phường Nhật Tân")
        self.task(self.ward, "Việc đã xong", closed=True)
        self.login(self.ward_staff)
        page = self.client.get(f"/chi-tieu/to-chuc/{self.ward.pk}/?chi-tieu={self.industry.code}").content.decode()
        assert f'href="{ward_task.get_absolute_url()}"' in page
        assert "phường Nhật Tân" not in page and "Việc đã xong" not in page

    def test_a_task_links_to_the_dashboard_of_its_indicator(self):
        task = self.task(self.district, "Phát triển công nghiệp ngoài quốc doanh")
        self.login(self.district_staff)
        page = self.client.get(task.get_absolute_url()).content.decode()
        assert f'href="/chi-tieu/to-chuc/{self.district.pk}/?chi-tieu={self.industry.code}"' in page
