"""`{% load sources %}` then `{% sources record %}`: the "Sources" section of any record's page.

On a list page call `kopa.sources.queries.prefetch_sources(records)` in the view first, so that each section
costs no query of its own. `level=3` makes the heading an h3 where the section sits under an h2; `link=False`
leaves out the "Add a source" link (and the permission check behind it).
"""

from babel import Locale, UnknownLocaleError
from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ..permissions import may_change_record
from ..queries import sources_of
from ..records import field_label, record_label

register = template.Library()


def language_name(code: str) -> str:
    """The name of a source's language in the reader's language ("vācu", "vokiečių", "German"), from CLDR."""
    if not code:
        return ""
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    try:
        name = Locale.parse(active).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return name or code


@register.filter
def publication_date(source) -> str:
    return source.published_text


@register.filter
def cited_field(citation) -> str:
    """The name of the field a citation is for, as a reader sees it ("total budget")."""
    return field_label(citation.content_type.model_class(), citation.field) if citation.field else ""


@register.filter
def source_language(source) -> str:
    return language_name(source.language)


@register.inclusion_tag("sources/sources_section.html", takes_context=True)
def sources(context, record, level=2, link=True):
    request = context.get("request")
    user = getattr(request, "user", None)
    found = sources_of(record)
    # The link asks the record's change rule, which may read the record's roles (an activity's organisers):
    # a list page of many records passes link=False, or prefetches what its rule reads.
    may_cite = bool(link) and may_change_record(user, record)
    label = record_label(record)
    return {
        "record": record,
        "found": found,
        "may_cite": may_cite,
        "cite_url": reverse("sources:cite", args=[label, record.pk]) if may_cite else "",
        "level": level if level in (2, 3, 4) else 2,
        "section_id": f"sources-{label.replace('.', '-')}-{record.pk}",
    }
