"""The rules of what is written about a source, checked without writing (the services and the back office's form
call them)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from kopa.core.dates import STATED_DATE_FIELDS, DatePrecision, apply_stated_dates
from kopa.core.errors import DomainError

from .models import Source

SOURCE_FIELDS = {"url", "title", "publisher", "organisation", "language", "note", *STATED_DATE_FIELDS}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1 or -3: "lv", "lt", "en", "de", "sgs" (Samogitian)
NOTE_LENGTH = 5000
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMPTY_DATE_VALUES = {"month_part": str, "year_source": str, "days": list, "provisional": bool,
                     "date_precision": lambda: DatePrecision.UNKNOWN}
_url = URLValidator(schemes=["http", "https"])


def max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def clean_text(value, *, field: str, limit: int, required: bool = False, one_line: bool = True) -> str:
    raw = CONTROL_CHARACTERS.sub("", str(value or ""))  # PostgreSQL refuses NUL in text; none belongs in a title
    text = " ".join(raw.split()) if one_line else raw.strip()
    if required and not text:
        raise DomainError(_("This is required."), field=field, code="required")
    if len(text) > limit:
        raise DomainError(_("This is too long (at most %(n)d characters).") % {"n": limit}, field=field,
                          code="too_long")
    return text


def check_source(*, source: Source | None = None, **fields) -> dict:
    """The rules of a source, without writing: the given fields cleaned, or a DomainError on the field at fault.
    The services call it; the back office's form calls it too, to show a refusal on its field."""
    unknown = set(fields) - SOURCE_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    cleaned = {}
    if "title" in fields or source is None:
        cleaned["title"] = clean_text(fields.get("title"), field="title", limit=max_length(Source, "title"),
                                      required=True)
    if "url" in fields:
        url = clean_text(fields["url"], field="url", limit=max_length(Source, "url"))
        if url:
            try:
                _url(url)
            except ValidationError:
                raise DomainError(_("Give a web address starting with http:// or https://."), field="url",
                                  code="invalid") from None
            if Source.objects.filter(url=url).exclude(pk=source.pk if source else None).exists():
                raise DomainError(_("A source with this address is already recorded."), field="url",
                                  code="duplicate")
        cleaned["url"] = url
    if "publisher" in fields:
        cleaned["publisher"] = clean_text(fields["publisher"], field="publisher", limit=max_length(Source, "publisher"))
    if "organisation" in fields:
        cleaned["organisation"] = fields["organisation"]
    if "language" in fields:
        language = clean_text(fields["language"], field="language", limit=20).lower()
        if language and not LANGUAGE_CODE.match(language):
            raise DomainError(_("Give the language as an ISO 639 code of two or three letters (lv, lt, en, de …)."),
                              field="language", code="invalid")
        cleaned["language"] = language
    if "note" in fields:
        cleaned["note"] = clean_text(fields["note"], field="note", limit=NOTE_LENGTH, one_line=False)
    dates = {name: fields[name] for name in STATED_DATE_FIELDS if name in fields}
    if dates or source is None:
        # The publication date as precisely as known; checked by the same rules as every stated date.
        probe = Source()
        if source is not None:
            for name in STATED_DATE_FIELDS:
                setattr(probe, name, getattr(source, name))
        for name, value in dates.items():
            if value is None and name in EMPTY_DATE_VALUES:  # the API and forms send null for "not given"
                value = EMPTY_DATE_VALUES[name]()
            setattr(probe, name, value)
        apply_stated_dates(probe)
        cleaned.update({name: getattr(probe, name) for name in STATED_DATE_FIELDS})
    return cleaned
