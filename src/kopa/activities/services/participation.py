"""Participation as texts report it: organisations and municipalities that took part with no named person,
and the numbers of participants a source states. Neither changes a registration or a seat count."""

from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, require

from ..models import Activity, Headcount, Participation


@audited
def record_participation(
    *, activity: Activity, by=None, organisation=None, municipality=None, role: str = Participation.Role.PARTICIPANT,
    delegation_size: int | None = None, country=None, source: str = "",
) -> Participation:
    """Record (or update) that an organisation or a municipality took part, without registering anyone."""
    require(by, "activities.change_activity", activity)
    if organisation is None and municipality is None:
        raise DomainError(_("Name the organisation or the municipality that took part."), field="organisation",
                          code="required")
    if role not in Participation.Role.values:
        raise DomainError(_("Unknown role."), field="role", code="invalid")
    if delegation_size is not None and delegation_size < 0:
        raise DomainError(_("A number of people is zero or more."), field="delegation_size", code="invalid")
    if organisation is not None and municipality is not None and organisation.municipality_id not in (
            None, municipality.pk):
        raise DomainError(_("The organisation belongs to another municipality."), field="municipality",
                          code="invalid")
    if organisation is not None:
        municipality = municipality or organisation.municipality
        country = country or organisation.country
        lookup = {"activity": activity, "organisation": organisation}
    else:
        country = country or municipality.country
        lookup = {"activity": activity, "organisation": None, "municipality": municipality}
    participation, _created = Participation.objects.update_or_create(**lookup, defaults={
        "municipality": municipality, "role": role, "delegation_size": delegation_size, "country": country,
        "source": source})
    return participation


@audited
def remove_participation(*, participation: Participation, by=None) -> None:
    require(by, "activities.change_activity", participation.activity)
    participation.delete()


@audited
def report_headcount(
    *, activity: Activity, value, by=None, qualifier: str = Headcount.Qualifier.EXACTLY,
    counts: str = Headcount.Counts.PARTICIPANTS, organisation=None, source: str = "",
) -> Headcount:
    """The number a source gives ("more than 150 participants"); one per activity (and organisation) and kind."""
    require(by, "activities.change_activity", activity)
    try:
        value = int(value)
    except (TypeError, ValueError) as error:
        raise DomainError(_("A number of people is zero or more."), field="value", code="invalid") from error
    if value < 0:
        raise DomainError(_("A number of people is zero or more."), field="value", code="invalid")
    if qualifier not in Headcount.Qualifier.values:
        raise DomainError(_("Unknown qualifier."), field="qualifier", code="invalid")
    if counts not in Headcount.Counts.values:
        raise DomainError(_("Unknown kind of count."), field="counts", code="invalid")
    headcount, _created = Headcount.objects.update_or_create(
        activity=activity, organisation=organisation, counts=counts,
        defaults={"value": value, "qualifier": qualifier, "source": source},
    )
    return headcount


@audited
def remove_headcount(*, headcount: Headcount, by=None) -> None:
    require(by, "activities.change_activity", headcount.activity)
    headcount.delete()
