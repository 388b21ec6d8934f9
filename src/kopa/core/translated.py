"""Reading translated columns (django-modeltranslation) in the active language."""

from django.conf import settings
from django.db.models import CharField
from django.db.models.functions import Coalesce
from django.utils import translation


def in_language_order(field: str, prefix: str = ""):
    """Order by `field` as the reader sees it: their language first, then the fallbacks.

    A plain order_by(field) sorts by the active language's column only, which is empty for most rows
    on Lithuanian and English pages.
    """
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    languages = [active, *[code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES if code != active]]
    return Coalesce(*[f"{prefix}{field}_{code}" for code in languages], output_field=CharField())
