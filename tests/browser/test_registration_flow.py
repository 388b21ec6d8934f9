"""A partner coordinator registers colleagues; the organiser checks in and closes; the indicator rises."""

import re
from datetime import date
from decimal import Decimal

import pytest

from kopa.activities.models import Registration
from kopa.projects import services as project_services
from tests import factories

pytestmark = [pytest.mark.browser]


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-test-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/en/my-work/$"))  # signed-in users land on their work


def _indicator_cell(page, live_server, project):
    page.goto(f"{live_server.url}/en/projects/{project.pk}/")
    row = page.locator("section[aria-labelledby=indicators-heading] tbody tr").first
    return row.locator("td").nth(1).inner_text().replace("\u00a0", " ")


def test_register_check_in_close_and_the_indicator_rises(transactional_db, live_server, page):
    project = factories.project(start_date=date(2018, 1, 1), end_date=date(2019, 12, 31))
    project_services.add_indicator(
        project=project,
        rule="distinct_participants",
        target=Decimal(10),
        activity_kind="training",
        name_lv="Apmācītie darbinieki",
        name_en="Employees trained",
        unit_lv="cilv.",
        unit_en="people",
    )
    organiser_org = factories.organisation(name="Latgales plānošanas reģions")
    activity = factories.activity(
        project=project,
        organiser=organiser_org,
        capacity=1,
        kind="training",
        title_lv="LEAN apmācības",
        title_en="LEAN training",
    )
    own = factories.organisation(name="Balvu novada pašvaldība")
    factories.employee(own, first_name="Anna", last_name="Ozola")
    factories.employee(own, first_name="Pēteris", last_name="Kalns")
    partner = factories.partner_coordinator(own)
    organiser = factories.partner_coordinator(organiser_org)

    assert _indicator_cell(page, live_server, project).startswith("0")

    _log_in(page, live_server, partner.username)
    page.goto(f"{live_server.url}/en/activities/{activity.pk}/")
    page.get_by_role("link", name="Register colleagues").click()
    for name in ("Anna Ozola", "Pēteris Kalns"):
        page.get_by_role("combobox", name="Colleague").select_option(label=name)
        page.get_by_role("button", name="Register").click()
        page.wait_for_url(re.compile(r"/registrations/$"))
    table = page.locator("section[aria-labelledby=list-heading] table").inner_text()
    assert re.search(r"Anna Ozola.*confirmed", table) and re.search(r"Pēteris Kalns.*on the waiting list", table)
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server, organiser.username)
    page.goto(f"{live_server.url}/en/activities/{activity.pk}/registrations/")
    page.get_by_role("button", name="Check in Anna Ozola").click()
    page.wait_for_url(re.compile(r"/registrations/$"))
    page.goto(f"{live_server.url}/en/activities/{activity.pk}/close/")
    page.get_by_label("Minutes (English)").fill("Held as planned.")
    page.get_by_role("button", name="Close the activity").click()
    page.wait_for_url(re.compile(rf"/en/activities/{activity.pk}/$"))

    assert Registration.objects.get(person__last_name="Ozola").status == "attended"
    assert _indicator_cell(page, live_server, project).startswith("1")
