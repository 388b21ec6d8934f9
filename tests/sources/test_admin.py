import pytest

from kopa.sources import services
from kopa.sources.models import Citation, Source
from tests import factories

from .builders import organiser_and_coordinator, source

pytestmark = pytest.mark.django_db
FORM = {"title": "Gada pārskats", "url": "https://example.lv/parskats", "publisher": "", "organisation": "",
        "language": "lv", "note": "", "date_precision": "year", "start_date": "", "end_date": "",
        "year_from": "2016", "year_to": ""}


def test_the_back_office_adds_a_source_through_the_service(client):
    admin = factories.user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post("/en/admin/sources/source/add/", FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Source.objects.get()
    assert (added.added_by, str(added.start_date), str(added.end_date)) == (admin, "2016-01-01", "2016-12-31")


def test_the_back_office_shows_the_services_refusal_on_its_field(client):
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    response = client.post("/en/admin/sources/source/add/", {**FORM, "language": "l1"})
    assert response.status_code == 200
    assert "ISO 639" in response.content.decode()
    assert not Source.objects.exists()


def test_removing_a_citation_in_the_back_office_goes_through_the_service(client):
    _organisation, activity, coordinator = organiser_and_coordinator()
    citation = services.cite(record=activity, source=source(), by=coordinator)
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    response = client.post(f"/en/admin/sources/citation/{citation.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Citation.objects.exists()
