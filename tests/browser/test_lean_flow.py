"""A municipality's LEAN team reads its map, uploads a log, sees the graph and candidates, improves a step."""

import re

import pytest

from kopa.lean import services
from tests import factories
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import STEPS

pytestmark = [pytest.mark.browser]


def test_map_upload_graph_candidates_improvement(transactional_db, live_server, page, tmp_path):
    own = factories.organisation(name="Balvu novada pašvaldība")
    service_type = services.save_service_type(code="building-permit", names={"lv": "Būvatļauja", "en": "Permit"})
    service = services.save_service(organisation=own, service_type=service_type,
                                    names={"lv": "Būvatļauja Balvos", "en": "Building permit in Balvi"})
    services.save_map(service=service, steps=STEPS)
    team = factories.partner_coordinator(own)

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(team.username)
    page.get_by_label("Password").fill("pw-test-123")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/en/lean/services/{service.pk}/")
    stats = page.locator("section[aria-labelledby=map-heading] .stats").inner_text().replace("\u00a0", " ")
    assert "Lead time: 1.1 d" in stats and "Process-cycle efficiency: 1.3%" in stats
    assert page.locator("svg.map").count() == 1

    log = tmp_path / "log.csv"
    log.write_bytes(LOG)
    page.get_by_label("Name of the measurement").fill("January")
    page.get_by_label(re.compile("^Event log")).set_input_files(str(log))
    page.get_by_role("button", name="Upload and analyse").click()
    page.wait_for_url(re.compile(r"/lean/measurements/\d+/$"))  # a test until published: previewed first
    page.get_by_role("button", name="Publish: show it on the public pages").click()
    page.goto(f"{live_server.url}/en/lean/services/{service.pk}/")
    assert page.locator("svg.dfg").count() == 1
    candidates = page.locator("section[aria-labelledby=measurement-heading] table").first.inner_text()
    assert "copy to archive" in candidates and "never performed" in candidates

    page.get_by_role("combobox", name="Step").select_option(label="copy to archive")
    page.get_by_role("combobox", name="What to do").select_option(value="remove")
    page.get_by_label("Title").fill("Stop the archive copy")
    page.get_by_role("button", name="Propose").click()
    page.wait_for_url(re.compile(r"/lean/improvements/\d+/$"))
    page.get_by_role("button", name="Approve").click()
    page.get_by_role("button", name=re.compile("Carry out")).click()
    table = page.locator("section[aria-labelledby=ba-heading] table").inner_text().replace("\u00a0", " ")
    lead = next(line for line in table.splitlines() if line.startswith("Lead time"))
    assert lead.split("\t")[1:] == ["1.1 d", "1.1 d"] or "—" not in lead
    efficiency = next(line for line in table.splitlines() if line.startswith("Process-cycle efficiency"))
    assert "—" not in efficiency
