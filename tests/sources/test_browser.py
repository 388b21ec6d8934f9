"""The organiser page of a record's sources in the real browser: WCAG 2.1 AA (axe-core) in three languages,
at 1280 and 320 CSS pixels, with its list, its form and its error state."""

import re

import pytest

from kopa.sources import services
from tests.browser.test_accessibility import DESKTOP, NARROW, _axe_violations, _wider_than_the_window

from .builders import organiser_and_coordinator, source

pytestmark = [pytest.mark.browser]


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-test-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/en/my-work/$"))  # signed-in users land on their work


def test_the_organiser_page_of_sources_meets_wcag_21_aa(transactional_db, live_server, page):
    _organisation, activity, coordinator = organiser_and_coordinator()
    services.cite(record=activity, source=source(url="https://example.lt/naujiena", language="lt",
                                                 title="Kooperacija su Utena"), by=coordinator, locator="p. 3")
    _log_in(page, live_server, coordinator.username)
    problems = []
    for language in ("lv", "lt", "en"):
        page.set_viewport_size(DESKTOP)
        page.goto(f"{live_server.url}/{language}/sources/cite/activities.activity/{activity.pk}/")
        assert page.locator("cite[lang=lt]").count() == 1
        found = _axe_violations(page, "1280 px")
        with page.expect_navigation():  # sent empty: the error state
            page.locator("main form:not(.inline) button[type=submit]").click()
        assert page.locator(".field-error").count() >= 1
        found += _axe_violations(page, "1280 px, errors")
        page.set_viewport_size(NARROW)
        found += _axe_violations(page, "320 px")
        found += [f"320 px: wider than the window: {element}" for element in _wider_than_the_window(page)]
        if found:
            problems.append(f"{language}:\n" + "\n".join(found))
    assert not problems, "\n".join(problems)
