"""Recipes for the LEAN services: on the demo's services, measurements and maps, as the administrator."""

from datetime import timedelta

from django.utils import timezone

from kopa.lean import services
from kopa.lean.models import EventLog, PublicService, ServiceType

LOG = b"""case_id,activity,timestamp,resource
A,submit,2024-01-01 09:00,clerk
A,check,2024-01-01 09:30,officer
B,submit,2024-01-02 09:00,clerk
B,check,2024-01-02 10:00,officer
"""
STEP = {"name_lv": "Pieņemt iesniegumu", "processing_minutes": 10, "waiting_minutes": 0,
        "value_class": "value_adding"}


def _service():
    return PublicService.objects.order_by("pk").first()


def _published_log():
    return EventLog.objects.filter(published=True).order_by("pk").first()


def _upload(w):
    return services.upload_event_log(service=_service(), data=LOG, name="Audita mērījums", by=w.admin)


def _last_step():
    return _service().maps.order_by("-version").first().steps.order_by("position").last()


def _proposed(w, kind="automate"):
    return services.propose_improvement(step=_last_step(), kind=kind, title="Audita uzlabojums", by=w.admin)


def _carry_out(w):
    improvement = _proposed(w, kind="remove")
    services.set_improvement_status(improvement=improvement, status="approved", by=w.admin)
    services.carry_out_improvement(improvement=improvement, by=w.admin)


def _case(w, ref="AUDITS-1"):
    services.record_case(service=_service(), case_ref=ref, by=w.admin,
                         events=[("submit", timezone.now() - timedelta(hours=2), "clerk")])


def _save_service(w):
    other = ServiceType.objects.create(code="audit-check", name_lv="Audita pārbaude")
    services.save_service(organisation=_service().organisation, service_type=other, by=w.admin,
                          names={"lv": "Audita pakalpojums"})


def _delete_case(w):
    _case(w)
    services.delete_recorded_case(service=_service(), case_ref="AUDITS-1", by=w.admin)


def _analyse_cases(w):
    _case(w)
    services.analyse_recorded_cases(service=_service(), by=w.admin)


def _abandoned(w):
    log = _published_log()
    EventLog.objects.filter(pk=log.pk).update(status=EventLog.Status.RUNNING, progress=50)
    assert services.analysis_abandoned(log.pk).status == EventLog.Status.FAILED


RECIPES = {
    "kopa.lean.services.save_service_type": lambda w: services.save_service_type(
        code="audit-check", names={"lv": "Audita pārbaude"}),
    "kopa.lean.services.save_service": _save_service,
    "kopa.lean.services.save_map": lambda w: services.save_map(service=_service(), steps=[STEP], by=w.admin),
    "kopa.lean.services.upload_event_log": _upload,
    "kopa.lean.services.describe_measurement": lambda w: services.describe_measurement(
        log=_published_log(), by=w.admin, name="Pārdēvēts mērījums"),
    "kopa.lean.services.set_published": lambda w: services.set_published(
        log=_published_log(), published=False, by=w.admin),
    "kopa.lean.services.delete_measurement": lambda w: services.delete_measurement(log=_upload(w), by=w.admin),
    "kopa.lean.services.propose_improvement": _proposed,
    "kopa.lean.services.set_improvement_status": lambda w: services.set_improvement_status(
        improvement=_proposed(w), status="approved", by=w.admin),
    "kopa.lean.services.carry_out_improvement": _carry_out,
    "kopa.lean.services.record_case": _case,
    "kopa.lean.services.delete_recorded_case": _delete_case,
    "kopa.lean.services.analyse_recorded_cases": _analyse_cases,
    "kopa.lean.services.analysis_abandoned": _abandoned,
}
