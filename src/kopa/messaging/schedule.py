"""What `kopa run_scheduled` does each time a site runs it (every few minutes from cron or a systemd timer).
Every step is idempotent: run twice, nobody is told twice (messages carry a key), nothing is erased twice, and a
step that fails does not stop the others."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One scheduled step: the function run with the time of the run (imported when it runs: the apps it calls
    import messaging), and what its report says of its result — a number, or a dict of numbers."""

    name: str
    function: str
    says: str

    def __call__(self, now: datetime) -> str:
        result = import_string(self.function)(now)
        return self.says.format(**result) if isinstance(result, dict) else self.says.format(n=result)


def _retry_mail(now: datetime) -> int:
    from . import delivery
    from .tasks import enqueue_delivery

    ids = delivery.due_ids(now)
    enqueue_delivery(ids)
    return len(ids)


def _expire_offers(now: datetime) -> int:
    from kopa.activities.services import expire_all_offers

    return expire_all_offers(now)


def _remove_expired_exports(now: datetime) -> int:
    from kopa.exports.services import remove_expired_exports

    return remove_expired_exports(now)


def _erase_expired(now: datetime) -> int:
    from kopa.privacy.services import erase_expired

    return len(erase_expired(today=timezone.localdate(now))["people"])


# Offers expire before the warnings are written, so an offer already passed on is not reported as expiring.
STEPS = [
    Step("recover_jobs", "kopa.jobs.services.recover_jobs",
         "{retried} abandoned job(s) queued again, {failed} given up"),
    Step("expire_offers", "kopa.messaging.schedule._expire_offers", "expired offers passed on in {n} activit(y/ies)"),
    Step("send_reminders", "kopa.activities.notices.send_reminders", "{n} reminder(s) queued"),
    Step("send_certificates", "kopa.activities.notices.send_certificates", "{n} certificate notice(s) queued"),
    Step("registration_digests", "kopa.messaging.organiser_notices.send_registration_digests",
         "{n} digest(s) of new registrations queued"),
    Step("offers_expiring", "kopa.messaging.organiser_notices.send_offer_warnings",
         "{n} warning(s) of offers expiring queued"),
    Step("survey_response_rates", "kopa.messaging.organiser_notices.send_response_rates",
         "{n} response rate report(s) queued"),
    Step("survey_closing_notices", "kopa.messaging.organiser_notices.send_closing_notices",
         "{n} closing notice(s) queued"),
    Step("erase_expired", "kopa.messaging.schedule._erase_expired", "{n} person(s) erased whose retention passed"),
    Step("expired_exports", "kopa.messaging.schedule._remove_expired_exports", "{n} expired export file(s) removed"),
    Step("retry_mail", "kopa.messaging.schedule._retry_mail", "{n} message(s) handed to a worker again"),
]


def run(now: datetime | None = None) -> list[str]:
    now = now or timezone.now()
    report = []
    for step in STEPS:
        try:
            report.append(f"{step.name}: {step(now)}")
        except Exception:  # one broken step must not keep reminders or retries from running
            log.exception("scheduled step %s failed", step.name)
            report.append(f"{step.name}: FAILED (see the log)")
    return report
