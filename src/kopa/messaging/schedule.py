"""What `kopa run_scheduled` does each time a site runs it (every few minutes from cron or a systemd timer).
Every step is idempotent: run twice, nobody is told twice (messages carry a key), and a step that fails does not
stop the others."""

import logging
from datetime import datetime

from django.utils import timezone

from . import delivery
from .tasks import enqueue_delivery

log = logging.getLogger(__name__)


def retry_mail(now: datetime) -> str:
    ids = delivery.due_ids(now)
    enqueue_delivery(ids)
    return f"{len(ids)} message(s) handed to a worker again"


def expire_offers(now: datetime) -> str:
    from kopa.activities.services import expire_all_offers

    return f"expired offers passed on in {expire_all_offers(now)} activit(y/ies)"


def send_reminders(now: datetime) -> str:
    from kopa.activities.notices import send_reminders as remind

    return f"{remind(now)} reminder(s) queued"


STEPS = [expire_offers, send_reminders, retry_mail]


def run(now: datetime | None = None) -> list[str]:
    now = now or timezone.now()
    report = []
    for step in STEPS:
        try:
            report.append(f"{step.__name__}: {step(now)}")
        except Exception:  # one broken step must not keep reminders or retries from running
            log.exception("scheduled step %s failed", step.__name__)
            report.append(f"{step.__name__}: FAILED (see the log)")
    return report
