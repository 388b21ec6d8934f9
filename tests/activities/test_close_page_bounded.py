"""The close page's attendance per organisation shows the first 20 with an "all N" link to a paginated table:
a big activity had registrations from 9,000 organisations, all in one table beside the form."""

import pytest
from django.urls import reverse

from kopa.activities.models import Registration
from kopa.directory.models import Organisation, Person
from tests import factories

pytestmark = pytest.mark.django_db


def _activity_with_organisations(count: int):
    project = factories.project()
    activity = factories.activity(project=project)
    country = factories.country()
    organisations = Organisation.objects.bulk_create([
        Organisation(slug=f"iestade-{n}", kind="municipal_administration", country=country,
                     name_lv=f"Iestāde {n:02d}", name_en=f"Body {n:02d}") for n in range(count)])
    people = Person.objects.bulk_create([Person(first_name="Parauga", last_name=f"Dalībnieks {n}")
                                         for n in range(count)])
    Registration.objects.bulk_create([
        Registration(activity=activity, person=p, organisation=o, status=Registration.Status.CONFIRMED)
        for p, o in zip(people, organisations, strict=True)])
    return activity, factories.programme_coordinator(project)


def test_the_close_page_shows_twenty_organisations_and_links_to_all(client):
    activity, coordinator = _activity_with_organisations(73)
    client.force_login(coordinator)
    url = reverse("activities:close", args=[activity.pk])
    html = client.get(url).content.decode()
    assert "Iestāde 19" in html and "Iestāde 20" not in html
    assert '<a href="?organisations=all">Visas 73 organizācijas →</a>' in html
    first = client.get(url, {"organisations": "all"}).content.decode()
    assert "Iestāde 49" in first and "Iestāde 50" not in first
    rest = client.get(url, {"organisations": "all", "page": 2}).content.decode()
    assert "Iestāde 50" in rest and "Iestāde 72" in rest and "Iestāde 49" not in rest


def test_a_small_activity_has_no_link(client):
    activity, coordinator = _activity_with_organisations(3)
    client.force_login(coordinator)
    html = client.get(reverse("activities:close", args=[activity.pk])).content.decode()
    assert "Iestāde 02" in html and "organisations=all" not in html
