"""Reading translated columns (django-modeltranslation) in the active language."""

from django.conf import settings
from django.db.models import CharField
from django.db.models.functions import Coalesce
from django.utils import translation


def reader_languages() -> list[str]:
    """The reader's language, then modeltranslation's fallbacks: the order a translated text is looked for in."""
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return [active, *[code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES if code != active]]


def in_language_order(field: str, prefix: str = ""):
    """Order by `field` as the reader sees it: their language first, then the fallbacks.

    A plain order_by(field) sorts by the active language's column only, which is empty for most rows
    on Lithuanian and English pages.
    """
    return Coalesce(*[f"{prefix}{field}_{code}" for code in reader_languages()], output_field=CharField())


def set_translations(obj, field: str, values: dict[str, str]) -> None:
    """Write the per-language columns (name_lv, name_lt …); empty values leave a column as it is.

    Never assign `field` itself: modeltranslation would write it into the active language's column.
    """
    for language, value in (values or {}).items():
        if value:
            setattr(obj, f"{field}_{language}", value)


def has_translation(obj, field: str) -> bool:
    """True when the field is filled in at least one language."""
    return any(getattr(obj, f"{field}_{code}", None) for code in settings.MODELTRANSLATION_LANGUAGES)


def shown_language(obj, field: str) -> str:
    """The language of the column a reader sees for `field`: the active language, or the fallback used when
    that column is empty (a Lithuanian municipality's own name on a Latvian page is Lithuanian)."""
    languages = reader_languages()
    return next((code for code in languages if getattr(obj, f"{field}_{code}", None)), languages[0])
