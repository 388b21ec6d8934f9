"""Projects on a topic page (the topics app owns the registry; we fill it)."""

from django.db.models import Case, IntegerField, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.topics.registry import Section, register_section

from .models import Project


def register_sections() -> None:
    register_section(Section(
        key="projects", label=_("Projects"),
        items=lambda ids: Project.objects.filter(topics__in=ids).distinct().order_by("-start_date", "code"),
        # Counted in the year it started; a project with no stated start is under "year not known".
        year_field=Case(When(start_date__isnull=False, then=ExtractYear("start_date")), default=None,
                        output_field=IntegerField()),
        list_url=lambda topic: reverse("projects:list") + f"?topic={topic.slug}",
    ))
