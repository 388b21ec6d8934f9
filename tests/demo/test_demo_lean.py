"""The LEAN demo shows a rework loop, a waiting bottleneck and a step worth removing."""

from kopa.lean import analysis
from kopa.lean.models import PublicService


def test_the_demo_service_is_mapped_in_three_municipalities_with_sample_logs(demo, client):
    services = PublicService.objects.filter(service_type__code="declaration-of-residence")
    assert {s.organisation.country.code for s in services} == {"LV", "LT"} and services.count() == 3
    service = services.get(organisation__slug="balvi-municipality")
    log = service.event_logs.get()
    assert log.sample
    result = analysis.LogAnalysis(**log.results)
    assert result.rework and result.rework[0]["activity"] in {"receive", "check"}
    assert result.waiting[0]["activity"] == "approve"  # the bottleneck
    steps = list(service.maps.get().steps.all())
    candidates = {c["step"].log_activity: c["reasons"] for c in analysis.elimination_candidates(steps, result)}
    assert "mostly_skipped" in candidates["register"]
    html = client.get(service.get_absolute_url()).content.decode()
    assert "sample data" in html or "parauga dati" in html
