"""The organiser's registration list: which rows, in which order, numbered how — named reads for the page and
its exports, in a fixed number of queries whatever the number of registrations."""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When, prefetch_related_objects

from kopa.accounts.permissions import coordinated_organisation_ids
from kopa.core.names import STEM, similarity, words
from kopa.core.translated import in_language_order
from kopa.directory.models import Organisation, Person

from .models import Activity, Registration
from .waiting_list import OFFER_ORDER, waiting_list

S = Registration.Status
MATCHES = 20  # people offered after a name search
PREFILTER = 200  # rows the database hands over for ranking at most


def _waiting_first() -> Case:
    return Case(When(status=S.WAITLISTED, then=Value(0)), default=Value(1), output_field=IntegerField())


def _sorts() -> dict[str, list]:
    """Each sort key's columns, ascending; the primary key last, so pages never overlap. Built per request: the
    organisation's name is read in the reader's language."""
    return {
        # The waiting list in the order seats are offered (the service's own order), then everyone else.
        "queue": [_waiting_first(), *OFFER_ORDER],
        "date": ["created_at", "pk"],
        "name": ["person__last_name", "person__first_name", "pk"],
        "organisation": [in_language_order("name", "organisation__"), "person__last_name", "pk"],
        "status": ["status", "created_at", "pk"],
    }


SORT_KEYS = ("queue", "date", "name", "organisation", "status")
# What a row shows besides the registration (activity, session: rules of time).
SHOWN = ("activity", "person", "organisation", "position", "breakout", "session")


def _descending(column):
    if isinstance(column, str):
        return F(column).desc()
    return column.desc()


def visible_registrations(activity: Activity, user, organiser: bool) -> QuerySet:
    """Organisers see every registration; a partner coordinator those of the organisations they coordinate."""
    rows = Registration.objects.filter(activity=activity)
    if not organiser:
        rows = rows.filter(organisation__in=coordinated_organisation_ids(user))
    return rows


def registration_rows(rows: QuerySet, *, text: str = "", status: str = "", organisation=None, session=None,
                      breakout=None, attended: str = "", sort: str = "queue") -> QuerySet:
    """`rows` filtered and sorted, with what each row shows read in the same query. `session`/`breakout`: an
    object, or "none" for registrations without one; `attended`: "yes" or "no"; `sort`: a key of SORT_KEYS, with
    a leading "-" for descending."""
    if status:
        rows = rows.filter(status=status)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    if session == "none":
        rows = rows.filter(session__isnull=True)
    elif session is not None:
        rows = rows.filter(session=session)
    if breakout == "none":
        rows = rows.filter(breakout__isnull=True)
    elif breakout is not None:
        rows = rows.filter(breakout=breakout)
    if attended == "yes":
        rows = rows.filter(status=S.ATTENDED)
    elif attended == "no":
        rows = rows.exclude(status=S.ATTENDED)
    for word in text.split():
        rows = rows.filter(
            Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
            | Q(person__email__icontains=word)
            | Q(organisation__name_lv__icontains=word) | Q(organisation__name_lt__icontains=word)
            | Q(organisation__name_en__icontains=word)
        )
    key = sort.lstrip("-")
    columns = _sorts().get(key, _sorts()["queue"])
    if sort.startswith("-"):
        columns = [_descending(c) for c in columns]
    return rows.select_related(*SHOWN).order_by(*columns)


def queue_positions(activity: Activity) -> dict[int, int]:
    """Registration id → place on the waiting list (1, 2, 3 …), in the order the service offers seats. One query
    of ids only, whatever the filters: a person's place does not change because the list is filtered."""
    ids = waiting_list(activity).values_list("pk", flat=True)
    return {pk: place for place, pk in enumerate(ids, start=1)}


@dataclass
class Row:
    registration: Registration
    queue_position: int | None
    sees_contact: bool


def page_rows(registrations, activity: Activity, user) -> list[Row]:
    """The rows of one page, each with its queue place and whether `user` may see the person's contacts (the
    directory's rule, `directory.view_person_contact`; the positions it reads are fetched in one query)."""
    # The page was cut from the registrations alone (only a sort by name or organisation joins those): what the
    # rows show is read for these fifty, by their numbers, and not joined over the whole list before it is cut.
    ids = [r.pk for r in registrations]
    shown = Registration.objects.select_related(*SHOWN).in_bulk(ids) if ids else {}
    registrations = [shown[pk] for pk in ids]
    positions = queue_positions(activity)
    may_see_some = user.has_perm("directory.view_person_contact")
    if may_see_some and registrations:
        prefetch_related_objects([r.person for r in registrations], "positions")
    return [
        Row(r, positions.get(r.pk), may_see_some and user.has_perm("directory.view_person_contact", r.person))
        for r in registrations
    ]


def sees_any_contact(user) -> bool:
    """Whether the contact columns exist at all for `user` (the same rule, asked without a person)."""
    return user.has_perm("directory.view_person_contact")


def organisations_registered(activity: Activity) -> QuerySet:
    """For the organisation filter: those with a registration for the activity."""
    return Organisation.objects.filter(registrations__activity=activity).distinct().order_by(
        in_language_order("name"), "pk")


def find_people(people: QuerySet, text: str) -> list[Person]:
    """People of `people` whose name is like `text` (kopa.core.names: stems prefilter in the database, similarity
    ranks), the best `MATCHES` first."""
    found = words(text)
    if not found:
        return []
    for word in found:
        people = people.filter(key__contains=word[:STEM])
    candidates = list(people.order_by("last_name", "first_name", "pk")[:PREFILTER])
    candidates.sort(key=lambda p: -similarity(text, f"{p.first_name} {p.last_name}"))
    return candidates[:MATCHES]
