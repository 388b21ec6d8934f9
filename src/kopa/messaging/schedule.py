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


def send_certificates(now: datetime) -> str:
    from kopa.activities.notices import send_certificates as tell

    return f"{tell(now)} certificate notice(s) queued"


def registration_digests(now: datetime) -> str:
    from .organiser_notices import send_registration_digests

    return f"{send_registration_digests(now)} digest(s) of new registrations queued"


def offers_expiring(now: datetime) -> str:
    from .organiser_notices import send_offer_warnings

    return f"{send_offer_warnings(now)} warning(s) of offers expiring queued"


def survey_response_rates(now: datetime) -> str:
    from .organiser_notices import send_response_rates

    return f"{send_response_rates(now)} response rate report(s) queued"


def survey_closing_notices(now: datetime) -> str:
    from .organiser_notices import send_closing_notices

    return f"{send_closing_notices(now)} closing notice(s) queued"


def recover_jobs(now: datetime) -> str:
    from kopa.jobs.services import recover_jobs as recover

    done = recover(now)
    return f"{done['retried']} abandoned job(s) queued again, {done['failed']} given up"


# Offers expire before the warnings are written, so an offer already passed on is not reported as expiring.
STEPS = [recover_jobs, expire_offers, send_reminders, send_certificates, registration_digests, offers_expiring,
         survey_response_rates, survey_closing_notices, retry_mail]


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
