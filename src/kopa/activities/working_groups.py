"""What a working group's page lists: its members (those the naming rule lets the reader see) and its meetings,
the first of each on the page and all of them a page at a time (?list=members|meetings): a network of every
municipality of a region has hundreds of members and years of meetings."""

from django.db.models import OuterRef, QuerySet

from kopa.core.subqueries import count_of
from kopa.directory.models import Person
from kopa.directory.naming import may_name, nameable

from .models import Activity, WorkingGroup

SHOWN = 20


def members(group: WorkingGroup, viewer) -> QuerySet | list:
    """The members the viewer may see named (`may_name`: someone who may not be named is not listed at all), by
    name, with their positions. A filter in the database for the public (`nameable`); for a viewer who may see
    some contacts the rule decides person by person."""
    people = Person.objects.filter(working_groups=group).prefetch_related("positions__organisation__country").order_by(
        "last_name", "first_name", "pk")
    named = nameable(viewer)
    if named is not None:
        return people.filter(named)
    return [person for person in people if may_name(person, viewer)]


def meetings(group: WorkingGroup) -> QuerySet:
    return Activity.objects.filter(working_group=group).order_by("-start_date", "-pk")


LISTS = {"members": members, "meetings": lambda group, viewer: meetings(group)}


def first_of(rows) -> tuple[list, int]:
    """The first SHOWN rows and how many there are (a count in the database for a queryset)."""
    if isinstance(rows, list):
        return rows[:SHOWN], len(rows)
    return list(rows[:SHOWN]), rows.count()


def groups_with_meeting_counts(groups: QuerySet) -> QuerySet:
    """Each group's number of meetings in a subquery, so a page of groups does not group every group's meetings."""
    return groups.annotate(meeting_count=count_of(Activity, working_group=OuterRef("pk")))
