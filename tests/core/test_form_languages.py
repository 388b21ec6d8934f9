"""Forms in one language at a time: each translated field once in the reader's language, the other two
folded behind a switch that says whether they are filled in or missing."""

import re
from datetime import date

import pytest
from django.utils import translation

from kopa.activities import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    project = factories.project(code="LANG-1")
    coordinator = factories.programme_coordinator(project)
    activity = services.create_activity(
        by=coordinator, project=project, kind="seminar", title_lv="Seminārs par pakalpojumiem",
        start_date=date(2026, 5, 27), end_date=date(2026, 5, 27), registration_deadline=None)
    return activity, coordinator


def _folded(html: str) -> dict[str, str]:
    """The folded languages of the page: input name → its summary text."""
    found = {}
    for block in re.findall(r'<details class="other-language"[^>]*>(.*?)</details>', html, re.S):
        summary = re.sub(r"<[^>]+>", "", re.search(r"<summary>(.*?)</summary>", block, re.S).group(1)).strip()
        for name in re.findall(r'name="([a-z_]+)"', block):
            found[name] = summary
    return found


def test_the_new_activity_form_opens_the_readers_language_and_folds_the_other_two(activity, client):
    _activity, coordinator = activity
    client.force_login(coordinator)
    html = client.get("/lt/activities/new/").content.decode()
    folded = _folded(html)
    assert "title_lt" not in folded and {"title_lv", "title_en"} <= set(folded)
    assert {"purpose_lv", "purpose_en", "venue_lv", "venue_en"} <= set(folded)
    assert html.count('name="title_lt"') == 1  # each column once, nothing lost
    assert not re.search(r'<details class="other-language" open', html)  # nothing filled, nothing to show


def test_a_translation_still_to_write_is_marked_and_the_only_text_is_open(activity, client):
    record, coordinator = activity
    client.force_login(coordinator)
    html = client.get(f"/lt/activities/{record.pk}/edit/").content.decode()
    folded = _folded(html)
    with translation.override("lt"):
        assert "užpildyta" in folded["title_lv"]
        assert "trūksta vertimo" in folded["title_en"]
    # Their own language is empty while Latvian holds the title: Latvian is open and the gap is said.
    assert re.search(r'<details class="other-language" open>\s*<summary>[^<]*\(latvių k\.\)', html) or \
        re.search(r'<details class="other-language" open>.*?name="title_lv"', html, re.S)
    assert "Šia kalba dar neparašyta" in html


def test_an_error_in_a_folded_language_opens_it(activity, client):
    record, coordinator = activity
    client.force_login(coordinator)
    response = client.post(f"/lv/activities/{record.pk}/edit/", {
        "kind": "seminar", "title_lv": "Seminārs", "title_en": "x" * 400, "date_precision": "day",
        "start_date": "2026-05-27", "end_date": "2026-05-27", "format": "in_person"})
    html = response.content.decode()
    assert response.status_code == 200
    block = re.search(r'<details class="other-language"( open)?>(?:(?!</details>).)*name="title_en"', html, re.S)
    assert block and block.group(1) == " open"
