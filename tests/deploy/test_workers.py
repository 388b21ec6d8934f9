"""`kopa worker` on several machines: django-tasks-db claims each job with SELECT … FOR UPDATE SKIP LOCKED inside a
transaction, so two workers started together over one PostgreSQL database share the queue and never run a job
twice."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kopa.jobs.models import Heartbeat
from tests.deploy.jobs import pause
from tests.deploy.servers import ROOT, database_url_for_servers

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBS = 16


@pytest.mark.postgres
@override_settings(TASKS=QUEUE)
def test_two_workers_share_the_queue_and_run_each_job_once(postgres, tmp_path):
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT),
                        "KOPA_TASK_BACKEND": "database", "KOPA_WORKER_BEAT_SECONDS": "1",
                        "DATABASE_URL": database_url_for_servers(connection, tmp_path)}
    workers = [subprocess.Popen([sys.executable, "-m", "django", "worker", "--interval", "0.1", "--no-reload",
                                 "--no-startup-delay", "--worker-id", f"machine-{n}"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
               for n in (1, 2)]
    try:
        assert _wait(lambda: Heartbeat.objects.filter(worker_id__startswith="machine-").count() == 2, 90)
        for number in range(JOBS):
            pause.enqueue(number)
        assert _wait(lambda: DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == JOBS, 90)
    finally:
        for worker in workers:
            worker.terminate()
        outputs = [worker.communicate(timeout=30)[0] for worker in workers]
    jobs = list(DBTaskResult.objects.all())
    assert len(jobs) == JOBS
    assert all(len(job.worker_ids) == 1 for job in jobs), outputs  # claimed once: never run by both
    assert {job.worker_ids[0] for job in jobs} == {"machine-1", "machine-2"}, outputs  # neither waited on the other


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
