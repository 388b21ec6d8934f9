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

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids
from kopa.activities.models import Activity, Registration
from kopa.activities.permissions import organised_by
from kopa.activities.queries import my_registrations
from kopa.activities.status import certificate_ready, shown_status, shown_status_label
from kopa.projects.indicators import achieved_values
from kopa.projects.models import OutputIndicator, Partnership, Project
from kopa.publications import compliance
from kopa.publications.models import Article
from kopa.surveys.models import Invitation, Questionnaire
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


def _my_activities(user):
    """The activities the user organises (activities.permissions.organised_by: the rule of `organises`)."""
    return Activity.objects.filter(pk__in=Activity.objects.filter(organised_by(user)).values("pk"))


def _my_projects(user):
    projects, organisations = coordinated_project_ids(user), coordinated_organisation_ids(user)
    partner_of = Partnership.objects.filter(organisation_id__in=organisations).values("project_id")
    return Project.objects.filter(Q(pk__in=projects) | Q(pk__in=partner_of))


def expected_by_now(indicator, project, today) -> Decimal | None:
    """The share of the target due by today if it is reached evenly over the project's period."""
    if not (project.start_date and project.end_date) or project.end_date <= project.start_date:
        return None
    elapsed = min(max((today - project.start_date).days, 0), (project.end_date - project.start_date).days)
    return indicator.target * Decimal(elapsed) / Decimal((project.end_date - project.start_date).days)


def coordinator_dashboard(user, now=None) -> dict:
    """Projects, activities and things to do of a coordinator. Fixed queries, plus the indicators' own
    measure (kopa.activities.indicators, a few queries per running project that has indicators)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    pending = Q(registrations__status=S.PENDING)
    activities = list(
        _my_activities(user).select_related("project")
        .annotate(
            seated=Count("registrations", filter=Q(registrations__status__in=Registration.SEATED)),
            waiting=Count("registrations", filter=Q(registrations__status=S.WAITLISTED)),
            offers=Count("registrations", filter=pending & Q(registrations__offer_expires_at__gt=now)),
            to_confirm=Count("registrations", filter=pending),
            expiring=Count("registrations", filter=pending & Q(
                registrations__offer_expires_at__gt=now, registrations__offer_expires_at__lte=now + EXPIRING_WITHIN)),
            next_offer_deadline=Min("registrations__offer_expires_at",
                                    filter=pending & Q(registrations__offer_expires_at__gt=now)),
            has_article=Exists(Article.objects.filter(activity=OuterRef("pk"))),
        )
        .order_by()
    )
    for activity in activities:
        activity.shown_status = shown_status(activity, today, now)
        activity.status_label = shown_status_label(activity, today)
        activity.fill_rate = activity.seated / activity.capacity if activity.capacity else None
    # Next first; an activity with no date yet comes after the dated ones.
    coming = sorted((a for a in activities if a.end_date is None or a.end_date >= today),
                    key=lambda a: (a.start_date is None, a.start_date or today, a.pk))
    past = sorted((a for a in activities if a.end_date is not None and a.end_date < today),
                  key=lambda a: (a.end_date, a.pk), reverse=True)
    # Seats are still offered and confirmed while registration runs, also past its deadline (latecomers).
    still_open = [a for a in coming if a.status in (Activity.Status.PLANNED, Activity.Status.OPEN)
                  and a.shown_status != Activity.Status.HELD]
    held = [a for a in activities if a.shown_status in (Activity.Status.HELD, Activity.Status.CLOSED)]

    activity_ids = [a.pk for a in activities]
    in_review = list(Article.objects.filter(
        Q(activity_id__in=activity_ids) | Q(project_id__in=coordinated_project_ids(user)),
        status=Article.Status.IN_REVIEW,
    ).select_related("activity", "project").order_by("-updated_at", "pk"))

    report = compliance.report(user)
    if user.is_superuser:  # the report gives administrators the whole site; here only their own work counts
        report = {
            "articles": [row for row in report["articles"] if row["article"].activity_id in activity_ids
                         or row["project"].pk in coordinated_project_ids(user)],
            "materials": [m for m in report["materials"] if m.activity_id in activity_ids],
        }

    surveys = list(
        Questionnaire.objects.filter(
            Q(activity_id__in=activity_ids) | Q(project_id__in=coordinated_project_ids(user)),
            status=Questionnaire.Status.PUBLISHED,
        ).select_related("project", "activity")
        .annotate(invited=Count("invitations", distinct=True),
                  answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True),
                  responses_count=Count("responses", distinct=True))
        .order_by("closes_at", "pk")
    )
    running = [q for q in surveys if is_open(q, now)]
    for questionnaire in running:
        questionnaire.response_rate = questionnaire.answered / questionnaire.invited if questionnaire.invited else None

    projects = list(_my_projects(user).select_related("programme").order_by("-start_date", "pk"))
    behind = _indicators_behind([p for p in projects if p.pk in coordinated_project_ids(user)], today)

    return {
        "projects": projects,
        "coming": coming[:COMING_SHOWN],
        "coming_count": len(coming),
        "past": past[:RECENT_PAST],
        "to_confirm": [a for a in still_open if a.to_confirm],
        "expiring": [a for a in still_open if a.expiring],
        "not_closed": [a for a in held if a.shown_status == Activity.Status.HELD],
        # An article is drafted from an activity recorded as held or closed (publications.services): one whose days
        # are past but still reads "open" is closed first (listed above), and then it is listed here.
        "no_article": [a for a in held if not a.has_article and a.status in DRAFTABLE],
        "in_review": in_review,
        "compliance": report,
        "compliance_count": len(report["articles"]) + len(report["materials"]),
        "surveys": running,
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
