from django import template

from kopa.core.durations import format_duration

register = template.Library()


@register.filter
def duration(seconds, basis="calendar"):
    """{{ value|duration }} in calendar time; {{ value|duration:analysis.basis }} follows the log's basis."""
    return format_duration(seconds, basis or "calendar")


@register.filter
def minutes(value):
    return format_duration((value or 0) * 60)
