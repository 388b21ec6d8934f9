"""The LEAN demo shows a rework loop, a waiting bottleneck and a step worth removing."""

from kopa.lean import analysis
from kopa.lean.models import PublicService


def test_the_demo_service_is_mapped_in_three_municipalities_with_sample_logs(demo, client):
    services = PublicService.objects.filter(service_type__code="declaration-of-residence")
    assert {s.organisation.country.code for s in services} == {"LV", "LT"} and services.count() == 3
    service = services.get(organisation__slug="balvi-municipality")
    log = service.event_logs.get(name__startswith="2023")
    assert log.sample
    result = analysis.LogAnalysis(**log.results)
    assert result.rework and result.rework[0]["activity"] in {"receive", "check"}
    assert result.waiting[0]["activity"] == "approve"  # the bottleneck
    steps = list(service.maps.get(version=1).steps.all())
    candidates = {c["step"].log_activity: c["reasons"] for c in analysis.elimination_candidates(steps, result)}
    assert "mostly_skipped" in candidates["register"]
    html = client.get(service.get_absolute_url()).content.decode()
    assert "sample data" in html or "parauga dati" in html


def test_the_demo_improvement_has_its_before_and_after(demo, client):
    from kopa.lean.models import Improvement

    improvement = Improvement.objects.get(step__process_map__service__organisation__slug="balvi-municipality")
    assert improvement.status == "done" and improvement.result_map.version == 2
    service = improvement.step.process_map.service
    before = service.event_logs.get(process_map__version=1).results["case_duration_median_s"]
    after = service.event_logs.get(process_map__version=2).results["case_duration_median_s"]
    assert after < before
    html = client.get(f"/en/lean/improvements/{improvement.pk}/").content.decode()
    assert "Stop registering the application in the document system" in html and "not measured yet" not in html
