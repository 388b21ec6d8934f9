"""Named reads for activity pages and the API; each costs a fixed number of queries."""

from collections import OrderedDict

from django.db.models import Count, Prefetch, Q, QuerySet

from kopa.core.dates import overlaps
from kopa.core.translated import in_language_order
from kopa.directory.models import Municipality, Organisation, Position

from .models import Activity, Breakout, Material, Photo, Poll, PollEntry, ProgrammeItem, Registration

S = Registration.Status


def activity_list(*, kind: str = "", project=None, municipality=None, date_from=None, date_to=None,
                  text: str = "") -> QuerySet:
    activities = Activity.objects.select_related("project")
    if kind:
        activities = activities.filter(kind=kind)
    if project:
        activities = activities.filter(project=project)
    if municipality:
        # Hosted there, or attended by its staff.
        activities = activities.filter(
            Q(host_municipalities=municipality)
            | Q(pk__in=Registration.objects.filter(
                organisation__municipality=municipality, status__in=(S.ATTENDED, S.CONFIRMED)
            ).values("activity"))
        ).distinct()
    if date_from or date_to:
        activities = activities.filter(overlaps("start_date", "end_date", date_from, date_to))
    for word in text.split():
        activities = activities.filter(
            Q(title_lv__icontains=word) | Q(title_lt__icontains=word) | Q(title_en__icontains=word)
        )
    return activities.prefetch_related(
        Prefetch("host_municipalities", queryset=Municipality.objects.order_by(in_language_order("name"))),
    ).order_by("-start_date", "pk")


def activity_page(pk: int) -> dict:
    """Everything the public activity page shows, in a fixed number of queries."""
    activity = (
        Activity.objects.select_related("project__programme", "announced_by", "working_group")
        .prefetch_related(
            "organisers",
            "hosts",
            "host_municipalities",
            Prefetch(
                "programme",
                queryset=ProgrammeItem.objects.select_related("place").prefetch_related(
                    Prefetch("presenters", queryset=Position.objects.select_related("person", "organisation")),
                    "materials",
                ),
            ),
            Prefetch("breakouts", queryset=Breakout.objects.select_related("moderator").prefetch_related("materials")),
            "outcomes",
            # Consent is checked again on every read: someone may have withdrawn it since publication.
            Prefetch("photos", queryset=Photo.objects.filter(is_public=True).exclude(people__photo_consent=False)),
            Prefetch("follow_ups", queryset=Activity.objects.order_by("start_date")),
            Prefetch(
                "polls",
                queryset=Poll.objects.exclude(status=Poll.Status.DRAFT).prefetch_related(
                    Prefetch(
                        "entries",
                        # In the order entered: sorting by votes would show the live ranking of an open vote.
                        queryset=PollEntry.objects.select_related("organisation").annotate(votes=Count("ballots"))
                        .order_by("pk"),
                    )
                ),
            ),
            Prefetch(
                "materials",
                queryset=Material.objects.filter(programme_item__isnull=True, breakout__isnull=True),
                to_attr="own_materials",
            ),
        )
        .get(pk=pk)
    )
    days: OrderedDict = OrderedDict()
    for item in activity.programme.all():
        days.setdefault(item.day, []).append(item)
    participants = (
        Registration.objects.filter(activity=activity, status__in=(S.ATTENDED, S.CONFIRMED))
        .values("organisation__municipality")
        .annotate(people=Count("pk"))
    )
    counts = {row["organisation__municipality"]: row["people"] for row in participants}
    municipalities = list(
        Municipality.objects.filter(pk__in=[pk for pk in counts if pk]).order_by(in_language_order("name"))
    )
    for municipality in municipalities:
        municipality.participants = counts[municipality.pk]
    return {"activity": activity, "days": days, "participating_municipalities": municipalities}


def registration_list(activity: Activity, *, text: str = "", status: str = "", organisation=None) -> QuerySet:
    """The organiser's list: searchable, with person, organisation and position in one query."""
    registrations = Registration.objects.filter(activity=activity).select_related(
        "person", "organisation", "position", "breakout"
    )
    if status:
        registrations = registrations.filter(status=status)
    if organisation is not None:
        registrations = registrations.filter(organisation=organisation)
    for word in text.split():
        registrations = registrations.filter(
            Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
            | Q(organisation__name_lv__icontains=word) | Q(organisation__name_lt__icontains=word)
            | Q(organisation__name_en__icontains=word)
        )
    return registrations.order_by("created_at", "pk")


def registration_summary(activity: Activity) -> dict:
    """Counts per status and per organisation, for the organiser's pages (two queries)."""
    by_status = dict(
        Registration.objects.filter(activity=activity).values_list("status").annotate(n=Count("pk")).order_by()
    )
    # filter() before annotate() on the same relation: the counts cover this activity only.
    per_organisation = list(
        Organisation.objects.filter(registrations__activity=activity)
        .annotate(
            registered=Count("registrations", filter=~Q(registrations__status=S.CANCELLED)),
            seated=Count("registrations", filter=Q(registrations__status__in=Registration.SEATED)),
            attended=Count("registrations", filter=Q(registrations__status=S.ATTENDED)),
            waiting=Count("registrations", filter=Q(registrations__status=S.WAITLISTED)),
        )
        .order_by(in_language_order("name"), "pk")
    )
    return {"by_status": by_status, "per_organisation": per_organisation}


def my_registrations(person) -> QuerySet:
    return (
        Registration.objects.filter(person=person)
        .select_related("activity__project", "organisation")
        .order_by("-activity__start_date", "pk")
    )
