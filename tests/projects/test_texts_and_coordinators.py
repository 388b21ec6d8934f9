"""Projects as texts describe them, added by coordinators with no administrator, and programmes with their facts."""

import base64
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.errors import DomainError
from kopa.projects import services
from kopa.projects.models import Output, Programme, Project
from kopa.topics.models import Topic
from tests import factories

pytestmark = pytest.mark.django_db


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _partner_coordinator():
    return factories.partner_coordinator(factories.organisation(name="Utenas novada pašvaldība"))


def test_a_coordinator_adds_a_programme_and_a_project_with_no_code_through_the_pages(client):
    coordinator = _partner_coordinator()
    client.force_login(coordinator)
    response = client.post("/en/projects/programmes/new/", {"name_en": "Baltic Small Grants 2009–2014",
                                                            "aliases": "Mazo grantu programma"})
    programme = Programme.objects.get(name_en="Baltic Small Grants 2009–2014")
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert programme.awaiting_review and programme.added_by == coordinator
    assert [a.name for a in programme.aliases.all()] == ["Mazo grantu programma"]
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "not yet reviewed" in page and "Mazo grantu programma" in page

    response = client.post("/en/projects/new/", {"project-title_en": "Youth exchange on the Daugava",
                                                 "project-programme": programme.pk,
                                                 "project-end_date": "2014-04-30",
                                                 "project-total_currency": "EUR"})
    project = Project.objects.get(title_en="Youth exchange on the Daugava")
    assert response.status_code == 302, response.content.decode()
    assert project.code == "" and project.programme == programme and project.awaiting_review
    assert project.pk in coordinated_project_ids(type(coordinator).objects.get(pk=coordinator.pk))
    html = client.get(project.get_absolute_url()).content.decode()
    assert "not stated" in html and "not yet reviewed" in html
    # The one who started it coordinates it: they may edit it at once.
    assert client.get(f"/en/projects/{project.pk}/edit/").status_code == 200


def test_a_coordinator_adds_a_programme_and_a_project_with_no_code_through_the_api(client):
    coordinator = _partner_coordinator()
    response = client.post("/api/programmes", {"name_lv": "Jauniešu apmaiņas programma"},
                           content_type="application/json", **_basic(coordinator))
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    assert response.json()["awaiting_review"] is True
    response = client.post("/api/projects", {"title_lv": "Jauniešu apmaiņa", "programme": code,
                                             "end_date": "2020-12-31"},
                           content_type="application/json", **_basic(coordinator))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["code"] == "" and data["programme"]["code"] == code and data["awaiting_review"] is True
    assert data["start_date"] is None and data["end_date"] == "2020-12-31"
    # A plain user with no coordinator role still may not.
    assert client.post("/api/programmes", {"name_lv": "X"}, content_type="application/json",
                       **_basic(factories.user())).status_code == 403


def test_likely_duplicates_are_shown_before_saving_and_a_new_one_is_saved_only_when_confirmed(client):
    coordinator = _partner_coordinator()
    existing = factories.project(code="LLI-59", acronym="Open Leadership")
    services.add_project_alias(project=existing, name="Atvērtā līderība")
    client.force_login(coordinator)
    data = {"project-title_lv": "Atvērtās līderības", "project-total_currency": "EUR"}
    html = client.post("/en/projects/new/", data).content.decode()
    assert "It may already be recorded" in html and existing.get_absolute_url() in html
    assert Project.objects.count() == 1
    response = client.post("/en/projects/new/", {**data, "project-confirm_new": "on"})
    assert response.status_code == 302 and Project.objects.count() == 2
    # The API answers 409 with the candidates; the same code is a duplicate whatever the title.
    response = client.post("/api/projects", {"title_en": "Something else", "acronym": "OPEN LEADERSHIP"},
                           content_type="application/json", **_basic(coordinator))
    assert response.status_code == 409 and response.json()["candidates"][0]["id"] == existing.pk
    response = client.post("/api/programmes", {"name_en": "programme"}, content_type="application/json",
                           **_basic(coordinator))
    assert response.status_code == 409  # the factories' programme is called "Programme"


def test_an_administrator_reviews_an_addition():
    coordinator = _partner_coordinator()
    fund = services.add_fund(by=coordinator, code="EEA", names={"en": "EEA Grants"})
    assert fund.awaiting_review
    with pytest.raises(DomainError):
        services.review_entry(entry=fund, by=coordinator)
    services.review_entry(entry=fund, by=factories.user(is_superuser=True))
    fund.refresh_from_db()
    assert not fund.awaiting_review


def test_the_project_page_of_a_project_with_only_an_end_date_shows_that_end_date(client):
    project = factories.project(code="END-1", start_date=None, end_date=date(2019, 4, 30))
    with translation.override("en"):
        html = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "until 04/30/2019" in html or "until 30/04/2019" in html or "until 2019-04-30" in html
    assert client.get(f"/api/projects/{project.pk}").json()["end_date"] == "2019-04-30"
    by_month = factories.project(code="END-2", start_date=date(2017, 5, 9), start_precision="month",
                                 end_date=None, duration_months=18)
    assert by_month.start_date == date(2017, 5, 1)
    html = client.get(f"/en/projects/{by_month.pk}/").content.decode()
    assert "from May 2017 (18 months)" in html


def test_an_end_before_a_start_is_refused_with_a_translated_message_and_nothing_saved():
    with translation.override("lt"), pytest.raises(DomainError) as error:
        factories.project(code="BAD-1", start_date=date(2019, 5, 1), start_precision="year",
                          end_date=date(2018, 3, 1), end_precision="month")
    assert error.value.field == "end_date"
    with translation.override("lt"):
        assert str(error.value) == translation.gettext("The end date is before the start date.")
    assert not Project.objects.filter(code="BAD-1").exists()


def test_a_published_guideline_appears_on_the_project_page_and_in_the_api(client):
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    tourism = Topic.objects.get(slug="tourism")
    response = client.post(f"/api/projects/{project.pk}/outputs", {
        "kind": "guideline", "title_en": "Guidelines for cross-border youth work",
        "date_precision": "month", "start_date": "2019-03-01",
        "links": [{"url": "https://example.org/guidelines.pdf", "title": "PDF"}], "topics": ["tourism"],
    }, content_type="application/json", **_basic(coordinator))
    assert response.status_code == 201, response.content
    output = response.json()["outputs"][0]
    assert output["kind"] == "guideline" and output["topics"] == ["tourism"]
    assert output["attachments"] == [{"title": "PDF", "href": "https://example.org/guidelines.pdf"}]
    html = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "Guidelines for cross-border youth work" in html and "https://example.org/guidelines.pdf" in html
    assert "March 2019" in html and "guideline" in html
    assert list(Output.objects.get().topics.all()) == [tourism]
    bad = client.post(f"/api/projects/{project.pk}/outputs", {"kind": "guideline", "title_en": "X",
                                                              "links": [{"url": "not an address"}]},
                      content_type="application/json", **_basic(coordinator))
    assert bad.status_code == 400 and Output.objects.count() == 1


def test_reported_achievements_are_shown_apart_from_the_indicators(client):
    project = factories.project()
    services.add_indicator(project=project, rule="activities_held", target=Decimal(3), name_en="Visits",
                           unit_en="pcs")
    services.add_achievement(project=project, what_en="specialists reached", value=120, qualifier="more_than",
                             source="final report")
    html = client.get(f"/en/projects/{project.pk}/").content.decode()
    reported = html.index("Results the project reports")
    assert html.index("Output indicators") < reported
    assert "more than 120 specialists reached" in html[reported:]
    data = client.get(f"/api/projects/{project.pk}").json()
    assert data["achievements"][0]["value"] == 120 and data["achievements"][0]["qualifier"] == "more_than"


def test_a_partner_has_its_own_budget_share_and_agreement(client):
    project = factories.project(total=Decimal("2000000"), currency="LTL")
    partner = services.add_partner(project=project, organisation=factories.organisation(), role="lead_partner",
                                   budget_amount=Decimal("1000000"), budget_currency="LTL",
                                   budget_share=Decimal("50"), agreement_number="PA-1",
                                   agreement_date=date(2013, 2, 1))
    assert partner.budget.eur == Decimal("289620.02")
    html = client.get(f"/lt/projects/{project.pk}/").content.decode()
    assert "1\u00a0000\u00a0000\u00a0Lt = 289\u00a0620,02\u00a0€" in html and "PA-1" in html
    partner_json = client.get(f"/api/projects/{project.pk}").json()["partners"][0]
    assert partner_json["agreement_number"] == "PA-1" and Decimal(partner_json["budget_eur"]) == Decimal("289620.02")
    with pytest.raises(DomainError):
        services.update_partner(partnership=partner, budget_share=Decimal("101"))


def _rich_project(partners: int, outputs: int):
    project = factories.project(total=Decimal("1000000"), currency="LTL")
    services.add_project_alias(project=project, name=f"Alias {project.pk}")
    lead = services.add_partner(project=project, role="lead_partner", organisation=factories.organisation(),
                                budget_amount=Decimal("1000"), budget_currency="LVL")
    for _ in range(partners - 1):
        services.add_partner(project=project, role="associated", brought_in_by=lead,
                             organisation=factories.organisation(municipality=factories.municipality()),
                             budget_amount=Decimal("10"), agreement_date=date(2020, 1, 1))
    for n in range(outputs):
        services.add_output(project=project, kind="study", title_en=f"Study {n}",
                            links=[("https://example.org/a", "A"), ("https://example.org/b", "B")],
                            topics=Topic.objects.filter(slug="tourism"))
        services.add_achievement(project=project, what_en=f"result {n}", value=n)
    return project


def _count(client, url):
    ContentType.objects.get_for_model(Project)  # read once per process, as on a running site
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# The project page: the project (with programme, rate and who added it); partners (with their rates); funding
# shares; work plan; indicators; achievements; aliases; reporting periods; outputs; their files; their topics; the
# project's topics; project people (no one named here, so their positions are not read); funding statements; news;
# its sources (two); its activities.
PROJECT_PAGE_QUERIES = 18


def test_the_project_page_runs_a_fixed_number_of_queries_with_1_or_many_partners_and_outputs(client):
    small, large = _rich_project(1, 1), _rich_project(30, 12)
    assert _count(client, small.get_absolute_url()) == PROJECT_PAGE_QUERIES
    assert _count(client, large.get_absolute_url()) == PROJECT_PAGE_QUERIES
    assert _count(client, f"/api/projects/{large.pk}") == _count(client, f"/api/projects/{small.pk}")


def test_the_programme_page_runs_a_fixed_number_of_queries(client):
    programme = factories.programme()
    few = _count(client, programme.get_absolute_url())
    services.add_programme_alias(programme=programme, name="Interreg")
    for n in range(5):
        services.add_priority(programme=programme, titles={"en": f"Priority {n}"}, code=str(n))
        services.add_allocation(programme=programme, amount=Decimal("1000000"), currency="LTL")
        services.add_call(programme=programme, titles={"en": f"Call {n}"}, start_date=date(2020, 1, 1),
                          end_date=date(2020, 3, 1), amount=Decimal(10))
        services.add_programme_body(programme=programme, organisation=factories.organisation(),
                                    role="joint_secretariat")
        factories.project()
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Call 4" in html and "Priority 4" in html and "Interreg" in html
    assert _count(client, programme.get_absolute_url()) == few
    with pytest.raises(DomainError):
        services.add_call(programme=programme, titles={"en": "Late"}, start_date=date(2020, 3, 1),
                          end_date=date(2020, 1, 1))


def test_a_title_written_in_another_inflected_form_is_a_likely_duplicate():
    coordinator = _partner_coordinator()
    existing = services.create_project(title_lv="Atvērtā līderība pašvaldībās", confirm_new=True, by=None)
    with pytest.raises(services.LikelyDuplicates) as warning:
        services.create_project(by=coordinator, title_lv="ATVĒRTĀS LĪDERĪBAS PAŠVALDĪBĀM")
    assert warning.value.candidates == [existing]
    assert Project.objects.count() == 1


@pytest.mark.parametrize("written", ["LLI 59", "lli-59", "LLI–59"])
def test_a_code_written_differently_is_a_likely_duplicate(written):
    existing = services.create_project(code="LLI-59", title_lv="Atvērtā līderība", confirm_new=True, by=None)
    services.create_project(code="LLI-590", title_lv="Cits projekts", confirm_new=True, by=None)
    with pytest.raises(services.LikelyDuplicates) as warning:
        services.create_project(by=_partner_coordinator(), code=written, title_lv="Pavisam cits nosaukums")
    assert warning.value.candidates == [existing]


# The project list: the filter's choices of programmes, countries and topics; the count for the paginator; the page
# of projects (programme and rate joined); their partners with countries.
PROJECT_LIST_QUERIES = 6
# The programme (with who added it); its aliases, priorities, funds, donors, allocations, calls, bodies; its projects;
# its own events.
PROGRAMME_PAGE_QUERIES = 10


def test_the_project_list_runs_a_fixed_number_of_queries_with_1_or_many_partners(client):
    _rich_project(1, 0)
    assert _count(client, "/en/projects/") == PROJECT_LIST_QUERIES
    _rich_project(25, 0)
    _rich_project(3, 0)
    assert _count(client, "/en/projects/") == PROJECT_LIST_QUERIES


def test_the_programme_page_runs_an_absolute_number_of_queries(client):
    programme = factories.programme()
    assert _count(client, programme.get_absolute_url()) == PROGRAMME_PAGE_QUERIES


def test_a_coordinator_states_the_code_and_programme_later_through_the_api(client):
    project = factories.project(code="")
    coordinator = factories.programme_coordinator(project)
    programme = factories.programme(code="latlit")
    response = client.patch(f"/api/projects/{project.pk}", {"code": "LLI-1", "programme": "latlit"},
                            content_type="application/json", **_basic(coordinator))
    assert response.status_code == 200 and response.json()["code"] == "LLI-1"
    project.refresh_from_db()
    assert project.programme == programme
    response = client.patch(f"/api/projects/{project.pk}", {"programme": "no-such"},
                            content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and response.json()["field"] == "programme"


def test_reporting_periods_are_dates_within_the_project(client):
    project = factories.project(start_date=date(2017, 5, 1), end_date=date(2019, 4, 30))
    coordinator = factories.programme_coordinator(project)
    client.force_login(coordinator)
    assert client.post(f"/en/projects/{project.pk}/add/reporting-period/", {
        "start_date": "2017-05-01", "end_date": "2017-10-31", "report_due": "2017-11-30"}).status_code == 302
    response = client.post(f"/api/projects/{project.pk}/reporting-periods",
                           {"start_date": "2017-11-01", "end_date": "2018-04-30"},
                           content_type="application/json", **_basic(coordinator))
    assert response.status_code == 201
    assert [p["number"] for p in response.json()["reporting_periods"]] == [1, 2]
    html = client.post(f"/en/projects/{project.pk}/add/reporting-period/", {
        "start_date": "2019-01-01", "end_date": "2019-12-31"}).content.decode()
    assert "within the project" in html and project.reporting_periods.count() == 2
    response = client.post(f"/api/projects/{project.pk}/reporting-periods",
                           {"start_date": "2018-04-30", "end_date": "2018-01-01"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and response.json()["field"] == "end_date"
    assert "Reporting periods" in client.get(project.get_absolute_url()).content.decode()
