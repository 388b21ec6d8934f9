"""The signed-in user's "My work": one named read per role, each at a fixed number of queries.

Who sees what is not decided here: a coordinator's activities are those `activities.permissions.organises`
allows (their projects, their organisations' activities, and those they recorded while they coordinate
something), their projects those `coordinated_project_ids` names plus the projects their organisations are
partners in. Administrators get the same "my work" as anyone else — their roles and what they recorded — and
not the whole site: a to-do list of every activity ever recorded would list nobody's work, and the site-wide
views (awaiting review, compliance, back office) already exist for them.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids
from kopa.activities.models import Activity, Registration
from kopa.activities.permissions import organised_by
from kopa.activities.queries import my_registrations
from kopa.activities.status import (
    certificate_ready,
    not_over,
    shown_as_held,
    shown_status,
    shown_status_label,
)
from kopa.core.subqueries import count_of
from kopa.core.unions import any_of
from kopa.projects.indicators import achieved_values
from kopa.projects.models import OutputIndicator, Partnership, Project
from kopa.publications import compliance
from kopa.publications.models import Article
from kopa.surveys.answering import open_now
from kopa.surveys.models import Invitation, Questionnaire, Response
from kopa.surveys.services import is_open

S = Registration.Status
# A seat offer is "about to expire" when fewer hours than this are left to take it up.
EXPIRING_WITHIN = timedelta(hours=24)
DRAFTABLE = (Activity.Status.HELD, Activity.Status.CLOSED)
RECENT_PAST = 10  # held activities listed under "my activities" after the coming ones
# The coming activities and a participant's registrations shown here; the rest are a link away (my activities).
COMING_SHOWN = 20
REGISTRATIONS_SHOWN = 10


def is_coordinator(user) -> bool:
    return bool(coordinated_project_ids(user) or coordinated_organisation_ids(user))


def articles_in_review(user) -> QuerySet:
    """Articles waiting for review of the activities the user organises and the projects they coordinate, the
    last changed first (on My work the first few, on a page of their own all of them)."""
    projects = coordinated_project_ids(user)
    return Article.objects.filter(
        any_of(Article.objects.filter(activity__in=_my_activities(user)).values("pk"),
               Article.objects.filter(project_id__in=projects).values("pk") if projects else None),
        status=Article.Status.IN_REVIEW,
    ).select_related("activity", "project").order_by("-updated_at", "pk")


def _my_activities(user):
    """The activities the user organises (activities.permissions.organised_by: the rule of `organises`)."""
    return Activity.objects.filter(pk__in=Activity.objects.filter(organised_by(user)).values("pk"))


def my_projects(user):
    """The projects of "my work": those the user coordinates and those their organisations are partners in."""
    projects, organisations = coordinated_project_ids(user), coordinated_organisation_ids(user)
    partner_of = Partnership.objects.filter(organisation_id__in=organisations).values("project_id")
    return (Project.objects.filter(any_of(Project.objects.filter(pk__in=projects).values("pk") if projects else None,
                                          partner_of)).select_related("programme").order_by("-start_date", "pk"))


def expected_by_now(indicator, project, today) -> Decimal | None:
    """The share of the target due by today if it is reached evenly over the project's period."""
    if not (project.start_date and project.end_date) or project.end_date <= project.start_date:
        return None
    elapsed = min(max((today - project.start_date).days, 0), (project.end_date - project.start_date).days)
    return indicator.target * Decimal(elapsed) / Decimal((project.end_date - project.start_date).days)


# Each to-do list and "my activities" show this many; the rest are on the list's own page (workspace:activities).
TODO_SHOWN = 10


def activity_lists(user, now=None) -> dict:
    """A coordinator's activities as "my work" lists them, each a queryset in its order (not yet annotated):
    the coming ones (next first, undated last), the past ones (latest first), and the to-dos — seat offers about
    to expire, registrations to confirm (while registration runs, also past its deadline: latecomers), activities
    held but not closed, held or closed ones with no article (an article is drafted from one recorded as held
    or closed: one whose days are past but still reads "open" is closed first, and then it is listed there).
    `shown_status`'s own conditions as filters (activities.status), so each list is read only as far as it is shown."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    mine = _my_activities(user)
    coming = not_over(today)
    pending = Registration.objects.filter(activity=OuterRef("pk"), status=S.PENDING)
    next_first = (F("start_date").asc(nulls_last=True), "pk")
    latest_first = (F("end_date").desc(nulls_last=True), "-pk")
    still_open = mine.filter(coming, status__in=(Activity.Status.PLANNED, Activity.Status.OPEN))
    return {
        "coming": mine.filter(coming).order_by(*next_first),
        "past": mine.filter(end_date__lt=today).order_by(*latest_first),
        "expiring": still_open.filter(Exists(pending.filter(
            offer_expires_at__gt=now, offer_expires_at__lte=now + EXPIRING_WITHIN))).order_by(*next_first),
        "to_confirm": still_open.filter(Exists(pending)).order_by(*next_first),
        "not_closed": mine.filter(shown_as_held(today)).order_by(*latest_first),
        "no_article": mine.filter(status__in=DRAFTABLE).exclude(
            Exists(Article.objects.filter(activity=OuterRef("pk")))).order_by(*latest_first),
    }


def with_seats(activities, now=None) -> list:
    """The activities (a short list: a page of them) with their seats taken, waiting list, open offers and status
    shown, in the same order."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    ids = [a.pk for a in activities]
    pending = Q(registrations__status=S.PENDING)
    open_offer = pending & Q(registrations__offer_expires_at__gt=now)
    read = Activity.objects.filter(pk__in=ids).select_related("project").annotate(
        seated=Count("registrations", filter=Q(registrations__status__in=Registration.SEATED)),
        waiting=Count("registrations", filter=Q(registrations__status=S.WAITLISTED)),
        offers=Count("registrations", filter=open_offer),
        to_confirm=Count("registrations", filter=pending),
        expiring=Count("registrations", filter=open_offer & Q(
            registrations__offer_expires_at__lte=now + EXPIRING_WITHIN)),
        next_offer_deadline=Min("registrations__offer_expires_at", filter=open_offer),
    ).order_by()
    by_pk = {a.pk: a for a in read} if ids else {}
    rows = [by_pk[pk] for pk in ids if pk in by_pk]
    for activity in rows:
        activity.shown_status = shown_status(activity, today, now)
        activity.status_label = shown_status_label(activity, today)
        activity.fill_rate = activity.seated / activity.capacity if activity.capacity else None
    return rows


def coordinator_dashboard(user, now=None) -> dict:
    """Projects, activities and things to do of a coordinator: each list bounded (TODO_SHOWN, COMING_SHOWN …) with
    its count, at a fixed number of queries, plus the indicators' own measure (kopa.activities.indicators, a few
    queries per running project that has indicators)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    lists = activity_lists(user, now)
    shown = {"coming": COMING_SHOWN, "past": RECENT_PAST}
    heads = {name: list(queryset[:shown.get(name, TODO_SHOWN)]) for name, queryset in lists.items()}
    counts = _my_activities(user).aggregate(**{  # all the lists' lengths in one query
        name: Count("pk", filter=Q(pk__in=queryset.order_by().values("pk"))) for name, queryset in lists.items()})
    seen = {}
    for rows in heads.values():
        seen.update((a.pk, a) for a in rows)
    annotated = {a.pk: a for a in with_seats(list(seen.values()), now)}
    lists = {name: [annotated[a.pk] for a in rows] for name, rows in heads.items()}

    projects = coordinated_project_ids(user)
    in_review = articles_in_review(user)
    # Its own scope for an administrator too: the site-wide report has a page of its own.
    lacking_count = (compliance.articles_lacking(user, whole_site=False).count()
                     + compliance.materials_lacking(user, whole_site=False).count())

    surveys = (
        Questionnaire.objects.filter(
            any_of(Questionnaire.objects.filter(activity__in=_my_activities(user)).values("pk"),
                   Questionnaire.objects.filter(project_id__in=projects).values("pk") if projects else None),
            open_now(now),
        )
        .select_related("project", "activity")
        # Counted each in a subquery: counted over one join of invitations and responses they multiply.
        .annotate(invited=count_of(Invitation, questionnaire=OuterRef("pk")),
                  answered=count_of(Invitation, questionnaire=OuterRef("pk"), answered_at__isnull=False),
                  responses_count=count_of(Response, questionnaire=OuterRef("pk")))
        .order_by("closes_at", "pk")
    )
    running = list(surveys[:TODO_SHOWN])
    for questionnaire in running:
        questionnaire.response_rate = questionnaire.answered / questionnaire.invited if questionnaire.invited else None

    mine = my_projects(user)
    projects_shown = list(mine[:TODO_SHOWN])
    behind = _indicators_behind(list(Project.objects.filter(pk__in=projects).order_by("-start_date", "pk")), today)

    return {
        "projects": projects_shown,
        "projects_count": mine.count(),
        "coming": lists["coming"],
        "coming_count": counts["coming"],
        "past": lists["past"],
        "past_count": counts["past"],
        **{name: lists[name] for name in ("to_confirm", "expiring", "not_closed", "no_article")},
        **{f"{name}_count": counts[name] for name in ("to_confirm", "expiring", "not_closed", "no_article")},
        "in_review": list(in_review[:TODO_SHOWN]),
        "in_review_count": in_review.count(),
        "compliance_count": lacking_count,
        "surveys": running,
        "surveys_count": surveys.count(),
        "indicators_behind": behind,
    }


def _indicators_behind(projects, today) -> list[dict]:
    """Indicators whose achieved value (the one rule of activities.indicators) trails an even pace."""
    running = [p for p in projects if p.start_date and p.end_date and p.start_date <= today]
    if not running:
        return []
    by_project = {}
    for indicator in OutputIndicator.objects.filter(project__in=running).order_by("project", "pk"):
        by_project.setdefault(indicator.project_id, []).append(indicator)
    rows = []
    for project in running:
        indicators = by_project.get(project.pk, [])
        if not indicators:
            continue
        achieved = achieved_values(project, indicators)
        for indicator in indicators:
            expected = expected_by_now(indicator, project, today)
            value = achieved.get(indicator.pk)
            if expected is not None and value is not None and value < expected:
                rows.append({"project": project, "indicator": indicator, "achieved": value,
                             "expected": expected.quantize(Decimal("1")), "target": indicator.target})
    return rows


def participant_dashboard(person, now=None) -> dict:
    """A participant's activities (coming first), certificates and the surveys waiting for their answer."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    registrations = [r for r in my_registrations(person) if r.status != S.CANCELLED]
    coming = sorted((r for r in registrations if r.activity.end_date is None or r.activity.end_date >= today),
                    key=lambda r: (r.activity.start_date or today, r.pk))
    past = [r for r in registrations if r not in coming]
    invitations = [i for i in Invitation.objects.filter(person=person, answered_at__isnull=True)
                   .select_related("questionnaire").order_by("questionnaire__closes_at", "pk")
                   if is_open(i.questionnaire, now)]
    invited = {i.questionnaire_id for i in invitations}
    # Surveys with an open link on the activities the person took part in (feedback after a visit).
    open_surveys = [q for q in Questionnaire.objects.filter(
        open_link=True, activity_id__in=[r.activity_id for r in registrations]).order_by("closes_at", "pk")
        if is_open(q, now) and q.pk not in invited]
    return {
        "coming": coming[:REGISTRATIONS_SHOWN],
        "past": past[:REGISTRATIONS_SHOWN],
        "registrations_count": len(registrations),
        "registrations_hidden": len(coming) > REGISTRATIONS_SHOWN or len(past) > REGISTRATIONS_SHOWN,
        "certificates": [r for r in registrations if certificate_ready(r, today)],
        "invitations": invitations,
        "open_surveys": open_surveys,
    }
