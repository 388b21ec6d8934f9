"""Every country of ISO 3166-1, named in Latvian, Lithuanian and English from the Unicode CLDR (through Babel).

A country row is made the first time an entry needs it (`country_by_code`), or all at once by
`ensure_countries()` for the loaders; rows that exist keep their code and names (only empty names are filled).
"""

from functools import cache

import babel
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

from .models import Country

# CLDR territories with two letters that are not ISO 3166-1 countries: the EU and the euro area, the UN,
# outlying Oceania, pseudo-locales, Kosovo (user-assigned), the unknown region and reserved codes.
NOT_ISO_3166_1 = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK",
                            "ZZ"})
LANGUAGES = ("lv", "lt", "en")


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(babel.Locale(language).territories)


@cache
def iso_codes() -> tuple[str, ...]:
    return tuple(sorted(code for code in _territories("en")
                        if len(code) == 2 and code.isalpha() and code not in NOT_ISO_3166_1))


def country_names(code: str) -> dict[str, str]:
    return {language: _territories(language).get(code, "") for language in LANGUAGES}


def country_choices() -> list[tuple[str, str]]:
    """All countries for a picker (a bounded list of 249), in the reader's language and alphabet."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    language = language[:2] if language[:2] in LANGUAGES else "lv"
    names = _territories(language)
    return sorted(((code, names.get(code, code)) for code in iso_codes()), key=lambda pair: pair[1].casefold())


def check_country_code(code: str, field: str = "country") -> str:
    code = (code or "").strip().upper()
    if code not in iso_codes():
        raise DomainError(_("“%(code)s” is not a country code (ISO 3166-1, two letters, e.g. MD).") % {"code": code},
                          field=field, code="invalid")
    return code


@transaction.atomic
def country_by_code(code: str, field: str = "country") -> Country:
    """The country with this ISO code, made with its CLDR names if it has no row yet; an unknown code is refused."""
    code = check_country_code(code, field)
    names = country_names(code)
    country, _created = Country.objects.get_or_create(
        code=code, defaults={"name": names["lv"], **{f"name_{lang}": names[lang] for lang in LANGUAGES}})
    return country


@transaction.atomic
def ensure_countries() -> int:
    """All ISO 3166-1 countries exist afterwards; returns how many were added. Running it again adds nothing."""
    existing = {country.code: country for country in Country.objects.all()}
    added, filled = [], []
    for code in iso_codes():
        names = country_names(code)
        country = existing.get(code)
        if country is None:
            added.append(Country(code=code, name=names["lv"], **{f"name_{lang}": names[lang] for lang in LANGUAGES}))
            continue
        empty = [lang for lang in LANGUAGES if not getattr(country, f"name_{lang}")]
        for lang in empty:
            setattr(country, f"name_{lang}", names[lang])
        if empty:
            filled.append(country)
    Country.objects.bulk_create(added)
    if filled:
        Country.objects.bulk_update(filled, [f"name_{lang}" for lang in LANGUAGES])
    return len(added)
