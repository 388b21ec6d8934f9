"""What organisers are told (kopa.messaging): a daily digest of new registrations, seat offers about to expire
unanswered, an article sent for review, a survey's response rate by organisation and an event log analysed or
failed; and the survey closing notice to those invited who have not answered.

Who is told is always decided by the permission that lets them act on it (`activities.manage_registrations`,
`publications.publish_article`, `surveys.view_results`, `lean.view_eventlog`): the role rows only narrow the
candidates, so a change to a permission changes who hears about it. Administrators (superusers) are not told
of everything; they hold no role on the object and see it all on the site anyway. Every scheduled function
takes `now` and keys its messages, so running it again sends nothing twice."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kopa.accounts.models import RoleAssignment
from kopa.core.links import site_url

from . import services as messaging
from .models import Message

Role = RoleAssignment.Role

DIGEST_LINES = 50  # a digest longer than this is not read; the registrations page has the rest
# A scheduler that stood still for days still reports what came meanwhile, but not a month of sign-ups.
DIGEST_LOOKBACK = timedelta(days=7)
OFFER_WARNING = timedelta(hours=6)
OFFERS_PER_MESSAGE = 6  # the offers told are written into the message's key, which holds 200 characters
CLOSING_NOTICE = timedelta(days=2)



def _allowed(candidates, permission: str, obj) -> list:
    """The active candidates the permission lets act on `obj`, in a stable order."""
    users = get_user_model().objects.filter(candidates, is_active=True).distinct().order_by("pk")
    return [user for user in users.select_related("person") if user.has_perm(permission, obj)]


def organisers_of(activity) -> list:
    """Users who may manage the activity's registrations: its project's coordinators, the coordinators of an
    organiser, and a coordinator who recorded it (activities.permissions.organises decides)."""
    candidates = Q(roles__role=Role.PARTNER_COORDINATOR, roles__organisation__in=activity.organisers.all())
    candidates |= Q(recorded_activities=activity)
    if activity.project_id:
        candidates |= Q(roles__role=Role.PROGRAMME_COORDINATOR, roles__project_id=activity.project_id)
    return _allowed(candidates, "activities.manage_registrations", activity)


def _activity_values(activity) -> dict:
    from kopa.activities.notices import activity_values

    return activity_values(activity)


def _more(lines: list[str], total: int) -> str:
    if total > len(lines):
        hidden = total - len(lines)
        lines = lines + [ngettext("… and %(count)d more", "… and %(count)d more", hidden) % {"count": hidden}]
    return "\n".join(lines)


# --- New registrations ---------------------------------------------------------------------------------------

def _registrant_line(registration) -> str:
    return f"- {registration.person} — {registration.organisation} — {registration.get_status_display()}"


def send_registration_digests(now) -> int:
    """Once a day per activity and organiser: who registered since the organiser's last digest (at first, within
    the last day). The key is activity, organiser and date, so a second run the same day sends nothing."""
    from kopa.activities.models import Activity, Registration

    today = timezone.localdate(now)
    first_since, oldest = now - timedelta(days=1), now - DIGEST_LOOKBACK
    activity_ids = Registration.objects.filter(created_at__gt=oldest, created_at__lte=now,
                                               sample=False).values_list("activity_id", flat=True).distinct()
    count = 0
    for activity in Activity.objects.filter(pk__in=list(activity_ids)).order_by("pk"):
        outbox = []
        for user in organisers_of(activity):
            key = f"new_registrations:{activity.pk}:{user.pk}:{today:%Y%m%d}"
            last = Message.objects.filter(kind="new_registrations", activity=activity, user=user).exclude(
                key=key).order_by("-created_at").values_list("created_at", flat=True).first()
            since = max(last, oldest) if last else first_since
            new = Registration.objects.filter(activity=activity, created_at__gt=since, created_at__lte=now,
                                              sample=False).select_related("person", "organisation")
            total = new.count()
            if not total:
                continue
            shown = list(new.order_by("created_at", "pk")[:DIGEST_LINES])

            def values(activity=activity, shown=shown, total=total):
                lines = [_registrant_line(r) for r in shown]  # the status in the organiser's language
                return _activity_values(activity) | {"count": total, "list": _more(lines, total)}

            outbox.append(messaging.build("new_registrations", user=user, activity=activity, key=key,
                                          context=values))
        with transaction.atomic():
            count += len(messaging.store(outbox))
    return count


# --- Seat offers expiring unanswered -------------------------------------------------------------------------

def _offer_mark(registration) -> str:
    return f"{registration.pk}@{registration.offer_expires_at:%Y%m%d%H%M%S}"


def _told_offers(user, activity) -> set[str]:
    """The offers already told to `user`: each message names its offers in its key (a renewed offer, with a new
    deadline, is a new one)."""
    keys = Message.objects.filter(kind="offers_expiring", activity=activity, user=user).values_list("key", flat=True)
    return {mark for key in keys for mark in key.rsplit(":", 1)[-1].split("+")}


def send_offer_warnings(now) -> int:
    """Organisers hear of seats offered from the waiting list that expire within six hours and are not yet
    accepted, each offer once (so they may still call the person)."""
    from kopa.activities.models import Activity, Registration

    due = Registration.objects.filter(status=Registration.Status.PENDING, offer_expires_at__gt=now,
                                      offer_expires_at__lte=now + OFFER_WARNING, sample=False)
    count = 0
    for activity in Activity.objects.filter(pk__in=list(due.values_list("activity_id", flat=True))).order_by("pk"):
        offers = list(due.filter(activity=activity).select_related("person", "organisation").order_by(
            "offer_expires_at", "pk"))
        outbox = []
        for user in organisers_of(activity):
            told = _told_offers(user, activity)
            untold = [r for r in offers if _offer_mark(r) not in told]
            for start in range(0, len(untold), OFFERS_PER_MESSAGE):
                chunk = untold[start:start + OFFERS_PER_MESSAGE]

                def values(activity=activity, chunk=chunk):
                    lines = [_("- %(person)s (%(organisation)s): until %(deadline)s") % {
                        "person": r.person, "organisation": r.organisation,
                        "deadline": date_format(timezone.localtime(r.offer_expires_at), "DATETIME_FORMAT")}
                        for r in chunk]
                    return _activity_values(activity) | {"count": len(chunk), "list": "\n".join(lines)}

                key = f"offers_expiring:{activity.pk}:{user.pk}:" + "+".join(_offer_mark(r) for r in chunk)
                outbox.append(messaging.build("offers_expiring", user=user, activity=activity, key=key,
                                              context=values))
        with transaction.atomic():
            count += len(messaging.store(outbox))
    return count


# --- An article sent for review ------------------------------------------------------------------------------

def article_sent_for_review(article, by=None) -> int:
    """Those who may publish the article are told (not the one who sent it). Called inside the service's
    transaction; an article about no project or activity only its author and the administrators may publish,
    so then the administrators are told."""
    candidates = Q(pk__in=[])
    if article.activity_id is not None:
        activity = article.activity
        candidates |= Q(roles__role=Role.PARTNER_COORDINATOR, roles__organisation__in=activity.organisers.all())
        candidates |= Q(recorded_activities=activity)
        if activity.project_id:
            candidates |= Q(roles__role=Role.PROGRAMME_COORDINATOR, roles__project_id=activity.project_id)
    if article.project_id is not None:
        candidates |= Q(roles__role=Role.PROGRAMME_COORDINATOR, roles__project_id=article.project_id)
    if article.activity_id is None and article.project_id is None:
        candidates = Q(is_superuser=True)
    readers = [u for u in _allowed(candidates, "publications.publish_article", article)
               if by is None or u.pk != by.pk]
    author = article.author or by
    author_name = (author.get_full_name() or author.get_username()) if author else (article.author_line or "—")
    outbox = [messaging.build("article_for_review", user=user, key="",
                              context=lambda: {"article": article.title, "author": author_name,
                                               "article_link": site_url(article.get_absolute_url())})
              for user in readers]
    return len(messaging.store(outbox))


# --- Surveys -------------------------------------------------------------------------------------------------

def _open_questionnaires(now):
    from kopa.surveys.models import Questionnaire

    return Questionnaire.objects.filter(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        status=Questionnaire.Status.PUBLISHED, sample=False, invitations__isnull=False).distinct().order_by("pk")


def runners_of(questionnaire) -> list:
    """Who runs the survey and reads its results (surveys.permissions.runs): the project's coordinators or the
    activity's organisers."""
    candidates = Q(pk__in=[])
    if questionnaire.project_id is not None:
        candidates |= Q(roles__role=Role.PROGRAMME_COORDINATOR, roles__project_id=questionnaire.project_id)
    if questionnaire.activity_id is not None:
        activity = questionnaire.activity
        candidates |= Q(roles__role=Role.PARTNER_COORDINATOR, roles__organisation__in=activity.organisers.all())
        candidates |= Q(recorded_activities=activity)
        if activity.project_id:
            candidates |= Q(roles__role=Role.PROGRAMME_COORDINATOR, roles__project_id=activity.project_id)
    return _allowed(candidates, "surveys.view_results", questionnaire)


def response_rates(questionnaire) -> list[tuple[str, int, int]]:
    """(organisation, invited, answered) for each organisation invited, the largest first."""
    rows = questionnaire.invitations.values("organisation__name").annotate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))).order_by(
        "-invited", "organisation__name")
    return [(row["organisation__name"], row["invited"], row["answered"]) for row in rows]


def _rate_lines(rates) -> str:
    lines = []
    for name, invited, answered in rates:
        lines.append(_("- %(organisation)s: %(answered)d of %(invited)d answered (%(percent)d %%)") % {
            "organisation": name or _("no organisation"), "answered": answered, "invited": invited,
            "percent": round(100 * answered / invited) if invited else 0})
    return "\n".join(lines)


def send_response_rates(now) -> int:
    """Once a week per open questionnaire with invitations, its runners get the response rate by organisation
    (the key is questionnaire, user and ISO week)."""
    year, week, _day = timezone.localdate(now).isocalendar()
    count = 0
    for questionnaire in _open_questionnaires(now).select_related("activity"):
        rates = response_rates(questionnaire)
        outbox = [messaging.build(
            "survey_response_rate", user=user, questionnaire=questionnaire,
            activity=questionnaire.activity, project=questionnaire.project,
            key=f"survey_response_rate:{questionnaire.pk}:{user.pk}:{year}W{week:02d}",
            context=lambda questionnaire=questionnaire, rates=rates: {
                "survey": questionnaire.title, "list": _rate_lines(rates),
                "survey_link": site_url(questionnaire.get_absolute_url())})
            for user in runners_of(questionnaire)]
        with transaction.atomic():
            count += len(messaging.store(outbox))
    return count


def send_closing_notices(now) -> int:
    """About two days before a questionnaire closes, those invited who have not answered are told, once each. Not
    essential mail: a person who asked for none is recorded as such, not written to."""
    count = 0
    for questionnaire in _open_questionnaires(now).filter(closes_at__lte=now + CLOSING_NOTICE).select_related(
            "activity", "project"):
        pending = questionnaire.invitations.filter(answered_at__isnull=True).select_related("person")

        def values(questionnaire=questionnaire, invitation=None):
            closes = date_format(timezone.localtime(questionnaire.closes_at), "DATE_FORMAT")
            link = site_url(reverse("surveys:answer", args=[invitation.token]))
            return {"survey": questionnaire.title, "survey_link": link, "closes": closes}

        outbox = [messaging.build(
            "survey_closing", person=invitation.person, questionnaire=questionnaire, activity=questionnaire.activity,
            project=questionnaire.project, key=f"survey_closing:{questionnaire.pk}:{invitation.person_id}",
            context=lambda invitation=invitation, questionnaire=questionnaire: values(questionnaire, invitation))
            for invitation in pending.order_by("pk")]
        with transaction.atomic():
            count += len(messaging.store(outbox))
    return count


# --- Event logs ----------------------------------------------------------------------------------------------

def lean_team_of(service) -> list:
    """The LEAN team that works on the service (lean.permissions decides): an event log records no uploader, so
    the team of the service's organisation, or of its municipality's administration, is told."""
    from kopa.directory.models import Organisation

    organisation = service.organisation
    at = Q(roles__organisation=organisation)
    if organisation.municipality_id is not None:
        at |= Q(roles__organisation__kind=Organisation.Kind.MUNICIPAL_ADMINISTRATION,
                roles__organisation__municipality_id=organisation.municipality_id)
    candidates = Q(roles__role=Role.LEAN_TEAM) & at
    return _allowed(candidates, "lean.view_eventlog", service)


def log_finished(log, reason: str = "") -> int:
    """The LEAN team hears that the log was analysed, or why it could not be (`reason`)."""
    if log.sample:
        return 0
    code = "log_failed" if reason else "log_analysed"
    outbox = [messaging.build(code, user=user, key=f"{code}:{log.pk}:{user.pk}",
                              context=lambda: {"log": log.name, "reason": reason,
                                               "log_link": site_url(reverse("lean:measurement", args=[log.pk]))})
              for user in lean_team_of(log.service)]
    with transaction.atomic():
        return len(messaging.store(outbox))
