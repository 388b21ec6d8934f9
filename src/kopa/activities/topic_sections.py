"""Activities and working groups on a topic page (the topics app owns the registry; we fill it)."""

from django.db.models import Case, IntegerField, Q, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.topics.registry import Section, register_section

from .models import Activity, WorkingGroup


def known_year():
    """The year an activity certainly lies in: both bounds in it. "11 February, year not stated" has none, so
    it is counted under "year not known" rather than in a year it only might belong to."""
    return Case(When(start_date__year=ExtractYear("end_date"), then=ExtractYear("start_date")),
                default=None, output_field=IntegerField())


def _activities(ids):
    # On the activity itself, or on one of its programme items or parallel groups.
    return (Activity.objects.filter(Q(topics__in=ids) | Q(programme__topics__in=ids) | Q(breakouts__topics__in=ids))
            .distinct().order_by("-start_date", "pk"))


def register_sections() -> None:
    register_section(Section(
        key="activities", label=_("Activities"), items=_activities, year_field=known_year(),
        list_url=lambda topic: reverse("activities:list") + f"?topic={topic.slug}",
    ))
    register_section(Section(
        key="working-groups", label=_("Working groups"),
        items=lambda ids: WorkingGroup.objects.filter(topics__in=ids).distinct().order_by("name", "pk"),
        list_url=lambda topic: reverse("activities:working_groups") + f"?topic={topic.slug}",
    ))
