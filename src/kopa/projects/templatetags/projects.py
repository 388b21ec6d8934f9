"""Tags of project pages."""

from django import template

from kopa.core.dates import stated_dates_text
from kopa.directory.naming import contributor_text
from kopa.projects.dates import period_text
from kopa.projects.status import shown_status_label

register = template.Library()


@register.simple_tag
def project_status(project):
    """Its status as it reads: completed once its end is past, even if nobody moved it."""
    return shown_status_label(project)


@register.simple_tag(takes_context=True)
def person_in_project(context, mention):
    """A role in the project as the naming rule lets this reader see it (named only with consent or a mark)."""
    request = context.get("request")
    return contributor_text(mention, getattr(request, "user", None))


@register.simple_tag
def project_period(project):
    """The period as the texts state it ("until 30.04.2019", "May 2017 – April 2019", "18 months")."""
    return period_text(project)


@register.simple_tag
def output_date(output):
    """An output's date as its source states it ("March 2020", "2019", "date not stated")."""
    return stated_dates_text(output)
