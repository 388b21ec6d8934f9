"""Forms in one language at a time: the three columns of a translated field (title_lv, title_lt, title_en)
are shown as one group, the reader's language open and the other two a click away, each marked as filled in
or missing.

Without this every translated field appeared three times in a row (a 3,600-pixel activity form). The
grouping is done here, once, for every form page: `core/form_fields.html` and the activity form use it.
The other languages are `<details>` elements, so the switch works without JavaScript and is announced by
screen readers; a field with an error, or the only one filled in, is opened so nothing is hidden that the
user must see.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

CODES = tuple(settings.MODELTRANSLATION_LANGUAGES)


@dataclass
class LanguageField:
    code: str
    field: object  # a BoundField
    filled: bool
    open: bool


@dataclass
class LanguageGroup:
    base: str
    current: LanguageField
    others: list[LanguageField]

    @property
    def is_group(self) -> bool:
        return True

    @property
    def missing(self) -> list[LanguageField]:
        """Languages left empty while another is filled in: translations still to write."""
        if not any(entry.filled for entry in (self.current, *self.others)):
            return []
        return [entry for entry in (self.current, *self.others) if not entry.filled]


def _language_of(name: str) -> tuple[str, str] | None:
    base, _sep, code = name.rpartition("_")
    return (base, code) if base and code in CODES else None


def _value_of(bound_field) -> str:
    value = bound_field.value()
    return "" if value is None else str(value).strip()


def group(fields) -> list:
    """Bound fields in their order, with each complete set of language columns replaced by a LanguageGroup
    (a single field is left as it is). Fields of a set need not be adjacent; the group stands where the
    first of them stood."""
    fields = list(fields)
    by_base: dict[str, dict[str, object]] = {}
    for bound_field in fields:
        parsed = _language_of(bound_field.name)
        if parsed:
            by_base.setdefault(parsed[0], {})[parsed[1]] = bound_field
    complete = {base for base, columns in by_base.items() if set(columns) == set(CODES)}
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    active = active if active in CODES else CODES[0]
    items, placed = [], set()
    for bound_field in fields:
        parsed = _language_of(bound_field.name)
        if not parsed or parsed[0] not in complete:
            items.append(bound_field)
            continue
        base = parsed[0]
        if base in placed:
            continue
        placed.add(base)
        columns = by_base[base]
        entries = {code: LanguageField(code, columns[code], bool(_value_of(columns[code])), False) for code in CODES}
        current = entries[active]
        others = [entries[code] for code in CODES if code != active]
        for entry in others:
            # Open what the user must see: an error, or the only text there is when their own is empty.
            entry.open = bool(entry.field.errors) or (not current.filled and entry.filled)
        items.append(LanguageGroup(base, current, others))
    return items
