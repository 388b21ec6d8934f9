"""How higher apps (activities, projects, surveys …) put their records on a topic page.

Topics sits low in the house and imports none of them; instead each of them registers a Section in
its AppConfig.ready():

    register_section(Section(
        key="activities", label=_("Activities"),
        items=lambda ids: Activity.objects.filter(topics__in=ids).distinct().order_by("-starts_at"),
        year_field="starts_at",
        list_url=lambda topic: reverse("activities:list") + f"?topic={topic.slug}",
    ))

The registry is filled the same way in every process at start-up, so it is not shared state.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

if TYPE_CHECKING:
    from .models import Topic


@dataclass(frozen=True)
class Section:
    key: str  # "activities"; also used in HTML ids, so letters, digits and hyphens
    label: Any  # a lazy translated plural label, e.g. _("Activities")
    # The records on any of these topic ids, already distinct, ordered newest first. Each record is shown as
    # str(obj) linked to obj.get_absolute_url(): select_related what those need, or the page costs a query each.
    items: Callable[[list[int]], QuerySet]
    # A DateField/DateTimeField path of those records (single-valued: a field or a foreign-key chain), for counts
    # per year — or an expression giving the year (None where it is not known); None: no per-year counts.
    year_field: Any = None
    # The record list filtered by this topic, for a "see all" link.
    list_url: Callable[["Topic"], str] | None = None


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Idempotent by key: ready() may run more than once (tests, autoreload); the last registration wins."""
    _sections[section.key] = section


def sections() -> list[Section]:
    """In the order they were first registered."""
    return list(_sections.values())
