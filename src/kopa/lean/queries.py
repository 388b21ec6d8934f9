"""Named reads for the LEAN pages; each costs a fixed number of queries."""

import csv
import io

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kopa.core.translated import in_language_order

from . import maps
from .models import EventLog, Improvement, ProcessMap, ProcessStep, PublicService, RecordedEvent


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


def shown_measurements(service_ids, *, per_map: bool = False, calendar_only: bool = False) -> dict:
    """THE rule for which measurement a public page shows (service page, comparison, before/after, A3, API).

    Only an analysed measurement the team has published; of several, the newest upload. Keyed by service id,
    or with per_map by the id of the map version the measurement was compared with (before/after of an
    improvement). calendar_only leaves out durations in working hours, which are not comparable between
    countries. One query.
    """
    logs = EventLog.objects.filter(service_id__in=list(service_ids), status=EventLog.Status.DONE, published=True)
    if calendar_only:
        logs = logs.filter(duration_basis=EventLog.Basis.CALENDAR)
    # Only the newest of each (a correlated subquery): a service measured daily has thousands of measurements,
    # and each carries its figures.
    key = "process_map_id" if per_map else "service_id"
    newest = logs.filter(**{key: OuterRef(key)}).order_by("-uploaded_at", "-pk").values("pk")[:1]
    return {getattr(log, key): log for log in logs.filter(pk=Subquery(newest))}


def shown_measurement(service: PublicService) -> EventLog | None:
    """The measurement the service's public page shows (see shown_measurements)."""
    return shown_measurements([service.pk]).get(service.pk)


def measurement_list(service: PublicService) -> QuerySet:
    """The measurements of the service, newest first, without their figures' detail: a queryset, so the team's
    page reads the first few and counts the rest in the database (a service measured daily has thousands)."""
    return EventLog.objects.filter(service=service).defer("file").order_by("-uploaded_at", "-pk")


def measurement(pk: int) -> EventLog:
    return EventLog.objects.select_related("service__organisation", "service__service_type",
                                           "process_map").get(pk=pk)


def activity_mapping(log: EventLog, steps: list[ProcessStep]) -> list[dict]:
    """Each activity of the measured log with the map step it stands for (by the step's name in the event log),
    or None when the map has no such step; and the map steps no case performed."""
    by_step_name = {step.activity_name: step for step in steps}
    activities = (log.results or {}).get("activities", [])
    rows = [{"activity": row["activity"], "cases": row.get("cases"), "case_share": row.get("case_share"),
             "step": by_step_name.get(row["activity"])} for row in activities]
    seen = {row["activity"] for row in activities}
    rows += [{"activity": None, "cases": 0, "case_share": 0.0, "step": step}
             for step in steps if step.activity_name not in seen]
    return rows


def service_page(pk: int) -> dict:
    """Everything the service page shows, in a fixed number of queries however many map versions and measurements
    the service has: the current map with its steps, the shown measurement, and the measurements only counted
    (all of them, those not published, those being analysed) for the team's link to their own page."""
    service = PublicService.objects.select_related("organisation__municipality", "department", "service_type").get(
        pk=pk)
    current = (ProcessMap.objects.filter(service=service).order_by("-version", "-pk").prefetch_related(
        Prefetch("steps", queryset=ProcessStep.objects.select_related("rework_to").order_by("position"))).first())
    steps = list(current.steps.all()) if current else []
    logs = EventLog.objects.filter(service=service).aggregate(
        measurements=Count("pk"), unpublished=Count("pk", filter=Q(published=False)),
        analysing=Count("pk", filter=Q(status__in=[EventLog.Status.WAITING, EventLog.Status.RUNNING])))
    return {
        "service": service,
        "map": current,
        "steps": steps,
        "figures": maps.figures(steps) if current else None,
        "shown_log": shown_measurement(service),
        "measurements_count": logs["measurements"],
        "test_count": logs["unpublished"],
        "analysing": bool(logs["analysing"]),
    }


def service_improvements(service: PublicService) -> QuerySet:
    """The improvements proposed on any version of the service's map, the newest first."""
    return Improvement.objects.filter(step__process_map__service=service).select_related("step").order_by("-pk")


def current_map(service: PublicService) -> tuple[ProcessMap | None, list[ProcessStep]]:
    """The latest version of the service's map and its steps in order (none before the first map)."""
    process_map = service.maps.order_by("-version").first()
    return process_map, list(process_map.steps.order_by("position")) if process_map else []


def steps_for_editing(steps: list[ProcessStep]) -> list[dict]:
    """The steps as the map editor starts from them; links name other steps by their position."""
    positions = {step.pk: step.position for step in steps}
    rows = []
    for step in steps:
        row = {name: getattr(step, name) for name in (
            "name_lv", "name_lt", "name_en", "log_activity", "performer", "processing_minutes", "processing_min",
            "processing_max", "waiting_minutes", "waiting_min", "waiting_max", "handoff", "value_class",
            "waste_kind")}
        row["rework_to"] = positions.get(step.rework_to_id)
        row["alternative_to"] = positions.get(step.alternative_to_id)
        rows.append(row)
    return rows


def recorded_cases(service: PublicService, text: str = "") -> QuerySet:
    """One row per case recorded by hand: its reference, number of steps, first and last time; newest first."""
    events = RecordedEvent.objects.filter(service=service)
    if text.strip():
        events = events.filter(case_ref__icontains=text.strip())
    return (events.values("case_ref")
            .annotate(steps=Count("pk"), first=Min("timestamp"), last=Max("timestamp"), recorded=Max("created_at"))
            .order_by("-recorded", "case_ref"))


def with_recorded_steps(service: PublicService, cases) -> list[dict]:
    """The rows of recorded_cases (one page of them) with the activities of each case in order: one query."""
    cases = [dict(case) for case in cases]
    steps: dict[str, list] = {case["case_ref"]: [] for case in cases}
    for event in RecordedEvent.objects.filter(service=service, case_ref__in=steps).order_by("pk"):
        steps[event.case_ref].append(event)
    for case in cases:
        case["events"] = steps[case["case_ref"]]
    return cases


def recorded_cases_csv(service: PublicService) -> bytes:
    """All steps recorded by hand for the service as an event log (CSV), in the order they were recorded.

    Times are written in the site's local time, as offices' own exports write them.
    """
    rows = RecordedEvent.objects.filter(service=service).order_by("pk").values_list(
        "case_ref", "activity", "timestamp", "resource", "department")
    zone = timezone.get_default_timezone()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["case_id", "activity", "timestamp", "resource", "department"])
    for case_ref, activity, timestamp, resource, department in rows:
        writer.writerow([case_ref, activity, timezone.localtime(timestamp, zone).strftime("%Y-%m-%d %H:%M:%S"),
                         resource, department])
    return buffer.getvalue().encode()
