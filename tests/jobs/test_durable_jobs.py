"""Durable background jobs (issue 14, item 5): a job left "running" by a worker that was killed runs again, or is
failed with a reason once it has been tried enough (its event log then says the analysis failed, never
"running 50 %" for ever); `kopa worker` goes on after the database was away for a few seconds."""

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kopa.jobs.models import Heartbeat
from kopa.jobs.services import recover_jobs
from kopa.lean import services
from kopa.lean.models import EventLog
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import STEPS, _service

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROOT = Path(__file__).resolve().parents[2]


def _upload():
    service = _service()
    services.save_map(service=service, steps=STEPS)
    return services.upload_event_log(service=service, data=LOG, name="Janvāris")


def _killed_while_running(log, worker_id: str, *, silent_for=timedelta(minutes=10)):
    """What a worker killed in the middle of the analysis leaves: the job claimed by it, the log at 50 %, and its
    last heartbeat long ago."""
    job = DBTaskResult.objects.get(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    job.claim(worker_id)
    EventLog.objects.filter(pk=log.pk).update(status=EventLog.Status.RUNNING, progress=50)
    Heartbeat.objects.update_or_create(worker_id=worker_id, defaults={
        "started_at": timezone.now() - timedelta(hours=1), "seen_at": timezone.now() - silent_for})
    return job


@pytest.mark.django_db(transaction=True)  # the worker closes old connections, as in production
@override_settings(TASKS=QUEUE)
def test_a_job_left_by_a_killed_worker_runs_again_and_the_log_is_analysed():
    log = _upload()
    job = _killed_while_running(log, "killed-1")

    assert recover_jobs() == {"retried": 1, "failed": 0}
    assert recover_jobs() == {"retried": 0, "failed": 0}  # run twice: nothing more
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    log.refresh_from_db()
    job.refresh_from_db()
    assert (log.status, log.progress, log.results["cases"]) == (EventLog.Status.DONE, 100, 3)
    assert job.status == TaskResultStatus.SUCCESSFUL and len(job.worker_ids) == 2
    assert list(Heartbeat.objects.values_list("worker_id", flat=True)) == ["killed-1"]  # the new one signed off


@pytest.mark.django_db(transaction=True)  # the worker closes old connections, as in production
@override_settings(TASKS=QUEUE, KOPA_JOB_ATTEMPTS=3)
def test_a_job_whose_workers_keep_dying_is_failed_with_a_reason_the_log_shows(client):
    log = _upload()
    for number in (1, 2):
        _killed_while_running(log, f"killed-{number}")
        assert recover_jobs()["retried"] == 1
    job = _killed_while_running(log, "killed-3")

    assert recover_jobs() == {"retried": 0, "failed": 1}

    job.refresh_from_db()
    log.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED and "killed-3" in job.traceback and "3 attempts" in job.traceback
    assert job.exception_class_path == "kopa.jobs.services.WorkerLost"
    assert log.status == EventLog.Status.FAILED and log.error.startswith("Analīze apturēta")


@pytest.mark.django_db(transaction=True)  # the worker closes old connections, as in production
@override_settings(TASKS=QUEUE)
def test_the_job_of_a_live_worker_and_a_recent_one_of_a_plain_db_worker_are_left_alone():
    log = _upload()
    job = _killed_while_running(log, "alive-1", silent_for=timedelta(seconds=5))
    assert recover_jobs() == {"retried": 0, "failed": 0}
    Heartbeat.objects.all().delete()  # now a worker that never beats (`kopa db_worker`), started a minute ago
    assert recover_jobs() == {"retried": 0, "failed": 0}
    # … until it has run for longer than any job should
    assert recover_jobs(timezone.now() + timedelta(hours=7)) == {"retried": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)  # the worker closes old connections, as in production
def test_administrators_see_the_jobs_and_the_workers_in_the_back_office(admin_client):
    with override_settings(TASKS=QUEUE):
        _upload()  # one job waiting
    Heartbeat.objects.create(worker_id="worker-on-app-2", host="app-2", started_at=timezone.now(),
                             seen_at=timezone.now())
    page = admin_client.get("/lv/admin/django_tasks_database/dbtaskresult/?status__exact=READY")
    assert page.status_code == 200 and "analyse_event_log" in page.content.decode()
    page = admin_client.get("/lv/admin/jobs/heartbeat/")
    assert page.status_code == 200 and "worker-on-app-2" in page.content.decode()


class Outage:
    """A TCP relay between the worker and PostgreSQL that the test can cut and restore: the worker sees the
    database go away (connections dropped, new ones refused) and come back at the same address."""

    def __init__(self, target):
        self.target = target
        self.port = None
        self.listener = None
        self.open = []
        self.start()

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port or 0))
        self.port = self.listener.getsockname()[1]
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        self.listener.close()
        for sock in self.open:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.open = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@override_settings(TASKS=QUEUE)
def test_the_worker_goes_on_after_the_database_was_away(postgres):
    db = connection.settings_dict
    relay = Outage((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{relay.port}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "tests.settings", "KOPA_TASK_BACKEND": "database",
        "KOPA_WORKER_BEAT_SECONDS": "1", "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, "-m", "django", "worker", "--interval", "0.2", "--no-reload",
                               "--no-startup-delay", "--worker-id", "outage-test"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait(lambda: Heartbeat.objects.filter(worker_id="outage-test").exists(), 60), "the worker never beat"
        relay.cut()
        time.sleep(4)  # the database is away; the plain db_worker would have exited here
        assert worker.poll() is None, worker.stdout.read() if worker.poll() is not None else ""
        relay.start()
        log = _upload()  # queued after the outage
        assert _wait(lambda: EventLog.objects.get(pk=log.pk).status == EventLog.Status.DONE, 60), \
            EventLog.objects.get(pk=log.pk).status
        assert worker.poll() is None
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        relay.cut()
    assert "the database is unavailable" in output
