"""Named reads for the LEAN pages; each costs a fixed number of queries."""

from django.db.models import Prefetch, Q, QuerySet

from kopa.core.translated import in_language_order

from . import maps
from .models import EventLog, ProcessMap, ProcessStep, PublicService


def service_list(*, service_type=None, country=None, text: str = "") -> QuerySet:
    services = PublicService.objects.select_related("organisation__country", "organisation__municipality",
                                                    "service_type")
    if service_type:
        services = services.filter(service_type=service_type)
    if country:
        services = services.filter(organisation__country=country)
    for word in text.split():
        services = services.filter(
            Q(name_lv__icontains=word) | Q(name_lt__icontains=word) | Q(name_en__icontains=word)
            | Q(organisation__name_lv__icontains=word) | Q(organisation__name_lt__icontains=word)
        )
    return services.order_by(in_language_order("name", "service_type__"), in_language_order("name", "organisation__"))


def service_page(pk: int) -> dict:
    service = (
        PublicService.objects.select_related("organisation__municipality", "department", "service_type")
        .prefetch_related(
            Prefetch("maps", queryset=ProcessMap.objects.prefetch_related(
                Prefetch("steps", queryset=ProcessStep.objects.select_related("rework_to").order_by("position")))),
            Prefetch("event_logs", queryset=EventLog.objects.defer("results").order_by("-uploaded_at")),
        )
        .get(pk=pk)
    )
    versions = list(service.maps.all())
    current = versions[0] if versions else None
    latest_log = (
        EventLog.objects.filter(service=service, status=EventLog.Status.DONE).order_by("-uploaded_at").first()
    )
    return {
        "service": service,
        "map": current,
        "steps": list(current.steps.all()) if current else [],
        "figures": maps.figures(list(current.steps.all())) if current else None,
        "versions": [(v, maps.figures(list(v.steps.all()))) for v in versions],
        "latest_log": latest_log,
    }
