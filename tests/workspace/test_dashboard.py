"""My work: the page a signed-in user lands on, per role, with every to-do a link to where it is done."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from kopa.activities import services as activities
from kopa.demo import facts
from kopa.projects.models import Project
from kopa.publications.models import Article
from kopa.workspace import queries
from tests import factories
from tests.surveys import helpers as survey_helpers

from .situations import held_without_article, offer_about_to_expire, running_project, survey_running

DASHBOARD = "/lv/my-work/"


def _section(html: str, element_id: str) -> str:
    match = re.search(rf'<li id="{element_id}">(.*?)</ul></li>', html, re.S)
    assert match, f"{element_id} is not on the page"
    return match.group(1)


def _links(fragment: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', fragment)]


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_logging_in_lands_on_my_work(client):
    factories.user(username="ieva")
    with translation.override("lv"):
        login = reverse("accounts:login")
    response = client.post(login, {"username": "ieva", "password": "pw-test-123"})
    assert (response.status_code, response["Location"]) == (302, DASHBOARD)
    assert client.get(DASHBOARD).status_code == 200


def test_the_header_links_to_my_work_for_a_signed_in_user(client, django_user_model):
    client.force_login(factories.user())
    html = client.get("/lv/").content.decode()
    assert f'href="{DASHBOARD}"' in html
    assert html.index(DASHBOARD) < html.index(reverse("activities:mine"))


def test_the_demo_coordinator_sees_each_to_do_and_each_link_clears_it(demo, client):
    coordinator = get_user_model().objects.get(username="coordinator")
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    offered, waiting = offer_about_to_expire(project, by=coordinator)
    held = held_without_article(project)
    survey = survey_running(project)
    client.force_login(coordinator)

    html = client.get(DASHBOARD).content.decode()

    # An offer about to expire: the link opens the activity's offers awaiting confirmation, where it is settled.
    # (The demo holds an offer about to expire of its own: this one is among the links, not the only one.)
    offer_link = reverse("activities:registrations", args=[offered.pk]) + "?status=pending"
    assert offer_link in _links(_section(html, "todo-expiring"))
    page = client.get(offer_link)
    assert page.status_code == 200
    assert waiting.person.last_name in page.content.decode()
    client.post(reverse("activities:registration_action", args=[offered.pk, waiting.pk]), {"action": "confirm"})
    assert offer_link not in _links(client.get(DASHBOARD).content.decode())

    # A held activity with no article: its page carries the "draft an article" form; drafting one clears it.
    assert reverse("activities:activity", args=[held.pk]) in _links(_section(html, "todo-article"))
    page = client.get(reverse("activities:activity", args=[held.pk]))
    assert page.status_code == 200
    draft = reverse("publications:draft_activity", args=[held.pk])
    assert f'action="{draft}"' in page.content.decode()
    client.post(draft)
    assert Article.objects.filter(activity=held).exists()
    after = client.get(DASHBOARD).content.decode()
    assert reverse("activities:activity", args=[held.pk]) not in _links(
        _section(after, "todo-article") if 'id="todo-article"' in after else "")

    # A survey running with its response rate: its page is where it is reminded and closed.
    fragment = _section(html, "todo-surveys")
    assert reverse("surveys:questionnaire", args=[survey.pk]) in _links(fragment)
    assert "0 no 1" in fragment  # nobody of the one person invited has answered yet
    page = client.get(reverse("surveys:questionnaire", args=[survey.pk]))
    assert page.status_code == 200
    client.post(reverse("surveys:action", args=[survey.pk]), {"action": "close"})
    assert reverse("surveys:questionnaire", args=[survey.pk]) not in client.get(DASHBOARD).content.decode()


def test_every_link_on_the_demo_coordinators_dashboard_answers(demo, client):
    coordinator = get_user_model().objects.get(username="coordinator")
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    offer_about_to_expire(project, by=coordinator)
    held_without_article(project)
    survey_running(project)
    client.force_login(coordinator)
    html = client.get(DASHBOARD).content.decode()
    main = html[html.index('<main'):html.index('</main>')]
    links = set(_links(main))
    assert len(links) > 5
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.django_db
def test_a_coordinators_activities_come_next_first_with_seats_waiting_list_and_offers():
    project = running_project()
    coordinator = factories.programme_coordinator(project)
    later = factories.activity(project=project, title_lv="Vēlāk", start_date=timezone.localdate() + timedelta(days=40),
                               end_date=timezone.localdate() + timedelta(days=40))
    offered, waiting = offer_about_to_expire(project, title="Drīz", hours=30)
    past = held_without_article(project)
    board = queries.coordinator_dashboard(coordinator)

    assert [a.pk for a in board["coming"]] == [offered.pk, later.pk]
    assert [a.pk for a in board["past"]] == [past.pk]
    row = board["coming"][0]
    assert (row.seated, row.capacity, row.fill_rate, row.waiting, row.offers) == (1, 1, 1.0, 0, 1)
    assert row.next_offer_deadline == waiting.offer_expires_at
    assert board["expiring"] == []  # 30 hours left: not yet "about to expire"
    assert [a.pk for a in board["to_confirm"]] == [offered.pk]
    assert [a.pk for a in board["not_closed"]] == [past.pk]


@pytest.mark.django_db
def test_a_coordinator_sees_exactly_what_their_roles_and_records_give_them():
    organisation = factories.organisation(name="Partneris")
    partner = factories.partner_coordinator(organisation)
    theirs = factories.activity(organiser=organisation, title_lv="Mūsu")
    elsewhere = factories.activity(title_lv="Citu")
    recorded = factories.activity(title_lv="Ierakstīja", by=None)
    recorded.recorded_by.add(partner)
    board = queries.coordinator_dashboard(partner)
    shown = {a.pk for a in board["coming"] + board["past"]}
    assert theirs.pk in shown and recorded.pk in shown and elsewhere.pk not in shown

    # Someone who coordinates nothing any more keeps no access through what they once recorded.
    former = factories.user()
    recorded.recorded_by.add(former)
    assert not queries.is_coordinator(former)
    assert {a.pk for a in queries._my_activities(former)} == set()


@pytest.mark.django_db
def test_an_indicator_behind_an_even_pace_is_a_to_do_with_the_indicators_own_count():
    from kopa.projects.models import OutputIndicator

    project = running_project()  # half of its period is over
    coordinator = factories.programme_coordinator(project)
    behind = OutputIndicator.objects.create(project=project, name="Apmācības", unit="pasākumi", target=4,
                                            rule=OutputIndicator.Rule.ACTIVITIES_HELD)
    on_track = OutputIndicator.objects.create(project=project, name="Sanāksmes", unit="pasākumi", target=2,
                                              rule=OutputIndicator.Rule.ACTIVITIES_HELD)
    held_without_article(project)  # one held activity: 1 of 4 is behind 2 expected, 1 of 2 is on track
    rows = queries.coordinator_dashboard(coordinator)["indicators_behind"]
    assert [(r["indicator"].pk, r["achieved"], r["expected"]) for r in rows] == [(behind.pk, 1, 2)]
    assert on_track.pk not in [r["indicator"].pk for r in rows]


def test_a_participants_dashboard_lists_activities_certificates_and_open_surveys(client, db):
    organisation = factories.organisation()
    person = factories.employee(organisation, email="dalibnieks@example.lv")
    user = factories.user()
    person.user = user
    person.save(update_fields=["user"])
    today = timezone.localdate()
    coming = factories.activity(title_lv="Nākamā", start_date=today + timedelta(days=3),
                                end_date=today + timedelta(days=3))
    held = factories.activity(title_lv="Pagājusī", start_date=today - timedelta(days=3),
                              end_date=today - timedelta(days=3))
    activities.register(activity=coming, person=person)
    attended = activities.register(activity=held, person=person)
    activities.set_status(activity=held, status="held")
    activities.mark_attendance(activity=held, attended_ids={attended.pk})
    questionnaire = survey_helpers.questionnaire()
    activities_closed = survey_helpers.questionnaire()
    from kopa.surveys import services as surveys

    surveys.invite(questionnaire=questionnaire, organisations=[organisation])
    surveys.invite(questionnaire=activities_closed, organisations=[organisation])
    surveys.close_questionnaire(questionnaire=activities_closed)
    client.force_login(user)

    html = client.get(DASHBOARD).content.decode()

    assert html.index("Nākamā") < html.index("Pagājusī")  # coming first
    certificate = reverse("activities:certificate", args=[held.pk, attended.pk])
    assert certificate in html
    assert client.get(certificate)["Content-Type"] == "application/pdf"
    invitation = questionnaire.invitations.get(person=person)
    assert reverse("surveys:answer", args=[invitation.token]) in html
    closed_invitation = activities_closed.invitations.get(person=person)
    assert reverse("surveys:answer", args=[closed_invitation.token]) not in html
    assert "Things to do" not in html and "Darāmais" not in html  # not a coordinator


def _everything(n: int):
    """n of each thing the coordinator's and the participant's dashboards list."""
    from kopa.projects.models import OutputIndicator

    project = running_project()
    coordinator = factories.programme_coordinator(project)
    for rule in (OutputIndicator.Rule.ACTIVITIES_HELD, OutputIndicator.Rule.DISTINCT_PARTICIPANTS):
        OutputIndicator.objects.create(project=project, name=rule, unit="x", target=10 * n, rule=rule)
    organisation = factories.organisation()
    person = factories.employee(organisation, email=f"p{n}@example.lv")
    person.user = factories.user()
    person.save(update_fields=["user"])
    for number in range(n):
        offered, _waiting = offer_about_to_expire(project, title=f"Piedāvājums {number}")
        activities.register(activity=offered, person=person)
        held = held_without_article(project, title=f"Noturēta {number}")
        Article.objects.create(slug=f"raksts-{n}-{number}", title_lv="Raksts", project=project,
                               status=Article.Status.IN_REVIEW)
        questionnaire = survey_running(project)
        from kopa.surveys import services as surveys

        surveys.invite(questionnaire=questionnaire, organisations=[organisation])
        assert held.pk
    return coordinator, person.user


@pytest.mark.parametrize("n", [1, 20])
def test_the_coordinators_dashboard_runs_a_fixed_number_of_queries(n, client, db, django_assert_num_queries):
    coordinator, _participant = _everything(n)
    client.force_login(coordinator)
    client.get(DASHBOARD)  # the session and the user are read as on any page
    with django_assert_num_queries(COORDINATOR_QUERIES):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert len(response.context["coordinator"]["coming"]) == n


@pytest.mark.parametrize("n", [1, 20])
def test_the_participants_dashboard_runs_a_fixed_number_of_queries(n, client, db, django_assert_num_queries):
    _coordinator, participant = _everything(n)
    client.force_login(participant)
    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert len(response.context["participant"]["invitations"]) == n


# Session, user, roles, person; the first few of each list of activities (six), all their lengths (one), their
# seats (one); articles in review and their count; the publications lacking a statement (two counts); running
# surveys and their count; projects and their count; their indicators and the indicators' measure for the one
# running project.
COORDINATOR_QUERIES = 24
# Session, user, person, roles; registrations; invitations; surveys with an open link.
PARTICIPANT_QUERIES = 7


@pytest.mark.parametrize("projects", [1, 3])
def test_only_the_indicators_measure_runs_once_per_coordinated_project(projects, client, db,
                                                                      django_assert_num_queries):
    """The indicators' achieved values are the one rule of kopa.activities.indicators, which measures one project
    at a time (here two queries for its two indicators); everything else is read once for all projects."""
    coordinator, _participant = _everything(2)
    from kopa.accounts.models import RoleAssignment
    from kopa.accounts.services import assign_role
    from kopa.projects.models import OutputIndicator

    for _ in range(projects - 1):
        project = running_project()
        assign_role(user=coordinator, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=project)
        for rule in (OutputIndicator.Rule.ACTIVITIES_HELD, OutputIndicator.Rule.DISTINCT_PARTICIPANTS):
            OutputIndicator.objects.create(project=project, name=rule, unit="x", target=5, rule=rule)
        held_without_article(project)
    client.force_login(coordinator)
    client.get(DASHBOARD)
    with django_assert_num_queries(COORDINATOR_QUERIES + 2 * (projects - 1)):
        response = client.get(DASHBOARD)
    assert len(response.context["coordinator"]["projects"]) == projects


def test_an_administrator_without_roles_gets_their_own_work_and_the_site_wide_pages(client, db, django_user_model):
    admin = django_user_model.objects.create_superuser(username="admin-ws", password="pw-test-123")
    factories.activity(title_lv="Kāda cita pasākums")  # nobody's work of theirs: not listed
    client.force_login(admin)
    response = client.get(DASHBOARD)
    html = response.content.decode()
    assert response.context["coordinator"] is None
    assert "Kāda cita pasākums" not in html
    assert reverse("publications:compliance") in html and reverse("directory:awaiting_review") in html


def test_a_participants_dashboard_shows_ten_coming_activities_and_links_to_all(client, db):
    _coordinator, participant = _everything(12)
    client.force_login(participant)
    response = client.get(DASHBOARD)
    assert len(response.context["participant"]["coming"]) == queries.REGISTRATIONS_SHOWN == 10
    assert 'href="/lv/activities/mine/">Visas 12 pieteikšanās →</a>' in response.content.decode()


@pytest.mark.django_db
def test_my_work_links_to_my_exports(client):
    client.force_login(factories.user())
    html = client.get(DASHBOARD).content.decode()
    with translation.override("lv"):
        mine = reverse("exports:mine")
    assert f'href="{mine}"' in html
    assert client.get(mine).status_code == 200


def test_each_list_shows_its_first_ten_and_links_to_all_of_them_on_a_page_of_its_own(client, db,
                                                                                  django_assert_num_queries):
    project = running_project()
    coordinator = factories.programme_coordinator(project)
    held = [held_without_article(project, title=f"Noturēta {n:02d}") for n in range(queries.TODO_SHOWN + 2)]
    client.force_login(coordinator)
    html = client.get(DASHBOARD).content.decode()
    todo = _section(html, "todo-article")
    whole = reverse("workspace:activities", args=["no_article"])
    assert re.search(r"<h3>(.*?)</h3>", todo).group(1).startswith("12 ")  # the heading counts all of them
    assert whole in _links(todo)
    assert len([link for link in _links(todo) if link.startswith("/lv/activities/")]) == queries.TODO_SHOWN
    assert reverse("workspace:activities", args=["past"]) in html  # 12 past: ten shown, the rest a link away

    client.get(whole)
    with django_assert_num_queries(PAGE_QUERIES):
        page = client.get(whole)
    assert page.status_code == 200
    rows = page.context["page"].object_list
    assert {a.pk for a in rows} == {a.pk for a in held}  # all twelve, on one page of twenty
    assert all(hasattr(a, "seated") for a in rows)
    for number in range(20):  # more of them: the page still reads the same
        held_without_article(project, title=f"Vēl {number}")
    with django_assert_num_queries(PAGE_QUERIES):
        page = client.get(whole + "?page=2")
    assert len(page.context["page"].object_list) == 12 + 20 - 20


# Session, user, roles, the page and its count, their seats.
PAGE_QUERIES = 6


def test_the_lists_of_my_work_are_for_coordinators_and_know_their_names(client, db):
    project = running_project()
    client.force_login(factories.user())
    assert client.get(reverse("workspace:activities", args=["coming"])).status_code == 403
    assert client.get(reverse("workspace:projects")).status_code == 403
    client.force_login(factories.programme_coordinator(project))
    assert client.get("/lv/my-work/activities/nothing/").status_code == 404
    page = client.get(reverse("workspace:projects"))
    assert [p.pk for p in page.context["page"].object_list] == [project.pk]


@pytest.mark.parametrize("n", [1, 30])
def test_my_projects_page_runs_a_fixed_number_of_queries(n, client, db, django_assert_num_queries):
    from kopa.accounts.models import RoleAssignment
    from kopa.accounts.services import assign_role

    coordinator = factories.programme_coordinator(running_project())
    for _ in range(n - 1):
        assign_role(user=coordinator, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=running_project())
    client.force_login(coordinator)
    url = reverse("workspace:projects")
    client.get(url)
    with django_assert_num_queries(PROJECTS_PAGE_QUERIES):
        page = client.get(url)
    assert len(page.context["page"].object_list) == min(n, 20)


# Session, user, roles (the access check and the list's own), the page of projects and its count.
PROJECTS_PAGE_QUERIES = 5


@pytest.mark.parametrize("n", [3, 30])
def test_all_articles_in_review_are_on_a_page_of_their_own_with_a_fixed_number_of_queries(
        n, client, db, django_assert_num_queries):
    project = running_project()
    coordinator = factories.programme_coordinator(project)
    for number in range(n):
        Article.objects.create(slug=f"parskats-{number}", title_lv=f"Pārskats {number}", project=project,
                               status=Article.Status.IN_REVIEW)
    Article.objects.create(slug="cits", title_lv="Cita projekta", project=running_project(),
                           status=Article.Status.IN_REVIEW)
    client.force_login(coordinator)
    dashboard = client.get(DASHBOARD).content.decode()
    assert (reverse("workspace:articles") in dashboard) == (n > queries.TODO_SHOWN)
    url = reverse("workspace:articles")
    client.get(url)
    with django_assert_num_queries(ARTICLES_PAGE_QUERIES):
        page = client.get(url)
    shown = page.context["page"].object_list
    assert len(shown) == min(n, 20) and page.context["page"].paginator.count == n
    assert "Cita projekta" not in page.content.decode()  # another project's
    client.force_login(factories.user())
    assert client.get(url).status_code == 403


# Session, user, roles (the access check and the list's own), the page of articles and its count.
ARTICLES_PAGE_QUERIES = 5
