from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from kopa.core.errors import DomainError, PermissionDenied
from kopa.lean import analysis, maps, services
from kopa.lean.models import EventLog, ProcessMap
from tests import factories
from tests.lean.test_analysis import LOG

pytestmark = pytest.mark.django_db

STEPS = [
    {
        "name_lv": "submit",
        "processing_minutes": 10,
        "waiting_minutes": 0,
        "value_class": "value_adding",
        "performer": "Klientu centrs",
    },
    {
        "name_lv": "check",
        "processing_minutes": 20,
        "waiting_minutes": 60,
        "value_class": "necessary",
        "handoff": True,
        "rework_to": 1,
    },
    {
        "name_lv": "copy to archive",
        "processing_minutes": 10,
        "waiting_minutes": 30,
        "value_class": "waste",
        "waste_kind": "over_processing",
        "handoff": True,
    },
    {
        "name_lv": "approve",
        "processing_minutes": 10,
        "waiting_minutes": 1440,
        "value_class": "value_adding",
        "handoff": True,
    },
]


def _service(organisation=None):
    organisation = organisation or factories.organisation()
    service_type = services.save_service_type(code="building-permit", names={"lv": "Būvatļauja"})
    return services.save_service(
        organisation=organisation, service_type=service_type, names={"lv": "Būvatļaujas izsniegšana"}
    )


def test_map_figures_are_computed_from_the_steps():
    process_map = services.save_map(service=_service(), steps=STEPS)
    figures = maps.figures(list(process_map.steps.all()))
    assert figures.processing_minutes == 50 and figures.waiting_minutes == 1530
    assert figures.lead_minutes == 1580
    assert figures.value_adding_minutes == 20
    assert figures.efficiency == Decimal(20) / Decimal(1580)
    assert figures.waste_minutes == 1530 + 10 and figures.handoffs == 3
    assert process_map.steps.get(position=2).rework_to.position == 1


def test_a_new_map_is_a_new_version():
    service = _service()
    first = services.save_map(service=service, steps=STEPS)
    second = services.save_map(service=service, steps=STEPS[:2], note="without the archive copy")
    assert (first.version, second.version) == (1, 2) and second.based_on == first
    assert ProcessMap.objects.filter(service=service).count() == 2


def test_a_bad_step_is_refused_and_nothing_saved():
    service = _service()
    bad = [dict(STEPS[0]), {"name_lv": "x", "processing_minutes": 5, "value_class": "waste"}]
    with translation.override("en"), pytest.raises(DomainError, match="Step 2 is waste"):
        services.save_map(service=service, steps=bad)
    assert not ProcessMap.objects.exists()


def test_an_uploaded_log_is_analysed_and_compared_with_the_map():
    service = _service()
    process_map = services.save_map(service=service, steps=STEPS)
    log = services.upload_event_log(service=service, data=LOG, name="2024. gada janvāris")
    assert log.status == EventLog.Status.DONE and log.results["cases"] == 3
    result = analysis.analyse(analysis.read_event_log(LOG))
    candidates = {
        c["step"].name_lv: c["reasons"] for c in analysis.elimination_candidates(list(process_map.steps.all()), result)
    }
    assert candidates["copy to archive"] == ["never_performed"]
    assert "repeated" in candidates["check"]  # one case in three checks twice
    assert "approve" not in candidates  # value-adding: waiting alone does not make it a candidate


def test_a_bad_upload_saves_nothing():
    service = _service()
    with pytest.raises(DomainError):
        services.upload_event_log(service=service, data=b"case_id,activity\n1,x\n", name="bad")
    assert not EventLog.objects.exists()


def test_only_the_municipality_team_edits_its_maps():
    own = factories.organisation()
    service = _service(own)
    team = factories.partner_coordinator(own)
    services.save_map(service=service, steps=STEPS, by=team)
    with pytest.raises(PermissionDenied):
        services.save_map(service=service, steps=STEPS, by=factories.partner_coordinator(factories.organisation()))


def test_the_analysis_runs_as_a_background_job_with_its_status_and_progress(client):
    from kopa.lean import tasks

    own = factories.organisation()
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    log = services.upload_event_log(service=service, data=LOG, name="Marts")
    assert (log.status, log.progress) == (EventLog.Status.DONE, 100)
    # A queued job that finds a file it cannot read marks the log as failed, with the reason.
    log.file.save("broken.csv", ContentFile(b""), save=True)
    with translation.override("en"):
        tasks.analyse_event_log.call(log.pk)
    log.refresh_from_db()
    assert log.status == EventLog.Status.FAILED and "empty" in log.error
    client.force_login(factories.partner_coordinator(own))
    html = client.get(f"/en/lean/services/{service.pk}/measurements/").content.decode()
    assert "could not be analysed" in html and "empty" in html
