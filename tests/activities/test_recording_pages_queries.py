"""The organiser pages that record an activity as its source tells it, and the series pages, run a fixed
number of queries whatever the amount of data (pinned, so a query per row cannot creep in)."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopa.activities import services
from kopa.activities.models import Activity
from kopa.projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    # Content types are read once per process and then kept (as on a running site): read them first.
    ContentType.objects.get_for_models(Activity, Project)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _filled(project, size: int):
    activity = factories.activity(project=project, title_lv=f"Ar {size}", start_date=date(2020, 5, 1),
                                  end_date=date(2020, 5, 28), status="planned")
    series = services.save_series(kind="course", name_lv=f"Kurss {size}")
    services.place_in_series(activity=activity, series=series, number=1)
    for n in range(size):
        organisation = factories.organisation(municipality=factories.municipality())
        services.record_participation(activity=activity, organisation=organisation, delegation_size=n)
        services.report_headcount(activity=activity, value=n, organisation=organisation)
        session = services.add_session(activity=activity, date_precision="day", start_date=date(2020, 5, 1 + n),
                                       host_municipality=organisation.municipality)
        session.hosts.set([organisation])
        services.add_programme_item(activity=activity, title_lv=f"Punkts {n}", place=organisation)
        services.add_award(activity=activity, title_lv=f"Balva {n}", organisation=organisation)
        person = factories.employee(organisation)
        services.record_attendance(activity=activity, person=person)
        services.add_award(activity=activity, title_lv=f"Personas balva {n}", person=person)
        services.add_contributor(activity=None, project=project, by=None, role="contact_person",
                                 position=person.positions.get())
    return activity, series


# As a signed-in coordinator of the project (session and user reads included). The forms offering a kind read the
# kinds coordinators added (one query), and the activity form the countries and programmes; the series list reads
# the topics of its filter; the project page its outputs, reported achievements, partners' own budgets and reporting
# periods and its activities (one query); both pages their sources (two queries). The activity page lists the first
# 20 organisations and municipalities that took part, each list with its total (nine queries), and the first
# 12 photos with their number (two).
# Pickers (kopa.core.pickers) instead of drop-downs: a form reads none of the directory, only the names of the
# entries it shows as chosen (one query a picker with a value). The series page asks whether the reader may edit
# that series (activities.change_series), no longer whether they may add activities anywhere: one query fewer.
PINNED = {"edit": 15, "who took part": 11, "programme, sessions and awards": 11, "people in the project": 7,
          "series": 5, "series list": 5, "new activity": 7, "project page": 25, "activity page": 38,
          "kinds of activity": 4, "copy": 4}

PAGES = {
    "edit": lambda a, s: f"/lv/activities/{a.pk}/edit/",
    "who took part": lambda a, s: f"/lv/activities/{a.pk}/participation/",
    "programme, sessions and awards": lambda a, s: f"/lv/activities/{a.pk}/programme/",
    "people in the project": lambda a, s: f"/lv/activities/projects/{a.project_id}/people/",
    "series": lambda a, s: f"/lv/activities/series/{s.slug}/",
    "series list": lambda a, s: "/lv/activities/series/",
    "new activity": lambda a, s: "/lv/activities/new/",
    "project page": lambda a, s: f"/lv/projects/{a.project_id}/",
    "activity page": lambda a, s: f"/lv/activities/{a.pk}/",
    "kinds of activity": lambda a, s: "/lv/activities/kinds/",
    "copy": lambda a, s: f"/lv/activities/{a.pk}/copy/",
}


@pytest.mark.parametrize("page", list(PAGES))
def test_a_recording_page_costs_the_same_queries_with_1_or_20_of_everything(client, page):
    counts = []
    for size in (1, 20):
        project = factories.project()
        activity, series = _filled(project, size)
        client.force_login(factories.programme_coordinator(project))
        counts.append(_count(client, PAGES[page](activity, series)))
    assert counts[0] == counts[1], counts
    assert counts[0] == PINNED[page], counts


@pytest.mark.parametrize("page", ["project page", "activity page"])
def test_a_public_page_costs_the_same_for_a_signed_in_participant_with_1_or_20_people_named(client, page):
    """The naming rule asks, for each person, whether the reader may see their contacts: for someone who
    coordinates nothing it answers without reading anyone's positions."""
    counts = []
    for size in (1, 20):
        project = factories.project()
        activity, series = _filled(project, size)
        client.force_login(factories.user())
        counts.append(_count(client, PAGES[page](activity, series)))
    assert counts[0] == counts[1], counts
