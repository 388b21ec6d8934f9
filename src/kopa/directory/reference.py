"""Import of the reference CSV files (data/reference/): municipalities, regions, reforms, populations.

Each file is recognised by its header. A file loads whole or not at all: the first bad row stops the
import with a message that names its line, and nothing of that file is saved. Loading the same file
again changes nothing, so administrators can re-run it to update population figures.
"""

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

from . import services
from .models import Country, Municipality, Region

LV_BEFORE_2021 = (date(2009, 7, 1), date(2021, 6, 30))
LV_REFORM_DATE = date(2021, 7, 1)

COUNTRIES = {
    "LV": {"lv": "Latvija", "lt": "Latvija", "en": "Latvia"},
    "LT": {"lv": "Lietuva", "lt": "Lietuva", "en": "Lithuania"},
}
# Latvian planning regions, keyed by the genitive form the reference files use.
PLANNING_REGIONS = {
    "Kurzemes": ("LV-KURZEME", "Kurzemes plānošanas reģions", "Kuržemės planavimo regionas", "Kurzeme Planning Region"),
    "Latgales": ("LV-LATGALE", "Latgales plānošanas reģions", "Latgalos planavimo regionas", "Latgale Planning Region"),
    "Rīgas": ("LV-RIGA", "Rīgas plānošanas reģions", "Rygos planavimo regionas", "Riga Planning Region"),
    "Vidzemes": ("LV-VIDZEME", "Vidzemes plānošanas reģions", "Vidžemės planavimo regionas", "Vidzeme Planning Region"),
    "Zemgales": (
        "LV-ZEMGALE",
        "Zemgales plānošanas reģions",
        "Žiemgalos planavimo regionas",
        "Zemgale Planning Region",
    ),
}
# Latvian names of the Lithuanian counties (the files give Lithuanian and English ones).
COUNTY_NAMES_LV = {
    "LT-AL": "Alītas apriņķis",
    "LT-KU": "Kauņas apriņķis",
    "LT-KL": "Klaipēdas apriņķis",
    "LT-MR": "Marijampoles apriņķis",
    "LT-PN": "Paņevēžas apriņķis",
    "LT-SA": "Šauļu apriņķis",
    "LT-TA": "Tauraģes apriņķis",
    "LT-TE": "Telšu apriņķis",
    "LT-UT": "Utenas apriņķis",
    "LT-VL": "Viļņas apriņķis",
}
LT_KINDS = {
    "district municipality": Municipality.Kind.DISTRICT_MUNICIPALITY,
    "city municipality": Municipality.Kind.CITY_MUNICIPALITY,
    "municipality": Municipality.Kind.MUNICIPALITY,
}
LV_KINDS = {
    "novads": Municipality.Kind.NOVADS,
    "republic_city": Municipality.Kind.REPUBLIC_CITY,
    "state_city": Municipality.Kind.STATE_CITY,
}


class ReferenceFileError(DomainError):
    """A reference file that cannot be loaded; names the file and the line at fault."""

    def __init__(self, problem, *, line: int | None = None, path: str = ""):
        self.problem, self.line, self.path = problem, line, path
        if line is None:
            message = problem
        elif path:
            message = _("%(file)s, line %(line)d: %(problem)s") % {"file": path, "line": line, "problem": problem}
        else:
            message = _("line %(line)d: %(problem)s") % {"line": line, "problem": problem}
        super().__init__(message, code="reference")

    def in_file(self, path: str) -> "ReferenceFileError":
        return ReferenceFileError(self.problem, line=self.line, path=path)


@dataclass
class LoadResult:
    kind: str
    rows: int
    created: int


class _Row(dict):
    """A CSV row that knows its line number and says clearly what is wrong with it."""

    line: int

    def required(self, column: str) -> str:
        value = (self.get(column) or "").strip()
        if not value:
            raise ReferenceFileError(_("the column “%(column)s” is empty") % {"column": column}, line=self.line)
        return value

    def whole_number(self, column: str, required: bool = False) -> int | None:
        value = (self.get(column) or "").strip().replace(" ", "").replace("\u00a0", "")
        if not value:
            if required:
                raise ReferenceFileError(_("the column “%(column)s” is empty") % {"column": column}, line=self.line)
            return None
        if not value.isdigit():
            raise ReferenceFileError(
                _("“%(value)s” in the column “%(column)s” is not a whole number") % {"value": value, "column": column},
                line=self.line,
            )
        return int(value)


def _rows(path: Path) -> Iterator[_Row]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise ReferenceFileError(_("the file is empty"), line=1)
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise ReferenceFileError(
                    _("the row has %(found)d fields, the header has %(expected)d")
                    % {"found": len(values), "expected": len(header)},
                    line=reader.line_num,
                )
            row = _Row(zip(header, values, strict=True))
            row.line = reader.line_num
            yield row


def parse_population_date(text: str, line: int) -> tuple[date | None, str]:
    """'2020-01-01' → that date; '2021' or '2021 (estimate)' → 1 January, keeping the text as given.

    Anything else (e.g. '2020/07/01', '2023-07') is refused rather than guessed.
    """
    text = (text or "").strip()
    if not text:
        return None, ""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})-(\d{2}))?(\s+\([^)]*\))?", text)
    if match:
        year, month, day, note = match.groups()
        try:
            if month:
                return date(int(year), int(month), int(day)), text if note else ""
            return date(int(year), 1, 1), text
        except ValueError:
            pass
    raise ReferenceFileError(_("“%(value)s” is not a date") % {"value": text}, line=line)


def _country(code: str) -> Country:
    names = COUNTRIES[code]
    country, _created = Country.objects.get_or_create(
        code=code,
        defaults={"name": names["lv"], "name_lv": names["lv"], "name_lt": names["lt"], "name_en": names["en"]},
    )
    return country


def _planning_region(genitive: str, line: int) -> Region:
    if genitive not in PLANNING_REGIONS:
        raise ReferenceFileError(_("“%(value)s” is not a Latvian planning region") % {"value": genitive}, line=line)
    code, lv, lt, en = PLANNING_REGIONS[genitive]
    region, _created = Region.objects.get_or_create(
        code=code,
        defaults={
            "country": _country("LV"),
            "kind": Region.Kind.PLANNING_REGION,
            "name": lv,
            "name_lv": lv,
            "name_lt": lt,
            "name_en": en,
        },
    )
    return region


def _kind(mapping: dict, row: _Row, column: str) -> str:
    value = row.required(column)
    if value not in mapping:
        raise ReferenceFileError(_("“%(value)s” is not a known kind of municipality") % {"value": value}, line=row.line)
    return mapping[value]


def _population(
    municipality,
    row: _Row,
    value_column: str,
    source_column: str,
    on_date=None,
    date_note="",
    date_column: str | None = None,
) -> int:
    value = row.whole_number(value_column)
    if value is None:
        return 0
    if date_column:
        on_date, date_note = parse_population_date(row.get(date_column, ""), row.line)
    source = (row.get(source_column) or "").strip()
    if not source:
        raise ReferenceFileError(
            _("the population in “%(column)s” has no source") % {"column": value_column}, line=row.line
        )
    _figure, created = services.record_population(
        municipality=municipality, value=value, source=source, on_date=on_date, date_note=date_note
    )
    return int(created)


def _municipality_by_code(code: str, line: int) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise ReferenceFileError(
            _("no municipality has the code %(code)s (load the municipality files first)") % {"code": code}, line=line
        )
    return municipality


def _load_lv_2009(row: _Row) -> int:
    municipality, created = services.save_municipality(
        code=row.required("atvk_code"),
        country=_country("LV"),
        kind=_kind(LV_KINDS, row, "kind"),
        names={"lv": row.required("name_lv")},
        region=_planning_region(row.required("planning_region"), row.line),
        valid_from=LV_BEFORE_2021[0],
        valid_to=LV_BEFORE_2021[1],
        notes=row.get("notes", ""),
    )
    created += _population(municipality, row, "population", "source", date_column="population_date")
    created += _population(municipality, row, "population_2011", "population_2011_source", date(2011, 1, 1))
    created += _population(municipality, row, "population_2015", "population_2015_2016_source", date(2015, 1, 1))
    created += _population(municipality, row, "population_2016", "population_2015_2016_source", date(2016, 1, 1))
    created += _population(municipality, row, "population_2021", "population_2021_source", date(2021, 1, 1), "2021")
    return created


def _load_lv_2021(row: _Row) -> int:
    notes = row.get("notes", "")
    valid_to = date(2025, 6, 30) if "merged into Madonas novads on 1 July 2025" in notes else None
    municipality, created = services.save_municipality(
        code=row.required("iso_3166_2"),
        country=_country("LV"),
        kind=_kind(LV_KINDS, row, "kind"),
        names={"lv": row.required("name_lv")},
        region=_planning_region(row.required("planning_region"), row.line),
        valid_from=LV_REFORM_DATE,
        valid_to=valid_to,
        notes=notes,
    )
    created += _population(municipality, row, "population", "source", date_column="population_date")
    created += _population(
        municipality,
        row,
        "population_2020_derived",
        "population_2020_derived_basis",
        date(2020, 1, 1),
        "",
    )
    return created


def _load_lt(row: _Row) -> int:
    county_code = row.required("county_code")
    county, _created = Region.objects.get_or_create(
        code=county_code,
        defaults={
            "country": _country("LT"),
            "kind": Region.Kind.COUNTY,
            "name": row.required("county_lt"),
            "name_lv": COUNTY_NAMES_LV.get(county_code, ""),
            "name_lt": row.required("county_lt"),
            "name_en": row.get("county_en", ""),
        },
    )
    municipality, created = services.save_municipality(
        code=row.required("code_iso_3166_2"),
        country=_country("LT"),
        kind=_kind(LT_KINDS, row, "municipality_type"),
        names={"lt": row.required("name_lt"), "en": row.get("name_en", "")},
        region=county,
        notes=row.get("notes", ""),
    )
    created += _population(municipality, row, "population", "source", date_column="population_date")
    return created


def _load_merger(row: _Row) -> int:
    predecessor = _municipality_by_code(row.required("old_atvk_code"), row.line)
    successor = _municipality_by_code(row.required("new_iso_3166_2"), row.line)
    source = f"{row.get('basis', '')}: {row.get('source', '')}".strip(": ")
    existed = successor.successions_in.filter(predecessor=predecessor).exists()
    services.record_succession(
        predecessor=predecessor, successor=successor, on_date=LV_REFORM_DATE, part=row.get("part", ""), source=source
    )
    return int(not existed)


def _load_planning_region_member(row: _Row) -> int:
    region = _planning_region(row.required("planning_region"), row.line)
    period = row.required("period")
    name = row.required("member_name_lv")
    if period.startswith("from"):
        candidates = Municipality.objects.filter(country__code="LV", valid_from__gte=LV_REFORM_DATE)
    else:
        candidates = Municipality.objects.filter(country__code="LV", valid_to=LV_BEFORE_2021[1])
    municipality = candidates.filter(name_lv=name).first()
    if municipality is None:
        raise ReferenceFileError(
            _("no municipality named %(name)s in that period (load the municipality files first)") % {"name": name},
            line=row.line,
        )
    if municipality.region_id != region.pk:
        municipality.region = region
        municipality.save(update_fields=["region"])
    return 0


def _load_population_update(row: _Row) -> int:
    """Administrators' own updates: code, population, population_date, source (date_note optional)."""
    municipality = _municipality_by_code(row.required("code"), row.line)
    on_date, note = parse_population_date(row.required("population_date"), row.line)
    if not (row.get("source") or "").strip():
        raise ReferenceFileError(_("the column “%(column)s” is empty") % {"column": "source"}, line=row.line)
    row.whole_number("population", required=True)
    return _population(municipality, row, "population", "source", on_date, row.get("date_note") or note)


# Each format: the columns that identify it, and the loader of one row.
FORMATS: list[tuple[str, set[str], Callable[[_Row], int]]] = [
    (
        "lv_municipalities_2009_2021",
        {"atvk_code", "name_lv", "kind", "planning_region", "population_2011"},
        _load_lv_2009,
    ),
    ("lv_municipalities_2021", {"iso_3166_2", "name_lv", "kind", "planning_region", "merged_from"}, _load_lv_2021),
    ("lv_reform_2021_mergers", {"old_atvk_code", "new_iso_3166_2", "part"}, _load_merger),
    ("planning_regions", {"planning_region", "period", "member_name_lv"}, _load_planning_region_member),
    ("lt_municipalities", {"code_iso_3166_2", "name_lt", "county_code", "municipality_type"}, _load_lt),
    ("population", {"code", "population", "population_date", "source"}, _load_population_update),
]


def detect_format(path: Path) -> tuple[str, Callable[[_Row], int]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = set(next(csv.reader(handle), []))
    for name, columns, loader in FORMATS:
        if columns <= header:
            return name, loader
    raise ReferenceFileError(
        _(
            "%(file)s: the columns are not those of a known reference file. A population update needs the "
            "columns code, population, population_date and source."
        )
        % {"file": path.name}
    )


def load_reference_file(path: str | Path) -> LoadResult:
    """Load one reference CSV in one transaction; returns how many rows it read and records it created."""
    path = Path(path)
    if not path.is_file():
        raise ReferenceFileError(_("%(file)s: no such file") % {"file": path})
    try:
        name, loader = detect_format(path)
        rows = created = 0
        with transaction.atomic():
            for row in _rows(path):
                try:
                    created += loader(row)
                except ReferenceFileError:
                    raise
                except DomainError as error:
                    raise ReferenceFileError(str(error), line=row.line) from None
                rows += 1
    except ReferenceFileError as error:
        if error.line is not None and not error.path:
            raise error.in_file(path.name) from None
        raise
    except DomainError as error:
        raise ReferenceFileError(str(error), path=path.name) from None
    except UnicodeDecodeError:
        raise ReferenceFileError(_("%(file)s: the file is not UTF-8 text") % {"file": path.name}) from None
    return LoadResult(kind=name, rows=rows, created=created)
