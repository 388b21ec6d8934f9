"""WCAG 2.1 AA (EN 301 549, the EU Web Accessibility Directive) in the real browser: axe-core on every public
page type in Latvian, Lithuanian and English, reflow at 320 CSS pixels, and the keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from kopa.activities.models import Activity, WorkingGroup
from kopa.directory.models import Municipality, Organisation
from kopa.lean.models import Improvement, PublicService, ServiceType
from kopa.projects.models import Project
from kopa.publications.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.presentation]

LANGUAGES = ["lv", "lt", "en"]
AXE = Axe()  # axe-core ships inside the package: nothing is downloaded
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 800}  # WCAG 1.4.10: 1280 px zoomed to 400 %
DEMO_PASSWORD = "kopa-demo-2026"


class Site:
    """URLs of the live server in one language."""

    def __init__(self, base: str, language: str):
        self.base, self.language = base, language

    def path(self, name: str, *args) -> str:
        with translation.override(self.language):
            return reverse(name, args=args)

    def url(self, name: str, *args, query: str = "") -> str:
        return f"{self.base}{self.path(name, *args)}{query}"


def _open(page, url: str, status: int = 200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"


def _submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


# Each page type opens its page (and fills a form where its error state is what is checked).
def _home(page, site):
    _open(page, site.url("core:home"))


def _news_list(page, site):
    _open(page, site.url("publications:news"))


def _news_article(page, site):
    article = Article.objects.get(activity__title_en="Daugavpils municipality staff study visit to Rēzekne")
    _open(page, site.url("publications:article", article.slug))


def _search_too_short(page, site):
    _open(page, site.url("core:search", query="?q=a"))
    assert page.locator(".field-error").count() == 1


def _search_results(page, site):
    _open(page, site.url("core:search", query="?q=Utenā"))
    assert page.locator("main ul li").count() >= 2  # the article and the activity


def _survey_answer(page, site):
    from tests.surveys.helpers import invited, questionnaire

    survey = questionnaire(Project.objects.get(code="LLI-59"))
    _open(page, site.url("surveys:answer", invited(survey, email=f"axe-{site.language}@example.lv").token))


def _survey_answer_with_errors(page, site):
    _survey_answer(page, site)
    with page.expect_navigation():
        page.locator("button[value=submit]").click()
    assert page.locator(".field-error").count() >= 1


def _needs_coverage(page, site):
    _open(page, site.url("surveys:coverage", Project.objects.get(code="LLI-59").pk))


def _accessibility_statement(page, site):
    _open(page, site.url("core:accessibility"))


def _project_list(page, site):
    _open(page, site.url("projects:list"))


def _project_list_invalid_filter(page, site):
    _open(page, site.url("projects:list", query="?date_from=31.02.2018&country=XX"))
    assert page.locator(".field-error").count() == 2


def _project(page, site):
    _open(page, site.url("projects:project", Project.objects.get(code="LLI-59").pk))


def _activity_list(page, site):
    _open(page, site.url("activities:list"))


def _activity(page, site):
    _open(page, site.url("activities:activity", Activity.objects.get(title_en="Study visit to Utena and Anykščiai").pk))


def _working_group_list(page, site):
    _open(page, site.url("activities:working_groups"))


def _working_group(page, site):
    _open(page, site.url("activities:working_group", WorkingGroup.objects.get(name_en="Culture working group").slug))


def _working_group_meetings(page, site):
    slug = WorkingGroup.objects.get(name_en="Culture working group").slug
    _open(page, site.url("activities:working_group", slug) + "?list=meetings")


def _municipality_list(page, site):
    _open(page, site.url("directory:municipalities"))


def _municipality_latvian(page, site):
    # Balvi municipality of 2021, formed from four municipalities; its name exists only in Latvian.
    balvi = Municipality.objects.get(name_lv="Balvu novads", valid_to__isnull=True)
    _open(page, site.url("directory:municipality", balvi.code))


def _municipality_lithuanian(page, site):
    utena = Organisation.objects.get(slug="utena-district-municipality").municipality
    _open(page, site.url("directory:municipality", utena.code))


def _organisation_list(page, site):
    _open(page, site.url("directory:organisations"))


def _organisation(page, site):
    _open(page, site.url("directory:organisation", "latgale-planning-region"))


def _lean_service_list(page, site):
    _open(page, site.url("lean:services"))


def _lean_service(page, site):
    _open(page, site.url("lean:service", PublicService.objects.get(organisation__slug="balvi-municipality").pk))


def _lean_improvement(page, site):
    improvement = Improvement.objects.get(step__process_map__service__organisation__slug="balvi-municipality")
    _open(page, site.url("lean:improvement", improvement.pk))


def _lean_comparison(page, site):
    _open(page, site.url("lean:compare", ServiceType.objects.get(code="declaration-of-residence").code))


def _login(page, site):
    _open(page, site.url("accounts:login"))


def _login_submitted_empty(page, site):
    _open(page, site.url("accounts:login"))
    _submit(page)
    assert page.locator(".field-error").count() == 2


def _login_wrong_password(page, site):
    _open(page, site.url("accounts:login"))
    page.locator("input[name=username]").fill("coordinator")
    page.locator("input[name=password]").fill("not-the-password")
    _submit(page)
    assert page.locator(".form-errors").count() == 1


def _password_reset(page, site):
    _open(page, site.url("accounts:password_reset"))


def _not_found(page, site):
    _open(page, site.url("projects:project", 999_999), status=404)


PAGE_TYPES = {
    "home": _home,
    "news_list": _news_list,
    "news_article": _news_article,
    "search_too_short": _search_too_short,
    "search_results": _search_results,
    "survey_answer": _survey_answer,
    "survey_answer_with_errors": _survey_answer_with_errors,
    "needs_coverage": _needs_coverage,
    "accessibility_statement": _accessibility_statement,
    "project_list": _project_list,
    "project_list_invalid_filter": _project_list_invalid_filter,
    "project": _project,
    "activity_list": _activity_list,
    "activity": _activity,
    "working_group_list": _working_group_list,
    "working_group": _working_group,
    "working_group_meetings": _working_group_meetings,
    "municipality_list": _municipality_list,
    "municipality_latvian": _municipality_latvian,
    "municipality_lithuanian": _municipality_lithuanian,
    "organisation_list": _organisation_list,
    "organisation": _organisation,
    "lean_service_list": _lean_service_list,
    "lean_service": _lean_service,
    "lean_improvement": _lean_improvement,
    "lean_comparison": _lean_comparison,
    "login": _login,
    "login_submitted_empty": _login_submitted_empty,
    "login_wrong_password": _login_wrong_password,
    "password_reset": _password_reset,
    "not_found": _not_found,
}

def _axe_violations(page, width: str) -> list[str]:
    lines = []
    for violation in AXE.run(page, options=AXE_OPTIONS).response["violations"]:
        lines.append(f"{width}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
    return lines


def _wider_than_the_window(page) -> list[str]:
    """Elements that would need scrolling in two directions; data tables and drawings may (WCAG 1.4.10)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(e => !e.closest("table, .drawing, .visually-hidden, .skip-link"))
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.classList.length ? "." : "")
                      + [...e.classList].join(".") + ` "${e.textContent.trim().slice(0, 40)}"`)"""
    )


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_meets_wcag_21_aa(transactional_demo, live_server, page, page_type):
    """Each page type in Latvian, Lithuanian and English (one demo load for the three)."""
    problems = []
    for language in LANGUAGES:
        page.set_viewport_size(DESKTOP)
        PAGE_TYPES[page_type](page, Site(live_server.url, language))
        found = [] if page.locator("html").get_attribute("lang") == language else ["<html lang> is not " + language]
        found += _axe_violations(page, "1280 px")
        page.set_viewport_size(NARROW)
        found += _axe_violations(page, "320 px")
        found += [f"320 px: wider than the window: {element}" for element in _wider_than_the_window(page)]
        if found:
            problems.append(f"{page_type} in {language} ({page.url}):\n" + "\n".join(found))
    assert not problems, "\n".join(problems)


def test_a_name_shown_in_another_language_is_marked_with_its_language(transactional_demo, live_server, page):
    # A Lithuanian municipality has no Latvian name: a Latvian screen reader voice must switch to Lithuanian.
    _project(page, Site(live_server.url, "lv"))
    assert page.locator("main [lang=lt]", has_text="Utenos rajono savivaldybė").count() == 1
    _municipality_latvian(page, Site(live_server.url, "en"))
    assert page.locator("h1 [lang=lv]").inner_text() == "Balvu novads"


# The keyboard alone.
def _focused(page, expression: str):
    return page.evaluate(f"(e => {expression})(document.activeElement)")


def _tab_to(page, expression: str, limit: int = 60):
    """Press Tab until the focused element satisfies the JavaScript `expression` (of `e`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page, expression):
            return
    raise AssertionError(f"nothing matching {expression} is reachable with the Tab key")


def _focus_is_visible(page) -> bool:
    return _focused(
        page,
        "(s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')"
        "(getComputedStyle(e))",
    )


def test_the_first_tab_reaches_the_skip_link_and_enter_moves_to_the_content(transactional_demo, live_server, page):
    site = Site(live_server.url, "lv")
    _home(page, site)
    page.keyboard.press("Tab")
    assert _focused(page, "e.classList.contains('skip-link')")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    box = page.evaluate("(r => [r.left, r.top, r.width, r.height])(document.activeElement.getBoundingClientRect())")
    assert box[0] >= 0 and box[1] >= 0 and box[2] > 0 and box[3] > 0, "the focused skip link is not on screen"
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert _focused(page, "e.tagName === 'MAIN' && e.id === 'main'")
    # The next Tab continues inside the content, not at the top of the page again.
    page.keyboard.press("Tab")
    assert _focused(page, "e.closest('main') !== null")


def test_the_main_menu_and_the_language_switcher_work_with_the_keyboard(transactional_demo, live_server, page):
    site = Site(live_server.url, "lv")
    _home(page, site)
    _tab_to(page, f"e.closest('header nav') !== null && e.getAttribute('href') === '{site.path('projects:list')}'")
    assert _focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site.url("projects:list")

    _tab_to(page, "e.getAttribute('hreflang') === 'lt'")
    assert _focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == Site(live_server.url, "lt").url("projects:list")
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.locator("h1").inner_text() == "Projektai"


def test_logging_in_with_the_keyboard_alone(transactional_demo, live_server, page):
    site = Site(live_server.url, "en")
    _home(page, site)
    _tab_to(page, f"e.closest('header') !== null && e.getAttribute('href') === '{site.path('accounts:login')}'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    if not _focused(page, "e.name === 'username'"):  # the login page may already have put the focus there
        _tab_to(page, "e.name === 'username'")
    page.keyboard.type("coordinator")
    page.keyboard.press("Tab")
    assert _focused(page, "e.name === 'password'")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == site.url("workspace:dashboard")  # a signed-in user lands on "My work"
    assert page.get_by_role("button", name="Log out").is_visible()


def test_every_tab_stop_on_the_home_page_shows_where_the_focus_is(transactional_demo, live_server, page):
    _home(page, Site(live_server.url, "en"))
    stops = 0
    for _ in range(200):
        page.keyboard.press("Tab")
        # Past the last stop the focus leaves the page (body) or starts again at the first one.
        if _focused(page, "e === document.body || e.dataset.visited === 'yes'"):
            break
        element = _focused(page, "(e.dataset.visited = 'yes', e.outerHTML.slice(0, 160))")
        assert _focus_is_visible(page), f"no visible focus on {element}"
        stops += 1
    assert stops > 10


def _page_problems(page, label: str, language: str) -> list[str]:
    found = [] if page.locator("html").get_attribute("lang") == language else ["<html lang> is not " + language]
    found += _axe_violations(page, "1280 px")
    page.set_viewport_size(NARROW)
    found += _axe_violations(page, "320 px")
    found += [f"320 px: wider than the window: {element}" for element in _wider_than_the_window(page)]
    page.set_viewport_size(DESKTOP)
    return [f"{label} in {language} ({page.url}):\n" + "\n".join(found)] if found else []


def test_topic_series_and_organiser_recording_pages_meet_wcag_21_aa(transactional_demo, live_server, page):
    """The pages that record an activity as its source describes it, and the topic and series pages; one demo
    load for all of them, each in the three languages, the forms also with their errors shown."""
    from kopa.activities import services

    seminar = Activity.objects.get(title_en="IMC-0: first inter-municipal cooperation seminar")
    series = services.save_series(kind="network_seminars", name_lv="Tīkla semināri", name_en="Network seminars",
                                  planned_count=4)
    services.place_in_series(activity=seminar, series=series, number=2)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=username]").fill("coordinator")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    utena = Activity.objects.get(title_en="Study visit to Utena and Anykščiai")
    problems = []
    for language in LANGUAGES:
        site = Site(live_server.url, language)
        pages = {
            "topic list": site.url("topics:list"),
            "topic": site.url("topics:topic", "culture"),
            "series": site.url("activities:series", series.slug),
            "activity in a series": site.url("activities:activity", seminar.pk),
            "new activity": site.url("activities:new"),
            "edit activity": site.url("activities:edit", utena.pk),
            "who took part": site.url("activities:participation", utena.pk),
            "programme, sessions and awards": site.url("activities:programme", utena.pk),
            "people in the project": site.url("activities:project_people", utena.project_id),
            "series list": site.url("activities:series_list"),
            "new series": site.url("activities:series_new"),
        }
        for label, url in pages.items():
            _open(page, url)
            problems += _page_problems(page, label, language)
        # A form with its errors: a day and month with no month.
        _open(page, site.url("activities:new"))
        page.locator("select[name=date_precision]").select_option("day_month")
        page.locator("input[name=stated_day]").fill("11")
        page.locator(f"input[name=title_{language}]").fill("Bez mēneša")  # the reader's language is the one open
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.locator(".field-error").count() >= 1
        problems += _page_problems(page, "new activity with errors", language)
    assert not problems, "\n".join(problems)
