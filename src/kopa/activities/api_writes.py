"""API writes for activities as texts describe them: the activity with its stated dates and topics,
participating organisations, reported headcounts, programme items and parallel groups — over the same
services the pages use, so records can be entered or imported in bulk. Unknown references answer 400."""

from datetime import date, datetime
from typing import Annotated

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.lookups import all_by as _all
from kopa.api.lookups import one_by as _one
from kopa.api.pages import Pages
from kopa.core.dates import DatePrecision, MonthPart, YearSource, stated_dates_text
from kopa.core.errors import DomainError
from kopa.directory.models import Country, Municipality, Organisation, Person, Position
from kopa.directory.naming import contributor_text
from kopa.projects.models import Programme, Project, WorkPlanItem
from kopa.topics.models import Topic

from . import services
from .api import router  # the same router as the reads: one path, GET and POST, must live on one router
from .models import (
    Activity,
    Award,
    Breakout,
    Contributor,
    Headcount,
    Participation,
    PollEntry,
    ProgrammeItem,
    Series,
    Session,
    WorkingGroup,
    kinds,
)
from .queries import series_page

Short = Annotated[str, Field(max_length=300)]
Code = Annotated[str, Field(max_length=40)]
Line = Annotated[str, Field(max_length=500)]
Text = Annotated[str, Field(max_length=20_000)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class ActivityFieldsIn(Schema):
    """Every field is optional on PATCH; on POST a title in one language and a kind are needed."""

    kind: Code | None = Field(None, description="a built-in kind or one added (GET /api/activity-kinds)")
    title_lv: Short | None = None
    title_lt: Short | None = None
    title_en: Short | None = None
    description_lv: Text | None = None
    description_lt: Text | None = None
    description_en: Text | None = None
    purpose_lv: Line | None = None
    purpose_lt: Line | None = None
    purpose_en: Line | None = None
    target_audience_lv: Line | None = None
    target_audience_lt: Line | None = None
    target_audience_en: Line | None = None
    practical_arrangements_lv: Text | None = None
    practical_arrangements_lt: Text | None = None
    practical_arrangements_en: Text | None = None
    project: Short | None = Field(None, description="project code")
    work_plan_item: int | None = None
    # The date as stated: see `precision`; bounds are computed, never sent.
    precision: DatePrecision | None = None
    start_date: date | None = Field(None, description="the day (precision day), or a day in the month")
    end_date: date | None = None
    day: int | None = Field(None, ge=1, le=31, description="precision day_month: the stated day")
    month: int | None = Field(None, ge=1, le=12, description="precision day_month: the stated month")
    end_day: int | None = Field(None, ge=1, le=31)
    end_month: int | None = Field(None, ge=1, le=12)
    month_part: MonthPart | None = None
    days: list[date] | None = Field(None, max_length=366)
    year_from: Year | None = None
    year_to: Year | None = None
    inferred_year: Year | None = None
    year_source: YearSource | None = None
    provisional: bool | None = None
    date_note_lv: Line | None = None
    date_note_lt: Line | None = None
    date_note_en: Line | None = None
    format: Activity.Format | None = None
    venue_lv: Short | None = None
    venue_lt: Short | None = None
    venue_en: Short | None = None
    online_link: Annotated[str, Field(max_length=200)] | None = None
    capacity: Count | None = None
    quota_per_organisation: Count | None = None
    registration_deadline: datetime | None = None
    organisers: list[Short] | None = Field(None, max_length=200, description="organisation slugs")
    hosts: list[Short] | None = Field(None, max_length=200, description="organisation slugs")
    host_municipalities: list[Short] | None = Field(None, max_length=500, description="municipality codes")
    topics: list[Short] | None = Field(None, max_length=50, description="topic slugs")
    country: Annotated[str, Field(max_length=2)] | None = Field(
        None, description="ISO code, where no host place is known")
    of_programme: Short | None = Field(None, description="code of the programme whose own event it is")
    series: Short | None = Field(None, description="series slug; empty takes it out of its series")
    series_number: int | None = Field(None, ge=1, le=10_000)
    series_marker: Activity.SeriesMarker | None = None
    other_kinds: list[Code] | None = Field(None, max_length=20)


RENAMED = {"precision": "date_precision", "day": "stated_day", "month": "stated_month",
           "end_day": "stated_end_day", "end_month": "stated_end_month"}


def _stated_dates(data: dict) -> dict:
    """A payload's date as the services take it (an activity's or a session's): model names, ISO days."""
    for name in ("month_part", "year_source"):
        if name in data and data[name] is None:
            data[name] = ""
    if data.get("days") is not None:
        data["days"] = [d.isoformat() for d in data["days"]]
    return {RENAMED.get(key, key): value for key, value in data.items()}


SEQUENCE = ("series", "series_number", "series_marker", "other_kinds")


def _sequence(activity, data: dict, by) -> None:
    """Series and other kinds go through their own services, in the same transaction as the activity."""
    if any(name in data for name in ("series", "series_number", "series_marker")):
        series = activity.series
        if "series" in data:
            series = _one(Series, "slug", data["series"], "series")
        services.place_in_series(
            activity=activity, series=series, by=by,
            number=data.get("series_number", activity.series_number if series == activity.series else None),
            marker=data.get("series_marker", activity.series_marker) or "")
    if data.get("other_kinds") is not None:
        services.set_other_kinds(activity=activity, kinds=list(data["other_kinds"]), by=by)


def _service_arguments(payload: ActivityFieldsIn) -> dict:
    data = payload.dict(exclude_unset=True)
    for name in SEQUENCE:
        data.pop(name, None)
    related = {}
    for name, model, field in (("organisers", Organisation, "slug"), ("hosts", Organisation, "slug"),
                               ("host_municipalities", Municipality, "code"), ("topics", Topic, "slug")):
        if name in data:
            related[name] = _all(model, field, data.pop(name) or [], name)
    if "project" in data:
        data["project"] = _one(Project, "code", data["project"], "project")
    if "country" in data:
        data["country"] = _one(Country, "code", (data["country"] or "").upper() or None, "country")
    if "of_programme" in data:
        data["of_programme"] = _one(Programme, "code", data["of_programme"], "of_programme")
    if data.get("work_plan_item"):
        data["work_plan_item"] = _one(WorkPlanItem, "pk", data["work_plan_item"], "work_plan_item")
    if "online_link" in data and data["online_link"] is None:
        data["online_link"] = ""
    return _stated_dates(data) | related


@router.post("/activities", response={201: dict}, auth=write_auth)
@transaction.atomic
def create_activity(request, payload: ActivityFieldsIn):
    arguments = _service_arguments(payload)
    if not arguments.get("kind"):
        raise DomainError(_("Say what kind of activity it is."), field="kind", code="required")
    activity = services.create_activity(by=request.auth, **arguments)
    _sequence(activity, payload.dict(exclude_unset=True), request.auth)
    return Status(201, {"id": activity.pk, "url": activity.get_absolute_url()})


@router.patch("/activities/{pk}", response=dict, auth=write_auth)
@transaction.atomic
def patch_activity(request, pk: int, payload: ActivityFieldsIn):
    activity = get_object_or_404(Activity, pk=pk)
    arguments = _service_arguments(payload)
    if "kind" in arguments and not arguments["kind"]:
        arguments.pop("kind")
    activity = services.update_activity(activity=activity, by=request.auth, **arguments)
    _sequence(activity, payload.dict(exclude_unset=True), request.auth)
    return {"id": activity.pk, "url": activity.get_absolute_url()}


class ParticipationIn(Schema):
    organisation: Short | None = Field(None, description="organisation slug")
    municipality: Short | None = Field(None, description="municipality code")
    role: Participation.Role = Participation.Role.PARTICIPANT
    delegation_size: Count | None = None
    country: Annotated[str, Field(max_length=2)] | None = Field(None, description="ISO code")
    source: Line = ""


class ParticipationOut(Schema):
    id: int
    activity: int
    organisation: str | None
    municipality: str | None
    role: str
    delegation_size: int | None
    country: str | None
    source: str

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.code if obj.municipality else None

    @staticmethod
    def resolve_country(obj):
        return obj.country.code if obj.country else None


@router.post("/activities/{pk}/participations", response={201: ParticipationOut}, auth=write_auth)
def record_participation(request, pk: int, payload: ParticipationIn):
    activity = get_object_or_404(Activity, pk=pk)
    participation = services.record_participation(
        activity=activity, by=request.auth,
        organisation=_one(Organisation, "slug", payload.organisation, "organisation"),
        municipality=_one(Municipality, "code", payload.municipality, "municipality"),
        country=_one(Country, "code", (payload.country or "").upper(), "country"),
        role=payload.role, delegation_size=payload.delegation_size, source=payload.source,
    )
    return Status(201, participation)


@router.delete("/participations/{pk}", response={204: None}, auth=write_auth)
def remove_participation(request, pk: int):
    services.remove_participation(participation=get_object_or_404(Participation, pk=pk), by=request.auth)
    return Status(204, None)


class HeadcountIn(Schema):
    value: Count
    qualifier: Headcount.Qualifier = Headcount.Qualifier.EXACTLY
    counts: Headcount.Counts = Headcount.Counts.PARTICIPANTS
    organisation: Short | None = None
    source: Line = ""


@router.post("/activities/{pk}/headcounts", response={201: dict}, auth=write_auth)
def report_headcount(request, pk: int, payload: HeadcountIn):
    activity = get_object_or_404(Activity, pk=pk)
    headcount = services.report_headcount(
        activity=activity, by=request.auth, value=payload.value, qualifier=payload.qualifier,
        counts=payload.counts, source=payload.source,
        organisation=_one(Organisation, "slug", payload.organisation, "organisation"),
    )
    return Status(201, {"id": headcount.pk, "activity": activity.pk})


@router.delete("/headcounts/{pk}", response={204: None}, auth=write_auth)
def remove_headcount(request, pk: int):
    services.remove_headcount(headcount=get_object_or_404(Headcount, pk=pk), by=request.auth)
    return Status(204, None)


class ProgrammeItemIn(Schema):
    day: date | None = Field(None, description="empty: the source does not say which day")
    # A day and month when the source gives no year (a date once the activity's year is known).
    stated_day: int | None = Field(None, ge=1, le=31)
    stated_month: int | None = Field(None, ge=1, le=12)
    provisional: bool = False
    start_time: str | None = Field(None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    end_time: str | None = Field(None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    kind: ProgrammeItem.Kind = ProgrammeItem.Kind.OTHER
    title_lv: Short = ""
    title_lt: Short = ""
    title_en: Short = ""
    place: Short | None = Field(None, description="organisation slug")
    place_text_lv: Short = ""
    topics: list[Short] = Field([], max_length=50)


@router.post("/activities/{pk}/programme", response={201: dict}, auth=write_auth)
def add_programme_item(request, pk: int, payload: ProgrammeItemIn):
    activity = get_object_or_404(Activity, pk=pk)
    data = payload.dict()
    place = data.pop("place")
    for name in ("start_time", "end_time"):
        data[name] = datetime.strptime(data[name], "%H:%M").time() if data[name] else None
    item = services.add_programme_item(
        activity=activity, by=request.auth, day=data.pop("day"),
        topics=_all(Topic, "slug", data.pop("topics"), "topics"),
        place=_one(Organisation, "slug", place, "place"), **data,
    )
    return Status(201, {"id": item.pk, "activity": activity.pk})


class BreakoutIn(Schema):
    theme_lv: Line = ""
    theme_lt: Line = ""
    theme_en: Line = ""
    result_lv: Text = ""
    capacity: Count | None = None
    topics: list[Short] = Field([], max_length=50)


@router.post("/activities/{pk}/breakouts", response={201: dict}, auth=write_auth)
def add_breakout(request, pk: int, payload: BreakoutIn):
    activity = get_object_or_404(Activity, pk=pk)
    data = payload.dict()
    breakout = services.add_breakout(activity=activity, by=request.auth,
                                     topics=_all(Topic, "slug", data.pop("topics"), "topics"), **data)
    return Status(201, {"id": breakout.pk, "activity": activity.pk})


class ContributorIn(Schema):
    """Who it was, as the source names them: a position, a person, an office (with or without its holder), an
    organisation, or a description of the role — at least one. Ids for people and positions, slugs for
    organisations; a programme item or a parallel group of this activity, or neither for the whole activity."""

    role: Contributor.Role = Contributor.Role.PRESENTER
    programme_item: int | None = None
    breakout: int | None = None
    position: int | None = Field(None, description="position id")
    person: int | None = Field(None, description="person id")
    office_lv: Short = ""
    office_lt: Short = ""
    office_en: Short = ""
    organisation: Short | None = Field(None, description="organisation slug")
    description_lv: Short = ""
    description_lt: Short = ""
    description_en: Short = ""
    name_as_written: Annotated[str, Field(max_length=200)] = Field("", description="e.g. initials: J. Bērziņš")


class ContributorWritten(Schema):
    id: int
    activity: int | None
    project: str | None
    role: str
    kind: str
    text: str


def _written(contributor: Contributor, by) -> dict:
    return {"id": contributor.pk, "activity": contributor.activity_id,
            "project": contributor.project.code if contributor.project_id else None, "role": contributor.role,
            "kind": contributor.kind, "text": contributor_text(contributor, by)}


CONTRIBUTOR_REFERENCES = {
    "programme_item": (ProgrammeItem, "pk"), "breakout": (Breakout, "pk"), "position": (Position, "pk"),
    "person": (Person, "pk"), "organisation": (Organisation, "slug"),
}


def _contributor_references(data: dict) -> dict:
    return data | {name: _one(model, field, data[name], name)
                   for name, (model, field) in CONTRIBUTOR_REFERENCES.items()}


@router.post("/activities/{pk}/contributors", response={201: ContributorWritten}, auth=write_auth)
def add_contributor(request, pk: int, payload: ContributorIn):
    activity = get_object_or_404(Activity, pk=pk)
    data = payload.dict()
    contributor = services.add_contributor(activity=activity, by=request.auth, **_contributor_references(data))
    return Status(201, _written(contributor, request.auth))


@router.post("/projects/{pk}/contributors", response={201: ContributorWritten}, auth=write_auth)
def add_project_contributor(request, pk: int, payload: ContributorIn):
    """A role in a whole project (its project manager, its contact person), as its card names it."""
    project = get_object_or_404(Project, pk=pk)
    # The service refuses a programme item or a parallel group for a role in a whole project.
    contributor = services.add_contributor(project=project, by=request.auth,
                                           **_contributor_references(payload.dict()))
    return Status(201, _written(contributor, request.auth))


class PublicityIn(Schema):
    in_office: bool | None = Field(None, description="the holder acted in a public office")
    published_by_source: bool | None = Field(None, description="the source had already published the name")


@router.post("/contributors/{pk}/publicity", response=ContributorWritten, auth=write_auth)
def mark_public(request, pk: int, payload: PublicityIn):
    contributor = get_object_or_404(Contributor.objects.select_related("activity"), pk=pk)
    contributor = services.mark_public(contributor=contributor, by=request.auth, in_office=payload.in_office,
                                       published_by_source=payload.published_by_source)
    return _written(contributor, request.auth)


@router.delete("/contributors/{pk}", response={204: None}, auth=write_auth)
def remove_contributor(request, pk: int):
    contributor = get_object_or_404(Contributor.objects.select_related("activity"), pk=pk)
    services.remove_contributor(contributor=contributor, by=request.auth)
    return Status(204, None)


class SeriesIn(Schema):
    kind: Series.Kind = Series.Kind.OTHER
    name_lv: Short = ""
    name_lt: Short = ""
    name_en: Short = ""
    description_lv: Text = ""
    description_lt: Text = ""
    description_en: Text = ""
    project: Short | None = Field(None, description="project code")
    organiser: Short | None = Field(None, description="organisation slug")
    planned_count: int | None = Field(None, ge=1, le=10_000)
    topics: list[Short] = Field([], max_length=50)


class SeriesOut(Schema):
    slug: str
    kind: str
    name: str
    project: str | None
    organiser: str | None
    planned_count: int | None
    # In order, with None for a number nobody has recorded.
    activities: list[dict | None]

    @staticmethod
    def resolve_project(obj):
        return obj.project.code if obj.project else None

    @staticmethod
    def resolve_organiser(obj):
        return obj.organiser.slug if obj.organiser else None

    @staticmethod
    def resolve_activities(obj):
        return [{"id": row["activity"].pk, "number": row["number"], "dates": stated_dates_text(row["activity"])}
                if row["activity"] else None for row in series_page(obj)]


@router.get("/series", response=list[SeriesOut], tags=["activities"])
@paginate(Pages)
def list_series(request):
    return Series.objects.select_related("project", "organiser").order_by("slug")


@router.get("/series/{slug}", response=SeriesOut, tags=["activities"])
def get_series(request, slug: str):
    return get_object_or_404(Series.objects.select_related("project", "organiser"), slug=slug)


@router.post("/series", response={201: SeriesOut}, auth=write_auth)
def create_series(request, payload: SeriesIn):
    data = payload.dict()
    data["project"] = _one(Project, "code", data["project"], "project")
    data["organiser"] = _one(Organisation, "slug", data["organiser"], "organiser")
    data["topics"] = _all(Topic, "slug", data["topics"], "topics")
    return Status(201, services.save_series(by=request.auth, **data))


class SessionIn(Schema):
    number: int | None = Field(None, ge=1, le=10_000)
    title_lv: Short = ""
    title_lt: Short = ""
    title_en: Short = ""
    venue_lv: Short = ""
    venue_lt: Short = ""
    venue_en: Short = ""
    host_municipality: Short | None = Field(None, description="municipality code")
    hosts: list[Short] = Field([], max_length=100, description="organisation slugs")
    capacity: Count | None = None
    precision: DatePrecision = DatePrecision.DAY
    start_date: date | None = None
    end_date: date | None = None
    day: int | None = Field(None, ge=1, le=31)
    month: int | None = Field(None, ge=1, le=12)
    month_part: MonthPart | None = None
    days: list[date] | None = Field(None, max_length=366)
    year_from: Year | None = None
    year_to: Year | None = None
    provisional: bool = False


@router.post("/activities/{pk}/sessions", response={201: dict}, auth=write_auth)
def add_session(request, pk: int, payload: SessionIn):
    activity = get_object_or_404(Activity, pk=pk)
    data = payload.dict(exclude_none=True)
    hosts = _all(Organisation, "slug", data.pop("hosts", []), "hosts")
    if "host_municipality" in data:
        data["host_municipality"] = _one(Municipality, "code", data["host_municipality"], "host_municipality")
    session = services.add_session(activity=activity, by=request.auth, hosts=hosts, **_stated_dates(data))
    return Status(201, {"id": session.pk, "number": session.number, "activity": activity.pk})


@router.delete("/sessions/{pk}", response={204: None}, auth=write_auth)
def remove_session(request, pk: int):
    services.remove_session(session=get_object_or_404(Session.objects.select_related("activity"), pk=pk),
                            by=request.auth)
    return Status(204, None)


class AwardIn(Schema):
    title_lv: Short = ""
    title_lt: Short = ""
    title_en: Short = ""
    organisation: Short | None = Field(None, description="organisation slug")
    person: int | None = None
    recipient_lv: Short = ""
    recipient_lt: Short = ""
    recipient_en: Short = ""
    poll_entry: int | None = None


@router.post("/activities/{pk}/awards", response={201: dict}, auth=write_auth)
def add_award(request, pk: int, payload: AwardIn):
    activity = get_object_or_404(Activity, pk=pk)
    data = payload.dict()
    data["organisation"] = _one(Organisation, "slug", data["organisation"], "organisation")
    data["person"] = _one(Person, "pk", data["person"], "person")
    data["poll_entry"] = _one(PollEntry, "pk", data["poll_entry"], "poll_entry")
    award = services.add_award(activity=activity, by=request.auth, **data)
    return Status(201, {"id": award.pk, "activity": activity.pk})


@router.delete("/awards/{pk}", response={204: None}, auth=write_auth)
def remove_award(request, pk: int):
    services.remove_award(award=get_object_or_404(Award.objects.select_related("activity"), pk=pk), by=request.auth)
    return Status(204, None)


class AttendanceIn(Schema):
    person: int
    position: int | None = Field(None, description="the position held then; empty: the one held on the day")
    attended: bool = True


@router.post("/activities/{pk}/attendance", response={201: dict}, auth=write_auth)
def record_attendance(request, pk: int, payload: AttendanceIn):
    """A past activity recorded afterwards: who came (or was expected and did not), with the post held then."""
    activity = get_object_or_404(Activity, pk=pk)
    person = _one(Person, "pk", payload.person, "person")
    position = _one(Position, "pk", payload.position, "position")
    registration = services.record_attendance(activity=activity, person=person, position=position,
                                              attended=payload.attended, by=request.auth)
    return Status(201, {"id": registration.pk, "status": registration.status,
                        "organisation": registration.organisation.slug,
                        "checked_in_at": registration.checked_in_at})


class TopicsIn(Schema):
    topics: list[Short] = Field([], max_length=50, description="topic slugs")


@router.put("/working-groups/{slug}/topics", response=dict, auth=write_auth)
def put_working_group_topics(request, slug: str, payload: TopicsIn):
    group = get_object_or_404(WorkingGroup.objects.select_related("project"), slug=slug)
    topics = _all(Topic, "slug", payload.topics, "topics")
    services.set_working_group_topics(group=group, topics=topics, by=request.auth)
    return {"working_group": group.slug, "topics": sorted(t.slug for t in topics)}


class KindIn(Schema):
    name_lv: Annotated[str, Field(max_length=100)] = ""
    name_lt: Annotated[str, Field(max_length=100)] = ""
    name_en: Annotated[str, Field(max_length=100)] = ""


@router.post("/activity-kinds", response={201: dict}, auth=write_auth)
def add_kind(request, payload: KindIn):
    """A kind of activity the built-in list lacks (a coordinator's addition awaits an administrator's review)."""
    kind = services.add_kind(by=request.auth, **payload.dict())
    return Status(201, {"code": kind.code, "names": {c: getattr(kind, f"name_{c}") for c in kinds.LANGUAGES}})
