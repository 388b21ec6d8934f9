"""Recipes for the privacy, jobs and messaging services."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kopa.activities.models import Activity, Registration
from kopa.directory.models import Person
from kopa.jobs.models import Heartbeat
from kopa.jobs.services import recover_jobs
from kopa.messaging import compose, template_services
from kopa.messaging import services as messaging
from kopa.privacy import services as privacy


def _person(w):
    return Person.objects.filter(erased_at__isnull=True, user__isnull=True).exclude(email="").order_by("pk").first()


def _activity(w):
    return Activity.objects.filter(project=w.project).order_by("pk").first()


def _erase_expired(w):
    w.project.programme.retention_years = 1  # the demo's project ended years ago
    w.project.programme.save()
    assert privacy.erase_expired()["people"]


def _recover(w):
    from kopa.messaging.mailings import send_mailing

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        send_mailing.enqueue(0)
    job = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    job.claim("killed-audit")
    Heartbeat.objects.create(worker_id="killed-audit", started_at=timezone.now() - timedelta(hours=1),
                             seen_at=timezone.now() - timedelta(hours=1))
    assert recover_jobs() == {"retried": 1, "failed": 0}


def _store(w):
    registration = Registration.objects.select_related("person", "activity").order_by("pk").first()
    message = compose.build("reminder", person=registration.person, activity=registration.activity,
                            context={"activity": str(registration.activity)})
    assert messaging.store([message])


def _queue(w):
    registration = Registration.objects.select_related("person", "activity").order_by("pk").first()
    assert messaging.queue("reminder", person=registration.person, activity=registration.activity,
                           context={"activity": str(registration.activity)}, key="audit-recipe")


def _save_template(w):
    messaging.save_template(code="reminder", by=w.coordinator, project=w.project,
                            subjects={"lv": "Atgādinājums: {activity}"}, bodies={"lv": "Gaidām jūs {activity}."})


def _reset_template(w):
    _save_template(w)
    assert template_services.reset_template(code="reminder", by=w.coordinator, project=w.project)


RECIPES = {
    "kopa.privacy.services.record_consent": lambda w: privacy.record_consent(
        person=_person(w), kind="photos", given=True, how="admin", by=w.admin),
    "kopa.privacy.services.erase_person": lambda w: privacy.erase_person(person=_person(w), by=w.admin,
                                                                         reason="asked in writing"),
    "kopa.privacy.services.erase_expired": _erase_expired,
    "kopa.jobs.services.recover_jobs": _recover,
    "kopa.messaging.services.store": _store,
    "kopa.messaging.services.queue": _queue,
    "kopa.messaging.services.save_template": _save_template,
    "kopa.messaging.services.opt_out": lambda w: messaging.opt_out(person=_person(w), by=None, how="page"),
    "kopa.messaging.template_services.reset_template": _reset_template,
}
