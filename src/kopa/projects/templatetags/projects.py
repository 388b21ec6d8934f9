"""Tags of project pages."""

from django import template

from kopa.projects.status import shown_status_label

register = template.Library()


@register.simple_tag
def project_status(project):
    """Its status as it reads: completed once its end is past, even if nobody moved it."""
    return shown_status_label(project)
