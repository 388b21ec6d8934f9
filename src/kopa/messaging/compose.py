"""Composing a message: the recipient's language, the organiser's template or the default, the placeholders
filled. Nothing here writes; kopa.messaging.services stores what is composed."""

import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import placeholders
from .kinds import kind as kind_of
from .models import Message, MessageTemplate

_quiet = threading.local()


def is_quiet() -> bool:
    return getattr(_quiet, "on", False)


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


def template_for(code: str, activity, project) -> MessageTemplate | None:
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
    template = template_for(code, activity, project) if template == "find" else template
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


