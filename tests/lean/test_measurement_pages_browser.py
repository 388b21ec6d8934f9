"""The LEAN team's measurement pages and the public pages that name their measurement meet WCAG 2.1 AA in the
three languages, and none is wider than a 320 px window (wide tables scroll inside their own box)."""

import pytest

from kopa.lean import services
from tests import factories
from tests.browser.test_accessibility import DESKTOP, NARROW, _axe_violations
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import STEPS
from tests.lean.test_measurements import TRIAL

pytestmark = [pytest.mark.browser]


def _page_wider_than_the_window(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def test_measurement_pages_meet_wcag_21_aa_and_fit_320_px(transactional_db, live_server, page):
    own = factories.organisation(name="Balvu novada pašvaldība")
    service_type = services.save_service_type(code="building-permit", names={"lv": "Būvatļauja", "en": "Permit"})
    service = services.save_service(organisation=own, service_type=service_type,
                                    names={"lv": "Būvatļauja Balvos", "en": "Building permit in Balvi"})
    step = services.save_map(service=service, steps=STEPS).steps.get(position=3)
    shown = services.upload_event_log(service=service, data=LOG, name="Janvāris 2024", published=True,
                                      source="Namejs")
    improvement = services.propose_improvement(step=step, kind="remove", title="Bez arhīva kopijas")
    services.set_improvement_status(improvement=improvement, status="approved")
    services.carry_out_improvement(improvement=improvement)
    trial = services.upload_event_log(service=service, data=TRIAL, name="Izmēģinājums", notes="Viena lieta")
    team = factories.partner_coordinator(own)

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(team.username)
    page.get_by_label("Password").fill("pw-test-123")
    page.get_by_role("button", name="Log in").click()
    paths = [f"lean/services/{service.pk}/measurements/", f"lean/measurements/{trial.pk}/",
             f"lean/measurements/{shown.pk}/", f"lean/measurements/{trial.pk}/delete/",
             f"lean/services/{service.pk}/measurements/compare/?a={shown.pk}&b={trial.pk}",
             f"lean/services/{service.pk}/", f"lean/compare/{service_type.code}/",
             f"lean/improvements/{improvement.pk}/"]
    problems = []
    for language in ("lv", "lt", "en"):
        for path in paths:
            page.set_viewport_size(DESKTOP)
            response = page.goto(f"{live_server.url}/{language}/{path}")
            assert response.status == 200, path
            found = _axe_violations(page, "1280 px")
            page.set_viewport_size(NARROW)
            found += _axe_violations(page, "320 px")
            if _page_wider_than_the_window(page):
                found.append("320 px: the page is wider than the window")
            if found:
                problems.append(f"{language}/{path}:\n" + "\n".join(found))
    assert not problems, "\n".join(problems)
