"""A visitor reads LLI-59 in Lithuanian and English, switching language with the keyboard alone."""

import re

import pytest

pytestmark = [pytest.mark.browser]


def _text(page, selector="main"):
    return page.locator(selector).inner_text().replace("\u00a0", " ")


def _tab_to(page, predicate, limit=40):
    """Press Tab until the focused element satisfies `predicate` (its outerHTML), as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(page.evaluate("document.activeElement.outerHTML")):
            return
    raise AssertionError("not reachable with the Tab key")


def test_home_to_lli59_in_lithuanian_and_english(transactional_demo, live_server, page):
    page.goto(f"{live_server.url}/lv/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert "LLI-59" in _text(page)

    # The language switcher is reachable and usable with the keyboard alone.
    _tab_to(page, lambda html: 'hreflang="lt"' in html)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/lt/$"))
    assert page.locator("html").get_attribute("lang") == "lt"
    assert "Projektai" in _text(page, "header")

    page.get_by_role("link", name=re.compile("LLI-59")).first.click()
    page.wait_for_url(re.compile(r"/lt/projects/\d+/$"))
    text = _text(page)
    assert "Finansavimas" in text
    funding = _text(page, "#funding-heading + table")
    assert "Europos regioninės plėtros fondas" in funding
    assert "85,0 %" in funding
    assert "325 267,50 €" in funding and "382 667,64 €" in funding
    partners = _text(page, "section[aria-labelledby=partners-heading]")
    assert "Pagrindinis partneris" in partners and "Partneris" in partners
    assert "Euroregiono „Ežerų kraštas“ Lietuvos biuras" in partners
    assert "Latgalos planavimo regionas" in partners
    for municipality in ("Utenos rajono savivaldybė", "Anykščių rajono savivaldybė", "Zarasų rajono savivaldybė"):
        assert municipality in partners
    assert partners.count("savivaldyb") >= 17  # all 7 + 10 associated municipal administrations, in Lithuanian
    assert "Lead partner" not in partners

    _tab_to(page, lambda html: 'hreflang="en"' in html)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/projects/\d+/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    english = _text(page)
    assert "Lead partner" in english and "85.0%" in english and "€382,667.64" in english
    assert "Latgale Planning Region" in english


def test_the_focus_is_visible_and_the_skip_link_leads_to_the_content(transactional_demo, live_server, page):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
