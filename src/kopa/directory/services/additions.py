"""Coordinators add what a text names: organisations, departments, people, positions, places and name variants.

Each addition is marked "added by X, not yet reviewed" (`kopa.core.review`) until an administrator reviews it.
Before a new organisation, person or place is saved, its likely duplicates are looked up; if there are any, the
addition is refused with `LikelyDuplicates` (listing them) unless the coordinator confirmed it is a different one.
"""

from datetime import date

from django.utils.text import slugify
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, PermissionDenied
from kopa.core.names import VariantKind, name_key
from kopa.core.review import mark_added, mark_reviewed
from kopa.core.slugs import unique_slug
from kopa.core.translated import set_translations
from kopa.privacy.models import Consent

from .. import duplicates
from ..countries import country_by_code
from ..models import (
    Department,
    Municipality,
    MunicipalityVariant,
    Organisation,
    OrganisationVariant,
    Person,
    PersonVariant,
    Position,
    Region,
)
from . import _check_length, _check_period, _check_website, _save_person, save_department, save_person, save_position

LANGUAGES = ("lv", "lt", "en")


class LikelyDuplicates(DomainError):
    """The entry may already exist: `candidates` (duplicates.Candidate) are shown so one can be picked instead."""

    def __init__(self, candidates):
        super().__init__(
            _("This may already be in the directory. Choose the existing entry, or confirm that this is a "
              "different one."), field="confirm_new", code="likely_duplicates")
        self.candidates = candidates


def _require_adder(by) -> None:
    if by is not None and not by.has_perm("directory.add_entry"):
        raise PermissionDenied(_("Only coordinators and administrators may add to the directory."),
                               code="permission")


def _clean_names(names: dict[str, str], model=None, field: str = "name") -> dict[str, str]:
    names = {lang: (names.get(lang) or "").strip() for lang in LANGUAGES}
    if model is not None:
        for lang, value in names.items():
            _check_length(model, f"{field}_{lang}", value)
    return names


def _first(names: dict[str, str]) -> str:
    return next((names[lang] for lang in LANGUAGES if names.get(lang)), "")


def _check_duplicates(candidates, confirm_new: bool) -> None:
    if candidates and not confirm_new:
        raise LikelyDuplicates(candidates)


@audited
def add_organisation(*, by, names: dict[str, str], kind: str, country: str | None = None, short_name: str = "",
                     municipality: Municipality | None = None, region: Region | None = None, website: str = "",
                     descriptions: dict[str, str] | None = None, confirm_new: bool = False) -> Organisation:
    """`country` is an ISO 3166-1 code, or empty for an international or multi-country body."""
    _require_adder(by)
    names = _clean_names(names, Organisation)
    if not _first(names):
        raise DomainError(_("The organisation needs a name."), field="name_lv", code="required")
    if kind not in Organisation.Kind.values:
        raise DomainError(_("Unknown kind of organisation."), field="kind", code="invalid")
    country_row = country_by_code(country) if country else None
    if country_row is None and municipality is not None and kind != Organisation.Kind.INTERNATIONAL:
        country_row = municipality.country  # a town's organisation is in the town's country
    website = (website or "").strip()
    _check_website(website)
    _check_duplicates(duplicates.organisation_duplicates(
        names=list(names.values()), short_name=short_name, country=country_row), confirm_new)
    organisation = Organisation(
        slug=unique_slug(Organisation, _first(names), fallback="organisation", reserved=("new",)), kind=kind,
        country=country_row, short_name=(short_name or "").strip()[:60], municipality=municipality, region=region,
        website=website)
    set_translations(organisation, "name", names)
    set_translations(organisation, "description", descriptions or {})
    mark_added(organisation, by)
    organisation.save()
    return organisation


def _place_code(country, names: dict[str, str]) -> str:
    """Kopā's address of a place with no official code: the country and the name ("DE-siegen")."""
    base = f"{country.code}-{slugify(_first(names))}"[:50].strip("-")
    taken = set(Municipality.objects.filter(code__startswith=base).values_list("code", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


@audited
def add_place(*, by, names: dict[str, str], country: str, kind: str, code: str = "", lau_code: str = "",
              region: Region | None = None, valid_from: date | None = None, valid_to: date | None = None,
              notes: str = "", confirm_new: bool = False) -> Municipality:
    """A municipality, town, village or region anywhere, or a historical unit with its period of validity."""
    _require_adder(by)
    names = _clean_names(names, Municipality)
    if not _first(names):
        raise DomainError(_("The place needs a name."), field="name_lv", code="required")
    if not country:
        raise DomainError(_("Choose the country of the place."), field="country", code="required")
    country_row = country_by_code(country)
    if kind not in Municipality.Kind.values:
        raise DomainError(_("Unknown kind of place."), field="kind", code="invalid")
    _check_period(valid_from, valid_to)
    code, lau_code = (code or "").strip(), (lau_code or "").strip()
    if code and Municipality.objects.filter(code__iexact=code).exists():
        raise DomainError(_("A municipality with the official code %(code)s already exists.") % {"code": code},
                          field="code", code="duplicate")
    if lau_code and Municipality.objects.filter(country=country_row, lau_code=lau_code).exists():
        raise DomainError(_("A place with the LAU code %(code)s already exists in this country.")
                          % {"code": lau_code}, field="lau_code", code="duplicate")
    _check_duplicates(duplicates.place_duplicates(names=list(names.values()), country=country_row),
                      confirm_new)
    place = Municipality(code=code or _place_code(country_row, names), lau_code=lau_code, kind=kind,
                         country=country_row, region=region, valid_from=valid_from, valid_to=valid_to,
                         notes=notes)
    set_translations(place, "name", names)
    mark_added(place, by)
    place.save()
    return place


@audited
def add_person(*, by, first_name: str, last_name: str, email: str = "", publication_consent: bool = False,
               confirm_new: bool = False) -> Person:
    """A person named in a text. Their e-mail is personal data and only ever shown to coordinators."""
    _require_adder(by)
    if not (first_name or "").strip() or not (last_name or "").strip():
        raise DomainError(_("A person needs a first and a last name."), field="last_name", code="required")
    _check_duplicates(duplicates.person_duplicates(first_name=first_name, last_name=last_name, email=email),
                      confirm_new)
    person = Person()
    mark_added(person, by)
    return save_person(first_name=first_name, last_name=last_name, email=email,
                       publication_consent=publication_consent, person=person)


@audited
def add_department(*, by, organisation: Organisation, names: dict[str, str]) -> Department:
    _require_adder(by)
    existing = Department.objects.filter(organisation=organisation, name_lv=_first(_clean_names(names))).first()
    department = save_department(organisation=organisation, names=_clean_names(names, Department))
    if existing is None:
        mark_added(department, by)
        department.save()
    return department


@audited
def add_position(*, by, person: Person, organisation: Organisation, titles: dict[str, str],
                 department: Department | None = None, start_date: date | None = None,
                 end_date: date | None = None) -> Position:
    _require_adder(by)
    if department is not None and department.organisation_id != organisation.pk:
        raise DomainError(_("The department belongs to another organisation."), field="department", code="invalid")
    position = save_position(person=person, organisation=organisation, titles=_clean_names(titles, Position, "title"),
                             department=department, start_date=start_date, end_date=end_date)
    if position.added_at is None:
        mark_added(position, by)
        position.save()
    return position


VARIANT_MODELS = {Organisation: (OrganisationVariant, "organisation"), Person: (PersonVariant, "person"),
                  Municipality: (MunicipalityVariant, "municipality")}


def _main_names(record) -> list[str]:
    if isinstance(record, Person):
        return [f"{record.first_name} {record.last_name}"]
    return [n for n in (record.name_lv, record.name_lt, record.name_en) if n]


@audited
def add_variant(*, by, record, name: str, kind: str = VariantKind.SPELLING, language: str = "",
                note: str = ""):
    """Another form of a record's name (inflected, transliterated, an old name, as a source wrote it).
    The same form twice is one variant; the record's main name is not a variant of itself."""
    _require_adder(by)
    model, field = VARIANT_MODELS[type(record)]
    name = " ".join((name or "").split())
    if not name_key(name):
        raise DomainError(_("Enter the name variant."), field="name", code="required")
    if len(name) > model._meta.get_field("name").max_length:
        raise DomainError(_("The name variant is too long."), field="name", code="invalid")
    if kind not in VariantKind.values:
        raise DomainError(_("Unknown kind of name variant."), field="kind", code="invalid")
    if language and (len(language) > 8 or not language.replace("-", "").isalpha()):
        raise DomainError(_("Unknown language."), field="language", code="invalid")
    # Only the very same text: "UTENOS RAJONO SAVIVALDYBE" is how some source wrote "Utenos rajono savivaldybė".
    if name in {" ".join(n.split()) for n in _main_names(record)}:
        raise DomainError(_("This is the main name already."), field="name", code="main_name")
    variant = model.objects.filter(**{field: record, "key": name_key(name)}).first()
    if variant is None:
        variant = model(**{field: record}, name=name, kind=kind, language=language, note=(note or "")[:300])
        variant.save()
    return variant


@audited
def review_entry(*, by, record):
    """An administrator checked an addition: it no longer shows "not yet reviewed"."""
    if by is None or not by.has_perm("directory.review_entry"):
        raise PermissionDenied(_("Only administrators review additions to the directory."), code="permission")
    mark_reviewed(record, by)
    record.save(update_fields=["reviewed_by", "reviewed_at"])
    return record


PERSON_FIELDS = {"first_name", "last_name", "email", "photo_consent", "publication_consent"}
PLACE_FIELDS = {"name_lv", "name_lt", "name_en", "kind", "lau_code", "valid_from", "valid_to"}


@audited
def update_person(*, by, person: Person, **fields) -> Person:
    """Administrators and the coordinators of an organisation the person works at now keep their entry."""
    if by is not None and not by.has_perm("directory.edit_person", person):
        raise PermissionDenied(_("You may not change the data of %(name)s.") % {"name": person})
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    values = {name: getattr(person, name) for name in PERSON_FIELDS} | fields
    # A consent changed here goes into the person's consent history: by an administrator, or by the person on
    # their own page; a coordinator is refused (only they or an administrator decide, kopa.privacy).
    how = Consent.How.IMPORT if by is None else Consent.How.ADMIN if by.is_superuser else Consent.How.PAGE
    return _save_person(person=person, first_name=values["first_name"] or "", last_name=values["last_name"] or "",
                        email=values["email"] or "", photo_consent=fields.get("photo_consent"),
                        publication_consent=fields.get("publication_consent"), user=None, language=None, by=by,
                        how=how)


@audited
def update_place(*, by, place: Municipality, **fields) -> Municipality:
    """Administrators and the coordinators of an organisation in the place keep its entry; the code stays."""
    if by is not None and not by.has_perm("directory.edit_place", place):
        raise PermissionDenied(_("You may not change the data of %(name)s.") % {"name": place})
    unknown = set(fields) - PLACE_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    place = Municipality.objects.select_for_update().get(pk=place.pk)
    for name in ("name_lv", "name_lt", "name_en", "lau_code"):
        _check_length(Municipality, name, fields.get(name) or "")
    for name, value in fields.items():
        setattr(place, name, "" if value is None and name in {"name_lv", "name_lt", "name_en", "lau_code"}
                else value)
    if not any((place.name_lv, place.name_lt, place.name_en)):
        raise DomainError(_("The place needs a name."), field="name_lv", code="required")
    if place.kind not in Municipality.Kind.values:
        raise DomainError(_("Unknown kind of place."), field="kind", code="invalid")
    _check_period(place.valid_from, place.valid_to)
    place.lau_code = (place.lau_code or "").strip()
    if place.lau_code and Municipality.objects.filter(country=place.country, lau_code=place.lau_code).exclude(
            pk=place.pk).exists():
        raise DomainError(_("A place with the LAU code %(code)s already exists in this country.")
                          % {"code": place.lau_code}, field="lau_code", code="duplicate")
    place.save()
    return place
