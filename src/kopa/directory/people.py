"""An organisation's people, as its page lists them: the first `PEOPLE_SHOWN` with "all N →" to a paginated page
of them (?list=people), only those the naming rule (`naming.may_name`) lets the viewer see by name, each with
whether the viewer may see their e-mail address. For the public the rule is a filter (`naming.nameable`), so the
list is sliced and counted in the database however many people an organisation has."""

from django.db.models import QuerySet

from .models import Position
from .naming import may_name, nameable

PEOPLE_SHOWN = 20


def positions_of(organisation) -> QuerySet:
    return (Position.objects.filter(organisation=organisation).select_related("person", "department")
            .order_by("person__last_name", "person__first_name", "pk"))


def named_positions(organisation, viewer) -> QuerySet | list:
    """Its positions whose people the viewer may see named, by the person's name."""
    named = nameable(viewer, prefix="person__")
    if named is not None:
        return positions_of(organisation).filter(named)
    # A viewer who may see some contacts: the rule reads each person's organisations (person__positions).
    return [position for position in positions_of(organisation).prefetch_related("person__positions")
            if may_name(position.person, viewer)]


def with_contacts(positions, viewer) -> list[tuple]:
    """(position, whether the viewer sees the person's e-mail address) for each."""
    may_see_some = viewer.has_perm("directory.view_person_contact")
    return [(position, may_see_some and viewer.has_perm("directory.view_person_contact", position.person))
            for position in positions]


def first_people(organisation, viewer, shown: int = PEOPLE_SHOWN) -> dict:
    """The first `shown` and how many there are in all (one query each, for the public)."""
    positions = named_positions(organisation, viewer)
    count = positions.count() if isinstance(positions, QuerySet) else len(positions)
    return {"positions": with_contacts(list(positions[:shown]), viewer), "people_count": count}
