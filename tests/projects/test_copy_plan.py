"""A coordinator copies a project's activity plan — all its activities or the ticked ones — into another project or
into the same one for a new year, the dates moved by an offset; all or nothing, registrations stay behind."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.activities import services as activities
from kopa.activities.models import Activity, Registration
from kopa.activities.services.copying import copy_plan
from kopa.core.errors import DomainError, PermissionDenied
from kopa.projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


def _plan(count, project=None):
    project = project or factories.project()
    plan = [factories.activity(project=project, title_lv=f"Seminārs {n}", start_date=date(2018, 5, 1 + n),
                               end_date=date(2018, 5, 2 + n)) for n in range(count)]
    return project, plan


def _url(project):
    return f"/en/activities/projects/{project.pk}/copy-plan/"


def _link(project):
    return f"/activities/projects/{project.pk}/copy-plan/"


def test_copying_three_activities_a_year_on_makes_three_copies_without_their_registrations(client):
    project, plan = _plan(3)
    activities.add_programme_item(activity=plan[0], day=date(2018, 5, 2), title_lv="Atklāšana")
    activities.register(activity=plan[0], person=factories.employee(factories.organisation()))
    target = factories.project()
    coordinator = factories.programme_coordinator(project)
    assign_role(user=coordinator, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=target)
    client.force_login(coordinator)
    assert _link(project) in client.get(project.get_absolute_url()).content.decode()
    response = client.post(_url(project), {"activities": [a.pk for a in plan], "into": target.pk, "offset": 1,
                                           "unit": "years"})
    assert response.status_code == 302 and response["Location"].endswith(target.get_absolute_url())
    copies = Activity.objects.filter(project=target).order_by("start_date")
    assert [(c.title_lv, c.start_date, c.end_date, c.status) for c in copies] == [
        (f"Seminārs {n}", date(2019, 5, 1 + n), date(2019, 5, 2 + n), "planned") for n in range(3)]
    assert [i.day for i in copies[0].programme.all()] == [date(2019, 5, 2)]
    assert not Registration.objects.filter(activity__in=copies).exists()
    assert Registration.objects.filter(activity=plan[0]).count() == 1
    assert Activity.objects.filter(project=project).count() == 3  # the originals stay where they were


def test_a_shift_onto_a_day_that_does_not_exist_copies_nothing(client):
    project, plan = _plan(2)
    leap = factories.activity(project=project, title_lv="Garā diena", start_date=date(2028, 2, 29),
                              end_date=date(2028, 2, 29))
    coordinator = factories.programme_coordinator(project)
    client.force_login(coordinator)
    response = client.post(_url(project), {"activities": [a.pk for a in [*plan, leap]], "into": project.pk,
                                           "offset": 1, "unit": "years"})
    assert response.status_code == 200
    assert "of Garā diena falls on a day that does not exist" in response.content.decode()
    assert Activity.objects.count() == 3
    # Only the ticked ones: without the leap day the other two are copied, by weeks this time.
    response = client.post(_url(project), {"activities": [plan[1].pk], "into": project.pk, "offset": 2,
                                           "unit": "weeks"})
    assert response.status_code == 302
    assert list(Activity.objects.filter(project=project, title_lv="Seminārs 1").values_list("start_date", flat=True)
                .order_by("start_date")) == [date(2018, 5, 2), date(2018, 5, 16)]


def test_a_project_the_coordinator_may_not_change_is_no_target_and_nothing_is_copied(client):
    project, plan = _plan(2)
    elsewhere = factories.project()
    coordinator = factories.programme_coordinator(project)
    client.force_login(coordinator)
    response = client.post(_url(project), {"activities": [a.pk for a in plan], "into": elsewhere.pk, "offset": 1,
                                           "unit": "years"})
    assert response.status_code == 200 and Activity.objects.count() == 2
    with translation.override("en"), pytest.raises(PermissionDenied):
        copy_plan(activities=plan, into=elsewhere, by=coordinator, years=1)
    with pytest.raises(DomainError):
        copy_plan(activities=[], into=project, by=coordinator, years=1)
    assert Activity.objects.count() == 2


def test_someone_who_does_not_coordinate_the_project_gets_403(client):
    project, _plan_ = _plan(1)
    other = factories.programme_coordinator(factories.project())
    client.force_login(other)
    assert client.get(_url(project)).status_code == 403
    assert client.post(_url(project), {"into": project.pk, "offset": 1, "unit": "years"}).status_code == 403
    assert _link(project) not in client.get(project.get_absolute_url()).content.decode()


# The session and the user; the project; the user's roles; its activities (once for the page, once for the boxes);
# the projects to copy into (twice: Django's select reads its first choice to decide on `required`).
PLAN_COPY_QUERIES = 7


def test_the_plan_copy_page_runs_the_same_fixed_number_of_queries_with_1_or_10_activities(client):
    counts = []
    for size in (1, 10):
        project, _plan_ = _plan(size)
        client.force_login(factories.programme_coordinator(project))
        ContentType.objects.get_for_model(Project)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_url(project))
        assert response.status_code == 200 and response.content.decode().count('name="activities"') == size
        counts.append(len(captured))
    assert counts == [PLAN_COPY_QUERIES, PLAN_COPY_QUERIES]
