from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from kopa.accounts.permissions import coordinated_organisation_ids
from kopa.api.auth import write_auth
from kopa.api.pages import Pages
from kopa.core.dates import day_text, stated_dates_text
from kopa.directory.models import Person
from kopa.directory.naming import contributor_text
from kopa.topics.models import Topic

from . import queries, services
from .headcounts import headcount_text
from .models import Activity, ActivityKind, Contributor, Poll, PollEntry, Registration, kinds
from .status import certificate_ready, shown_status

router = Router(tags=["activities"])


class ActivityOut(Schema):
    id: int
    kind: str
    # The kind's name in the reader's language (an added kind in the language it was given in).
    kind_label: str
    # ISO code of the country stated when no host place is known (the detail lists every country it was in).
    country: str | None
    # Code of the programme whose own event it is (a launch, an info day), if it belongs to no project.
    event_of_programme: str | None
    title: str
    title_lv: str | None
    title_lt: str | None
    title_en: str | None
    project: str | None
    # The date as the source gave it: `precision` says how much is known; `start_date`/`end_date` are the
    # bounds every possible day lies within (empty when nothing is known); `dates` is the text pages show.
    precision: str
    dates: str
    start_date: date | None
    end_date: date | None
    stated_day: int | None
    stated_month: int | None
    stated_end_day: int | None
    stated_end_month: int | None
    month_part: str
    days: list[date]
    year_from: int | None
    year_to: int | None
    inferred_year: int | None
    year_source: str
    provisional: bool
    date_note: str
    purpose: str
    target_audience: str
    topics: list[str]
    format: str
    status: str
    capacity: int | None
    announced_by: int | None
    # Its place in a series ("6th network seminar"), and the kinds it also is besides `kind`.
    series: str | None
    series_number: int | None
    series_marker: str
    other_kinds: list[str]
    shown_status: str

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_country(obj):
        return obj.country.code if obj.country_id else None

    @staticmethod
    def resolve_event_of_programme(obj):
        return obj.of_programme.code if obj.of_programme_id else None

    @staticmethod
    def resolve_series(obj):
        return obj.series.slug if obj.series_id else None

    @staticmethod
    def resolve_shown_status(obj):
        return shown_status(obj)

    @staticmethod
    def resolve_project(obj):
        return obj.project.code if obj.project else None

    @staticmethod
    def resolve_precision(obj):
        return obj.date_precision

    @staticmethod
    def resolve_dates(obj):
        return stated_dates_text(obj)

    @staticmethod
    def resolve_topics(obj):
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_announced_by(obj):
        return obj.announced_by_id


class ProgrammeItemOut(Schema):
    day: date | None
    # exact day ("day"), a day and month with no year ("day_month", in stated_day/stated_month) or "unknown".
    precision: str
    stated_day: int | None
    stated_month: int | None
    provisional: bool
    # The day as pages say it.
    day_text: str
    start_time: str | None
    kind: str
    title: str
    place: str | None
    presenters: list[str]

    @staticmethod
    def resolve_precision(obj):
        return obj.date_precision

    @staticmethod
    def resolve_day_text(obj):
        return day_text(obj)

    @staticmethod
    def resolve_start_time(obj):
        return obj.start_time.strftime("%H:%M") if obj.start_time else None

    @staticmethod
    def resolve_place(obj):
        return obj.place.slug if obj.place else (obj.place_text or None)

    @staticmethod
    def resolve_presenters(obj, context):
        # As on the page: named only where may_name allows, otherwise by office, position or role.
        return [contributor_text(c, _viewer(context)) for c in _listed(obj) if c.role == Contributor.Role.PRESENTER]


def _viewer(context):
    """The reader of the page: a logged-in organiser sees the names the page shows them; others the public's."""
    request = (context or {}).get("request")
    return getattr(request, "user", None)


def _listed(obj) -> list:
    """A programme item's or group's contributors as activity_page sorted them (or read, if it did not)."""
    listed = getattr(obj, "listed_contributors", None)
    return listed if listed is not None else list(obj.contributors.all())


class ContributorOut(Schema):
    id: int
    role: str
    # What the source tells about who it was: position, person, office, organisation or description.
    kind: str
    # As pages show it: by name only where the naming rule allows, otherwise by office, position or role.
    text: str
    programme_item: int | None
    breakout: int | None

    @staticmethod
    def resolve_kind(obj):
        return obj.kind

    @staticmethod
    def resolve_text(obj, context):
        return contributor_text(obj, _viewer(context))

    @staticmethod
    def resolve_programme_item(obj):
        return obj.programme_item_id

    @staticmethod
    def resolve_breakout(obj):
        return obj.breakout_id


class EntryOut(Schema):
    id: int
    title: str
    link: str
    votes: int | None = None
    award: str


class PollOut(Schema):
    id: int
    question: str
    status: str
    entries: list[EntryOut]

    @staticmethod
    def resolve_entries(obj):
        entries = list(obj.entries.all())
        if obj.status != Poll.Status.CLOSED:
            for entry in entries:
                entry.votes = None  # results are published when the vote closes
        return entries


class ParticipationOut(Schema):
    organisation: str | None
    municipality: str | None
    country: str | None
    # "registrations": people registered by name; "recorded": participation recorded with no named people.
    sources: list[str]
    named_participants: int
    role: str | None
    delegation_size: int | None


class HeadcountOut(Schema):
    id: int
    counts: str
    qualifier: str
    value: int
    organisation: str | None
    source: str
    text: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_text(obj):
        return headcount_text(obj)


class SessionOut(Schema):
    id: int
    number: int
    title: str
    precision: str
    dates: str
    start_date: date | None
    end_date: date | None
    venue: str
    host_municipality: str | None
    hosts: list[str]
    capacity: int | None

    @staticmethod
    def resolve_precision(obj):
        return obj.date_precision

    @staticmethod
    def resolve_dates(obj):
        return stated_dates_text(obj)

    @staticmethod
    def resolve_host_municipality(obj):
        return obj.host_municipality.code if obj.host_municipality else None

    @staticmethod
    def resolve_hosts(obj):
        return [o.slug for o in obj.hosts.all()]


class AwardOut(Schema):
    id: int
    title: str
    recipient: str
    organisation: str | None
    person: str | None
    poll_entry: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_person(obj, context):
        # Named only where the naming rule allows, as on the page.
        return queries.award_person_name(obj, getattr(context["request"], "user", None))

    @staticmethod
    def resolve_poll_entry(obj):
        return obj.poll_entry_id


class ActivityDetailOut(ActivityOut):
    description: str
    practical_arrangements: str
    registration_deadline: datetime | None
    quota_per_organisation: int | None
    headcounts: list[HeadcountOut]
    participating_organisations: list[ParticipationOut]
    organisers: list[str]
    host_municipalities: list[str]
    # ISO codes of the countries it took place in: its host places' (foreign towns included), else as stated.
    countries: list[str]
    programme: list[ProgrammeItemOut]
    breakouts: list[str]
    # Everyone with a role: at the whole activity, at a programme item or at a parallel group.
    contributors: list[ContributorOut]
    outcomes: list[str]
    follow_ups: list[int]
    polls: list[PollOut]
    participating_municipalities: list[str]
    sessions: list[SessionOut]
    awards: list[AwardOut]

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.all())

    @staticmethod
    def resolve_awards(obj):
        return list(obj.awards.all())

    @staticmethod
    def resolve_organisers(obj):
        return [o.slug for o in obj.organisers.all()]

    @staticmethod
    def resolve_host_municipalities(obj):
        return [m.code for m in obj.host_municipalities.all()]

    @staticmethod
    def resolve_programme(obj):
        return list(obj.programme.all())

    @staticmethod
    def resolve_breakouts(obj):
        return [b.theme for b in obj.breakouts.all()]

    @staticmethod
    def resolve_contributors(obj):
        return list(obj.contributors.all())

    @staticmethod
    def resolve_outcomes(obj):
        return [o.title for o in obj.outcomes.all()]

    @staticmethod
    def resolve_follow_ups(obj):
        return [f.pk for f in obj.follow_ups.all()]

    @staticmethod
    def resolve_polls(obj):
        return list(obj.polls.all())

    @staticmethod
    def resolve_participating_municipalities(obj):
        return [m.code for m in obj.participating]

    @staticmethod
    def resolve_headcounts(obj):
        return list(obj.headcounts.all())

    @staticmethod
    def resolve_participating_organisations(obj):
        return obj.participating_rows


class RegistrationOut(Schema):
    id: int
    activity: int
    person: str
    organisation: str
    status: str
    offer_expires_at: datetime | None
    checked_in_at: datetime | None
    # Its certificate of attendance can be downloaded: the rule of the PDF itself (status.certificate_ready).
    certificate_ready: bool

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

    @staticmethod
    def resolve_certificate_ready(obj):
        return certificate_ready(obj)

    @staticmethod
    def resolve_person(obj):
        return str(obj.person)

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug


class RegistrationIn(Schema):
    person: int
    waitlist: bool = True


class VoteIn(Schema):
    entry: int


class KindOut(Schema):
    code: str
    label: str
    built_in: bool
    names: dict[str, str]
    awaiting_review: bool


@router.get("/activity-kinds", response=list[KindOut])
def list_kinds(request):
    """Every kind an activity may have: the built-in ones and those coordinators added."""
    return [
        {"code": code, "label": str(label), "built_in": code in ActivityKind.values,
         "names": dict(zip(kinds.LANGUAGES, kinds.all_names(code), strict=False)) if code in ActivityKind.values
         else {c: getattr(kinds.added_kinds()[code], f"name_{c}") or "" for c in kinds.LANGUAGES},
         "awaiting_review": code not in ActivityKind.values and kinds.added_kinds()[code].awaiting_review}
        for code, label in kinds.choices()
    ]


@router.get("/activities", response=list[ActivityOut])
@paginate(Pages)
def list_activities(request, kind: str = "", project: str = "", date_from: date | None = None,
                    date_to: date | None = None, q: str = Query("", max_length=200), topic: str = "",
                    year: int | None = Query(None, ge=1900, le=2100), sort: str = "-date",
                    country: str = Query("", max_length=2)):
    """`year`: only activities that certainly lie in that year (both bounds inside it); `country` (ISO code):
    held there, by a host place or as stated."""
    topic_obj = Topic.objects.filter(slug=topic).first() if topic else None
    if topic and topic_obj is None:
        return Activity.objects.none()
    activities = queries.activity_list(kind=kind, date_from=date_from, date_to=date_to, text=q, topic=topic_obj,
                                       year=year, sort=sort, country=country.upper())
    return activities.filter(project__code=project) if project else activities


def _participation_rows(page) -> list[dict]:
    rows = []
    for row in page["participating_organisations"]:
        recorded = row["recorded"]
        rows.append({
            "organisation": row["organisation"].slug, "municipality": None,
            "country": row["organisation"].country.code if row["organisation"].country else None,
            "sources": [s for s, present in (("registrations", row["named"]), ("recorded", recorded)) if present],
            "named_participants": row["named"], "role": recorded.role if recorded else None,
            "delegation_size": recorded.delegation_size if recorded else None,
        })
    for municipality in page["participating_municipalities"]:
        for recorded in municipality.recorded:
            if recorded.organisation_id is None:  # a municipality named with no organisation
                rows.append({
                    "organisation": None, "municipality": municipality.code,
                    "country": recorded.country.code if recorded.country else None, "sources": ["recorded"],
                    "named_participants": 0, "role": recorded.role, "delegation_size": recorded.delegation_size,
                })
    return rows


@router.get("/activities/{pk}", response=ActivityDetailOut)
def get_activity(request, pk: int):
    get_object_or_404(Activity, pk=pk)
    page = queries.activity_page(pk)
    page["activity"].participating = page["participating_municipalities"]
    page["activity"].participating_rows = _participation_rows(page)
    page["activity"].countries = [c.code for c in page["countries"]]
    return page["activity"]


@router.get("/activities/{pk}/registrations", response=list[RegistrationOut], auth=write_auth)
@paginate(Pages)
def list_registrations(request, pk: int, status: str = "", q: str = ""):
    activity = get_object_or_404(Activity, pk=pk)
    rows = queries.registration_list(activity, text=q, status=status)
    if request.auth.has_perm("activities.manage_registrations", activity):
        return rows
    if request.auth.has_perm("activities.register_colleagues", activity):
        return rows.filter(organisation__in=coordinated_organisation_ids(request.auth))
    raise PermissionDenied


@router.post("/activities/{pk}/registrations", response={201: RegistrationOut}, auth=write_auth)
def register(request, pk: int, payload: RegistrationIn):
    activity = get_object_or_404(Activity, pk=pk)
    person = get_object_or_404(Person, pk=payload.person)
    registration = services.register(activity=activity, person=person, by=request.auth, waitlist=payload.waitlist)
    return Status(201, registration)


def _registration(pk: int) -> Registration:
    return get_object_or_404(Registration.objects.select_related("activity", "person", "organisation"), pk=pk)


@router.post("/registrations/{pk}/cancel", response=RegistrationOut, auth=write_auth)
def cancel(request, pk: int):
    return services.cancel(registration=_registration(pk), by=request.auth)


@router.post("/registrations/{pk}/accept", response=RegistrationOut, auth=write_auth)
def accept(request, pk: int):
    return services.accept_offer(registration=_registration(pk), by=request.auth)


@router.post("/registrations/{pk}/check-in", response=RegistrationOut, auth=write_auth)
def check_in(request, pk: int):
    return services.check_in(registration=_registration(pk), by=request.auth)


@router.post("/activities/{pk}/close", response=ActivityOut, auth=write_auth)
def close(request, pk: int):
    return services.close_activity(activity=get_object_or_404(Activity, pk=pk), by=request.auth)


@router.post("/polls/{pk}/votes", response={201: dict}, auth=write_auth)
def vote(request, pk: int, payload: VoteIn):
    poll = get_object_or_404(Poll, pk=pk)
    entry = get_object_or_404(PollEntry, pk=payload.entry, poll=poll)
    services.cast_vote(poll=poll, entry=entry, by=request.auth)
    return Status(201, {"poll": poll.pk, "entry": entry.pk})
