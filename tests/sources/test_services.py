from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from kopa.core.errors import DomainError, PermissionDenied
from kopa.sources import services
from kopa.sources.models import Citation, Source, SourcedValue
from kopa.sources.queries import sources_of
from tests import factories

from .builders import organiser_and_coordinator, source

pytestmark = pytest.mark.django_db


def test_a_coordinator_cites_one_source_for_an_activity_and_for_its_organiser():
    organisation, activity, coordinator = organiser_and_coordinator()
    news = services.add_source(by=coordinator, title="Vizīte Utenā", url="https://example.lv/zinas/1",
                               publisher="Vidzemes plānošanas reģions", language="lv",
                               date_precision="year", year_from=2019)
    services.cite(record=activity, source=news, by=coordinator, field="title", locator="2. rindkopa")
    services.cite(record=organisation, source=news, by=coordinator)
    assert [c.source for c in sources_of(activity).citations] == [news]
    assert sources_of(activity).citations[0].field == "title"
    assert sources_of(organisation).sources == [news]
    assert (news.start_date, news.end_date) == (date(2019, 1, 1), date(2019, 12, 31))
    assert news.added_by == coordinator


def test_a_source_is_cited_once_per_field():
    _organisation, activity, coordinator = organiser_and_coordinator()
    news = source()
    services.cite(record=activity, source=news, by=coordinator)
    with pytest.raises(DomainError) as refused:
        services.cite(record=activity, source=news, by=coordinator)
    assert refused.value.code == "duplicate"
    services.cite(record=activity, source=news, by=coordinator, field="venue")  # another field is another claim
    assert Citation.objects.count() == 2


def test_an_address_already_recorded_is_cited_as_the_known_source():
    organisation, activity, coordinator = organiser_and_coordinator()
    _first, added = services.add_and_cite(record=activity, by=coordinator, title="Ziņa", url="https://example.lv/a")
    second, added_again = services.add_and_cite(record=organisation, by=coordinator, title="Cits nosaukums",
                                                url="https://example.lv/a")
    assert (added, added_again) == (True, False)
    assert Source.objects.count() == 1 and second.source.title == "Ziņa"


def test_two_disagreeing_values_are_both_kept_with_their_sources_and_one_is_used():
    _organisation, activity, coordinator = organiser_and_coordinator()
    card, news = source(title="Pasākuma kartīte"), source(title="Ziņa")
    first = services.record_value(record=activity, field="capacity", value="25 vietas", source=card,
                                  by=coordinator, used=True)
    second = services.record_value(record=activity, field="capacity", value="26 vietas", source=news,
                                   by=coordinator)
    group = sources_of(activity).by_field[0]
    assert group.disagree and group.used == first
    assert {v.source for v in group.values} == {card, news}

    services.choose_value(value=second, by=coordinator, note="Pēc dalībnieku saraksta")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.used, second.used, second.note) == (False, True, "Pēc dalībnieku saraksta")
    assert SourcedValue.objects.filter(object_id=activity.pk).count() == 2  # nothing was lost


def test_a_second_used_value_is_refused_by_the_service_and_by_the_database():
    _organisation, activity, _coordinator = organiser_and_coordinator()
    card, news = source(title="Kartīte"), source(title="Ziņa")
    used = services.record_value(record=activity, field="capacity", value="25", source=card, by=None, used=True)
    with pytest.raises(DomainError) as refused:
        services.record_value(record=activity, field="capacity", value="26", source=news, by=None, used=True)
    assert refused.value.code == "already_used"
    assert SourcedValue.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        SourcedValue.objects.create(source=news, content_type=used.content_type, object_id=activity.pk,
                                    field="capacity", value="26", used=True)


def test_who_may_not_change_the_record_may_not_choose_its_value():
    _organisation, activity, _coordinator = organiser_and_coordinator()
    value = services.record_value(record=activity, field="capacity", value="25", source=source(), by=None)
    with pytest.raises(PermissionDenied):
        services.choose_value(value=value, by=factories.user())
    value.refresh_from_db()
    assert not value.used


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ""}, "title"),
    ({"title": "x" * 501}, "title"),
    ({"title": "Ziņa", "url": "not an address"}, "url"),
    ({"title": "Ziņa", "url": "ftp://example.lv/file"}, "url"),
    ({"title": "Ziņa", "url": "https://example.lv/" + "a" * 1000}, "url"),
    ({"title": "Ziņa", "language": "latviešu"}, "language"),
    ({"title": "Ziņa", "date_precision": "year"}, "year_from"),
    ({"title": "Ziņa", "date_precision": "day", "start_date": None}, "start_date"),
])
def test_bad_source_input_is_refused_in_latvian_and_nothing_is_saved(fields, field):
    messages = {}
    for language in ("lv", "en"):
        with translation.override(language):
            with pytest.raises(DomainError) as refused:
                services.add_source(by=None, **fields)
            messages[language] = str(refused.value.message)  # some messages are lazy: read in that language
        assert refused.value.field == field
    assert messages["lv"] != messages["en"]  # said in the reader's language
    assert Source.objects.count() == 0


def test_messages_are_translated():
    with translation.override("lv"), pytest.raises(DomainError) as refused:
        services.add_source(by=None, title="Ziņa", url="nav adrese")
    assert str(refused.value.message) == "Norādiet tīmekļa adresi, kas sākas ar http:// vai https://."
    with translation.override("lt"), pytest.raises(DomainError) as refused:
        services.add_source(by=None, title="Žinia", language="lietuvių")
    assert "ISO 639" in str(refused.value.message) and "kodu" in str(refused.value.message)


def test_an_unknown_field_or_a_long_locator_is_refused_and_nothing_is_cited():
    _organisation, activity, coordinator = organiser_and_coordinator()
    news = source()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.cite(record=activity, source=news, by=coordinator, field="budget_of_the_moon")
    assert refused.value.field == "field" and "budget_of_the_moon" in str(refused.value)
    with pytest.raises(DomainError) as too_long:
        services.cite(record=activity, source=news, by=coordinator, locator="p" * 201)
    assert too_long.value.field == "locator"
    with pytest.raises(DomainError):
        services.record_value(record=activity, field="", value="x", source=news, by=coordinator)
    assert not Citation.objects.exists() and not SourcedValue.objects.exists()


def test_who_may_not_change_the_record_may_not_cite_for_it():
    organisation, activity, _coordinator = organiser_and_coordinator()
    other = factories.partner_coordinator(factories.organisation(name="Cita"))
    news = source()
    for record in (activity, organisation):
        with pytest.raises(PermissionDenied):
            services.cite(record=record, source=news, by=other)
        with pytest.raises(PermissionDenied):
            services.add_and_cite(record=record, by=other, title="Ziņa", url="https://example.lv/x")
        with pytest.raises(PermissionDenied):
            services.record_value(record=record, field="title" if record is activity else "name", value="x",
                                  source=news, by=other)
    assert not Citation.objects.exists() and Source.objects.count() == 1


def test_uncite_asks_the_record_rule_and_leaves_the_source():
    _organisation, activity, coordinator = organiser_and_coordinator()
    citation = services.cite(record=activity, source=source(), by=coordinator)
    with pytest.raises(PermissionDenied):
        services.uncite(citation=citation, by=factories.user())
    services.uncite(citation=citation, by=coordinator)
    assert not Citation.objects.exists() and Source.objects.count() == 1


def test_adding_a_source_on_its_own_needs_a_coordinator_role():
    with pytest.raises(PermissionDenied):
        services.add_source(by=factories.user(), title="Ziņa")
    _organisation, _activity, coordinator = organiser_and_coordinator()
    assert services.add_source(by=coordinator, title="Ziņa").pk


def test_control_characters_are_dropped_from_texts():
    added = services.add_source(by=None, title="Zi\x00ņa\x07 par Uteni", publisher="VPR\x00")
    assert (added.title, added.publisher) == ("Ziņa par Uteni", "VPR")


def test_a_coordinator_of_a_persons_organisation_cites_for_them_as_the_directory_allows_editing():
    organisation = factories.organisation()
    person = factories.employee(organisation)
    coordinator = factories.partner_coordinator(organisation)
    article = services.add_source(by=coordinator, title="Intervija ar speciālistu", language="lv")
    services.cite(record=person, source=article, by=coordinator)
    assert Citation.objects.filter(source=article, object_id=person.pk).exists()
    outsider = factories.partner_coordinator(factories.organisation())
    with pytest.raises(PermissionDenied):
        services.cite(record=person, source=article, by=outsider, field="last_name")
