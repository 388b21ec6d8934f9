"""Tags of activity pages: reported headcounts and contributors read the same on every page."""

from django import template
from django.utils.html import format_html_join

from kopa.activities.headcounts import headcount_text
from kopa.activities.status import shown_status_label
from kopa.core.templatetags.kopa import translated_text
from kopa.directory.naming import contributor_parts

register = template.Library()


@register.simple_tag
def headcount(obj):
    return headcount_text(obj)


def _html(obj, viewer):
    return format_html_join(", ", "{}", (
        (text if part is None else translated_text(part, text),) for part, text in contributor_parts(obj, viewer)
    ))


@register.simple_tag(takes_context=True)
def contributor(context, obj):
    """A contributor as `contributor_text` reads it for the page's viewer (named only where `may_name` allows),
    each translated piece marked with its language when it is shown in another one."""
    request = context.get("request")
    return _html(obj, getattr(request, "user", None) or context.get("user"))


@register.simple_tag
def public_contributor(obj):
    """The same as the public sees it (on the public page, in an article), for the organiser to check."""
    return _html(obj, None)


@register.simple_tag
def activity_status(activity):
    """Its status as it reads: held once its days are past, even if nobody moved it."""
    return shown_status_label(activity)
