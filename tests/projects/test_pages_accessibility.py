"""The new project and programme pages meet WCAG 2.1 AA in the real browser (axe-core), reflow at 320 px, in the
three languages — with the states that matter: amounts in litas and kroner, outputs, a duplicate warning."""

from datetime import date
from decimal import Decimal

import pytest

from kopa.projects import services
from tests import factories
from tests.browser.test_accessibility import DESKTOP, NARROW, _axe_violations, _wider_than_the_window

pytestmark = [pytest.mark.browser, pytest.mark.presentation, pytest.mark.django_db(transaction=True)]


def _problems(page, url, language) -> list[str]:
    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    found = [] if response.status == 200 else [f"answered {response.status}"]
    found += _axe_violations(page, "1280 px")
    page.set_viewport_size(NARROW)
    found += _axe_violations(page, "320 px")
    found += [f"320 px: wider than the window: {element}" for element in _wider_than_the_window(page)]
    return [f"{url} in {language}:\n" + "\n".join(found)] if found else []


def test_project_programme_and_rate_pages_meet_wcag_21_aa(live_server, page):
    coordinator = factories.partner_coordinator(factories.organisation())
    services.add_exchange_rate(currency="NOK", date=date(2024, 3, 1), rate=Decimal("11.56"), source="Norges Bank",
                               by=coordinator)
    programme = services.add_programme(by=coordinator, names={"lv": "Mazo grantu programma"}, confirm_new=True)
    services.add_call(programme=programme, titles={"lv": "Otrais konkurss"}, start_date=date(2020, 1, 1),
                      end_date=date(2020, 3, 1), amount=Decimal("1000000"), currency="LTL")
    services.add_priority(programme=programme, titles={"lv": "Sadarbība"}, code="1")
    project = services.create_project(by=coordinator, title_lv="Jauniešu apmaiņa", programme=programme,
                                      end_date=date(2019, 4, 30), total_amount=Decimal("1000000"),
                                      total_currency="LTL", confirm_new=True)
    services.add_partner(project=project, organisation=factories.organisation(), role="lead_partner",
                         budget_amount=Decimal("100000"), budget_currency="NOK", agreement_number="PA-1")
    services.add_output(project=project, kind="guideline", title_lv="Vadlīnijas", links=[("https://example.org", "")])
    services.add_achievement(project=project, what_lv="speciālisti", value=120, qualifier="more_than")
    # Log in through the form, as a coordinator does.
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=username]", coordinator.username)
    page.fill("input[name=password]", "pw-test-123")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    problems = []
    for language in ("lv", "lt", "en"):
        base = f"{live_server.url}/{language}/projects"
        for path in (f"/{project.pk}/", f"/programmes/{programme.code}/", "/programmes/", "/rates/", "/new/",
                     f"/programmes/{programme.code}/edit/", f"/{project.pk}/add/output/"):
            problems += _problems(page, base + path, language)
    # The duplicate warning, as a coordinator sees it after submitting a title that exists.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/en/projects/new/")
    page.locator("details.other-language:has(#id_project-title_lv) > summary").click()  # folded on an English page
    page.fill("#id_project-title_lv", "Jauniešu apmaiņas")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.get_by_role("heading", name="It may already be recorded").is_visible()
    problems += [f"duplicate warning: {line}" for line in _axe_violations(page, "1280 px")]
    assert not problems, "\n".join(problems)
