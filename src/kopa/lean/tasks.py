"""Background jobs of the LEAN app (Django's Tasks API through django-tasks).

With the default ImmediateBackend a job runs at once, in the request that enqueued it (development,
tests, small installations); a production site configures a queue backend in TASKS and runs workers,
and the service page shows the log's status and progress meanwhile.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext
from django_tasks import task

from kopa.audit import audited, log_action

from . import analysis, uploads
from .models import EventLog
from .workhours import WorkingCalendar


@task()
@audited(atomic=False)  # the progress it writes is read by the service page while it runs
def analyse_event_log(log_id: int) -> None:
    log = EventLog.objects.select_related("service__organisation__country").get(pk=log_id)
    _progress(log, EventLog.Status.RUNNING, 10)
    calendar = None
    if log.duration_basis == EventLog.Basis.WORKING:
        country = log.service.organisation.country  # none for an international body: weekends only
        calendar = WorkingCalendar(country.code if country else "")
    try:
        with uploads.unpacked(log.file) as path:  # a compressed log is unpacked into a temporary file, within the limit
            _progress(log, EventLog.Status.RUNNING, 30)
            events = analysis.read_event_log(path)  # the one parse of the upload: the request only checked its head
        _progress(log, EventLog.Status.RUNNING, 50)
        result = analysis.analyse(events, calendar)
    except analysis.EventLogError as error:
        _failed(log, str(error))
        return
    except Exception:
        # Never left "being analysed" for ever: the page says it failed, the worker's log has the traceback.
        _failed(log, gettext("The analysis stopped on an unexpected error; the administrator has the details."))
        raise
    with transaction.atomic():
        log = EventLog.objects.select_for_update().get(pk=log_id)
        log.results = result.as_dict()  # plain lists, dicts, numbers and strings
        log.period_start = events["ts"].min().date()
        log.period_end = events["ts"].max().date()
        log.status, log.progress = EventLog.Status.DONE, 100
        log.save()
    _tell(log)


def _failed(log: EventLog, message: str) -> None:
    EventLog.objects.filter(pk=log.pk).update(status=EventLog.Status.FAILED, error=message, progress=100)
    log_action(log, "lean.analyse_event_log", note=message[:300],
               changes={"status": {"old": log.status, "new": EventLog.Status.FAILED}})
    _tell(log, message)


def _tell(log: EventLog, reason: str = "") -> None:
    """The team hears the analysis finished or failed; a notice that cannot be written never changes the log's
    outcome (the worker's log keeps why)."""
    from kopa.messaging.organiser_notices import log_finished  # messaging sits above lean

    try:
        log_finished(log, reason)
    except Exception:
        logging.getLogger(__name__).exception("could not tell the team about event log %s", log.pk)


def _progress(log: EventLog, status: str, percent: int) -> None:
    EventLog.objects.filter(pk=log.pk).update(status=status, progress=percent)

