"""A coordinator records, in Kopā's own pages, a study visit of three years ago as its news post told it: no
organiser known, four host towns on different days, the ambassador by office as speaker, "more than 40
participants" and two topics — entered in Latvian, Lithuanian and English — and every fact appears on the
public page in each of the three languages."""

import re
from datetime import date

import pytest

from kopa.activities.models import Activity
from kopa.topics.models import Topic
from tests import factories

pytestmark = [pytest.mark.browser]

TITLES = {"lv": "Pieredzes apmaiņa Vidzemē", "lt": "Patirties mainai Vidžemėje", "en": "Exchange in Vidzeme"}
OFFICE = {"lv": "Norvēģijas vēstnieks Latvijā", "lt": "Norvegijos ambasadorius Latvijoje",
          "en": "the Ambassador of Norway to Latvia"}
MORE_THAN_40 = {"lv": "vairāk nekā 40", "lt": "daugiau nei 40", "en": "more than 40"}
TOWNS = ["Cēsis", "Valmiera", "Sigulda", "Limbaži"]
DAYS = [date(2023, 9, 12), date(2023, 9, 13), date(2023, 9, 14), date(2023, 9, 15)]


def _topics():
    """The seeded vocabulary (a browser test's database is emptied between tests: put back what we use)."""
    names = {"tourism": ("Tūrisms", "Turizmas", "Tourism"), "culture": ("Kultūra", "Kultūra", "Culture")}
    topics = []
    for slug, (lv, lt, en) in names.items():
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name_lv": lv, "name_lt": lt, "name_en": en})
        topics.append(topic)
    return topics


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-test-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/en/my-work/$"))  # signed-in users land on their work


def _unfold(scope, label):
    """Open a folded language of a translated field, as a user does by clicking its switch."""
    scope.locator("details.other-language:not([open]) > summary", has_text=label).first.click()


def _submit(page, form_value):
    page.locator(f"form:has(input[name=form][value={form_value}]) button[type=submit]").click()


def test_a_coordinator_records_a_three_year_old_study_visit(transactional_db, live_server, page):
    project = factories.project(code="VIDZ-1", start_date=date(2022, 1, 1), end_date=date(2024, 12, 31))
    coordinator = factories.programme_coordinator(project)
    towns = [factories.municipality(name=name) for name in TOWNS]
    tourism, culture = _topics()
    _log_in(page, live_server, coordinator.username)

    # The activity: kind, titles in three languages, project, dates, two topics; no organiser.
    page.goto(f"{live_server.url}/en/activities/new/")
    page.get_by_label("Kind").select_option("study_visit")
    _unfold(page, "Title (Latvian)")  # the form opens in the reader's language; the others are a click away
    page.get_by_label("Title (Latvian)").fill(TITLES["lv"])
    _unfold(page, "Title (Lithuanian)")
    page.get_by_label("Title (Lithuanian)").fill(TITLES["lt"])
    page.get_by_label("Title (English)").fill(TITLES["en"])
    page.get_by_label("Project", exact=True).fill(project.code)  # a picker: typed, as a coordinator would
    page.get_by_label("Topics").select_option([str(tourism.pk), str(culture.pk)])
    page.get_by_label("How precisely is the date known?").select_option("day")
    page.get_by_label("Start (or a day in the month)").fill("2023-09-12")
    page.get_by_label("End", exact=True).fill("2023-09-15")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/en/activities/\d+/$"))
    activity = Activity.objects.get(title_lv=TITLES["lv"])
    assert activity.organisers.count() == 0

    # Four host towns on four days: one session each.
    for town, day in zip(towns, DAYS, strict=True):
        page.goto(f"{live_server.url}/en/activities/{activity.pk}/programme/")
        session_form = page.locator("form:has(input[name=form][value=session])")
        session_form.get_by_label("How precisely is the date known?").select_option("day")
        session_form.get_by_label("Start (or a day in the month)").fill(day.isoformat())
        session_form.get_by_label("Host municipality").fill(town.name)  # a picker: the name is enough
        _submit(page, "session")
        page.wait_for_url(re.compile(r"/programme/$"))
    assert activity.sessions.count() == 4

    # The ambassador, known by office only, as speaker.
    page.goto(f"{live_server.url}/en/activities/{activity.pk}/record/")
    people = page.locator("form:has(input[name=form][value=contributor])")
    people.locator("select[name=contributor-role]").select_option("presenter")
    for code, language in (("lv", "Latvian"), ("lt", "Lithuanian"), ("en", "English")):
        if code != "en":
            _unfold(people, re.compile(rf"^Office .*\({language}\)"))
        people.get_by_label(re.compile(rf"^Office .*\({language}\)$")).fill(OFFICE[code])
    _submit(page, "contributor")
    page.wait_for_url(re.compile(r"/record/"))

    # "More than 40 participants", as the news post said.
    page.goto(f"{live_server.url}/en/activities/{activity.pk}/participation/")
    counts = page.locator("form:has(input[name=form][value=headcount])")
    counts.locator("select[name=h-qualifier]").select_option("more_than")
    counts.locator("input[name=h-value]").fill("40")
    _submit(page, "headcount")
    page.wait_for_url(re.compile(r"/participation/$"))

    # Every fact on the public page, in each language it was entered in (seen as anyone would).
    page.context.clear_cookies()
    for code in ("lv", "lt", "en"):
        page.goto(f"{live_server.url}/{code}/activities/{activity.pk}/")
        text = page.locator("main").inner_text()
        assert TITLES[code] in text, code
        assert OFFICE[code] in text, code
        assert MORE_THAN_40[code] in text, code
        for town in TOWNS:
            assert town in text, (code, town)
        for topic in (tourism, culture):
            assert getattr(topic, f"name_{code}") in text, (code, topic)
        for day in DAYS:
            assert str(day.day) in text
        assert "VIDZ-1" in text
