"""Named reads for directory pages and the API; each costs a fixed number of queries."""

from django.db.models import F, Prefetch, Q, QuerySet

from kopa.core.dates import overlaps
from kopa.core.translated import in_language_order
from kopa.projects.models import Partnership, Project

from .models import Municipality, Organisation, PopulationFigure, Position, Succession


def municipality_list(*, country=None, region=None, kind: str = "", status: str = "", text: str = "") -> QuerySet:
    municipalities = Municipality.objects.select_related("country", "region")
    if country:
        municipalities = municipalities.filter(country=country)
    if region:
        municipalities = municipalities.filter(region=region)
    if kind:
        municipalities = municipalities.filter(kind=kind)
    if status == "current":
        municipalities = municipalities.filter(valid_to__isnull=True)
    elif status == "former":
        municipalities = municipalities.filter(valid_to__isnull=False)
    for word in text.split():
        municipalities = municipalities.filter(
            Q(code__icontains=word) | Q(name_lv__icontains=word) | Q(name_lt__icontains=word)
            | Q(name_en__icontains=word)
        )
    latest = Prefetch(
        "population_figures",
        queryset=PopulationFigure.objects.order_by(F("on_date").desc(nulls_last=True)),
        to_attr="figures",
    )
    return municipalities.prefetch_related(latest).order_by("country__code", in_language_order("name"), "pk")


def municipality_page(code: str) -> dict:
    municipality = (
        Municipality.objects.select_related("country", "region")
        .prefetch_related(
            Prefetch("population_figures", queryset=PopulationFigure.objects.order_by("on_date")),
            Prefetch("successions_out", queryset=Succession.objects.select_related("successor")),
            Prefetch("successions_in", queryset=Succession.objects.select_related("predecessor")),
            Prefetch("organisations", queryset=Organisation.objects.order_by(in_language_order("name"), "pk")),
        )
        .get(code=code)
    )
    # A municipality formed in a reform inherits the cooperation of those it was formed from.
    territory = [municipality.pk, *(s.predecessor_id for s in municipality.successions_in.all())]
    projects = (
        Project.objects.filter(partnerships__organisation__municipality__in=territory)
        .select_related("programme")
        .distinct()
        .order_by("-start_date", "code")
    )
    return {"municipality": municipality, "projects": list(projects)}


def organisation_list(*, country=None, kind: str = "", text: str = "") -> QuerySet:
    organisations = Organisation.objects.select_related("country", "municipality")
    if country:
        organisations = organisations.filter(country=country)
    if kind:
        organisations = organisations.filter(kind=kind)
    for word in text.split():
        organisations = organisations.filter(
            Q(short_name__icontains=word) | Q(name_lv__icontains=word) | Q(name_lt__icontains=word)
            | Q(name_en__icontains=word)
        )
    return organisations.order_by(in_language_order("name"), "pk")


def organisation_page(slug: str, on_date=None) -> dict:
    organisation = (
        Organisation.objects.select_related("country", "municipality", "region")
        .prefetch_related(
            "departments",
            Prefetch(
                "positions",
                # person__positions: the contact permission looks at every organisation of the person.
                queryset=Position.objects.select_related("person", "department")
                .prefetch_related("person__positions")
                .filter(overlaps("start_date", "end_date", on_date, on_date) if on_date else Q()),
            ),
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.select_related("project__programme").order_by("-project__start_date"),
            ),
        )
        .get(slug=slug)
    )
    return {"organisation": organisation}
