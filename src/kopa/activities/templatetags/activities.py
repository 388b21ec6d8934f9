"""Tags of activity pages: reported headcounts and contributors read the same on every page."""

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from kopa.activities.headcounts import headcount_text
from kopa.activities.models import Activity, kinds
from kopa.activities.queries import award_person_name
from kopa.activities.status import certificate_ready, check_in_is_open, deadline_passed, shown_status_label
from kopa.core.dates import day_is_known, day_text
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


@register.filter(name="certificate_ready")
def certificate_ready_filter(registration) -> bool:
    """The link to a certificate only where the PDF would be issued (the same rule)."""
    return certificate_ready(registration)


@register.filter(name="deadline_passed")
def deadline_passed_filter(activity) -> bool:
    return deadline_passed(activity)


@register.filter(name="check_in_open")
def check_in_open_filter(registration) -> bool:
    """A check-in button only from the day the service would accept it."""
    return registration.can_check_in and check_in_is_open(registration.activity, registration.session)


@register.filter
def other_kind_labels(activity) -> list[str]:
    return [kinds.label(kind) for kind in activity.other_kinds or []]


@register.filter
def day_known(obj) -> bool:
    return day_is_known(obj)


@register.simple_tag
def programme_day(item) -> str:
    """A programme item's day as precisely as the source gave it."""
    return day_text(item)


@register.simple_tag
def missing_translations(activity) -> list[tuple[str, list[str]]]:
    """For organisers: which texts exist in some language but not in the others (pages fall back meanwhile)."""
    missing = []
    for field in ("title", "purpose", "description", "target_audience", "practical_arrangements", "venue"):
        values = {code: getattr(activity, f"{field}_{code}", "") for code, _name in settings.LANGUAGES}
        if any(values.values()):
            absent = [str(name) for code, name in settings.LANGUAGES if not values[code]]
            if absent:
                missing.append((str(Activity._meta.get_field(field).verbose_name), absent))
    return missing


@register.simple_tag(takes_context=True)
def award_person(context, award):
    """The person an award went to, named only where the naming rule allows (else the award reads without)."""
    viewer = getattr(context.get("request"), "user", None)
    return award_person_name(award, viewer) or _("a participant")
