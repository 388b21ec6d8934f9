"""Money: amounts kept in the currency their source used, converted to euros by one rule, shown in the active locale.

The currencies the euro replaced have irrevocable conversion rates fixed by the Council of the EU (Latvia's lats
at 0.702804 per euro from 1 January 2014, Lithuania's litas at 3.4528 from 2015 …): those are converted exactly.
Any other currency (Norwegian kroner of the EEA and Norway Grants, Swiss francs, Polish złoty …) has no fixed rate;
its amounts carry a dated rate a coordinator entered, with the rate's source, and are shown with it.

One rounding rule, here only: amounts are converted and added exactly, and a euro figure is rounded once, to the
cent, half up. Pages, exports, the API, the admin and the services all convert through these functions.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
# Exact enough for any amount of 14 digits divided by a rate of 6 decimals; rounding happens once, at the cent.
_EXACT = Context(prec=40)

_BABEL_LOCALES = {"lv": "lv_LV", "lt": "lt_LT", "en": "en_IE"}


class Currency(models.TextChoices):
    EUR = "EUR", _("euro")
    # Replaced by the euro, at a fixed rate.
    ATS = "ATS", _("Austrian schilling")
    BEF = "BEF", _("Belgian franc")
    BGN = "BGN", _("Bulgarian lev")
    CYP = "CYP", _("Cypriot pound")
    DEM = "DEM", _("German mark")
    EEK = "EEK", _("Estonian kroon")
    ESP = "ESP", _("Spanish peseta")
    FIM = "FIM", _("Finnish markka")
    FRF = "FRF", _("French franc")
    GRD = "GRD", _("Greek drachma")
    HRK = "HRK", _("Croatian kuna")
    IEP = "IEP", _("Irish pound")
    ITL = "ITL", _("Italian lira")
    LTL = "LTL", _("Lithuanian litas")
    LUF = "LUF", _("Luxembourg franc")
    LVL = "LVL", _("Latvian lats")
    MTL = "MTL", _("Maltese lira")
    NLG = "NLG", _("Dutch guilder")
    PTE = "PTE", _("Portuguese escudo")
    SIT = "SIT", _("Slovenian tolar")
    SKK = "SKK", _("Slovak koruna")
    # No fixed rate: converted at a dated rate with its source.
    BYN = "BYN", _("Belarusian rouble")
    CHF = "CHF", _("Swiss franc")
    CZK = "CZK", _("Czech koruna")
    DKK = "DKK", _("Danish krone")
    GBP = "GBP", _("pound sterling")
    GEL = "GEL", _("Georgian lari")
    HUF = "HUF", _("Hungarian forint")
    ISK = "ISK", _("Icelandic króna")
    MDL = "MDL", _("Moldovan leu")
    NOK = "NOK", _("Norwegian krone")
    PLN = "PLN", _("Polish złoty")
    RON = "RON", _("Romanian leu")
    RUB = "RUB", _("Russian rouble")
    SEK = "SEK", _("Swedish krona")
    UAH = "UAH", _("Ukrainian hryvnia")
    USD = "USD", _("US dollar")


# Units per euro, irrevocably fixed by the Council when each country joined the euro.
FIXED_PER_EUR = {
    "ATS": Decimal("13.7603"),
    "BEF": Decimal("40.3399"),
    "BGN": Decimal("1.95583"),
    "CYP": Decimal("0.585274"),
    "DEM": Decimal("1.95583"),
    "EEK": Decimal("15.6466"),
    "ESP": Decimal("166.386"),
    "FIM": Decimal("5.94573"),
    "FRF": Decimal("6.55957"),
    "GRD": Decimal("340.750"),
    "HRK": Decimal("7.53450"),
    "IEP": Decimal("0.787564"),
    "ITL": Decimal("1936.27"),
    "LTL": Decimal("3.45280"),
    "LUF": Decimal("40.3399"),
    "LVL": Decimal("0.702804"),
    "MTL": Decimal("0.429300"),
    "NLG": Decimal("2.20371"),
    "PTE": Decimal("200.482"),
    "SIT": Decimal("239.640"),
    "SKK": Decimal("30.1260"),
}
LVL_PER_EUR = FIXED_PER_EUR["LVL"]
FLOATING = frozenset(set(Currency.values) - set(FIXED_PER_EUR) - {"EUR"})
FLOATING_CHOICES = [(code, label) for code, label in Currency.choices if code in FLOATING]

# The signs the sources themselves wrote, where CLDR gives only the code ("1 000 000 Lt", "24 415,44 Ls").
_SIGNS = {"LTL": "Lt", "LVL": "Ls"}


class MissingRate(Exception):
    """An amount in a currency with no fixed rate was converted without a dated rate."""


def is_known(currency: str) -> bool:
    return currency in Currency.values


def needs_rate(currency: str) -> bool:
    """Only currencies with no fixed rate need a dated rate to be converted."""
    return currency in FLOATING


def per_eur(currency: str, rate=None) -> Decimal:
    """Units of `currency` per euro: 1, the fixed rate, or the dated `rate` (anything with `.rate`)."""
    if currency == Currency.EUR:
        return Decimal(1)
    if currency in FIXED_PER_EUR:
        return FIXED_PER_EUR[currency]
    if rate is None or not getattr(rate, "rate", None):
        raise MissingRate(currency)
    return Decimal(rate.rate)


def exact_eur(amount, currency: str, rate=None) -> Decimal | None:
    """The amount in euros, not rounded: sums add these and are rounded once."""
    if amount is None:
        return None
    return _EXACT.divide(Decimal(amount), per_eur(currency, rate))


def round_eur(value: Decimal | None) -> Decimal | None:
    """The one rounding rule: to the cent, half up."""
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_eur(amount, currency: str, rate=None) -> Decimal | None:
    """The amount in euros, rounded to the cent (fixed rates exactly; other currencies at their dated rate)."""
    return round_eur(exact_eur(amount, currency, rate))


def fraction_of(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole (both exact euros) or None when either is unknown or the whole is zero."""
    if part is None or not whole:
        return None
    return _EXACT.divide(part, whole)


@dataclass(frozen=True)
class Amount:
    """An amount as its source stated it; `rate` (an ExchangeRate: `.rate` per euro, `.date`, `.source`) is set
    for a currency with no fixed rate."""

    value: Decimal
    currency: str = "EUR"
    rate: object = None

    @property
    def exact_eur(self) -> Decimal:
        return exact_eur(self.value, self.currency, self.rate)

    @property
    def eur(self) -> Decimal:
        return round_eur(self.exact_eur)

    @property
    def convertible(self) -> bool:
        return not needs_rate(self.currency) or self.rate is not None

    def __str__(self) -> str:
        return amount_text(self)


def amount_or_none(value, currency: str, rate=None) -> Amount | None:
    return None if value is None else Amount(Decimal(value), currency or "EUR", rate)


def sum_eur(amounts) -> Decimal:
    """The euro total of many amounts: added exactly, rounded once."""
    return round_eur(sum((a.exact_eur for a in amounts if a is not None), Decimal(0)))


def exceeds(total: Amount, parts) -> bool:
    """Whether the parts together are more than the total. In the total's own currency they are compared as
    entered (lats shares that add up to the lats total fit, whatever rounding each to cents would do); across
    currencies, the exact euro sum is rounded once and compared with the total in euros."""
    parts = [p for p in parts if p is not None]
    if all(p.currency == total.currency for p in parts):
        return sum((p.value for p in parts), Decimal(0)) > total.value
    return sum_eur(parts) > total.eur


def babel_locale(language: str | None = None) -> str:
    return _BABEL_LOCALES.get((language or translation.get_language() or "lv")[:2], "lv_LV")


def format_money(amount: Decimal | None, currency: str = "EUR", language: str | None = None) -> str:
    """`382 667,64 €` in Latvian, `€382,667.64` in English (CLDR rules via Babel)."""
    if amount is None:
        return ""
    return _with_sign(format_currency(amount, currency, locale=babel_locale(language)), currency)


def format_original(amount: Decimal | None, currency: str, language: str | None = None) -> str:
    """An amount as the source wrote it: a whole amount without cents (`1 000 000 Lt`), else with them."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    if amount != amount.to_integral_value():
        return format_money(amount, currency, language)
    locale = Locale.parse(babel_locale(language))
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    text = format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)
    return _with_sign(text, currency)


def _with_sign(text: str, currency: str) -> str:
    sign = _SIGNS.get(currency)
    return text.replace(currency, sign) if sign else text


def format_rate(rate, currency: str, language: str | None = None) -> str:
    """"11,5600 NOK per euro on 1 March 2024, Norges Bank"."""
    with translation.override(language or translation.get_language()):
        text = pgettext("exchange rate", "%(rate)s %(currency)s per euro on %(date)s") % {
            "rate": format_rate_value(Decimal(rate.rate), language),
            "currency": currency,
            "date": formats.date_format(rate.date, "DATE_FORMAT"),
        }
        return f"{text}, {rate.source}" if getattr(rate, "source", "") else text


def amount_text(amount: Amount | None, language: str | None = None) -> str:
    """The amount with its euro value beside it, as pages, exports and the API show it:
    `382 667,64 €`; `1 000 000 Lt = 289 620,02 €`; `100 000 NOK = 8 650,00 € (11,5600 NOK per euro on …)`;
    a currency with no rate yet says so instead of inventing a euro value."""
    if amount is None:
        return ""
    original = format_original(amount.value, amount.currency, language)
    if amount.currency == Currency.EUR:
        return original
    if not amount.convertible:
        with translation.override(language or translation.get_language()):
            missing = gettext("no rate to the euro entered")
        return f"{original} ({missing})"
    text = f"{original} = {format_money(amount.eur, 'EUR', language)}"
    if amount.rate is not None and needs_rate(amount.currency):
        text += f" ({format_rate(amount.rate, amount.currency, language)})"
    return text


def format_share(fraction: Decimal | None, language: str | None = None) -> str:
    """A share as a percentage with one decimal, in the locale's own pattern (`85,0 %` in Lithuanian)."""
    if fraction is None:
        return ""
    locale = Locale.parse(babel_locale(language))
    pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0.0")
    return format_percent(fraction, pattern, locale=locale)


def format_rate_value(value: Decimal, language: str | None = None) -> str:
    """A conversion rate with every decimal it has (0,702804), never cut to three."""
    return format_decimal(value, format="#,##0.0#####", locale=babel_locale(language))


def format_number(value, language: str | None = None) -> str:
    if value is None:
        return ""
    return format_decimal(value, locale=babel_locale(language))
