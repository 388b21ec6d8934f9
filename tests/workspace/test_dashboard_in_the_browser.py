"""The demo coordinator logs in, lands on My work in Latvian, and axe finds no WCAG 2.1 A/AA violation at 1280 and
320 px; at 320 px nothing but the activities' table (which scrolls in its own box) is wider than the window."""

import pytest
from django.contrib.auth import get_user_model

from kopa.demo import facts
from kopa.projects.models import Project
from tests.browser.test_accessibility import DESKTOP, NARROW, _axe_violations, _wider_than_the_window

from .situations import held_without_article, offer_about_to_expire, survey_running

pytestmark = [pytest.mark.browser, pytest.mark.presentation]


def test_my_work_in_latvian_meets_wcag_21_aa_and_reflows_at_320_px(transactional_demo, live_server, page):
    coordinator = get_user_model().objects.get(username="coordinator")
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    offer_about_to_expire(project, by=coordinator)
    held_without_article(project)
    survey_running(project)

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/lv/accounts/login/")
    page.locator("input[name=username]").fill("coordinator")
    page.locator("input[name=password]").fill(facts.DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    assert page.url == f"{live_server.url}/lv/my-work/"  # where a signed-in user lands
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.get_by_role("heading", level=1, name="Mans darbs").is_visible()
    assert page.get_by_role("heading", level=2, name="Darāmais").is_visible()
    problems = _axe_violations(page, "1280 px")
    page.set_viewport_size(NARROW)
    problems += _axe_violations(page, "320 px")
    problems += [f"320 px: wider than the window: {element}" for element in _wider_than_the_window(page)]
    box = page.locator(".table-box").bounding_box()
    assert box["x"] + box["width"] <= NARROW["width"], "the activities' table box is wider than the screen"
    assert not problems, "\n".join(problems)
