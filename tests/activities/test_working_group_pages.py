"""Working groups are created and kept in Kopā's own pages by their project's coordinators: names and themes in
any language, topics, members picked by name; others get 403 and nothing changes."""

import pytest

from kopa.activities.models import WorkingGroup
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = factories.project(code="WG-1")
    return project, factories.programme_coordinator(project)


def test_a_coordinator_creates_a_working_group_and_adds_a_member(project, client):
    record, coordinator = project
    member = factories.employee(factories.organisation(name="Utenos rajono savivaldybė", country_code="LT"),
                                first_name="Rūta", last_name="Kazlauskienė")
    client.force_login(coordinator)
    assert 'href="/lv/activities/working-groups/new/"' in client.get("/lv/activities/working-groups/").content.decode()
    response = client.post("/lv/activities/working-groups/new/", {
        "form": "details", "name_lt": "Turizmo darbo grupė", "theme_lv": "tūrisms", "project": record.pk})
    group = WorkingGroup.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{group.slug}/edit/")
    assert (group.name_lt, group.theme_lv, group.project) == ("Turizmo darbo grupė", "tūrisms", record)
    edit = f"/lv/activities/working-groups/{group.slug}/edit/"
    assert client.post(edit, {"form": "member", "m-person": "ruta kazlauskiene"}).status_code == 302
    assert list(group.members.all()) == [member]
    response = client.post(edit, {"form": "member", "m-person": "Rūta Kazlauskienė"})
    assert "jau ir dalībnieks" in response.content.decode() or response.status_code == 200
    assert group.members.count() == 1
    assert client.post(edit, {"form": "details", "name_lt": "Turizmo grupė", "theme_lv": "tūrisms",
                              "project": record.pk}).status_code == 302
    group.refresh_from_db()
    assert group.name_lt == "Turizmo grupė"
    assert client.post(f"/lv/activities/working-groups/{group.slug}/members/{member.pk}/remove/").status_code == 302
    assert not group.members.exists()


def test_a_working_group_needs_a_name_and_a_theme_said_in_the_readers_language(project, client):
    record, coordinator = project
    client.force_login(coordinator)
    response = client.post("/en/activities/working-groups/new/", {"form": "details", "theme_lv": "x",
                                                                  "project": record.pk})
    assert "The working group needs a name." in response.content.decode()
    assert not WorkingGroup.objects.exists()


def test_only_the_projects_coordinators_keep_its_working_groups(project, client):
    record, _coordinator = project
    group = WorkingGroup.objects.create(slug="it", project=record, name_lv="IT grupa", theme_lv="IT")
    other_project = factories.project(code="WG-2")
    client.force_login(factories.programme_coordinator(other_project))
    assert client.get(f"/en/activities/working-groups/{group.slug}/edit/").status_code == 403
    response = client.post("/en/activities/working-groups/new/", {"form": "details", "name_lv": "X", "theme_lv": "Y",
                                                                  "project": record.pk})
    assert response.status_code == 200 and WorkingGroup.objects.count() == 1  # not one of their projects
    client.force_login(factories.user())
    assert client.get("/en/activities/working-groups/new/").status_code == 403


def test_a_big_working_group_lists_its_first_members_and_meetings_with_all_of_them_a_page_at_a_time(project, client):
    from datetime import date

    from kopa.activities import working_groups

    record, coordinator = project
    group = WorkingGroup.objects.create(slug="tikls", project=record, name_lv="Reģiona tīkls", theme_lv="sadarbība")
    region = factories.organisation(name="Latgales plānošanas reģions")
    people = [factories.employee(region, first_name="Dalībnieks", last_name=f"Uzvārds{n:02}", publication_consent=True)
              for n in range(working_groups.SHOWN + 5)]
    hidden = factories.employee(region, first_name="Slēptais", last_name="Aaa", publication_consent=False)
    group.members.set([*people, hidden])
    for n in range(working_groups.SHOWN + 3):
        factories.activity(project=record, working_group=group, title_lv=f"Sanāksme {n}",
                           start_date=date(2020, 1, 1 + n), end_date=date(2020, 1, 1 + n))

    page = client.get(group.get_absolute_url()).content.decode()
    assert page.count("Dalībnieks Uzvārds") == working_groups.SHOWN and "Slēptais" not in page  # the naming rule
    assert "Visi 25 dalībnieki →" in page and "?list=members" in page and "?list=meetings" in page
    assert "Sanāksme 22" in page and "Sanāksme 0<" not in page  # the newest first

    members = client.get(group.get_absolute_url() + "?list=members")
    assert members.context["page"].paginator.count == working_groups.SHOWN + 5
    assert "Slēptais" not in members.content.decode()
    meetings = client.get(group.get_absolute_url() + "?list=meetings")
    assert meetings.context["page"].paginator.count == working_groups.SHOWN + 3

    client.force_login(factories.user(is_superuser=True))  # may see everyone's contacts: everyone is named
    assert client.get(group.get_absolute_url() + "?list=members").context["page"].paginator.count == len(people) + 1
