"""Writes of the messaging app: queue a message (rendered now, in the recipient's language, from the
organiser's template or the default), save an organiser's template (placeholders checked), opt out of
non-essential mail. Messages are stored in the caller's transaction and handed to a worker once it commits."""

import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

from . import placeholders
from .kinds import KINDS
from .kinds import kind as kind_of
from .models import Message, MessageTemplate

LANGUAGES = [code for code, _name in settings.LANGUAGES]
_quiet = threading.local()


@contextmanager
def quiet():
    """Nothing is told to anyone while this runs: loading the demo's history (past visits) writes registrations
    that no real person should hear about."""
    before = getattr(_quiet, "on", False)
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = before


def _template(code: str, activity, project) -> MessageTemplate | None:
    if activity is not None:
        found = MessageTemplate.objects.filter(kind=code, activity=activity).first()
        if found is not None:
            return found
        project = project or activity.project
    if project is not None:
        return MessageTemplate.objects.filter(kind=code, project=project).first()
    return None


def _language(person, user) -> str:
    if person is not None and person.language:
        return person.language
    linked = getattr(user, "person", None) if user is not None else None
    return linked.language if linked is not None and linked.language else settings.LANGUAGE_CODE


def build(code: str, *, person=None, user=None, context: Callable[[], dict] | dict | None = None, activity=None,
          questionnaire=None, project=None, mailing=None, key: str = "", subject: str | None = None,
          body: str | None = None, attachments: Iterable[dict] = (), template="find") -> Message:
    """An unsaved message of this kind for one recipient. `context` gives the placeholders' values; called in
    the recipient's language, so dates and numbers read as they expect."""
    kind = kind_of(code)
    language = _language(person, user)
    template = _template(code, activity, project) if template == "find" else template
    with translation.override(language):
        values = (context() if callable(context) else dict(context or {}))
        name = str(person) if person is not None else (user.get_full_name() or user.get_username() if user else "")
        values.setdefault("name", name)
        subject_text = subject if subject is not None else (
            getattr(template, f"subject_{language}", "") if template else "") or str(kind.subject)
        body_text = body if body is not None else (
            getattr(template, f"body_{language}", "") if template else "") or str(kind.body)
        subject_text = placeholders.one_line(placeholders.fill(subject_text, values))[:300]
        body_text = placeholders.fill(body_text, values).strip() + "\n\n-- \n" + str(_("Kopā"))
    address = (person.email if person is not None else "") or (user.email if user is not None else "")
    state = Message.State.QUEUED
    if not address:
        state = Message.State.UNREACHABLE
    elif not kind.essential and person is not None and person.mail_opt_out:
        state = Message.State.OPTED_OUT
    return Message(
        kind=code, person=person, user=user, to_name=placeholders.one_line(name)[:200], to_address=address,
        language=language, subject=subject_text, body_text=body_text, essential=kind.essential,
        automatic=kind.automatic, state=state, activity=activity, questionnaire=questionnaire, mailing=mailing,
        key=key, attachments=list(attachments))


def store(messages: list[Message]) -> list[Message]:
    """Save messages not yet recorded (a key already used means: sent before, nothing again) and have a worker
    deliver the queued ones once the transaction commits."""
    if getattr(_quiet, "on", False):
        return []
    keys = [m.key for m in messages if m.key]
    taken = set(Message.objects.filter(key__in=keys).values_list("key", flat=True)) if keys else set()
    fresh, seen = [], set()
    for message in messages:
        if message.key and (message.key in taken or message.key in seen):
            continue
        seen.add(message.key)
        fresh.append(message)
    created = Message.objects.bulk_create(fresh, batch_size=500)
    queued = [m.pk for m in created if m.state == Message.State.QUEUED]
    if queued:
        from .tasks import enqueue_delivery

        transaction.on_commit(lambda: enqueue_delivery(queued))
    return created


def queue(code: str, **kwargs) -> Message | None:
    """One message; None when its key was used before (a scheduled run repeated)."""
    if getattr(_quiet, "on", False):
        return None
    created = store([build(code, **kwargs)])
    return created[0] if created else None


@transaction.atomic
def save_template(*, code: str, by=None, project=None, activity=None, subjects: dict[str, str],
                  bodies: dict[str, str]) -> MessageTemplate:
    """The organiser's wording of one kind of message; a placeholder the kind does not offer is refused."""
    if code not in KINDS or KINDS[code].for_organisers:
        raise DomainError(_("Unknown kind of message."), field="kind", code="invalid")
    if (project is None) == (activity is None):
        raise DomainError(_("A template belongs to a project or to an activity."), code="invalid")
    target = activity if activity is not None else project
    permission = "activities.change_activity" if activity is not None else "projects.change_project"
    if by is not None and not by.has_perm(permission, target):
        from kopa.core.errors import PermissionDenied

        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    allowed = KINDS[code].placeholders
    for language in LANGUAGES:
        placeholders.check(subjects.get(language, ""), allowed, field=f"subject_{language}")
        placeholders.check(bodies.get(language, ""), allowed, field=f"body_{language}")
    template, _created = MessageTemplate.objects.get_or_create(kind=code, project=project, activity=activity)
    for language in LANGUAGES:
        setattr(template, f"subject_{language}", placeholders.one_line(subjects.get(language, ""))[:300])
        setattr(template, f"body_{language}", bodies.get(language, "").strip())
    template.updated_by = by
    template.save()
    return template


@transaction.atomic
def opt_out(*, person, opted_out: bool = True, by=None, how: str = "page"):
    """The person asks for no non-essential mail (mailings, reminders of surveys); essential mail still comes.
    Recorded as a consent withdrawn (or given again), with when and how (kopa.privacy keeps the history);
    `by` None: through the signed link in a message, which is the authority."""
    from kopa.privacy.services import record_consent

    record_consent(person=person, kind="mailings", given=not opted_out, how=how, by=by)
    person.mail_opt_out = opted_out
    return person
