"""The activity page lists the first 20 organisations and municipalities that took part, with "all N" links to
their pages: a big activity had 9,000 municipalities, all on one page."""

import pytest
from django.urls import reverse

from kopa.activities import services
from kopa.activities.models import Registration
from kopa.directory.models import Person, Position
from tests import factories

pytestmark = pytest.mark.django_db


def _activity_with_places(count: int):
    activity = factories.activity()
    organisations = [factories.organisation(name=f"Dalībniece {n:02d}",
                                            municipality=factories.municipality(name=f"Novads {n:02d}"))
                     for n in range(count)]
    people = Person.objects.bulk_create([Person(first_name="Parauga", last_name=f"Dalībnieks {n}")
                                         for n in range(count)])
    Position.objects.bulk_create([Position(person=p, organisation=o, title_lv="Speciālists")
                                  for p, o in zip(people, organisations, strict=True)])
    Registration.objects.bulk_create([Registration(activity=activity, person=p, organisation=o,
                                                   status=Registration.Status.CONFIRMED)
                                      for p, o in zip(people, organisations, strict=True)])
    services.record_participation(activity=activity, organisation=organisations[-1], delegation_size=3)
    return activity


def test_the_page_shows_twenty_of_each_and_links_to_all(client):
    activity = _activity_with_places(23)
    html = client.get(f"/lv/activities/{activity.pk}/").content.decode()
    assert "Dalībniece 19" in html and "Dalībniece 20" not in html
    assert "Novads 19" in html and "Novads 20" not in html
    assert '<a href="?took_part=organisations">Visas 23 organizācijas →</a>' in html
    assert '<a href="?took_part=municipalities">Visas 23 pašvaldības →</a>' in html
    assert "<dd>23</dd>" in html  # registered by name: all of them


def test_the_pages_of_all_list_every_one_with_its_figures(client):
    activity = _activity_with_places(23)
    url = reverse("activities:activity", args=[activity.pk])
    first = client.get(url, {"took_part": "organisations"}).content.decode()
    assert "Dalībniece 00" in first and "Dalībniece 22" in first and "Kopā 23." in first
    municipalities = client.get(url, {"took_part": "municipalities"}).content.decode()
    assert all(f"Novads {n:02d}" in municipalities for n in range(23))
