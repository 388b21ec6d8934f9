"""Money: amounts kept in the currency they were entered in, shown in the active locale.

Latvia joined the euro on 1 January 2014 at the irrevocable rate of 0.702804 lats per euro; older
projects were budgeted in lats, and funders now want euros. We keep what was entered and convert.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, format_decimal, format_percent
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

LVL_PER_EUR = Decimal("0.702804")
CENT = Decimal("0.01")

_BABEL_LOCALES = {"lv": "lv_LV", "lt": "lt_LT", "en": "en_IE"}


class Currency(models.TextChoices):
    EUR = "EUR", _("euro")
    LVL = "LVL", _("Latvian lats")


def to_eur(amount: Decimal | None, currency: str) -> Decimal | None:
    """The amount in euros, rounded to the cent; lats are converted at the official rate."""
    if amount is None:
        return None
    if currency == Currency.LVL:
        return (Decimal(amount) / LVL_PER_EUR).quantize(CENT, rounding=ROUND_HALF_UP)
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def babel_locale(language: str | None = None) -> str:
    return _BABEL_LOCALES.get((language or translation.get_language() or "lv")[:2], "lv_LV")


def format_money(amount: Decimal | None, currency: str = "EUR", language: str | None = None) -> str:
    """`382 667,64 €` in Latvian, `€382,667.64` in English (CLDR rules via Babel)."""
    if amount is None:
        return ""
    return format_currency(amount, currency, locale=babel_locale(language))


def format_share(fraction: Decimal | None, language: str | None = None) -> str:
    """A share as a percentage with one decimal, in the locale's own pattern (`85,0 %` in Lithuanian)."""
    if fraction is None:
        return ""
    from babel import Locale

    locale = Locale.parse(babel_locale(language))
    pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0.0")
    return format_percent(fraction, pattern, locale=locale)


def format_number(value, language: str | None = None) -> str:
    if value is None:
        return ""
    return format_decimal(value, locale=babel_locale(language))
