from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from kopa.accounts.permissions import coordinated_organisation_ids
from kopa.api.auth import write_auth
from kopa.directory.models import Person

from . import queries, services
from .models import Activity, Poll, PollEntry, Registration

router = Router(tags=["activities"])


class ActivityOut(Schema):
    id: int
    kind: str
    title: str
    title_lv: str | None
    title_lt: str | None
    title_en: str | None
    project: str | None
    start_date: date
    end_date: date
    date_note: str
    format: str
    status: str
    capacity: int | None
    announced_by: int | None

    @staticmethod
    def resolve_project(obj):
        return obj.project.code if obj.project else None

    @staticmethod
    def resolve_announced_by(obj):
        return obj.announced_by_id


class ProgrammeItemOut(Schema):
    day: date
    start_time: str | None
    kind: str
    title: str
    place: str | None
    presenters: list[str]

    @staticmethod
    def resolve_start_time(obj):
        return obj.start_time.strftime("%H:%M") if obj.start_time else None

    @staticmethod
    def resolve_place(obj):
        return obj.place.slug if obj.place else (obj.place_text or None)

    @staticmethod
    def resolve_presenters(obj):
        # As on the page: a presenter who did not agree to be named is shown by position only.
        return [f"{p.person}, {p.title}" if p.person.publication_consent else p.title for p in obj.presenters.all()]


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


class ActivityDetailOut(ActivityOut):
    description: str
    organisers: list[str]
    host_municipalities: list[str]
    programme: list[ProgrammeItemOut]
    breakouts: list[str]
    outcomes: list[str]
    follow_ups: list[int]
    polls: list[PollOut]
    participating_municipalities: list[str]

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


class RegistrationOut(Schema):
    id: int
    activity: int
    person: str
    organisation: str
    status: str
    offer_expires_at: datetime | None
    checked_in_at: datetime | None

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

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


@router.get("/activities", response=list[ActivityOut])
@paginate(LimitOffsetPagination)
def list_activities(request, kind: str = "", project: str = "", date_from: date | None = None,
                    date_to: date | None = None, q: str = ""):
    activities = queries.activity_list(kind=kind, date_from=date_from, date_to=date_to, text=q)
    return activities.filter(project__code=project) if project else activities


@router.get("/activities/{pk}", response=ActivityDetailOut)
def get_activity(request, pk: int):
    get_object_or_404(Activity, pk=pk)
    page = queries.activity_page(pk)
    page["activity"].participating = page["participating_municipalities"]
    return page["activity"]


@router.get("/activities/{pk}/registrations", response=list[RegistrationOut], auth=write_auth)
@paginate(LimitOffsetPagination)
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
