import pytest

from kopa.topics.models import Topic
from tests import factories

pytestmark = pytest.mark.django_db


def _form(**fields):
    return {"name_lv": "", "name_lt": "", "name_en": "", "parent": "", "synonyms": "", "slug": "", **fields}


def test_the_back_office_adds_through_the_service(client):
    admin = factories.user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post("/lv/admin/topics/topic/add/", _form(name_lv="Ūdens sports"))
    assert response.status_code == 302
    added = Topic.objects.get(name_lv="Ūdens sports")
    assert added.slug == "udens-sports" and added.added_by == admin  # the service sets both


def test_the_back_office_shows_the_services_refusal_and_saves_nothing(client):
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    culture = Topic.objects.get(slug="culture")
    museums = Topic.objects.get(slug="libraries-museums")
    response = client.post(f"/en/admin/topics/topic/{culture.pk}/change/",
                           _form(name_lv="Kultūra", name_en="Culture", parent=museums.slug, slug="culture"))
    assert response.status_code == 200 and "cannot be placed under itself" in response.content.decode()
    culture.refresh_from_db()
    assert culture.parent is None
    duplicate = client.post("/en/admin/topics/topic/add/", _form(name_lv="tūrisms"))
    assert "already has this Latvian name" in duplicate.content.decode()
