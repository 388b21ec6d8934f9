from datetime import date

from kopa.directory import services
from kopa.directory.models import Country, Municipality, Organisation, Person
from kopa.directory.services import additions, merges, relationships


def _country():
    return Country.objects.get(code="LV")


def _place():
    return Municipality.objects.order_by("pk").first()


def _organisation():
    return Organisation.objects.order_by("pk").first()


def _person():
    return Person.objects.filter(erased_at__isnull=True).order_by("pk").first()


def _save_municipality(w):
    services.save_municipality(code="AUDIT-1", country=_country(), kind="municipality", names={"lv": "Audita novads"})


def _record_population(w):
    services.record_population(municipality=_place(), value=12345, source="Audita avots", on_date=date(2001, 1, 1))


def _record_succession(w):
    old = services.save_municipality(code="AUDIT-OLD", country=_country(), kind="municipality",
                                     names={"lv": "Vecais audita novads"})[0]
    services.record_succession(predecessor=old, successor=_place(), on_date=date(2009, 7, 1))


def _update_organisation(w):
    services.update_organisation(organisation=_organisation(), by=w.admin, short_name="Audits")


def _save_organisation(w):
    services.save_organisation(slug="audita-biedriba", kind="association", country=_country(),
                               names={"lv": "Audita biedrība"})


def _save_department(w):
    services.save_department(organisation=_organisation(), names={"lv": "Audita nodaļa"})


def _save_person(w):
    person = _person()
    services.save_person(first_name=person.first_name, last_name=person.last_name, email=person.email,
                         person=person, photo_consent=not person.photo_consent)


def _save_position(w):
    services.save_position(person=_person(), organisation=_organisation(), titles={"lv": "Auditors"})


def _add_organisation(w):
    additions.add_organisation(by=w.admin, names={"lv": "Audita apvienība"}, kind="association", country="LV",
                               confirm_new=True)


def _add_place(w):
    additions.add_place(by=w.admin, names={"lv": "Auditciems"}, country="LV", kind="village", confirm_new=True)


def _add_person(w):
    additions.add_person(by=w.coordinator, first_name="Auda", last_name="Auditore", confirm_new=True)


def _add_department(w):
    additions.add_department(by=w.admin, organisation=_organisation(), names={"lv": "Audita daļa"})


def _add_position(w):
    additions.add_position(by=w.admin, person=_person(), organisation=_organisation(), titles={"lv": "Revidents"})


def _add_variant(w):
    additions.add_variant(by=w.admin, record=_organisation(), name="Audita saīsinājums", kind="abbreviation")


def _review_entry(w):
    person = additions.add_person(by=w.coordinator, first_name="Pārbaudāmā", last_name="Persona", confirm_new=True)
    additions.review_entry(by=w.admin, record=person)


def _update_person(w):
    person = _person()
    additions.update_person(by=w.admin, person=person, publication_consent=not person.publication_consent)


def _update_place(w):
    additions.update_place(by=w.admin, place=_place(), lau_code="AUDIT-LAU")


def _merge_entries(w):
    kept = Organisation.objects.order_by("pk")[0]
    duplicate = services.save_organisation(slug="audita-dublikats", kind=kept.kind, country=kept.country,
                                           names={"lv": f"{kept.name_lv} (dublikāts)"})[0]
    merges.merge_entries(kept=kept, duplicate=duplicate, by=w.admin)


def _add_relationship(w):
    first, second = Organisation.objects.order_by("pk")[:2]
    relationships.add_relationship(by=w.admin, first=first, second=second, kind="cooperation", note="Audits")


RECIPES = {
    "kopa.directory.services.save_municipality": _save_municipality,
    "kopa.directory.services.record_population": _record_population,
    "kopa.directory.services.record_succession": _record_succession,
    "kopa.directory.services.update_organisation": _update_organisation,
    "kopa.directory.services.save_organisation": _save_organisation,
    "kopa.directory.services.save_department": _save_department,
    "kopa.directory.services.save_person": _save_person,
    "kopa.directory.services.save_position": _save_position,
    "kopa.directory.services.additions.add_organisation": _add_organisation,
    "kopa.directory.services.additions.add_place": _add_place,
    "kopa.directory.services.additions.add_person": _add_person,
    "kopa.directory.services.additions.add_department": _add_department,
    "kopa.directory.services.additions.add_position": _add_position,
    "kopa.directory.services.additions.add_variant": _add_variant,
    "kopa.directory.services.additions.review_entry": _review_entry,
    "kopa.directory.services.additions.update_person": _update_person,
    "kopa.directory.services.additions.update_place": _update_place,
    "kopa.directory.services.merges.merge_entries": _merge_entries,
    "kopa.directory.services.relationships.add_relationship": _add_relationship,
}
