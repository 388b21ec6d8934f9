"""The generic merge: every reference to the duplicate moves to the entry kept, clashes keep the existing row."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from kopa.core.errors import DomainError
from kopa.core.merge import merge_records
from kopa.directory import services
from kopa.directory.models import (
    Department,
    Municipality,
    Organisation,
    Person,
    Position,
    Relationship,
    Succession,
)
from kopa.projects import services as project_services
from kopa.projects.models import Partnership
from kopa.sources.models import Citation, Source
from tests import factories

pytestmark = pytest.mark.django_db


def _cite(source, record):
    return Citation.objects.create(source=source, content_type=ContentType.objects.get_for_model(record),
                                   object_id=record.pk)


def test_every_reference_moves_to_the_entry_kept_and_the_duplicate_is_gone():
    kept, duplicate, other = factories.organisation(), factories.organisation(), factories.organisation()
    # Positions and a department only the duplicate has.
    person = factories.employee(duplicate, first_name="Rūta")
    own_department = services.save_department(organisation=duplicate, names={"lv": "Attīstības nodaļa"})
    # The same department name on both: the entry kept keeps its own, and the duplicate's staff move into it.
    services.save_department(organisation=kept, names={"lv": "Finanšu nodaļa"})
    twin = services.save_department(organisation=duplicate, names={"lv": "Finanšu nodaļa"})
    accountant = factories.employee(duplicate, first_name="Grāmatvede")
    Position.objects.filter(person=accountant).update(department=twin)
    # A project only the duplicate is in, and one both are in (one partnership per project and organisation).
    only_duplicate, both = factories.project(), factories.project()
    project_services.add_partner(project=only_duplicate, organisation=duplicate, role="partner")
    project_services.add_partner(project=both, organisation=kept, role="lead_partner")
    project_services.add_partner(project=both, organisation=duplicate, role="partner")
    # A many-to-many (the hosts of an activity) and generic references (citations of sources).
    activity = factories.activity(organiser=other)
    activity.hosts.add(duplicate, kept)
    source, second_source = Source.objects.create(title="Ziņa 2019"), Source.objects.create(title="Ziņa 2020")
    _cite(source, duplicate)
    _cite(second_source, duplicate)
    _cite(second_source, kept)
    relationship = services.add_relationship(by=None, first=duplicate, second=other, kind="twin_towns")

    report = merge_records(kept, duplicate)

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Position.objects.get(person=person).organisation == kept
    assert Department.objects.get(pk=own_department.pk).organisation == kept
    kept_finance = Department.objects.get(organisation=kept, name_lv="Finanšu nodaļa")
    assert Position.objects.get(person=accountant).department == kept_finance
    assert not Department.objects.filter(pk=twin.pk).exists()
    assert Partnership.objects.get(project=only_duplicate).organisation == kept
    assert Partnership.objects.get(project=both).role == "lead_partner"  # the existing row is kept
    assert list(activity.hosts.all()) == [kept]
    ct = ContentType.objects.get_for_model(Organisation)
    assert sorted(Citation.objects.filter(content_type=ct, object_id=kept.pk).values_list("source__title", flat=True)
                  ) == ["Ziņa 2019", "Ziņa 2020"]
    assert not Citation.objects.filter(content_type=ct, object_id=duplicate.pk).exists()
    relationship.refresh_from_db()
    assert relationship.first == kept
    assert report["moved"]["directory.position.organisation"] == 2
    assert report["moved"]["projects.partnership.organisation"] == 1
    assert report["dropped"]["projects.partnership.organisation"] == 1
    assert report["dropped"]["directory.department.organisation"] == 1
    assert report["moved"]["sources.citation.object_id"] == 1
    assert report["dropped"]["sources.citation.object_id"] == 1


def test_a_reform_between_the_two_merged_places_is_dropped_other_successions_move():
    kept, duplicate = factories.municipality(name="Jaunais"), factories.municipality(name="Jaunais (dublikāts)")
    former = factories.municipality(name="Vecais")
    services.record_succession(predecessor=duplicate, successor=kept, on_date=date(2021, 7, 1))
    services.record_succession(predecessor=former, successor=duplicate, on_date=date(2021, 7, 1))

    report = merge_records(kept, duplicate)

    assert list(Succession.objects.values_list("predecessor__name_lv", "successor__name_lv")) == [
        ("Vecais", "Jaunais")]
    assert report["dropped"] == {"directory.succession.predecessor": 1}
    assert not Municipality.objects.filter(pk=duplicate.pk).exists()


def test_a_reverse_one_to_one_moves_or_keeps_the_existing_row():
    kept_user, duplicate_user = factories.user(), factories.user()
    person = services.save_person(first_name="Jānis", last_name="Bērziņš", user=duplicate_user)
    merge_records(kept_user, duplicate_user)
    person.refresh_from_db()
    assert person.user == kept_user  # the kept user had no person: the duplicate's moves

    kept_user, duplicate_user = factories.user(), factories.user()
    own = services.save_person(first_name="Anna", last_name="Liepa", user=kept_user)
    other = services.save_person(first_name="Anna", last_name="Liepa-Kalniņa", user=duplicate_user)
    merge_records(kept_user, duplicate_user)
    own.refresh_from_db()
    assert own.user == kept_user
    assert not Person.objects.filter(pk=other.pk).exists()  # the clashing row was merged into the existing one


def test_empty_fields_of_the_entry_kept_are_filled_from_the_duplicate_when_asked():
    user = factories.user()
    kept = services.save_person(first_name="Jānis", last_name="Bērziņš")
    duplicate = services.save_person(first_name="J.", last_name="Bērziņš", email="janis@example.lv", user=user)
    report = merge_records(kept, duplicate, fill_empty=["email", "user"])
    kept.refresh_from_db()
    assert (kept.email, kept.user, kept.first_name) == ("janis@example.lv", user, "Jānis")
    assert report["filled"] == ["email", "user"]


@pytest.mark.parametrize("language, message", [
    ("en", "An entry cannot be merged into itself."),
    ("lv", "Ierakstu nevar apvienot pašu ar sevi."),
])
def test_merging_an_entry_into_itself_is_refused_in_the_readers_language(language, message):
    organisation = factories.organisation()
    factories.employee(organisation)
    with translation.override(language), pytest.raises(DomainError) as refused:
        merge_records(organisation, Organisation.objects.get(pk=organisation.pk))
    assert str(refused.value) == message
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert Position.objects.filter(organisation=organisation).count() == 1


def test_entries_of_different_kinds_are_not_merged():
    organisation, person = factories.organisation(), services.save_person(first_name="A", last_name="B")
    with pytest.raises(DomainError) as refused:
        merge_records(organisation, person)
    assert refused.value.code == "different_kinds"
    assert Organisation.objects.filter(pk=organisation.pk).exists() and Person.objects.filter(pk=person.pk).exists()


def test_a_failure_part_way_leaves_everything_as_it_was(monkeypatch):
    kept, duplicate = factories.organisation(), factories.organisation()
    person = factories.employee(duplicate)
    from kopa.core import merge

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge, "_generic_keys", broken)  # fails after the foreign keys have moved
    with pytest.raises(RuntimeError):
        merge_records(kept, duplicate)
    assert Position.objects.get(person=person).organisation == duplicate
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


def test_a_relationship_between_the_two_merged_entries_is_dropped_not_turned_into_one_with_itself():
    kept, duplicate, other = factories.organisation(), factories.organisation(), factories.organisation()
    services.add_relationship(by=None, first=kept, second=duplicate, kind="cooperation")
    kept_other = services.add_relationship(by=None, first=duplicate, second=other, kind="cooperation")
    report = merge_records(kept, duplicate)
    assert list(Relationship.objects.values_list("pk", "first", "second")) == [(kept_other.pk, kept.pk, other.pk)]
    assert report["dropped"] == {"directory.relationship.second": 1}
