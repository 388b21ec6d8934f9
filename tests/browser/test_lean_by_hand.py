"""The demo LEAN team of Balvi edits its map in the pages and records a case by hand, without a document system."""

import re

import pytest

from kopa.demo import facts
from kopa.lean.models import PublicService, RecordedEvent

pytestmark = [pytest.mark.browser]


def _stats(page) -> str:
    return page.locator("section[aria-labelledby=map-heading] .stats").inner_text().replace("\u00a0", " ")


def test_the_lean_team_edits_the_map_and_records_a_case_by_hand(transactional_demo, live_server, page):
    service = PublicService.objects.get(organisation__slug=facts.DEMO_LEAN_TEAM_ORGANISATION)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill("lean")
    page.get_by_label("Password").fill(facts.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/en/lean/services/{service.pk}/")
    assert "version 2" in page.locator("#map-heading").inner_text()
    assert "Lead time: 2.1 d" in _stats(page)  # 3,080 minutes, two days of them waiting for the approval

    page.get_by_role("link", name="Edit the map").click()
    page.get_by_role("group", name=re.compile("Approval by the head of department")).get_by_label("Delete").check()
    page.get_by_label("What changed in this version").fill("The clerk approves")
    page.get_by_role("button", name="Save as a new version").click()
    page.wait_for_url(re.compile(rf"/lean/services/{service.pk}/$"))
    assert "Version 3 of the map has been saved." in page.get_by_role("status").inner_text()
    assert "version 3" in page.locator("#map-heading").inner_text()
    assert "Lead time: 3.2 h" in _stats(page)  # 190 minutes without the approval
    steps = page.locator("#map-heading + .stats ~ .table-box table").inner_text()
    assert "Approval by the head of department" not in steps

    page.get_by_role("link", name="Record cases by hand").click()
    page.get_by_role("textbox", name="Case reference", exact=True).fill("BAL-2025-001")
    page.get_by_label("Receiving the application: performed at").fill("2025-03-03T09:00")
    page.get_by_label("Receiving the application: performed by").fill("Anna")
    page.get_by_label("Checking the documents: performed at").fill("2025-03-03T09:40")
    page.get_by_label("Notifying the client: performed at").fill("2025-03-04T10:15")
    page.get_by_label("Row 5: step").fill("check")  # the documents were checked a second time
    page.get_by_label("Row 5: performed at").fill("2025-03-03T13:00")
    page.get_by_role("button", name="Record the case").click()
    assert "Case BAL-2025-001 has been recorded with 4 steps." in page.get_by_role("status").inner_text()
    row = page.get_by_role("row", name=re.compile("BAL-2025-001"))
    assert "receive → check → check → notify" in row.inner_text()
    assert [e.activity for e in RecordedEvent.objects.filter(service=service).order_by("pk")] == [
        "receive", "check", "check", "notify"]

    page.get_by_role("button", name="Analyse the recorded cases").click()
    page.wait_for_url(re.compile(r"/lean/measurements/\d+/$"))  # a test measurement: previewed, not yet public
    assert "Cases recorded by hand" in page.locator("h1").inner_text()
    assert "1 cases, 4 events" in page.locator("section[aria-labelledby=preview-heading]").inner_text()
    page.get_by_role("button", name="Publish: show it on the public pages").click()
    page.goto(f"{live_server.url}/en/lean/services/{service.pk}/")
    measured = page.locator("section[aria-labelledby=measurement-heading]").inner_text()
    assert "Cases recorded by hand" in measured and "1 cases, 4 events" in measured
