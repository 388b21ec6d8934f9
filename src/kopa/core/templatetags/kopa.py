"""Template tags for money, shares and numbers in the active locale, and text marked with its language."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kopa.core import money
from kopa.core.pages import POSITION
from kopa.core.translated import shown_language

register = template.Library()


@register.filter
def eur(amount):
    return money.format_money(amount, "EUR")


@register.filter
def money_in(amount, currency):
    return money.format_money(amount, currency or "EUR")


@register.filter
def share(fraction):
    return money.format_share(fraction)


@register.filter
def number(value):
    return money.format_number(value)


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    """The current list URL with its filters kept and another page number."""
    params = context["request"].GET.copy()
    params["page"] = page_number
    return "?" + urlencode(sorted(params.items()))


@register.simple_tag(takes_context=True)
def page_link(context, page, which):
    """Where a list's "next", "previous" or "first" page link leads, its filters kept: a page number, or past
    the numbered pages a cursor (kopa.core.pages.paginate); a page made elsewhere goes by its number."""
    request = context["request"]
    links = getattr(page, "links", None)
    if links is None:
        number = {"next": page.next_page_number, "previous": page.previous_page_number}.get(which)
        return page_url(context, number() if number else 1)
    params = request.GET.copy()
    for name in POSITION:
        params.pop(name, None)
    params.update(links.get(which, {}))
    return "?" + urlencode(sorted(params.items())) if params else request.path


@register.simple_tag
def widget(bound_field):
    """The field's input, tied to its error message for screen readers (WCAG 3.3.1)."""
    attrs = {}
    if bound_field.errors:
        attrs["aria-describedby"] = f"{bound_field.auto_id}_error"
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def translated_text(obj, field="name"):
    """A translated field as the reader sees it, inside `<span lang="…">` when it is shown in another language
    than the page's (WCAG 3.1.2), so that a screen reader pronounces "Utenos rajono savivaldybė" as Lithuanian."""
    if obj is None:
        return ""
    value = getattr(obj, field)
    language = shown_language(obj, field)
    if language != (translation.get_language() or "")[:2]:
        return format_html('<span lang="{}">{}</span>', language, value)
    return value


@register.simple_tag
def stated_dates(obj, style="short"):
    """A record's date as its source gave it ("11 February (year not stated; …)"), never a made-up day."""
    from kopa.core.dates import stated_dates_text

    return stated_dates_text(obj, short=style == "short")


@register.simple_tag(takes_context=True)
def review_note(context, obj):
    """ "Added by X, not yet reviewed" on an entry a coordinator added (the name only for signed-in readers)."""
    if not getattr(obj, "awaiting_review", False):
        return ""
    user = getattr(context.get("request"), "user", None)
    if user is not None and user.is_authenticated and obj.added_by is not None:
        text = _("added by %(name)s, not yet reviewed") % {
            "name": obj.added_by.get_full_name() or obj.added_by.get_username()}
    else:
        text = _("not yet reviewed")
    return format_html('<span class="badge">{}</span>', text)


@register.filter
def language_groups(fields):
    """The fields with each set of language columns as one group (see kopa.core.form_languages)."""
    from kopa.core.form_languages import group

    return group(fields)
