import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory

from kopa.directory.models import Organisation
from kopa.sources import services
from kopa.sources.queries import prefetch_sources, sources_of
from tests import factories

from .builders import organiser_and_coordinator, source

pytestmark = pytest.mark.django_db


def _cite_many(record, n):
    for i in range(n):
        news = source(title=f"Ziņa {i}", url=f"https://example.lv/{record.pk}/{i}", language="lv")
        services.cite(record=record, source=news, by=None, locator=f"p. {i}")
        services.record_value(record=record, field="name", value=f"Nosaukums {i}", source=news, by=None,
                              used=i == 0)


def _warm_content_types():
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_model(Organisation)  # Django keeps it in memory from then on


@pytest.mark.parametrize("n", [1, 20])
def test_the_sources_of_a_record_cost_two_queries(django_assert_num_queries, n):
    organisation, _activity, _coordinator = organiser_and_coordinator()
    _cite_many(organisation, n)
    _warm_content_types()
    with django_assert_num_queries(2):
        found = sources_of(organisation)
        assert len(found.citations) == n and len(found.by_field[0].values) == n
        assert [s.title for s in found.sources][:1] == ["Ziņa 0"]


@pytest.mark.parametrize("n", [1, 20])
def test_a_list_page_of_records_and_their_sources_costs_three_queries(django_assert_num_queries, n):
    organisations = [factories.organisation(name=f"Org {i}") for i in range(3)]
    for organisation in organisations:
        _cite_many(organisation, n)
    _warm_content_types()
    template = Template("{% load sources %}{% for o in records %}{% sources o level=3 %}{% endfor %}")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(3):  # the records, their citations with sources, their values
        records = prefetch_sources(Organisation.objects.filter(pk__in=[o.pk for o in organisations]))
        html = template.render(Context({"records": records, "request": request}))
    assert html.count("<h3") == 3 and html.count("<li>") == 3 * n


def test_prefetch_of_an_empty_list_costs_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert prefetch_sources([]) == []


@pytest.mark.parametrize("n", [1, 20])
def test_a_record_page_shows_its_sources_and_the_link_to_its_coordinator_in_three_queries(
        django_assert_num_queries, n):
    organisation, _activity, coordinator = organiser_and_coordinator()
    _cite_many(organisation, n)
    _warm_content_types()
    template = Template("{% load sources %}{% sources record %}")
    request = RequestFactory().get("/")
    request.user = type(coordinator).objects.get(pk=coordinator.pk)  # a fresh user: its roles not yet read
    with django_assert_num_queries(3):  # citations with sources, values, the reader's roles (once per request)
        html = template.render(Context({"record": organisation, "request": request}))
    assert html.count("<li>") == n and "/sources/cite/directory.organisation/" in html
