"""The municipality and organisation pages run a fixed number of queries, whatever the number of name variants,
relationships and places in the directory (pinned, absolute)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kopa.directory import services
from kopa.directory.countries import country_by_code
from kopa.directory.models import Municipality, Organisation
from tests import factories

pytestmark = pytest.mark.django_db

# Anonymous: the place (1), its variants, figures, successions out and in, organisations (5), projects and
# their count for the "all N →" link under the first 20 (2).
MUNICIPALITY_PAGE = 8
# Signed in (a coordinator): also the session, the user, their roles, and Django's own permissions of the user and
# of their groups (read once, when the add and review links ask `has_perm`).
# (+1: whether they coordinate an organisation in the place is one EXISTS, the page no longer holds them all.)
MUNICIPALITY_PAGE_SIGNED_IN = 14
# Anonymous: the organisation (1), departments, variants, relationships out and in, partnerships (5), the first
# 20 people it may name and their count (2); its sources (2).
ORGANISATION_PAGE = 10
ORGANISATION_PAGE_SIGNED_IN = 15


def _foreign_world(places: int, variants: int, relationships: int):
    germany = country_by_code("DE")
    Municipality.objects.bulk_create([
        Municipality(code=f"DE-{n:05d}", name=f"Ort {n}", name_lv=f"Ort {n}", kind="town", country=germany)
        for n in range(places)])
    town = Municipality.objects.filter(country=germany).order_by("code").first()
    organisation = factories.organisation(name="Stadtverwaltung", country_code="LV", municipality=town)
    for n in range(variants):
        services.add_variant(by=None, record=town, name=f"Ortschaft {n}")
        services.add_variant(by=None, record=organisation, name=f"Stadt {n}")
    for n in range(relationships):
        other = factories.organisation(name=f"Partner {n}")
        services.add_relationship(by=None, first=organisation, second=other, kind="twin_towns")
        services.add_relationship(by=None, first=other, second=organisation, kind="membership")
    factories.employee(organisation, publication_consent=True)
    return town, organisation


def _count(client, url):
    ContentType.objects.get_for_model(Organisation)  # read once per process, as on a running site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("places, variants, relationships", [(1, 1, 1), (1000, 20, 15)])
def test_the_pages_of_a_foreign_town_and_its_organisation_run_fixed_queries(client, places, variants,
                                                                             relationships):
    town, organisation = _foreign_world(places, variants, relationships)
    with translation.override("en"):
        town_url, organisation_url = town.get_absolute_url(), organisation.get_absolute_url()
    assert _count(client, town_url) == MUNICIPALITY_PAGE
    assert _count(client, organisation_url) == ORGANISATION_PAGE
    client.force_login(factories.partner_coordinator(factories.organisation()))
    assert _count(client, town_url) == MUNICIPALITY_PAGE_SIGNED_IN
    assert _count(client, organisation_url) == ORGANISATION_PAGE_SIGNED_IN
    html = client.get(organisation_url).content.decode()
    assert "Stadt 0" in html and "Partner 0" in html and "Add a relationship" in html
