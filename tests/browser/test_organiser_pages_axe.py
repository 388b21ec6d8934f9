"""WCAG 2.1 AA on the pages organisers work in, each as the demo login that works in it (the coordinator; the
partner coordinator on the directory entries their organisation keeps; the LEAN team on its measurements; the
administrator on a place's entry and the review queue): every organiser page type in Latvian, Lithuanian and English,
axe-core (from the local package, no CDN) finds no violation and the page is no wider than a 320 px window
(WCAG 1.4.10).

One demo load and one browser page for all of them: starting a browser and loading the demo cost more than the
pages. axe runs at 320 px, where tables scroll in their own boxes and the layout is at its tightest."""

import pytest
from django.urls import reverse
from django.utils import translation

from kopa.activities.models import Activity, Registration
from kopa.demo import current, facts
from kopa.directory.models import Municipality, Organisation, Person
from kopa.lean.models import EventLog, PublicService
from kopa.projects.models import Project
from kopa.publications.models import Article
from kopa.surveys.models import Questionnaire
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, NARROW

pytestmark = [pytest.mark.browser, pytest.mark.presentation]

LANGUAGES = ["lv", "lt", "en"]
REZEKNE = facts.LV_REZEKNE_CITY

# Pages known to be too wide, with the reason: their width is reported, not failed, until fixed (axe's findings on
# them still fail). A page listed here that fits in every language fails the test, so that it is taken off. None
# now: the four listed at first (hidden sort labels placed against the page) fit since table boxes are positioned.
KNOWN: dict[str, str] = {}


def _path(language: str, name: str, *args, query: str = "") -> str:
    with translation.override(language):
        return reverse(name, args=args) + query


def organiser_pages(language: str) -> list[tuple[str, str]]:
    """(label, path) of each organiser page type, on demo records that give each page something to show."""
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    utena = Activity.objects.get(title_en="Study visit to Utena and Anykščiai")
    workshop = Activity.objects.get(title_lv=current.COMING[0]["fields"]["title_lv"])  # seats, waiting, an offer
    meeting = Activity.objects.get(title_lv=current.HELD["fields"]["title_lv"])  # held, not closed
    attended = Registration.objects.filter(activity=meeting).order_by("pk").first()
    partnership = project.partnerships.order_by("pk").first()
    article = Article.objects.filter(activity=utena).get()
    feedback = Questionnaire.objects.get(activity=meeting)
    needs = Questionnaire.objects.filter(project=project, purpose=Questionnaire.Purpose.NEEDS).order_by("pk").first()
    from django.contrib.auth import get_user_model

    from kopa.exports.models import ExportJob
    from kopa.exports.services import start_export

    job = ExportJob.objects.filter(requested_by__username="coordinator").order_by("pk").first() or start_export(
        kind="participants.project", parameters={"project": project.pk}, file_format="csv", label=project.code,
        filename="participants", rows=1, by=get_user_model().objects.get(username="coordinator"))

    def url(name, *args, query=""):
        return _path(language, name, *args, query=query)

    pages = {
        "my work": url("workspace:dashboard"),
        "new activity": url("activities:new"),
        "edit activity": url("activities:edit", utena.pk),
        "programme, sessions and awards": url("activities:programme", utena.pk),
        "who took part": url("activities:participation", utena.pk),
        "registrations": url("activities:registrations", workshop.pk),
        "registrations awaiting confirmation": url("activities:registrations", workshop.pk, query="?status=pending"),
        "messages and mailings": url("messaging:activity", workshop.pk),
        "message templates of an activity": url("messaging:activity_templates", workshop.pk),
        "a message template with its preview": url("messaging:activity_template", workshop.pk, "seat_offered"),
        "message templates of a project": url("messaging:project_templates", project.pk),
        "close": url("activities:close", meeting.pk),
        "cancel the activity": url("activities:cancel", workshop.pk),
        "check-in by code": url("activities:check_in_code", meeting.pk, attended.token),
        "copy": url("activities:copy", utena.pk),
        "parallel groups and quotas": url("activities:groups", utena.pk),
        "materials": url("activities:materials", utena.pk),
        "prepare a vote": url("activities:votes", utena.pk),
        "follow-up activities": url("activities:follow_ups", utena.pk),
        "outcomes, photos and votes": url("activities:record", utena.pk),
        "people in the project": url("activities:project_people", project.pk),
        "kinds": url("activities:kinds"),
        "new series": url("activities:series_new"),
        "new project": url("projects:new"),
        "edit project": url("projects:edit", project.pk),
        "add an output": url("projects:add", project.pk, "output"),
        "add a partner": url("projects:add", project.pk, "partner"),
        "add a work plan item": url("projects:add", project.pk, "work-plan-item"),
        "add an indicator": url("projects:add", project.pk, "indicator"),
        "copy the activity plan": url("activities:copy_plan", project.pk),
        "new working group": url("activities:working_group_new"),
        "edit working group": url("activities:working_group_edit", project.working_groups.order_by("pk").first().slug),
        "add a reporting period": url("projects:add", project.pk, "reporting-period"),
        "funding": url("projects:funding", project.pk),
        "edit partner": url("projects:partner", project.pk, partnership.pk),
        "edit programme": url("projects:programme_edit", project.programme.code),
        "exchange rates": url("projects:rates"),
        "add organisation": url("directory:organisation_add"),
        "add person": url("directory:person_add"),
        "add place": url("directory:place_add"),
        "new article": url("publications:new"),
        "edit article": url("publications:edit", article.slug),
        "funding statements missing": url("publications:compliance"),
        "new survey": url("surveys:new", project.pk),
        "survey, its invitations and response rate": url("surveys:questionnaire", feedback.pk),
        "survey results": url("surveys:results", feedback.pk),
        "needs survey results": url("surveys:results", needs.pk),
        "my exports": url("exports:mine"),
        "an export job's page": url("exports:job", job.pk),
        "my work: all past activities": url("workspace:activities", "past"),
        "my work: all projects": url("workspace:projects"),
        "my work: all articles in review": url("workspace:articles"),
        "a project's partners, all of them": url("projects:project", project.pk, query="?list=partners"),
        "the municipalities that took part, all of them": url("activities:activity", workshop.pk,
                                                              query="?took_part=municipalities"),
    }
    return list(pages.items())


def partner_pages(language: str) -> list[tuple[str, str]]:
    """The directory entries a partner coordinator keeps: their organisation, its staff and its place."""
    organisation = Organisation.objects.get(slug=facts.DEMO_PARTNER_ORGANISATION)
    person = Person.objects.filter(positions__organisation=organisation, positions__end_date__isnull=True,
                                   user__isnull=True).order_by("pk").first()
    return [
        ("edit organisation", _path(language, "directory:organisation_edit", organisation.slug)),
        ("add a department", _path(language, "directory:department_add", organisation.slug)),
        ("edit person", _path(language, "directory:person_edit", person.pk)),
        ("add a position", _path(language, "directory:position_add", person.pk)),
    ]


def administrator_pages(language: str) -> list[tuple[str, str]]:
    """A place's entry is kept by the coordinators of its municipal administration; the demo has none of those, so
    the administrator opens it, and the queue of additions only the administrator reviews."""
    place = Municipality.objects.get(code=REZEKNE)
    someone = Registration.objects.order_by("pk").first().person
    return [
        ("edit place", _path(language, "directory:place_edit", place.code)),
        ("additions awaiting review", _path(language, "directory:awaiting_review")),
        ("a person's data", _path(language, "privacy:person", someone.pk)),
        ("erase a person's data", _path(language, "privacy:erase", someone.pk)),
    ]


def lean_pages(language: str) -> list[tuple[str, str]]:
    """The LEAN team's own pages of the demo's service (its measurements are the team's, not a coordinator's)."""
    service = PublicService.objects.get(organisation__slug=facts.DEMO_LEAN_TEAM_ORGANISATION)
    logs = list(EventLog.objects.filter(process_map__service=service, status=EventLog.Status.DONE).order_by("pk"))
    compare = f"?a={logs[0].pk}&b={logs[-1].pk}" if len(logs) > 1 else ""
    return [
        ("LEAN measurements", _path(language, "lean:measurements", service.pk)),
        ("LEAN measurement", _path(language, "lean:measurement", logs[-1].pk)),
        ("LEAN measurements compared", _path(language, "lean:compare_measurements", service.pk, query=compare)),
        ("LEAN map editor", _path(language, "lean:edit_map", service.pk)),
    ]


def participant_pages(language: str) -> list[tuple[str, str]]:
    """A participant's own mail (their messages and the switch for non-essential mail), their data, their API
    tokens."""
    return [("my mail", _path(language, "messaging:mine")), ("my data", _path(language, "privacy:mine")),
            ("API tokens", _path(language, "accounts:api_tokens"))]


# Each demo login with the pages it works in.
SIGNED_IN_AS = [("coordinator", organiser_pages), ("partner", partner_pages), ("lean", lean_pages),
                ("admin", administrator_pages), ("participant", participant_pages)]


def _sign_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}{_path('en', 'accounts:login')}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(facts.DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def _problems(page, language: str) -> tuple[list[str], list[str]]:
    """What axe finds (and a wrong <html lang>), and whether the page is wider than the window."""
    found = [] if page.locator("html").get_attribute("lang") == language else [f"<html lang> is not {language}"]
    for violation in AXE.run(page, options=AXE_OPTIONS).response["violations"]:
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        found += [f"    {' '.join(map(str, node['target']))}" for node in violation["nodes"]]
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = [f"the page is {width} px wide at a {NARROW['width']} px window"] if width > NARROW["width"] else []
    return found, wide


def _visit(page, live_server, visits):
    """Each (user, language, label, path) in turn, signing in when the user changes: (label, where, found, too
    wide)."""
    signed_in = None
    for username, language, label, path in visits:
        if username != signed_in:
            _sign_in(page, live_server.url, username)
            signed_in = username
        response = page.goto(f"{live_server.url}{path}")
        found, wide = _problems(page, language)
        if response.status != 200:
            found.insert(0, f"answered {response.status}")
        yield label, f"{label} in {language} as {username} ({path})", found, wide


def test_every_organiser_page_meets_wcag_21_aa_and_fits_320_px(transactional_demo, live_server, page):
    page.set_viewport_size(NARROW)
    problems, known = [], {label: [] for label in KNOWN}
    visits = [(username, language, label, path) for username, pages in SIGNED_IN_AS
              for language in LANGUAGES for label, path in pages(language)]
    for label, where, found, wide in _visit(page, live_server, visits):
        if label in KNOWN:
            known[label] += [f"{where}:\n{line}" for line in wide]
        else:
            found += wide
        if found:
            problems.append(f"{where}:\n" + "\n".join(found))
    print("\n".join(f"KNOWN ({KNOWN[label]}):\n" + "\n".join(lines) for label, lines in known.items() if lines))
    fixed = [label for label, lines in known.items() if not lines]
    assert not fixed, f"these pages pass now: take them off KNOWN: {fixed}"
    assert not problems, "\n".join(problems)


def test_the_history_pages_meet_wcag_21_aa_and_fit_320_px(transactional_demo, live_server, page):
    """The audit trail (issue 14): a project's history as its coordinator, the whole trail as the administrator."""
    from kopa.audit import log_action

    page.set_viewport_size(NARROW)
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    # Something long to show, with letters of both languages, so the table has to wrap or scroll in its box.
    log_action(project, "projects.update_project", changes={"title_lv": {
        "old": "Pašvaldību sadarbība ūdenssaimniecības pakalpojumu uzlabošanai",
        "new": "Savivaldybių bendradarbiavimas"}})
    visits = [(username, language, label, _path(language, *where))
              for username, label, where in [
                  ("coordinator", "project history", ("audit:object", "projects.project", project.pk)),
                  ("admin", "audit trail", ("audit:everything",))]
              for language in LANGUAGES]
    problems = [f"{where}:\n" + "\n".join(found + wide) for _label, where, found, wide in
                _visit(page, live_server, visits) if found or wide]
    assert not problems, "\n".join(problems)
