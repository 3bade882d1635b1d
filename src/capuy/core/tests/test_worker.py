"""The real queue: a job goes through django-q2's database broker to a worker and back, not the sync shortcut.

On PostgreSQL (or a SQLite file) a ``capuy qcluster`` process is started against the test database. SQLite's
test database lives in this process's memory, where no other process can read it; there the cluster's own
pusher, worker and monitor functions run in this process, one after the other, on the same broker.
"""

import multiprocessing
import os
import queue
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.test import TransactionTestCase
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import OrmQ, Success
from django_q.monitor import monitor
from django_q.signing import SignedPackage
from django_q.worker import worker

from capuy.core import jobs
from capuy.core.models import BackgroundJob

SRC = Path(__file__).resolve().parents[3]
WAIT_SECONDS = 90


def _database_url() -> str | None:
    """A URL for the test database that another process can open, or None when it is in memory."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host, port = settings.get("HOST") or "127.0.0.1", settings.get("PORT") or 5432
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        return f"postgres://{settings['USER']}{password}@{host}:{port}/{settings['NAME']}"
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return f"sqlite:///{settings['NAME']}"
    return None


def _run_cluster_in_this_process():
    broker = get_broker()
    tasks, results = queue.Queue(), queue.Queue()
    for ack_id, payload in broker.dequeue() or []:
        task = SignedPackage.loads(payload)
        task["ack_id"] = ack_id
        tasks.put(task)
    tasks.put("STOP")
    worker(tasks, results, multiprocessing.Value("f", -1))
    results.put("STOP")
    monitor(results, broker)


@pytest.mark.stack
class RealWorkerTests(TransactionTestCase):
    def test_a_queued_job_is_run_by_a_worker_through_the_database_broker(self):
        with mock.patch.object(Conf, "SYNC", False):
            job = jobs.start("test", "Đếm qua hàng đợi", "capuy.core.tests.test_jobs.count_to", 7)
        # Queued in the database, not run yet.
        self.assertEqual(BackgroundJob.objects.get(pk=job.pk).status, BackgroundJob.Status.QUEUED)
        self.assertEqual(OrmQ.objects.count(), 1)

        url = _database_url()
        if url is None:
            _run_cluster_in_this_process()
        else:
            self._run_qcluster_until_done(job, url)

        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.total), (BackgroundJob.Status.DONE, 7, 7))
        self.assertEqual(job.result["counted"], 7)
        self.assertTrue(Success.objects.filter(func="capuy.core.jobs.run").exists())
        self.assertEqual(OrmQ.objects.count(), 0)  # acknowledged

    def _run_qcluster_until_done(self, job, url):
        env = {**os.environ, "DATABASE_URL": url, "CAPUY_QUEUE_SYNC": "0", "CAPUY_QUEUE_WORKERS": "1",
               "PYTHONPATH": str(SRC)}
        env.pop("REDIS_URL", None)
        process = subprocess.Popen([sys.executable, "-m", "capuy", "qcluster"], env=env, cwd=SRC.parent,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline and process.poll() is None:
                if BackgroundJob.objects.get(pk=job.pk).finished and Success.objects.exists():
                    break
                time.sleep(0.2)  # waiting for another process: poll the database until the job ends
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                output = process.communicate(timeout=30)[0].decode(errors="replace")
            except subprocess.TimeoutExpired:
                process.kill()
                output = process.communicate()[0].decode(errors="replace")
        self.assertTrue(BackgroundJob.objects.get(pk=job.pk).finished, f"Worker did not finish the job:\n{output}")
