import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from kopa.sources import services
from kopa.sources.models import Citation, Source
from tests import factories

from .builders import organiser_and_coordinator, source

pytestmark = pytest.mark.django_db
TEMPLATE = Template("{% load sources %}<main><h1>{{ record }}</h1>{% sources record %}</main>")


def render(record, user=None, language="lv"):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    with translation.override(language):
        return TEMPLATE.render(Context({"record": record, "request": request}))


def test_the_tag_shows_an_activitys_sources_as_an_accessible_list():
    _organisation, activity, coordinator = organiser_and_coordinator()
    news = services.add_source(by=None, title="Kooperacija su Utena", url="https://example.lt/naujiena",
                               language="lt", publisher="Utenos rajono savivaldybė", date_precision="year",
                               year_from=2019)
    services.cite(record=activity, source=news, by=coordinator, field="title", locator="p. 3")
    html = render(activity, language="en")
    assert re.search(r'<section class="sources" aria-labelledby="(sources-[\w-]+)">\s*<h2 id="\1">Sources</h2>', html)
    assert '<ol class="source-list">' in html
    assert ('<a href="https://example.lt/naujiena" rel="noopener" hreflang="lt"><cite lang="lt">Kooperacija su '
            'Utena</cite></a>') in html
    assert "2019" in html and "(in Lithuanian)" in html and "p. 3" in html
    assert "for the field “title”" in html
    assert "Add a source" not in html  # a reader who may not change the activity is not offered the page


def test_the_tag_shows_an_organisations_sources_and_the_link_to_whoever_may_change_it():
    organisation, _activity, coordinator = organiser_and_coordinator()
    services.cite(record=organisation, source=source(title="Gada pārskats"), by=coordinator)
    html = render(organisation, user=coordinator, language="lv")
    assert "<h2" in html and "Gada pārskats" in html
    assert f'href="/lv/sources/cite/directory.organisation/{organisation.pk}/"' in html or \
        f'href="/sources/cite/directory.organisation/{organisation.pk}/"' in html


def test_a_record_without_sources_shows_nothing_to_the_public_and_the_way_to_add_one_to_its_coordinator():
    organisation, _activity, coordinator = organiser_and_coordinator()
    assert "<section" not in render(organisation)
    assert "Add a source" in render(organisation, user=coordinator, language="en")


def test_disagreeing_values_are_shown_with_their_sources_and_the_used_one_marked():
    _organisation, activity, coordinator = organiser_and_coordinator()
    services.record_value(record=activity, field="capacity", value="25", source=source(title="Kartīte"),
                          by=coordinator, used=True)
    services.record_value(record=activity, field="capacity", value="26", source=source(title="Ziņa"), by=coordinator)
    html = render(activity, language="en")
    assert "sources disagree" in html and "(used)" in html
    assert html.index("25") < html.index("(used)") < html.index("26")


def test_the_organiser_page_adds_and_cites_a_source(client):
    _organisation, activity, coordinator = organiser_and_coordinator()
    client.force_login(coordinator)
    address = f"/en/sources/cite/activities.activity/{activity.pk}/"
    page = client.get(address)
    assert page.status_code == 200
    assert b'<label for="id_title">' in page.content and b"<h1>" in page.content
    response = client.post(address, {"title": "Meeting in Utena", "url": "https://example.lt/a", "language": "en",
                                     "date_precision": "day", "start_date": "2019-10-14", "field": "title",
                                     "locator": "p. 2"})
    assert response.status_code == 302
    citation = Citation.objects.get()
    assert (citation.record, citation.field, citation.locator) == (activity, "title", "p. 2")
    assert str(citation.source.start_date) == "2019-10-14"
    shown = client.get(address)
    assert b"Meeting in Utena" in shown.content and b"Remove" in shown.content


def test_the_organiser_page_shows_a_refusal_on_its_field_in_the_readers_language(client):
    _organisation, activity, coordinator = organiser_and_coordinator()
    client.force_login(coordinator)
    response = client.post(f"/lv/sources/cite/activities.activity/{activity.pk}/",
                           {"title": "Ziņa", "url": "nav adrese", "date_precision": "unknown"})
    assert response.status_code == 200
    assert "Norādiet tīmekļa adresi" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Source.objects.exists()


def test_the_organiser_page_is_refused_to_others_and_unknown_records_are_not_found(client):
    _organisation, activity, _coordinator = organiser_and_coordinator()
    client.force_login(factories.user())
    assert client.get(f"/en/sources/cite/activities.activity/{activity.pk}/").status_code == 403
    assert client.post(f"/en/sources/cite/activities.activity/{activity.pk}/", {"title": "x"}).status_code == 403
    assert client.get("/en/sources/cite/activities.activity/999999/").status_code == 404
    assert client.get("/en/sources/cite/auth.user/1/").status_code == 404
    assert not Source.objects.exists()


def test_a_citation_is_removed_from_the_organiser_page(client):
    _organisation, activity, coordinator = organiser_and_coordinator()
    citation = services.cite(record=activity, source=source(), by=coordinator)
    client.force_login(factories.user())
    assert client.post(f"/en/sources/citations/{citation.pk}/remove/").status_code == 403
    client.force_login(coordinator)
    assert client.post(f"/en/sources/citations/{citation.pk}/remove/").status_code == 302
    assert not Citation.objects.exists()
