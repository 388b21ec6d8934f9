"""Likely duplicates of an entry about to be added: the same or a similar name (by `kopa.core.names`), a name
variant, the same code, the same country.

Built for tables the size of Europe's: the database narrows the rows first (every word's stem in the indexed
`key` of the main names or of one name variant, at most `LIMIT` rows), and only those few are ranked in Python.
Two queries for the candidates and one for their variants, whatever the size of the table.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from kopa.core.names import name_key, similarity, words

from .models import Municipality, MunicipalityVariant, Organisation, OrganisationVariant, Person, PersonVariant

PREFILTER = 3  # letters of each word the database looks for
LIMIT = 200  # rows read from the database at most
SHOWN = 10  # candidates shown to the coordinator at most


@dataclass
class Candidate:
    record: object
    score: float
    reasons: list[str] = field(default_factory=list)


def _stems(text: str) -> list[str]:
    """The first three letters of each word of three or more: short enough that an abbreviation on either side
    ("raj." for "rajono", "sav." for "savivaldybė") still passes the filter; `similarity` then decides."""
    stems = [w[:PREFILTER] for w in words(text) if len(w) >= PREFILTER]
    return sorted(set(stems), key=len, reverse=True)


def _name_filter(stems: list[str]) -> Q:
    main = Q()
    variant = Q()
    for stem in stems:
        main &= Q(key__contains=stem)
        variant &= Q(variants__key__contains=stem)
    return main | variant


def _candidates(queryset, names: list[str], codes: Q | None) -> list:
    stems = [s for name in names for s in _stems(name)]
    stems = sorted(set(stems), key=len, reverse=True)
    found: dict[int, object] = {}
    filters = []
    if stems:
        per_name = Q()
        for name in names:
            if _stems(name):
                per_name |= _name_filter(_stems(name))
        filters.append(per_name)
        if len(stems) > 2:  # a name with more words than the entry's: its two most telling words
            filters.append(_name_filter(stems[:2]))
    if codes is not None:
        filters.append(codes)
    for condition in filters:
        for row in queryset.filter(condition).distinct()[: LIMIT - len(found)]:
            found.setdefault(row.pk, row)
        if len(found) >= LIMIT:
            break
    return list(found.values())


def _rank(rows, names: list[str], own_names, code_match, country_id=None) -> list[Candidate]:
    keys = {name_key(n) for n in names if name_key(n)}
    ranked = []
    for row in rows:
        reasons, score = [], 0.0
        for candidate_name in own_names(row):
            score = max(score, max((similarity(n, candidate_name) for n in names), default=0.0))
        if score >= 0.8:
            reasons.append(_("same or similar name"))
        for variant in row.variants.all():
            variant_score = max((similarity(n, variant.name) for n in names), default=0.0)
            if variant.key in keys or variant_score >= 0.8:
                reasons.append(_("name variant “%(name)s”") % {"name": variant.name})
                score = max(score, variant_score)
        if code_match(row):
            reasons.append(_("same code"))
            score = max(score, 1.0)
        if not reasons:
            continue
        same_country = country_id is not None and getattr(row, "country_id", None) == country_id
        if same_country:
            reasons.append(_("same country"))
        ranked.append((same_country, score, Candidate(row, score, reasons)))
    ranked.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [candidate for _same, _score, candidate in ranked[:SHOWN]]


def _variants(model):
    return Prefetch("variants", queryset=model.objects.order_by("name"))


def organisation_duplicates(*, names: list[str], short_name: str = "", country=None) -> list[Candidate]:
    names = [n for n in names if n and n.strip()]
    short_key = name_key(short_name)
    codes = Q(key__contains=short_key) if short_key and len(short_key) >= 2 else None
    rows = _candidates(Organisation.objects.select_related("country").prefetch_related(
        _variants(OrganisationVariant)), names, codes)

    def own_names(row):
        return [n for n in (row.name_lv, row.name_lt, row.name_en) if n]

    def code_match(row):
        return bool(short_key) and name_key(row.short_name) == short_key

    return _rank(rows, names, own_names, code_match, country.pk if country else None)


def place_duplicates(*, names: list[str], country=None, code: str = "", lau_code: str = "") -> list[Candidate]:
    names = [n for n in names if n and n.strip()]
    codes = Q()
    if code:
        codes |= Q(code__iexact=code.strip())
    if lau_code and country is not None:
        codes |= Q(lau_code=lau_code.strip(), country=country)
    rows = _candidates(Municipality.objects.select_related("country").prefetch_related(
        _variants(MunicipalityVariant)), names, codes if codes else None)

    def own_names(row):
        return [n for n in (row.name_lv, row.name_lt, row.name_en) if n]

    def code_match(row):
        return (bool(code) and row.code.casefold() == code.strip().casefold()) or (
            bool(lau_code) and row.lau_code == lau_code.strip() and row.country_id == getattr(country, "pk", None))

    return _rank(rows, names, own_names, code_match, country.pk if country else None)


def person_duplicates(*, first_name: str, last_name: str, email: str = "") -> list[Candidate]:
    full = f"{first_name} {last_name}".strip()
    email = email.strip()
    rows = _candidates(Person.objects.prefetch_related(_variants(PersonVariant)), [full],
                       Q(email__iexact=email) if email else None)

    def own_names(row):
        return [f"{row.first_name} {row.last_name}"]

    def code_match(row):
        return bool(email) and row.email.casefold() == email.casefold()

    return _rank(rows, [full], own_names, code_match)
