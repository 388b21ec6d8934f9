"""Comparison of one service between municipalities, normalised by population (aggregates only)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopa.directory.models import PopulationFigure

from . import maps, queries
from .models import EventLog, ProcessMap, ProcessStep, PublicService

PEER_GROUPS = [
    (10_000, _("under 10,000 inhabitants")),
    (30_000, _("10,000–30,000 inhabitants")),
    (100_000, _("30,000–100,000 inhabitants")),
    (None, _("over 100,000 inhabitants")),
]


@dataclass
class Row:
    service: PublicService
    year: int
    population: int | None  # None: no figure for the municipality; never divided by
    population_date: date | None
    figures: maps.MapFigures | None
    median_case_s: float | None
    cases_per_thousand: Decimal | None
    measurement: EventLog | None = None  # the published measurement the row's durations come from

    @property
    def peer_group(self):
        if self.population is None:
            return _("population unknown")
        for limit, label in PEER_GROUPS:
            if limit is None or self.population < limit:
                return label
        return PEER_GROUPS[-1][1]


def _population(figures: list[PopulationFigure], year: int) -> PopulationFigure | None:
    """The latest figure dated within or before the measured year; an undated figure only as a last resort."""
    dated = [f for f in figures if f.on_date and f.on_date.year <= year]
    if dated:
        return max(dated, key=lambda f: f.on_date)
    return next((f for f in figures if f.on_date is None), None)


def compare(service_type) -> list[Row]:
    """Every service of this type with its map figures and measured durations, in four queries."""
    services = list(
        PublicService.objects.filter(service_type=service_type)
        .select_related("organisation__municipality", "organisation__country")
        .prefetch_related(Prefetch("maps", queryset=ProcessMap.objects.order_by("-version").prefetch_related(
            Prefetch("steps", queryset=ProcessStep.objects.order_by("position")))))
    )
    # Calendar time only: a duration in working hours of one country is not comparable with another's.
    logs = queries.shown_measurements([s.pk for s in services], calendar_only=True)
    municipalities = {s.organisation.municipality_id for s in services if s.organisation.municipality_id}
    figures: dict[int, list] = {}
    for figure in PopulationFigure.objects.filter(municipality_id__in=municipalities):
        figures.setdefault(figure.municipality_id, []).append(figure)
    rows = []
    for service in services:
        log = logs.get(service.pk)
        year = log.period_end.year if log and log.period_end else timezone.localdate().year
        population = _population(figures.get(service.organisation.municipality_id, []), year)
        current = next(iter(service.maps.all()), None)
        volume = service.yearly_volume
        per_thousand = None
        if population is not None and population.value and volume is not None:
            per_thousand = (Decimal(volume) * 1000 / Decimal(population.value)).quantize(Decimal("0.01"))
        rows.append(Row(
            service=service, year=year,
            population=population.value if population else None,
            population_date=population.on_date if population else None,
            figures=maps.figures(list(current.steps.all())) if current else None,
            median_case_s=log.results.get("case_duration_median_s") if log and log.results else None,
            cases_per_thousand=per_thousand, measurement=log,
        ))
    # The league table: shortest lead time first; services without a map last.
    rows.sort(key=lambda r: (r.figures is None, r.figures.lead_minutes if r.figures else 0))
    return rows
