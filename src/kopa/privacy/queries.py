"""Named reads: everything Kopā holds about one person, and which projects' participants have outlived retention."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from kopa.activities.models import Award, Contributor, Photo, Registration
from kopa.activities.status import certificate_ready
from kopa.directory.models import Person
from kopa.messaging.models import Message
from kopa.projects.models import Project
from kopa.surveys.models import Invitation, Response

from .models import Consent


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(person) -> dict:
    """What Kopā holds about the person, as plain values (the JSON export is this dict, the page renders it)."""
    user = person.user
    registrations = (Registration.objects.filter(person=person)
                     .select_related("activity", "organisation", "position", "breakout", "session")
                     .order_by("created_at", "pk"))
    responses = (Response.objects.filter(person=person, questionnaire__anonymous=False)
                 .select_related("questionnaire", "organisation").prefetch_related("answers__question",
                                                                                   "answers__choice"))
    messages = Message.objects.filter(Q(person=person) | Q(user=user) if user else Q(person=person))
    return {
        "person": {
            "number": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "language": person.language,
            "photo_consent": person.photo_consent,
            "publication_consent": person.publication_consent,
            "mail_opt_out": person.mail_opt_out,
            "erased_at": _when(person.erased_at),
        },
        "account": None if user is None else {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "roles": [{"role": r.get_role_display(), "project": str(r.project) if r.project_id else None,
                   "organisation": str(r.organisation) if r.organisation_id else None}
                  for r in (user.roles.select_related("project", "organisation") if user else [])],
        "positions": [{"organisation": str(p.organisation), "department": str(p.department or "") or None,
                       "title": p.title, "from": _when(p.start_date), "until": _when(p.end_date)}
                      for p in person.positions.select_related("organisation", "department")],
        "registrations": [{
            "activity": str(r.activity),
            "activity_dates": [_when(r.activity.start_date), _when(r.activity.end_date)],
            "session": str(r.session) if r.session_id else None,
            "breakout": str(r.breakout) if r.breakout_id else None,
            "organisation": str(r.organisation),
            "position": r.position.title if r.position_id else None,
            "status": r.get_status_display(),
            "registered": _when(r.created_at),
            "attended": r.status == Registration.Status.ATTENDED,
            "checked_in": _when(r.checked_in_at),
            "certificate": reverse("activities:certificate", args=[r.activity_id, r.pk])
            if certificate_ready(r) else None,
        } for r in registrations],
        "contributions": [{"activity": str(c.activity), "role": c.get_role_display()}
                          for c in Contributor.objects.filter(Q(person=person) | Q(position__person=person))
                          .select_related("activity")],
        "awards": [{"award": a.title, "activity": str(a.activity)}
                   for a in Award.objects.filter(person=person).select_related("activity")],
        "working_groups": [str(g) for g in person.working_groups.all()],
        "survey_invitations": [{"questionnaire": str(i.questionnaire), "sent": _when(i.sent_at),
                                "answered": _when(i.answered_at)}
                               for i in Invitation.objects.filter(person=person).select_related("questionnaire")],
        # Anonymous answers carry no link to the person, so only those of identified surveys can be given back.
        "survey_answers": [{
            "questionnaire": str(r.questionnaire),
            "submitted": _when(r.submitted_at),
            "organisation": str(r.organisation) if r.organisation_id else None,
            "answers": [{"question": a.question.text,
                         "answer": a.choice.label if a.choice_id else (a.text or (str(a.number) if a.number is not
                                                                                   None else str(a.rank or "")))}
                        for a in r.answers.all()],
        } for r in responses],
        "photos": [{"activity": str(p.activity), "caption": p.caption, "public": p.is_public,
                    "image": p.image.url if p.image else None}
                   for p in Photo.objects.filter(people=person).select_related("activity")],
        "consents": [{"kind": c.get_kind_display(), "given": c.given, "at": _when(c.at), "how": c.get_how_display(),
                      "by": c.by.get_username() if c.by_id else None}
                     for c in Consent.objects.filter(person=person).select_related("by")],
        "messages": [{"created": _when(m.created_at), "kind": m.kind, "to": m.to_address, "subject": m.subject,
                      "state": m.get_state_display(), "sent": _when(m.sent_at), "text": m.body_text}
                     for m in messages.order_by("created_at", "pk")],
    }


# --- Retention ---------------------------------------------------------------------------------------------


def retention_years(project) -> int:
    years = project.programme.retention_years if project.programme_id else None
    return settings.KOPA_RETENTION_YEARS if years is None else years


def retention_end(project) -> date | None:
    """The last day its participants' data is kept; None while the project has no end date (kept)."""
    if project.end_date is None:
        return None
    end, years = project.end_date, retention_years(project)
    try:
        return end.replace(year=end.year + years)
    except ValueError:  # 29 February
        return end.replace(year=end.year + years, day=28)


def _projects_with_participants():
    return (Project.objects.filter(activities__registrations__isnull=False).distinct()
            .select_related("programme"))


def expired_projects(today: date) -> list:
    return [p for p in _projects_with_participants() if (end := retention_end(p)) is not None and end < today]


def next_to_expire(today: date, count: int = 5) -> list[tuple]:
    """The next projects whose participants' data will be erased, and on which day."""
    coming = [(retention_end(p), p) for p in _projects_with_participants()]
    coming = sorted(((end, p) for end, p in coming if end is not None and end >= today),
                    key=lambda row: (row[0], row[1].pk))
    return [(p, end + timedelta(days=1)) for end, p in coming[:count]]


def people_to_erase(today: date, expired: list | None = None):
    """Participants of expired projects, unless they still count for another: a person with any registration
    outside an expired project (a project within retention, with no end date, an activity of no project) is kept.
    Staff, people with roles and presenters are kept: they are not participants, and what names a presenter is
    the record of the activity."""
    expired_ids = [p.pk for p in (expired_projects(today) if expired is None else expired)]
    elsewhere = Registration.objects.filter(person=OuterRef("pk")).filter(
        Q(activity__project__isnull=True) | ~Q(activity__project_id__in=expired_ids))
    return (Person.objects.filter(erased_at__isnull=True, registrations__activity__project_id__in=expired_ids)
            .exclude(Exists(elsewhere))
            .exclude(user__is_staff=True).exclude(user__is_superuser=True).exclude(user__roles__isnull=False)
            .exclude(contributions__isnull=False).exclude(positions__contributions__isnull=False)
            .distinct().order_by("pk"))

