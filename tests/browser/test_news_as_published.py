"""A coordinator records, in Kopā's own pages, a municipality's news post of 14 October 2019: a bad address is
refused in Latvian with nothing saved, the article is dated 14 October 2019 and says where it first appeared;
the new-article page, its error state and the article page meet WCAG 2.1 AA at 1280 and 320 px."""

import re

import pytest

from kopa.publications.models import Article
from tests import factories
from tests.browser.test_accessibility import _axe_violations, _wider_than_the_window

pytestmark = [pytest.mark.browser]

ORIGINAL_URL = "https://www.rezekne.lv/aktualitates/pieredzes-apmaina-utena"


def _accessible(page) -> list[str]:
    found = []
    for width, name in ((1280, "1280 px"), (320, "320 px")):
        page.set_viewport_size({"width": width, "height": 800})
        found += _axe_violations(page, name)
    found += [f"320 px: wider than the window: {element}" for element in _wider_than_the_window(page)]
    page.set_viewport_size({"width": 1280, "height": 800})
    return found


def test_a_coordinator_records_a_news_post_of_2019(transactional_db, live_server, page):
    coordinator = factories.partner_coordinator(factories.organisation())
    page.goto(f"{live_server.url}/lv/accounts/login/")
    page.locator("input[name=username]").fill(coordinator.username)
    page.locator("input[name=password]").fill("pw-test-123")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()

    page.goto(f"{live_server.url}/lv/news/")
    page.get_by_role("link", name="Rakstīt rakstu").click()
    page.wait_for_url(re.compile(r"/lv/news/new/$"))
    assert not _accessible(page), _accessible(page)

    page.get_by_label("Virsraksts (latviešu valodā)").fill("Pieredzes apmaiņa Utenā")
    page.get_by_label("Pirmoreiz publicēts").fill("2019-10-14")
    page.get_by_label("Oriģinālā adrese").fill("www.rezekne.lv/aktualitates")
    page.get_by_label("Oriģinālais izdevējs vai vietne").fill("Rēzeknes novada pašvaldība")
    page.get_by_role("button", name="Saglabāt kā melnrakstu").click()
    error = page.locator("#id_original_url_error")
    assert "pilnai tīmekļa adresei" in error.inner_text()
    assert page.get_by_label("Oriģinālā adrese").get_attribute("aria-describedby") == "id_original_url_error"
    assert not Article.objects.exists()
    assert not _accessible(page), _accessible(page)

    page.get_by_label("Oriģinālā adrese").fill(ORIGINAL_URL)
    page.get_by_role("button", name="Saglabāt kā melnrakstu").click()
    page.wait_for_url(re.compile(r"/lv/news/[\w-]+/edit/$"))
    assert page.get_by_label("Pirmoreiz publicēts").input_value() == "2019-10-14"
    page.get_by_role("button", name="Publicēt").click()
    page.get_by_role("link", name="Lasīt publicēto rakstu").click()

    header = page.locator("article header")
    assert header.locator("time").inner_text() == "2019. gada 14. oktobris"
    note = header.locator(".original-publication")
    assert "Pirmoreiz publicēts: 2019. gada 14. oktobris" in note.inner_text()
    assert "Ierakstīts Kopā" in note.inner_text()
    assert note.get_by_role("link", name="Rēzeknes novada pašvaldība").get_attribute("href") == ORIGINAL_URL
    assert not _accessible(page), _accessible(page)
