"""Every organiser page of an activity runs the same, pinned number of queries with 10 or 5,000 registrations:
nothing on them grows with the number of participants (the list pages paginate; summaries are aggregated)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopa.activities import services
from kopa.activities.models import Activity, Registration
from kopa.directory.models import Person, Position
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status

PAGES = {
    "activity page": "/en/activities/{pk}/",
    "edit": "/en/activities/{pk}/edit/",
    "programme, sessions and awards": "/en/activities/{pk}/programme/",
    "parallel groups and quotas": "/en/activities/{pk}/groups/",
    "materials": "/en/activities/{pk}/materials/",
    "votes": "/en/activities/{pk}/votes/new/",
    "follow-ups": "/en/activities/{pk}/follow-ups/",
    "who took part": "/en/activities/{pk}/participation/",
    "outcomes, photos and votes": "/en/activities/{pk}/record/",
    "registrations": "/en/activities/{pk}/registrations/",
    "close": "/en/activities/{pk}/close/",
    "copy": "/en/activities/{pk}/copy/",
}

# What each page reads, whatever the number of registrations (the registrations page: its filters, one page of
# the list, the per-organisation summary as one aggregate and its count; the activity page: its sections, each one
# query, and the first of those who took part with their totals).
PINNED = {"activity page": 34, "edit": 15, "programme, sessions and awards": 10, "parallel groups and quotas": 7,
          "materials": 6, "votes": 5, "follow-ups": 5, "who took part": 10, "outcomes, photos and votes": 10,
          "registrations": 19, "close": 8, "copy": 4}  # close: +1 counts the organisations for "all N →";
# registrations and close: +1 reads the page's rows (registrations) or the organisations' counts (close) apart


def _activity_with(count: int, coordinator, project) -> Activity:
    """Registrations written in bulk (test data only), in every status, over three organisations and a group."""
    activity = factories.activity(project=project)
    group = services.add_breakout(activity=activity, theme_lv="Grupa", by=coordinator)
    organisations = [factories.organisation() for _ in range(3)]
    for organisation in organisations:
        services.set_quota(activity=activity, organisation=organisation, seats=count, by=coordinator)
    people = Person.objects.bulk_create(
        [Person(first_name="Parauga", last_name=f"Dalībnieks {n}", email=f"p{n}@example.lv") for n in range(count)])
    Position.objects.bulk_create([Position(person=p, organisation=organisations[n % 3], title_lv="Speciālists",
                                           title="Speciālists") for n, p in enumerate(people)])
    statuses = [S.CONFIRMED, S.WAITLISTED, S.ATTENDED, S.PENDING, S.CANCELLED]
    Registration.objects.bulk_create([
        Registration(activity=activity, person=p, organisation=organisations[n % 3], status=statuses[n % 5],
                     breakout=group if n % 2 else None) for n, p in enumerate(people)])
    return activity


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_organiser_pages_run_the_same_queries_at_10_and_5000_registrations(client):
    ContentType.objects.get_for_model(Activity)  # read once per process, as on a running site
    project = factories.project(code="SCALE-1")
    coordinator = factories.programme_coordinator(project)
    small, large = _activity_with(10, coordinator, project), _activity_with(5000, coordinator, project)
    client.force_login(coordinator)
    counts = {name: (_queries(client, url.format(pk=small.pk)), _queries(client, url.format(pk=large.pk)))
              for name, url in PAGES.items()}
    grows = {name: pair for name, pair in counts.items() if pair[0] != pair[1]}
    assert not grows, f"query counts that grow with the registrations: {grows}"
    assert {name: pair[0] for name, pair in counts.items()} == PINNED
