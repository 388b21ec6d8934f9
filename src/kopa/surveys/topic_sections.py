"""Needs of project partners on a topic page (the topics app owns the registry; we fill it)."""

from django.utils.translation import gettext_lazy as _

from kopa.topics.registry import Section, register_section

from .models import Need


def register_sections() -> None:
    register_section(Section(
        key="needs", label=_("Needs expressed in surveys"),
        items=lambda ids: Need.objects.filter(topics__in=ids).distinct().order_by("project", "code"),
    ))
