from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.pages import Pages

from . import comparison, maps, queries, services
from .models import EventLog, Improvement, ProcessStep, PublicService, ServiceType

router = Router(tags=["lean"])


class ServiceOut(Schema):
    id: int
    name: str
    service_type: str
    organisation: str
    channel: str
    yearly_volume: int | None

    @staticmethod
    def resolve_service_type(obj):
        return obj.service_type.code

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug


class StepIn(Schema):
    name_lv: str = ""
    name_lt: str = ""
    name_en: str = ""
    log_activity: str = ""
    performer: str = ""
    processing_minutes: int
    processing_min: int | None = None
    processing_max: int | None = None
    waiting_minutes: int = 0
    waiting_min: int | None = None
    waiting_max: int | None = None
    handoff: bool = False
    value_class: ProcessStep.ValueClass
    waste_kind: str = ""
    rework_to: int | None = None
    alternative_to: int | None = None


class StepOut(Schema):
    position: int
    name: str
    performer: str
    processing_minutes: int
    waiting_minutes: int
    handoff: bool
    value_class: str
    waste_kind: str


class MapOut(Schema):
    version: int
    lead_minutes: int
    processing_minutes: int
    efficiency: float | None
    waste_share: float | None
    handoffs: int
    steps: list[StepOut]


class LogOut(Schema):
    id: int
    name: str
    status: str
    progress: int
    error: str
    duration_basis: EventLog.Basis
    sample: bool
    period_start: date | None
    period_end: date | None
    results: dict | None
    source: str
    notes: str
    published: bool
    published_at: datetime | None


class MeasurementIn(Schema):
    name: str | None = None
    source: str | None = None
    notes: str | None = None
    published: bool | None = None


class ShownMeasurementOut(Schema):
    id: int
    name: str
    period_start: date | None
    period_end: date | None


class ImprovementOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    step: int
    result_map_version: int | None

    @staticmethod
    def resolve_step(obj):
        return obj.step.position

    @staticmethod
    def resolve_result_map_version(obj):
        return obj.result_map.version if obj.result_map else None


class CarryOutIn(Schema):
    steps: list[StepIn] | None = None  # the map after the change; none for a "remove"


class StatusIn(Schema):
    status: Improvement.Status


class ImprovementIn(Schema):
    step: int  # position in the current map
    kind: Improvement.Kind
    title: str
    expected_effect_lv: str = ""


class RecordedEventIn(Schema):
    activity: str
    timestamp: datetime  # without a zone: the site's local time
    resource: str = ""
    department: str = ""


class CaseIn(Schema):
    case_ref: str
    events: list[RecordedEventIn]


class RecordedEventOut(Schema):
    activity: str
    timestamp: datetime
    resource: str
    department: str


class CaseOut(Schema):
    case_ref: str
    events: list[RecordedEventOut]


class CasesOut(Schema):
    count: int
    items: list[CaseOut]


class ComparisonOut(Schema):
    service: int
    organisation: str
    year: int
    population: int | None
    lead_minutes: int | None
    efficiency: float | None
    median_case_s: float | None
    cases_per_thousand: float | None
    # The published measurement the durations come from (none: the service has none in calendar time).
    measurement: int | None
    measurement_name: str | None
    period_start: date | None
    period_end: date | None


def _map_out(process_map) -> dict:
    steps = list(process_map.steps.all())
    figures = maps.figures(steps)
    return {
        "version": process_map.version, "lead_minutes": figures.lead_minutes,
        "processing_minutes": figures.processing_minutes,
        "efficiency": float(figures.efficiency) if figures.efficiency is not None else None,
        "waste_share": float(figures.waste_share) if figures.waste_share is not None else None,
        "handoffs": figures.handoffs, "steps": steps,
    }


@router.get("/lean/services", response=list[ServiceOut])
@paginate(Pages)
def list_services(request, service_type: str = "", q: str = ""):
    service_type_obj = ServiceType.objects.filter(code=service_type).first() if service_type else None
    return queries.service_list(service_type=service_type_obj, text=q)


@router.get("/lean/services/{pk}/map", response=MapOut)
def current_map(request, pk: int):
    service = get_object_or_404(PublicService, pk=pk)
    process_map = get_object_or_404(service.maps.order_by("-version")[:1])
    return _map_out(process_map)


@router.post("/lean/services/{pk}/maps", response={201: MapOut}, auth=write_auth)
def new_map(request, pk: int, steps: list[StepIn], note: str = ""):
    service = get_object_or_404(PublicService, pk=pk)
    process_map = services.save_map(service=service, steps=[s.dict() for s in steps], by=request.auth, note=note)
    return Status(201, _map_out(process_map))


@router.get("/lean/services/{pk}/event-logs", response=list[LogOut], auth=write_auth)
def logs(request, pk: int):
    """Measured cases belong to the municipality's team; the public sees aggregates on the comparison."""
    service = get_object_or_404(PublicService, pk=pk)
    if not request.auth.has_perm("lean.view_eventlog", service):
        raise PermissionDenied
    return list(EventLog.objects.filter(service=service))


@router.post("/lean/services/{pk}/event-logs", response={201: LogOut}, auth=write_auth)
def upload_log(request, pk: int, file: File[UploadedFile], name: Form[str],
               duration_basis: Form[EventLog.Basis] = EventLog.Basis.CALENDAR, source: Form[str] = "",
               notes: Form[str] = "", published: Form[bool] = False):
    """An event log (CSV or XES, plain, .csv.gz, .xes.gz or one in a .zip; at most KOPA_LEAN_MAX_UPLOAD_MB, 50 MB by
    default, unpacked), checked as on the page: a missing column or a bad archive is refused at once. The analysis
    runs as a background job, which parses the log; poll the log until its status is "done" — or "failed", with
    the bad line and why in "error"."""
    service = get_object_or_404(PublicService, pk=pk)
    log = services.upload_event_log(service=service, file=file, name=name, by=request.auth,
                                    duration_basis=duration_basis, source=source, notes=notes, published=published)
    return Status(201, log)


@router.get("/lean/event-logs/{pk}", response=LogOut, auth=write_auth)
def log_detail(request, pk: int):
    """One log with its status, progress and, once analysed, its results."""
    log = get_object_or_404(EventLog.objects.select_related("service__organisation"), pk=pk)
    if not request.auth.has_perm("lean.view_eventlog", log.service):
        raise PermissionDenied
    return log


def _team_log(request, pk: int) -> EventLog:
    log = get_object_or_404(EventLog.objects.select_related("service__organisation"), pk=pk)
    if not request.auth.has_perm("lean.view_eventlog", log.service):
        raise PermissionDenied
    return log


@router.patch("/lean/event-logs/{pk}", response=LogOut, auth=write_auth)
def change_log(request, pk: int, payload: MeasurementIn):
    """Describe a measurement, or publish it (the public pages then show it) or take it back to a test."""
    log = _team_log(request, pk)
    if payload.name is not None or payload.source is not None or payload.notes is not None:
        log = services.describe_measurement(
            log=log, by=request.auth, name=payload.name if payload.name is not None else log.name,
            source=payload.source if payload.source is not None else log.source,
            notes=payload.notes if payload.notes is not None else log.notes)
    if payload.published is not None:
        log = services.set_published(log=log, published=payload.published, by=request.auth)
    return log


@router.delete("/lean/event-logs/{pk}", response={204: None}, auth=write_auth)
def delete_log(request, pk: int):
    """Deletes a test measurement; a published one is refused (take it back to a test first)."""
    services.delete_measurement(log=_team_log(request, pk), by=request.auth)
    return Status(204, None)


@router.get("/lean/services/{pk}/shown-measurement", response={200: ShownMeasurementOut, 204: None})
def shown_measurement(request, pk: int):
    """The published measurement the public pages of the service show (none: 204)."""
    log = queries.shown_measurement(get_object_or_404(PublicService, pk=pk))
    return Status(200, log) if log else Status(204, None)


@router.get("/lean/services/{pk}/improvements", response=list[ImprovementOut])
def improvements(request, pk: int):
    return list(Improvement.objects.filter(step__process_map__service_id=pk).select_related("step", "result_map"))


@router.post("/lean/services/{pk}/improvements", response={201: ImprovementOut}, auth=write_auth)
def propose(request, pk: int, payload: ImprovementIn):
    service = get_object_or_404(PublicService, pk=pk)
    current = get_object_or_404(service.maps.order_by("-version")[:1])
    step = get_object_or_404(ProcessStep, process_map=current, position=payload.step)
    improvement = services.propose_improvement(step=step, kind=payload.kind, title=payload.title, by=request.auth,
                                               expected_effect_lv=payload.expected_effect_lv)
    return Status(201, improvement)


@router.post("/lean/improvements/{pk}/status", response=ImprovementOut, auth=write_auth)
def improvement_status(request, pk: int, payload: StatusIn):
    """Proposed → approved → in progress, or rejected; "done" comes only by carrying it out."""
    improvement = get_object_or_404(Improvement, pk=pk)
    return services.set_improvement_status(improvement=improvement, status=payload.status, by=request.auth)


@router.post("/lean/improvements/{pk}/carry-out", response={201: MapOut}, auth=write_auth)
def carry_out(request, pk: int, payload: CarryOutIn):
    """Records the map after the change as a new version (a "remove" needs no steps) and marks it done."""
    improvement = get_object_or_404(Improvement, pk=pk)
    new_map = services.carry_out_improvement(improvement=improvement, by=request.auth,
                                             steps=[s.dict() for s in payload.steps] if payload.steps else None)
    return Status(201, _map_out(new_map))


@router.post("/lean/services/{pk}/cases", response={201: CaseOut}, auth=write_auth)
def record_case(request, pk: int, payload: CaseIn):
    """A case recorded by hand, by an office without a document system; analysed with the service's other
    recorded cases on the page "Cases recorded by hand"."""
    service = get_object_or_404(PublicService, pk=pk)
    recorded = services.record_case(
        service=service, case_ref=payload.case_ref, by=request.auth,
        events=[(e.activity, e.timestamp, e.resource, e.department) for e in payload.events],
    )
    return Status(201, {"case_ref": recorded[0].case_ref, "events": recorded})


@router.get("/lean/services/{pk}/cases", response=CasesOut, auth=write_auth)
def recorded_cases(request, pk: int, q: str = "", limit: int = 100, offset: int = 0):
    """Cases recorded by hand, newest first, with their steps in the order they were performed."""
    service = get_object_or_404(PublicService, pk=pk)
    if not request.auth.has_perm("lean.view_eventlog", service):
        raise PermissionDenied
    cases = queries.recorded_cases(service, text=q)
    limit, offset = min(max(limit, 1), 100), max(offset, 0)
    return {"count": cases.count(),
            "items": queries.with_recorded_steps(service, cases[offset:offset + limit])}


@router.get("/lean/compare/{code}", response=list[ComparisonOut])
def compare(request, code: str):
    rows = comparison.compare(get_object_or_404(ServiceType, code=code))
    return [{
        "service": r.service.pk, "organisation": r.service.organisation.slug, "year": r.year,
        "population": r.population, "lead_minutes": r.figures.lead_minutes if r.figures else None,
        "efficiency": float(r.figures.efficiency) if r.figures and r.figures.efficiency is not None else None,
        "median_case_s": r.median_case_s,
        "cases_per_thousand": float(r.cases_per_thousand) if r.cases_per_thousand is not None else None,
        "measurement": r.measurement.pk if r.measurement else None,
        "measurement_name": r.measurement.name if r.measurement else None,
        "period_start": r.measurement.period_start if r.measurement else None,
        "period_end": r.measurement.period_end if r.measurement else None,
    } for r in rows]
