"""Tags of activity pages: reported headcounts read the same on every page."""

from django import template

from kopa.activities.headcounts import headcount_text

register = template.Library()


@register.simple_tag
def headcount(obj):
    return headcount_text(obj)
