"""Every write to the directory. One audited transaction per call (kopa.audit); a broken rule raises DomainError."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, PermissionDenied
from kopa.core.translated import has_translation, set_translations
from kopa.privacy.models import Consent
from kopa.privacy.permissions import may_manage_data
from kopa.privacy.services import record_consent

from ..models import (
    Country,
    Department,
    Municipality,
    Organisation,
    Person,
    PopulationFigure,
    Position,
    Region,
    Succession,
)

ORGANISATION_FIELDS = {"name_lv", "name_lt", "name_en", "short_name", "website", "description_lv",
                       "description_lt", "description_en", "kind", "municipality", "region", "venue_capacity"}


TEXT_FIELDS = {"short_name", "website", "description_lv", "description_lt", "description_en"}
_web_address = URLValidator(schemes=["http", "https"])


def _check_website(address: str) -> None:
    """Only http(s) addresses: the site shows them as links, and a javascript: link would run in the reader's page."""
    if not address:
        return
    try:
        _web_address(address)
    except ValidationError:
        raise DomainError(_("Enter a web address that starts with http:// or https://."), field="website",
                          code="invalid") from None
    if len(address) > Organisation._meta.get_field("website").max_length:
        raise DomainError(_("The web address is too long."), field="website", code="invalid")


def _check_length(model, field: str, value: str, form_field: str | None = None) -> None:
    """Longer than the column: refused with a message (PostgreSQL would refuse it with an error page)."""
    limit = model._meta.get_field(field).max_length
    if value and limit and len(value) > limit:
        raise DomainError(_("At most %(limit)d characters, please.") % {"limit": limit}, field=form_field or field,
                          code="too_long")


def _check_period(start, end, field="valid_to"):
    if start and end and end < start:
        raise DomainError(_("The period ends before it starts."), field=field, code="period")


@audited
def save_municipality(*, code: str, country: Country, kind: str, names: dict[str, str], region: Region | None = None,
                      valid_from: date | None = None, valid_to: date | None = None, notes: str = "",
                      update: bool = True) -> tuple[Municipality, bool]:
    """Create a municipality, or with update=True bring an existing one (same code) up to date.

    With update=False a second municipality with the same code is refused: codes are official.
    """
    code = code.strip()
    if not code:
        raise DomainError(_("The official code is missing."), field="code", code="required")
    _check_period(valid_from, valid_to)
    existing = Municipality.objects.select_for_update().filter(code=code).first()
    if existing and not update:
        raise DomainError(
            _("A municipality with the official code %(code)s already exists.") % {"code": code},
            field="code", code="duplicate",
        )
    municipality = existing or Municipality(code=code)
    municipality.country = country
    municipality.kind = kind
    municipality.region = region
    municipality.valid_from = valid_from
    municipality.valid_to = valid_to
    municipality.notes = notes
    set_translations(municipality, "name", names)
    municipality.save()
    return municipality, existing is None


@audited
def record_population(*, municipality: Municipality, value: int, source: str, on_date: date | None = None,
                      date_note: str = "") -> tuple[PopulationFigure, bool]:
    """Record (or correct) the population of a municipality on a date. Every figure names its source."""
    if value is None or value < 0:
        raise DomainError(_("A population must be a whole number, zero or more."), field="value", code="invalid")
    if not source.strip():
        raise DomainError(_("Every population figure needs its source."), field="source", code="required")
    figure, created = PopulationFigure.objects.update_or_create(
        municipality=municipality, on_date=on_date,
        defaults={"value": value, "source": source.strip(), "date_note": date_note},
    )
    return figure, created


@audited
def record_succession(*, predecessor: Municipality, successor: Municipality, on_date: date, part: str = "whole",
                      source: str = "") -> Succession:
    if predecessor == successor:
        return None
    succession, _created = Succession.objects.update_or_create(
        predecessor=predecessor, successor=successor,
        defaults={"on_date": on_date, "part": part or "whole", "source": source},
    )
    return succession


@audited
def update_organisation(*, organisation: Organisation, by, **fields) -> Organisation:
    """Change an organisation's own data; only its partner coordinators and administrators may."""
    if not by.has_perm("directory.change_organisation", organisation):
        raise PermissionDenied(_("You may not change the data of %(name)s.") % {"name": organisation})
    unknown = set(fields) - ORGANISATION_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    for name, value in fields.items():
        setattr(organisation, name, "" if value is None and name in TEXT_FIELDS else value)
    _check_website(organisation.website)
    if not has_translation(organisation, "name"):
        raise DomainError(_("The organisation needs a name."), field="name_lv", code="required")
    organisation.save()
    return organisation


@audited
def save_organisation(*, slug: str, kind: str, country: Country, names: dict[str, str], short_name: str = "",
                      municipality: Municipality | None = None, region: Region | None = None, website: str = "",
                      descriptions: dict[str, str] | None = None) -> tuple[Organisation, bool]:
    """Create an organisation or bring the one with this slug up to date (used by imports and the demo)."""
    if kind not in Organisation.Kind.values:
        raise DomainError(_("Unknown kind of organisation."), field="kind", code="invalid")
    if not any(names.values()):
        raise DomainError(_("The organisation needs a name."), field="name_lv", code="required")
    organisation = Organisation.objects.select_for_update().filter(slug=slug).first()
    created = organisation is None
    organisation = organisation or Organisation(slug=slug)
    organisation.kind, organisation.country, organisation.short_name = kind, country, short_name
    organisation.municipality, organisation.region, organisation.website = municipality, region, website
    _check_website(website)
    set_translations(organisation, "name", names)
    set_translations(organisation, "description", descriptions or {})
    organisation.save()
    return organisation, created


@audited
def save_department(*, organisation: Organisation, names: dict[str, str]) -> Department:
    name = names.get("lv") or next((v for v in names.values() if v), "")
    if not name:
        raise DomainError(_("The department needs a name."), field="name_lv", code="required")
    # name_lv, not name: modeltranslation would rewrite `name` to the active language's column.
    department = Department.objects.filter(organisation=organisation, name_lv=name).first() or Department(
        organisation=organisation, name=name
    )
    set_translations(department, "name", names)
    department.save()
    return department


# A person's consents live in kopa.privacy (a history of Consent rows); the Person's flags mirror the latest one.
_CONSENT_KINDS = {"photo_consent": Consent.Kind.PHOTOS, "publication_consent": Consent.Kind.PUBLICATION}


@audited
def save_person(*, first_name: str, last_name: str, email: str = "", photo_consent: bool | None = None,
                publication_consent: bool | None = None, person: Person | None = None, user=None,
                language: str | None = None) -> Person:
    """Create a person or bring one up to date (imports, the demo). A consent left None stays as it is (a new
    person has given none); a changed consent of an existing person goes into their consent history as an
    import's."""
    return _save_person(first_name=first_name, last_name=last_name, email=email, photo_consent=photo_consent,
                        publication_consent=publication_consent, person=person, user=user, language=language,
                        by=None, how=Consent.How.IMPORT)


def _save_person(*, first_name: str, last_name: str, email: str, photo_consent: bool | None,
                 publication_consent: bool | None, person: Person | None, user, language: str | None, by,
                 how: str) -> Person:
    if not first_name.strip() or not last_name.strip():
        raise DomainError(_("A person needs a first and a last name."), field="last_name", code="required")
    for name, value in (("first_name", first_name), ("last_name", last_name), ("email", email)):
        _check_length(Person, name, value.strip())
    if email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            raise DomainError(_("Enter a valid e-mail address."), field="email", code="invalid") from None
    person = person or Person()
    person.first_name, person.last_name, person.email = first_name.strip(), last_name.strip(), email.strip()
    wanted = {name: bool(value) for name, value in (("photo_consent", photo_consent),
                                                    ("publication_consent", publication_consent)) if value is not None}
    stored = {}
    if person.pk is not None and wanted:
        stored = Person.objects.select_for_update().filter(pk=person.pk).values(*wanted).first() or {}
    changed = {name: value for name, value in wanted.items() if name in stored and stored[name] != value}
    for name, value in wanted.items():
        # A changed consent is written by record_consent, with its history; until then the row keeps the old one.
        setattr(person, name, stored[name] if name in changed else value)
    if changed and not may_manage_data(by, person):
        raise PermissionDenied(_("Only the person themselves or an administrator may change their consents."),
                               field=next(iter(changed)), code="consent")
    if user is not None:
        person.user = user
    if language is not None:
        if language not in {code for code, _name in settings.LANGUAGES}:
            raise DomainError(_("Unknown language."), field="language", code="invalid")
        person.language = language
    person.save()
    for name, given in changed.items():
        record_consent(person=person, kind=_CONSENT_KINDS[name], given=given, how=how, by=by)
        setattr(person, name, given)
    return person


@audited
def save_position(*, person: Person, organisation: Organisation, titles: dict[str, str],
                  department: Department | None = None, start_date: date | None = None,
                  end_date: date | None = None) -> Position:
    """Record what a person was at an organisation; the same person, organisation and title is one position."""
    _check_period(start_date, end_date, field="end_date")
    title = titles.get("lv") or next((v for v in titles.values() if v), "")
    if not title:
        raise DomainError(_("The position needs a title."), field="title_lv", code="required")
    position = Position.objects.filter(person=person, organisation=organisation, title_lv=title).first() or Position(
        person=person, organisation=organisation, title=title
    )
    position.department, position.start_date, position.end_date = department, start_date, end_date
    set_translations(position, "title", titles)
    position.save()
    return position


from .additions import (  # noqa: E402  (they build on the functions above)
    LikelyDuplicates,
    add_department,
    add_organisation,
    add_person,
    add_place,
    add_position,
    add_variant,
    review_entry,
    update_person,
    update_place,
)
from .merges import merge_entries  # noqa: E402
from .relationships import add_relationship  # noqa: E402

__all__ = [
    "LikelyDuplicates", "add_department", "add_organisation", "add_person", "add_place", "add_position",
    "add_relationship", "add_variant", "merge_entries", "review_entry", "record_population",
    "record_succession",
    "save_department", "save_municipality", "save_organisation", "save_person", "save_position",
    "update_organisation", "update_person", "update_place",
]
