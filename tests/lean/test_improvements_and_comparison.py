from datetime import date

import pytest
from django.utils import translation

from kopa.core.errors import DomainError
from kopa.directory import services as directory
from kopa.lean import comparison, maps, services
from kopa.lean.models import Improvement
from tests import factories
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import STEPS

pytestmark = pytest.mark.django_db


def _service(organisation, service_type, volume=None):
    return services.save_service(
        organisation=organisation,
        service_type=service_type,
        names={"lv": f"Pakalpojums {organisation.pk}"},
        yearly_volume=volume,
    )


def test_an_improvement_is_carried_through_to_a_new_map_with_before_and_after(client):
    service_type = services.save_service_type(code="residence", names={"lv": "Deklarēšana"})
    service = _service(factories.organisation(), service_type)
    old_map = services.save_map(service=service, steps=STEPS)
    archive = old_map.steps.get(position=3)
    improvement = services.propose_improvement(step=archive, kind="remove", title="Atteikties no arhīva kopijas")
    with pytest.raises(DomainError):
        services.carry_out_improvement(improvement=improvement)  # not approved yet
    services.set_improvement_status(improvement=improvement, status="approved")
    new_map = services.carry_out_improvement(improvement=improvement)
    improvement.refresh_from_db()
    assert improvement.status == Improvement.Status.DONE and improvement.result_map == new_map
    assert new_map.version == 2 and [s.name_lv for s in new_map.steps.all()] == ["submit", "check", "approve"]
    assert new_map.steps.get(name_lv="check").rework_to.name_lv == "submit"  # links follow the new positions
    before, after = maps.figures(list(old_map.steps.all())), maps.figures(list(new_map.steps.all()))
    assert after.lead_minutes == before.lead_minutes - 40
    html = client.get(f"/en/lean/improvements/{improvement.pk}/").content.decode()
    assert "Before and after" in html and "1.1 d" in html  # 1,580 min before → 1,540 min after


def test_a_wrong_status_change_is_refused_with_a_message():
    service_type = services.save_service_type(code="residence", names={"lv": "Deklarēšana"})
    service = _service(factories.organisation(), service_type)
    step = services.save_map(service=service, steps=STEPS).steps.first()
    improvement = services.propose_improvement(step=step, kind="automate", title="E-pakalpojums")
    with translation.override("en"), pytest.raises(DomainError, match="cannot become"):
        services.set_improvement_status(improvement=improvement, status="done")


def test_the_comparison_uses_the_population_of_the_measured_year_and_never_divides_by_nothing(client):
    service_type = services.save_service_type(code="residence", names={"lv": "Deklarēšana", "en": "Residence"})
    with_figures = factories.municipality(name="Balvu novads")
    directory.record_population(municipality=with_figures, value=11715, source="CSB", on_date=date(2020, 1, 1))
    directory.record_population(municipality=with_figures, value=10000, source="CSB", on_date=date(2025, 1, 1))
    without = factories.municipality(name="Bez datiem")
    measured = _service(factories.organisation(municipality=with_figures), service_type, volume=960)
    unknown = _service(factories.organisation(municipality=without), service_type, volume=500)
    services.save_map(service=measured, steps=STEPS)
    services.upload_event_log(service=measured, data=LOG, name="2024", published=True)  # cases of January 2024
    rows = {row.service.pk: row for row in comparison.compare(service_type)}
    assert rows[measured.pk].year == 2024
    assert rows[measured.pk].population == 11715  # the 2020 figure, not the later one
    assert str(rows[measured.pk].cases_per_thousand) == "81.95"  # 960 × 1000 / 11 715
    assert rows[unknown.pk].population is None and rows[unknown.pk].cases_per_thousand is None
    html = client.get("/en/lean/compare/residence/").content.decode()
    assert "no population figure" in html and "81.95" in html


def test_the_a3_report_carries_the_change_and_its_figures(client):
    import io

    from pypdf import PdfReader

    service_type = services.save_service_type(code="residence", names={"lv": "Deklarēšana"})
    service = _service(factories.organisation(), service_type)
    step = services.save_map(service=service, steps=STEPS).steps.get(position=3)
    improvement = services.propose_improvement(step=step, kind="remove", title="Atteikties no arhīva kopijas")
    services.set_improvement_status(improvement=improvement, status="approved")
    services.carry_out_improvement(improvement=improvement)
    response = client.get(f"/lv/lean/improvements/{improvement.pk}/a3.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Atteikties no arhīva kopijas" in text and "copy to archive" in text


def test_a_removal_proposed_on_an_older_map_does_not_undo_later_changes():
    from kopa.lean.models import ProcessMap
    from tests.lean.test_maps_and_services import _service as a_service

    service = a_service()
    first = services.save_map(service=service, steps=STEPS)
    improvement = services.propose_improvement(step=first.steps.get(position=3), kind="remove", title="Bez arhīva")
    services.set_improvement_status(improvement=improvement, status="approved")
    services.save_map(service=service, steps=[{**STEPS[0], "name_lv": "Pieņemšana"}, *STEPS[1:]])
    with translation.override("en"), pytest.raises(DomainError, match="has changed since"):
        services.carry_out_improvement(improvement=improvement)
    assert ProcessMap.objects.filter(service=service).count() == 2


def test_a_service_page_lists_its_newest_improvements_with_all_of_them_a_page_at_a_time(client):
    from kopa.lean.views import IMPROVEMENTS_SHOWN

    service_type = services.save_service_type(code="residence", names={"lv": "Deklarēšana"})
    service = _service(factories.organisation(), service_type)
    step = services.save_map(service=service, steps=STEPS).steps.get(position=3)
    for number in range(IMPROVEMENTS_SHOWN + 4):
        services.propose_improvement(step=step, kind="remove", title=f"Uzlabojums {number:02}")
    services.save_map(service=service, steps=STEPS)  # a second version: the page shows the current one

    page = client.get(service.get_absolute_url()).content.decode()
    assert page.count("Uzlabojums ") == IMPROVEMENTS_SHOWN and "Uzlabojums 23" in page and "Uzlabojums 00" not in page
    assert f"Visi {IMPROVEMENTS_SHOWN + 4} uzlabojumi →" in page
    whole = client.get(service.get_absolute_url() + "?list=improvements")
    assert whole.context["page"].paginator.count == IMPROVEMENTS_SHOWN + 4
    assert "Uzlabojums 00" in whole.content.decode()
