from django import template

from kopa.core.durations import format_duration

register = template.Library()


@register.filter
def duration(seconds):
    return format_duration(seconds)


@register.filter
def minutes(value):
    return format_duration((value or 0) * 60)
