"""Named reads for activity pages and the API; each costs a fixed number of queries."""

from collections import OrderedDict

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from kopa.core.dates import day_text, overlaps, within_year
from kopa.core.pages import EstimatingPaginator
from kopa.core.translated import in_language_order
from kopa.core.unions import union_of
from kopa.directory.models import Municipality, Organisation
from kopa.directory.naming import may_name
from kopa.topics.models import Topic
from kopa.topics.queries import descendant_ids

from .models import (
    Activity,
    Award,
    Breakout,
    Contributor,
    Headcount,
    Material,
    Participation,
    Photo,
    Poll,
    PollEntry,
    ProgrammeItem,
    Registration,
    Series,
    Session,
)
from .places import activity_countries, in_country

S = Registration.Status


SORTS = {
    "-date": ("-start_date", "-end_date", "pk"),
    "date": ("start_date", "end_date", "pk"),
}


def activity_list(*, kind: str = "", project=None, municipality=None, date_from=None, date_to=None,
                  text: str = "", topic=None, year: int | None = None, sort: str = "-date",
                  country: str = "") -> QuerySet:
    """Filtered and sorted by the dates' bounds; an activity of unknown date sorts last either way."""
    activities = Activity.objects.select_related("project", "series", "country", "of_programme")
    if country:
        activities = activities.filter(in_country(country)).distinct()
    if topic is not None:
        activities = activities.filter(topics__in=descendant_ids(topic)).distinct()
    if year:
        activities = activities.filter(within_year(year))
    if kind:
        # Its main kind, or one it also is (a committee meeting that was also a seminar).
        activities = activities.filter(Q(kind=kind) | Q(other_kinds__icontains=f'"{kind}"'))
    if project:
        activities = activities.filter(project=project)
    if municipality:
        # Hosted there, or attended by its staff.
        activities = activities.filter(
            Q(host_municipalities=municipality)
            | Q(pk__in=Registration.objects.filter(
                organisation__municipality=municipality, status__in=(S.ATTENDED, S.CONFIRMED)
            ).values("activity"))
            | Q(pk__in=Participation.objects.filter(municipality=municipality).values("activity"))
        ).distinct()
    if date_from or date_to:
        activities = activities.filter(overlaps("start_date", "end_date", date_from, date_to))
    for word in text.split():
        activities = activities.filter(
            Q(title_lv__icontains=word) | Q(title_lt__icontains=word) | Q(title_en__icontains=word)
        )
    first, *rest = SORTS.get(sort, SORTS["-date"])
    bound = F(first.lstrip("-"))
    ordering = bound.desc(nulls_last=True) if first.startswith("-") else bound.asc(nulls_last=True)
    return activities.prefetch_related(
        Prefetch("host_municipalities", queryset=Municipality.objects.order_by(in_language_order("name"))),
        Prefetch("topics", queryset=Topic.objects.order_by(in_language_order("name"))),
    ).order_by(ordering, *rest)


PHOTOS_SHOWN = 12


def photos_of(activity: Activity) -> QuerySet:
    """The activity's photos the public may see (`public_photos`), in the order they were added."""
    return public_photos(Photo.objects.filter(activity=activity)).order_by("pk")


def activity_page(pk: int, took_part_shown: int | None = None) -> dict:
    """Everything the public activity page shows, in a fixed number of queries. With `took_part_shown` the
    organisations and municipalities that took part are the first that many by name, with their totals
    (`bounded_took_part`), and the first PHOTOS_SHOWN photos with their number; without, all of them (the API, a
    drafted article)."""
    activities = (
        Activity.objects.select_related("project__programme", "announced_by", "working_group", "series", "country",
                                        "of_programme")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.select_related("host_municipality__country")
                     .prefetch_related("hosts")),
            # The naming rule reads the positions of a person an award went to.
            Prefetch("awards", queryset=Award.objects.select_related("person", "organisation", "poll_entry")
                     .prefetch_related("person__positions")),
            "organisers",
            Prefetch("hosts", queryset=Organisation.objects.select_related("country")),
            Prefetch("host_municipalities", queryset=Municipality.objects.select_related("country")),
            Prefetch("topics", queryset=Topic.objects.order_by(in_language_order("name"))),
            Prefetch("headcounts", queryset=Headcount.objects.select_related("organisation")),
            Prefetch(
                "programme",
                queryset=ProgrammeItem.objects.select_related("place").prefetch_related("materials"),
            ),
            Prefetch("breakouts", queryset=Breakout.objects.prefetch_related("materials")),
            # All of them in one query; sorted into items, groups and the whole activity below.
            Prefetch("contributors", queryset=contributors()),
            "outcomes",
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
    )
    if took_part_shown is None:  # the API and a drafted article: all the public photos
        activities = activities.prefetch_related(
            Prefetch("photos", queryset=public_photos(Photo.objects.order_by("pk"))))
    activity = activities.get(pk=pk)
    _sort_contributors(activity)
    days: OrderedDict = OrderedDict()
    stated: dict = {}  # "11 February (year not stated)": a day and month, no year
    undated = []  # "during the visit": the source does not say which day
    for item in activity.programme.all():
        if item.day is not None:
            days.setdefault(item.day, []).append(item)
        elif item.stated_month:
            stated.setdefault((item.stated_month, item.stated_day), []).append(item)
        else:
            undated.append(item)
    # The heading the day's items share (whether an item is provisional is said on the item).
    stated_days = [{"heading": day_text(ProgrammeItem(stated_day=d, stated_month=m)), "items": items}
                   for (m, d), items in sorted(stated.items())]
    # The page shows the first PHOTOS_SHOWN photos (all of them a page at a time); the API and a draft all of them.
    bounded = {} if took_part_shown is None else {"photos": list(photos_of(activity)[:PHOTOS_SHOWN]),
                                                   "photos_count": photos_of(activity).count()}
    return {"activity": activity, "days": days, "stated_days": stated_days, "undated_programme": undated,
            "countries": activity_countries(activity), **bounded,
            **(took_part(activity) if took_part_shown is None else bounded_took_part(activity, took_part_shown))}


def contributors() -> QuerySet:
    """Contributors with everything `contributor_text` reads, in one query."""
    return Contributor.objects.select_related(
        "position__person", "position__organisation", "person", "organisation"
    ).order_by("order", "pk")


def _read_positions_of_people(contributors: list) -> None:
    """The positions of everyone named, in one query: `may_name` asks the contact permission, which looks at the
    organisations a person works in now."""
    people = [c.position.person if c.position_id else c.person for c in contributors if c.position_id or c.person_id]
    prefetch_related_objects(people, "positions")


def _sort_contributors(activity: Activity) -> None:
    """Each programme item's and group's own contributors (`listed_contributors`), and the activity's
    (`own_contributors`: hosts, moderators, trainers, photographer, contact person …), from the one query."""
    by_item: dict[int, list] = {}
    by_breakout: dict[int, list] = {}
    activity.own_contributors = []
    _read_positions_of_people(list(activity.contributors.all()))
    for contributor in activity.contributors.all():
        if contributor.programme_item_id:
            by_item.setdefault(contributor.programme_item_id, []).append(contributor)
        elif contributor.breakout_id:
            by_breakout.setdefault(contributor.breakout_id, []).append(contributor)
        else:
            activity.own_contributors.append(contributor)
    for item in activity.programme.all():
        item.listed_contributors = by_item.get(item.pk, [])
    for breakout in activity.breakouts.all():
        breakout.listed_contributors = by_breakout.get(breakout.pk, [])


def award_person_name(award, viewer=None) -> str | None:
    """The name of the person an award went to, where the naming rule allows it (pages and API alike)."""
    if award.person_id is None or not may_name(award.person, viewer, activity=award.activity):
        return None
    return str(award.person)


def project_contributors(project) -> list:
    """People with a role in a whole project, with what the naming rule reads about them, in two queries."""
    rows = list(contributors().filter(project=project))
    _read_positions_of_people(rows)
    return rows


def contributors_of(activity: Activity) -> list:
    """The organiser's list: every contributor of the activity with where they belong, in two queries."""
    rows = list(contributors().filter(activity=activity).select_related("programme_item", "breakout",
                                                                        "marked_public_by"))
    for row in rows:
        row.activity = activity  # the naming rule asks about this activity for every row: read it once
    _read_positions_of_people(rows)
    return rows


# Photo consent: the one rule ------------------------------------------------------------------------------
# A photo is public when an organiser published it and no one shown in it refuses to be shown, i.e. everyone
# in it has `photo_consent`. Consent is checked again on every read: someone may have withdrawn it since.
# Pages, the photo view, article galleries, drafted articles and publish_photo all ask these three functions.


def public_photos(photos: QuerySet) -> QuerySet:
    """The photos of `photos` that may be shown to the public."""
    return photos.filter(is_public=True).exclude(people__photo_consent=False)


def people_refusing_photos(photo: Photo) -> list:
    """Those shown in the photo who do not agree to be shown (its people are read, or taken from a prefetch):
    while there is anyone, the photo stays private."""
    return [person for person in photo.people.all() if not person.photo_consent]


def photo_is_public(photo: Photo) -> bool:
    """The rule for one photo."""
    return photo.is_public and not people_refusing_photos(photo)


def took_part(activity: Activity) -> dict:
    """Organisations and municipalities that took part, from both sources: people registered by name (seated
    or attended) and participation recorded with no named people. Each row says which source it comes from.
    Four queries, whatever the numbers."""
    named = {
        row["organisation"]: row
        for row in Registration.objects.filter(activity=activity, status__in=(S.ATTENDED, S.CONFIRMED))
        .values("organisation", "organisation__municipality").annotate(people=Count("pk")).order_by()
    }
    recorded = list(Participation.objects.filter(activity=activity).select_related("country"))
    organisation_ids = set(named) | {p.organisation_id for p in recorded if p.organisation_id}
    organisations = list(
        Organisation.objects.filter(pk__in=organisation_ids).select_related("country")
        .order_by(in_language_order("name"), "pk")
    )
    by_organisation = {p.organisation_id: p for p in recorded if p.organisation_id}
    organisation_rows = [
        {"organisation": o, "named": named.get(o.pk, {}).get("people", 0), "recorded": by_organisation.get(o.pk)}
        for o in organisations
    ]
    people_per_municipality: dict[int, int] = {}
    for row in named.values():
        if row["organisation__municipality"]:
            key = row["organisation__municipality"]
            people_per_municipality[key] = people_per_municipality.get(key, 0) + row["people"]
    recorded_municipalities: dict[int, list] = {}
    for p in recorded:
        if p.municipality_id:
            recorded_municipalities.setdefault(p.municipality_id, []).append(p)
    municipalities = list(
        Municipality.objects.filter(pk__in=set(people_per_municipality) | set(recorded_municipalities))
        .order_by(in_language_order("name"), "pk")
    )
    for municipality in municipalities:
        municipality.participants = people_per_municipality.get(municipality.pk, 0)
        municipality.recorded = recorded_municipalities.get(municipality.pk, [])
    return {"participating_organisations": organisation_rows, "participating_municipalities": municipalities,
            "registered_count": sum(row["people"] for row in named.values())}


def _took_part_registrations(activity: Activity) -> QuerySet:
    return Registration.objects.filter(activity=activity, status__in=(S.ATTENDED, S.CONFIRMED))


def _organisation_ids(activity: Activity) -> QuerySet:
    return union_of(_took_part_registrations(activity).filter(organisation__isnull=False).values("organisation"),
                    Participation.objects.filter(activity=activity, organisation__isnull=False).values("organisation"))


def _municipality_ids(activity: Activity) -> QuerySet:
    # Each ground an index lookup, not a scan of 90,000 municipalities.
    return union_of(_took_part_registrations(activity).filter(organisation__municipality__isnull=False)
                    .values("organisation__municipality"),
                    Participation.objects.filter(activity=activity, municipality__isnull=False).values("municipality"))


def participating_organisations(activity: Activity) -> QuerySet:
    """The organisations that took part (as `took_part`), by name, for one page of them at a time. Each one is
    asked whether it took part (EXISTS), so PostgreSQL walks the index by name and stops at the page, instead of
    sorting all of them (4,800 of a conference) for each page of 20."""
    named = _took_part_registrations(activity).filter(organisation=OuterRef("pk"))
    recorded = Participation.objects.filter(activity=activity, organisation=OuterRef("pk"))
    return Organisation.objects.filter(Q(Exists(named)) | Q(Exists(recorded))).select_related("country").order_by(
        in_language_order("name"), "pk")


def participating_municipalities(activity: Activity) -> QuerySet:
    """The municipalities that took part (as `took_part`), by name, for one page of them at a time (as above)."""
    named = _took_part_registrations(activity).filter(organisation__municipality=OuterRef("pk"))
    recorded = Participation.objects.filter(activity=activity, municipality=OuterRef("pk"))
    return Municipality.objects.filter(Q(Exists(named)) | Q(Exists(recorded))).order_by(
        in_language_order("name"), "pk")


def participating_count(activity: Activity, which: str) -> int:
    """How many organisations or municipalities took part, counted on their ids alone: joined to the
    organisations, PostgreSQL hashed all 90,000 of them to count 4,800."""
    return (_organisation_ids if which == "organisations" else _municipality_ids)(activity).count()


def organisation_rows(activity: Activity, organisations) -> list[dict]:
    """Rows as `took_part` gives them, for these organisations only (two queries)."""
    organisations = list(organisations)
    ids = [o.pk for o in organisations]
    named = dict(_took_part_registrations(activity).filter(organisation__in=ids).values_list("organisation")
                 .annotate(n=Count("pk")).order_by())
    recorded = {p.organisation_id: p for p in Participation.objects.filter(activity=activity, organisation__in=ids)
                .select_related("country")}
    return [{"organisation": o, "named": named.get(o.pk, 0), "recorded": recorded.get(o.pk)} for o in organisations]


def municipality_rows(activity: Activity, municipalities) -> list:
    """These municipalities with `participants` and `recorded` as `took_part` sets them (two queries)."""
    municipalities = list(municipalities)
    ids = [m.pk for m in municipalities]
    people = dict(_took_part_registrations(activity).filter(organisation__municipality__in=ids)
                  .values_list("organisation__municipality").annotate(n=Count("pk")).order_by())
    recorded: dict[int, list] = {}
    for p in Participation.objects.filter(activity=activity, municipality__in=ids).select_related("country"):
        recorded.setdefault(p.municipality_id, []).append(p)
    for municipality in municipalities:
        municipality.participants = people.get(municipality.pk, 0)
        municipality.recorded = recorded.get(municipality.pk, [])
    return municipalities


def bounded_took_part(activity: Activity, shown: int) -> dict:
    """`took_part` for a page that shows the first `shown` of each list and links to the rest: nine queries,
    whatever the numbers (a big activity had 9,000 municipalities take part)."""
    organisations = participating_organisations(activity)
    municipalities = participating_municipalities(activity)
    return {
        "participating_organisations": organisation_rows(activity, organisations[:shown]),
        "participating_organisations_count": participating_count(activity, "organisations"),
        "participating_municipalities": municipality_rows(activity, municipalities[:shown]),
        "participating_municipalities_count": participating_count(activity, "municipalities"),
        "registered_count": _took_part_registrations(activity).count(),
    }


def registration_list(activity: Activity, *, text: str = "", status: str = "", organisation=None) -> QuerySet:
    """The organiser's list: searchable, with person, organisation and position in one query."""
    registrations = Registration.objects.filter(activity=activity).select_related(
        "activity", "person", "organisation", "position", "breakout", "session"  # activity, session: rules of time
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


def registration_summary(activity: Activity, page=None, per_page: int = 20) -> dict:
    """Counts per status and per organisation, for the organiser's pages (three queries). With `page` (a page
    number, as given) the organisations are one page of `per_page` (`organisations_page`; one more query to
    count them): an activity with registrations from 9,000 organisations is otherwise one table of all of them."""
    by_status = dict(
        Registration.objects.filter(activity=activity).values_list("status").annotate(n=Count("pk")).order_by()
    )
    # In two steps: the organisations of one page, by name, then their counts. Grouped over the join and sorted,
    # every organisation's counts were made before the page of twenty was cut (bench/scale_bench.py).
    # Each organisation asked whether it registered anyone (EXISTS): PostgreSQL walks the index by name to the page;
    # the page count on the registrations' organisation ids alone (their index by activity and organisation).
    registered_at = Registration.objects.filter(activity=activity)
    per_organisation = Organisation.objects.filter(Exists(registered_at.filter(organisation=OuterRef("pk")))).order_by(
        in_language_order("name"), "pk")
    if page is not None:
        organisations_page = EstimatingPaginator(
            per_organisation, per_page,
            counted_by=lambda: registered_at.order_by().values("organisation_id").distinct().count()).get_page(page)
        rows = list(organisations_page)
        _with_counts(rows, registered_at)
        organisations_page.object_list = rows
        return {"by_status": by_status, "per_organisation": rows, "organisations_page": organisations_page}
    rows = list(per_organisation)
    _with_counts(rows, registered_at)
    return {"by_status": by_status, "per_organisation": rows}


def _with_counts(organisations: list, registrations: QuerySet) -> None:
    """Each organisation's registered (not cancelled), seated, attended and waiting, in one grouped query."""
    counts = {
        row["organisation_id"]: row for row in registrations.filter(organisation__in=[o.pk for o in organisations])
        .values("organisation_id").annotate(
            registered=Count("pk", filter=~Q(status=S.CANCELLED)),
            seated=Count("pk", filter=Q(status__in=Registration.SEATED)),
            attended=Count("pk", filter=Q(status=S.ATTENDED)),
            waiting=Count("pk", filter=Q(status=S.WAITLISTED)),
        ).order_by()
    } if organisations else {}
    for organisation in organisations:
        for name in ("registered", "seated", "attended", "waiting"):
            setattr(organisation, name, counts.get(organisation.pk, {}).get(name, 0))


def my_registrations(person) -> QuerySet:
    return (
        Registration.objects.filter(person=person)
        .select_related("activity__project", "organisation", "session")  # session: when its certificate is ready
        .order_by("-activity__start_date", "pk")
    )


def series_page(series: Series) -> list[dict]:
    """Numbered activities in their order with gaps (1..the largest number or the planned count), then the
    activities of the series that carry no number, by date. Two queries."""
    activities = list(series.activities.select_related("project").order_by("series_number", "start_date", "pk"))
    numbered = {a.series_number: a for a in activities if a.series_number}
    last = max([*numbered, series.planned_count or 0], default=0)
    rows = [{"number": n, "activity": numbered.get(n)} for n in range(1, last + 1)]
    rows += [{"number": None, "activity": a} for a in activities if not a.series_number]
    return rows


def series_list(*, topic=None, kind: str = "", text: str = "") -> QuerySet:
    """Series as the list shows them: a topic finds a series on it or on a narrower topic, by its own topics or
    by those of its activities."""
    series = Series.objects.select_related("project", "organiser")
    if topic is not None:
        ids = descendant_ids(topic)
        series = series.filter(Q(topics__in=ids) | Q(activities__topics__in=ids)).distinct()
    if kind:
        series = series.filter(kind=kind)
    if text:
        series = series.filter(Q(name_lv__icontains=text) | Q(name_lt__icontains=text) | Q(name_en__icontains=text))
    return series.order_by(in_language_order("name"), "pk")
