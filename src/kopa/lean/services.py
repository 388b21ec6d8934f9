"""Every write to the LEAN data. One transaction per call (an upload, which runs the analysis, commits as it goes);
DomainError with a translated message; each call is logged (kopa.audit)."""

from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import DomainError, require
from kopa.core.files import stored_name
from kopa.core.translated import has_translation, set_translations
from kopa.directory.models import Organisation

from . import queries, tasks, uploads
from .models import EventLog, Improvement, ProcessMap, ProcessStep, PublicService, RecordedEvent, ServiceType

STEP_FIELDS = {"name_lv", "name_lt", "name_en", "log_activity", "performer", "processing_minutes", "processing_min",
               "processing_max", "waiting_minutes", "waiting_min", "waiting_max", "handoff", "value_class",
               "waste_kind"}


@audited
def save_service_type(*, code: str, names: dict[str, str]) -> ServiceType:
    service_type = ServiceType.objects.filter(code=code).first() or ServiceType(code=code)
    set_translations(service_type, "name", names)
    service_type.save()
    return service_type


@audited
def save_service(*, organisation: Organisation, service_type: ServiceType, by=None, names: dict[str, str],
                 **fields) -> PublicService:
    require(by, "lean.add_publicservice", organisation)
    service = PublicService.objects.filter(organisation=organisation, service_type=service_type).first()
    if service is not None:
        require(by, "lean.change_publicservice", service)
    service = service or PublicService(organisation=organisation, service_type=service_type)
    set_translations(service, "name", names)
    for name, value in fields.items():
        setattr(service, name, value)
    if not has_translation(service, "name"):
        raise DomainError(_("The service needs a name."), field="name_lv", code="required")
    service.save()
    return service


def _check_step(number: int, step: dict) -> None:
    unknown = set(step) - STEP_FIELDS - {"rework_to", "alternative_to"}
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if not (step.get("name_lv") or step.get("name_lt") or step.get("name_en")):
        raise DomainError(_("Step %(number)d needs a name.") % {"number": number}, code="required")
    typical = step.get("processing_minutes")
    if typical is None or typical < 0:
        raise DomainError(_("Step %(number)d needs its processing time in minutes.") % {"number": number},
                          code="required")
    for low, high in (("processing_min", "processing_max"), ("waiting_min", "waiting_max")):
        kind = low.split("_")[0]
        value = step.get(f"{kind}_minutes", 0) or 0
        if step.get(low) is not None and step[low] > value or step.get(high) is not None and step[high] < value:
            raise DomainError(_("Step %(number)d: the typical time must lie between the shortest and the "
                                "longest.") % {"number": number}, code="range")
    if step.get("value_class") not in ProcessStep.ValueClass.values:
        raise DomainError(_("Step %(number)d: choose whether it adds value, is necessary, or is waste.")
                          % {"number": number}, code="required")
    if step["value_class"] == ProcessStep.ValueClass.WASTE and not step.get("waste_kind"):
        raise DomainError(_("Step %(number)d is waste: say which kind.") % {"number": number}, code="required")


@audited
def save_map(*, service: PublicService, steps: list[dict], by=None, note: str = "",
             based_on: ProcessMap | None = None) -> ProcessMap:
    """A new version of the map with these steps in order; rework_to / alternative_to name earlier steps by
    their 1-based position. Existing versions are never edited: measurements refer to them."""
    require(by, "lean.change_processmap", service)
    if not steps:
        raise DomainError(_("A map needs at least one step."), code="required")
    for number, step in enumerate(steps, start=1):
        _check_step(number, step)
        for link in ("rework_to", "alternative_to"):
            target = step.get(link)
            if target is not None and not 1 <= target <= len(steps):
                raise DomainError(_("Step %(number)d refers to a step that does not exist.") % {"number": number},
                                  code="invalid")
    latest = service.maps.order_by("-version").first()
    process_map = ProcessMap.objects.create(
        service=service, version=(latest.version + 1) if latest else 1, based_on=based_on or latest, note=note
    )
    created = []
    for number, step in enumerate(steps, start=1):
        fields = {k: v for k, v in step.items() if k in STEP_FIELDS}
        created.append(ProcessStep.objects.create(process_map=process_map, position=number, **fields))
    for number, step in enumerate(steps, start=1):
        row = created[number - 1]
        if step.get("rework_to"):
            row.rework_to = created[step["rework_to"] - 1]
        if step.get("alternative_to"):
            row.alternative_to = created[step["alternative_to"] - 1]
        if step.get("rework_to") or step.get("alternative_to"):
            row.save(update_fields=["rework_to", "alternative_to"])
    return process_map


@audited(atomic=False)
def upload_event_log(*, service: PublicService, name: str, data: bytes | None = None, file: File | None = None,
                     by=None, process_map: ProcessMap | None = None, sample: bool = False,
                     duration_basis: str = EventLog.Basis.CALENDAR, source: str = "", notes: str = "",
                     published: bool = False) -> EventLog:
    """Keep an event log — `file` as uploaded (CSV or XES, plain, .gz or one in a .zip) or `data`, the bytes of a
    CSV or XES log — as a new measurement; the analysis runs as a background job (at once with the default backend).

    Only the file's size, archive and columns are checked here (a wrong one is refused and nothing is saved): the
    job parses the log, once, and a bad line makes it a failed measurement whose page says which line and why.
    So with a queue backend the upload returns before anything is parsed. The measurement is a test, seen only by
    the team, unless `published` (then the public pages show it as soon as it is analysed). Not one transaction:
    the analysis (run here by the default backend) commits its progress, which the service page shows meanwhile.
    """
    require(by, "lean.add_eventlog", service)
    if (data is None) == (file is None):
        raise TypeError("upload_event_log takes either data or file")
    if duration_basis not in EventLog.Basis.values:
        raise DomainError(_("Choose how durations are counted."), field="duration_basis", code="invalid")
    texts = _measurement_texts(name=name or _("event log"), source=source, notes=notes)
    upload = file if file is not None else ContentFile(bytes(data), name="log.csv")
    suffix = uploads.check_upload(upload, upload.name or "", upload.size)  # raises EventLogError, saving nothing
    log = EventLog(service=service, process_map=process_map or service.maps.order_by("-version").first(),
                   sample=sample, status=EventLog.Status.WAITING, duration_basis=duration_basis,
                   published=published, published_at=timezone.now() if published else None, **texts)
    # An upload Django keeps in a temporary file is moved into the storage, not copied.
    log.file.save(f"{service.pk}-" + stored_name(name or "log", suffix), upload, save=False)
    log.save()
    tasks.analyse_event_log.enqueue(log.pk)
    log.refresh_from_db()
    if log.status == EventLog.Status.FAILED:  # analysed here and refused: written by an update, unseen by the log
        log_action(log, "lean.upload_event_log", note="analysis failed",
                   changes={"status": {"old": EventLog.Status.WAITING, "new": log.status},
                            "error": {"old": "", "new": log.error}})
    return log


def _measurement_texts(*, name: str, source: str, notes: str) -> dict:
    name, source, notes = (name or "").strip(), (source or "").strip(), (notes or "").strip()
    if not name:
        raise DomainError(_("The measurement needs a name."), field="name", code="required")
    for field, value in (("name", name), ("source", source)):
        most = EventLog._meta.get_field(field).max_length
        if len(value) > most:
            raise DomainError(_("At most %(max)d characters.") % {"max": most}, field=field, code="invalid")
    return {"name": name, "source": source, "notes": notes}


def _locked_measurement(log: EventLog, by) -> EventLog:
    log = EventLog.objects.select_for_update().select_related("service__organisation").get(pk=log.pk)
    require(by, "lean.add_eventlog", log.service)
    return log


@audited
def describe_measurement(*, log: EventLog, by=None, name: str, source: str = "", notes: str = "") -> EventLog:
    """Rename a measurement, or say where its cases come from; its figures stay as analysed."""
    log = _locked_measurement(log, by)
    for field, value in _measurement_texts(name=name, source=source, notes=notes).items():
        setattr(log, field, value)
    log.save(update_fields=["name", "source", "notes"])
    return log


@audited
def set_published(*, log: EventLog, published: bool, by=None) -> EventLog:
    """Publish a measurement (the public pages then show it, if it is the service's newest published one) or
    take it back to a test. One that could not be analysed has no figures to publish."""
    log = _locked_measurement(log, by)
    if published and log.status == EventLog.Status.FAILED:
        raise DomainError(_("A measurement that could not be analysed cannot be published."),
                          field="published", code="failed")
    if log.published != published:
        log.published = published
        log.published_at = timezone.now() if published else None
        log.save(update_fields=["published", "published_at"])
    return log


@audited
def delete_measurement(*, log: EventLog, by=None) -> None:
    """Delete a measurement and its file; a published one must first be taken back, so that the public pages
    never lose their figures by a slip of the hand."""
    log = _locked_measurement(log, by)
    if log.published:
        raise DomainError(_("This measurement is published: take it back to a test before deleting it."),
                          code="published")
    stored = log.file.name
    storage = log.file.storage
    log.delete()
    # The file goes only once the row is gone for good; a rolled-back delete keeps both.
    transaction.on_commit(lambda: storage.delete(stored) if stored else None)


IMPROVEMENT_FLOW = {
    Improvement.Status.PROPOSED: {Improvement.Status.APPROVED, Improvement.Status.REJECTED},
    Improvement.Status.APPROVED: {Improvement.Status.IN_PROGRESS, Improvement.Status.REJECTED},
    Improvement.Status.IN_PROGRESS: {Improvement.Status.REJECTED},  # "done" comes with the new map
    Improvement.Status.DONE: set(),
    Improvement.Status.REJECTED: set(),
}


@audited
def propose_improvement(*, step: ProcessStep, kind: str, title: str, by=None, **fields) -> Improvement:
    service = step.process_map.service
    require(by, "lean.change_processmap", service)
    if kind not in Improvement.Kind.values:
        raise DomainError(_("Choose what the improvement does."), field="kind", code="required")
    if not title.strip():
        raise DomainError(_("The improvement needs a title."), field="title", code="required")
    improvement = Improvement(step=step, kind=kind, **fields)
    # What a person types is in the language they are using; Latvian is filled too, as the default column.
    language = (get_language() or "lv")[:2]
    setattr(improvement, f"title_{language}", title.strip())
    improvement.title_lv = improvement.title_lv or title.strip()
    improvement.save()
    return improvement


@audited
def set_improvement_status(*, improvement: Improvement, status: str, by=None) -> Improvement:
    improvement = Improvement.objects.select_for_update().select_related("step__process_map__service").get(
        pk=improvement.pk)
    require(by, "lean.change_processmap", improvement.step.process_map.service)
    if status not in IMPROVEMENT_FLOW.get(improvement.status, set()):
        raise DomainError(
            _("An improvement that is %(current)s cannot become %(new)s.")
            % {"current": improvement.get_status_display(), "new": Improvement.Status(status).label
               if status in Improvement.Status.values else status},
            field="status", code="transition",
        )
    improvement.status = status
    improvement.save(update_fields=["status"])
    return improvement


def _step_dict(step: ProcessStep, positions: dict) -> dict:
    fields = {name: getattr(step, name) for name in STEP_FIELDS}
    if step.rework_to_id in positions:
        fields["rework_to"] = positions[step.rework_to_id]
    if step.alternative_to_id in positions:
        fields["alternative_to"] = positions[step.alternative_to_id]
    return fields


@audited
def carry_out_improvement(*, improvement: Improvement, by=None, steps: list[dict] | None = None) -> ProcessMap:
    """Record the map after the change as a new version and mark the improvement done.

    Without `steps`, a "remove" improvement drops its step from the map it belongs to; any other kind needs
    the steps of the new map.
    """
    improvement = Improvement.objects.select_for_update().select_related("step__process_map__service").get(
        pk=improvement.pk)
    old_map = improvement.step.process_map
    require(by, "lean.change_processmap", old_map.service)
    if improvement.status not in (Improvement.Status.APPROVED, Improvement.Status.IN_PROGRESS):
        raise DomainError(_("Only an approved improvement can be carried out."), code="transition")
    if steps is None:
        if improvement.kind != Improvement.Kind.REMOVE:
            raise DomainError(_("Describe the steps of the map after the change."), code="required")
        if old_map.pk != old_map.service.maps.order_by("-version").values_list("pk", flat=True).first():
            # Removing the step from the old version would silently undo the map's later changes.
            raise DomainError(_("The map has changed since this improvement was proposed: remove the step in the "
                                "map editor, or propose the improvement again on the current map."), code="stale")
        kept = [s for s in old_map.steps.order_by("position") if s.pk != improvement.step_id]
        positions = {s.pk: n for n, s in enumerate(kept, start=1)}
        steps = [_step_dict(s, positions) for s in kept]
    new_map = save_map(service=old_map.service, steps=steps, by=by, based_on=old_map,
                       note=improvement.title[:300])
    improvement.result_map = new_map
    improvement.status = Improvement.Status.DONE
    improvement.save(update_fields=["result_map", "status"])
    return new_map


RECORDED_TEXT_LIMITS = {"activity": 200, "resource": 200, "department": 200}


@audited
def record_case(*, service: PublicService, case_ref: str, events: list[tuple], by=None) -> list[RecordedEvent]:
    """Record the steps of one case by hand: events are (activity, timestamp, resource[, department]).

    Steps that were not performed are simply not given. Times in the future and a case reference the
    service already has are refused; nothing is saved then.
    """
    require(by, "lean.add_eventlog", service)
    case_ref = (case_ref or "").strip()
    if not case_ref:
        raise DomainError(_("Enter the reference of the case (the number of its application or file)."),
                          field="case_ref", code="required")
    limit = RecordedEvent._meta.get_field("case_ref").max_length
    if len(case_ref) > limit:
        raise DomainError(_("The case reference may have at most %(max)d characters.") % {"max": limit},
                          field="case_ref", code="invalid")
    if not events:
        raise DomainError(_("Enter when at least one step of the case was performed."), code="required")
    now = timezone.now()
    rows = []
    for number, event in enumerate(events, start=1):
        activity, timestamp, resource, *department = event
        texts = {"activity": (activity or "").strip(), "resource": (resource or "").strip(),
                 "department": (department[0] if department else "").strip()}
        if not texts["activity"]:
            raise DomainError(_("Step %(number)d of the case needs its name.") % {"number": number}, code="required")
        for name, most in RECORDED_TEXT_LIMITS.items():
            if len(texts[name]) > most:
                raise DomainError(_("Step %(number)d of the case: “%(text)s” is longer than %(max)d characters.")
                                  % {"number": number, "text": texts[name][:40] + "…", "max": most}, code="invalid")
        if not isinstance(timestamp, datetime):
            raise DomainError(_("%(activity)s: enter the date and time it was performed.")
                              % {"activity": texts["activity"]}, code="required")
        if timezone.is_naive(timestamp):
            timestamp = timezone.make_aware(timestamp)
        if timestamp > now:
            raise DomainError(
                _("%(activity)s: %(time)s is in the future.") % {
                    "activity": texts["activity"],
                    "time": formats.date_format(timezone.localtime(timestamp), "SHORT_DATETIME_FORMAT")},
                code="future")
        rows.append(RecordedEvent(service=service, case_ref=case_ref, timestamp=timestamp, recorded_by=by, **texts))
    # The service row is locked so that two people recording the same case at once cannot both pass the check.
    PublicService.objects.select_for_update().get(pk=service.pk)
    if RecordedEvent.objects.filter(service=service, case_ref=case_ref).exists():
        raise DomainError(_("The case %(case)s has already been recorded for this service.") % {"case": case_ref},
                          field="case_ref", code="duplicate")
    # Stored in the order the steps happened; steps at the same time keep the order they were given in (the
    # map's order on the page), which the event log keeps as its tie-break.
    rows.sort(key=lambda row: row.timestamp)
    recorded = RecordedEvent.objects.bulk_create(rows)
    log_action(service, "lean.record_case", note=f"{len(recorded)} steps of case {case_ref} recorded")
    return recorded


@audited
def delete_recorded_case(*, service: PublicService, case_ref: str, by=None) -> int:
    """Delete every recorded step of one case; analyses already made from it stay as they were."""
    require(by, "lean.add_eventlog", service)
    deleted, _per_model = RecordedEvent.objects.filter(service=service, case_ref=case_ref).delete()
    if not deleted:
        raise DomainError(_("No case %(case)s has been recorded for this service.") % {"case": case_ref},
                          field="case_ref", code="not_found")
    log_action(service, "lean.delete_recorded_case", note=f"{deleted} recorded steps of case {case_ref} deleted")
    return deleted


@audited(atomic=False)
def analyse_recorded_cases(*, service: PublicService, by=None, name: str = "",
                           duration_basis: str = EventLog.Basis.CALENDAR) -> EventLog:
    """Analyse the cases recorded by hand exactly as an uploaded log: they become one (the file is kept)."""
    require(by, "lean.add_eventlog", service)
    if not RecordedEvent.objects.filter(service=service).exists():
        raise DomainError(_("No cases have been recorded by hand yet."), code="empty")
    name = name or _("Cases recorded by hand, %(date)s") % {"date": timezone.localdate().isoformat()}
    return upload_event_log(service=service, data=queries.recorded_cases_csv(service), name=name, by=by,
                            duration_basis=duration_basis, source=_("recorded by hand"))


@audited
def analysis_abandoned(log_id: int) -> EventLog | None:
    """The worker analysing this log stopped and the job was given up (kopa.jobs.services.recover_jobs): the log
    says it failed and why — never "being analysed" for ever — and the team is told, as for any failed analysis.
    Returns the log (None if it was deleted meanwhile)."""
    log = EventLog.objects.filter(pk=log_id).first()
    if log is None or log.status == EventLog.Status.DONE:
        return log
    with translation.override(settings.LANGUAGE_CODE):
        reason = str(_("The analysis stopped: the worker running it stopped several times. Upload the log again, "
                       "or ask the administrator to check the workers."))
    before = {"status": log.status, "error": log.error, "progress": log.progress}
    tasks._failed(log, reason)
    log.status, log.error, log.progress = EventLog.Status.FAILED, reason, 100
    # tasks._failed writes by an update, which the audit log does not see row by row.
    log_action(log, "lean.analysis_abandoned",
               changes={name: {"old": value, "new": getattr(log, name)} for name, value in before.items()})
    return log
