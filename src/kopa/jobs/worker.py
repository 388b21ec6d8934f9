"""`kopa worker`: django-tasks-db's worker, made durable.

- It beats (a row in jobs.Heartbeat every KOPA_WORKER_BEAT_SECONDS, from its own thread), so a job it leaves
  behind when killed is noticed by kopa.jobs.services.recover_jobs.
- It outlives a database outage: where db_worker exits on the first error that is not a lock, this one logs,
  waits (1, 2, 4 … up to 30 s) and goes on; a job that was running when the database went away is put back in
  the queue once it answers again.
"""

import logging
import socket
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection
from django.db import utils as db_utils
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kopa.audit import acting

from . import heartbeats

log = logging.getLogger("kopa.jobs")
DATABASE_ERRORS = (db_utils.OperationalError, db_utils.InterfaceError)


class DurableWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current: int | None = None
        self.started_at = timezone.now()
        self._stop = threading.Event()

    def _beat_forever(self):
        host = socket.gethostname()
        while not self._stop.is_set():
            try:
                heartbeats.beat(self.worker_id, host, self.started_at)
            except DATABASE_ERRORS as error:
                log.warning("worker %s: heartbeat not recorded (%s)", self.worker_id, error)
            finally:
                connection.close()  # this thread's own connection; a fresh one next time
            self._stop.wait(settings.KOPA_WORKER_BEAT_SECONDS)

    def run_task(self, db_task_result):
        self.current = db_task_result.pk
        try:
            with acting(channel="task"):  # what the job changes is logged as done by a background job
                return super().run_task(db_task_result)
        finally:
            self.current = None

    def run(self) -> None:
        beater = threading.Thread(target=self._beat_forever, name="kopa-heartbeat", daemon=True)
        beater.start()
        wait = 1
        try:
            while True:
                try:
                    self._requeue_interrupted()
                    super().run()
                    return
                except DATABASE_ERRORS as error:
                    if not self.running:
                        raise
                    log.warning("worker %s: the database is unavailable (%s); trying again in %d s",
                                self.worker_id, error, wait)
                    close_old_connections()
                    connection.close()
                    time.sleep(wait)
                    wait = min(wait * 2, 30)
        finally:
            self._stop.set()
            beater.join(timeout=5)
            try:
                heartbeats.stopped(self.worker_id)
            except DATABASE_ERRORS:
                pass

    def _requeue_interrupted(self):
        """The job that was running when the database went away has no result recorded: queue it again."""
        if self.current is not None:
            DBTaskResult.objects.filter(pk=self.current, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY)
            self.current = None
