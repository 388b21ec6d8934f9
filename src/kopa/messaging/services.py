"""Writes of the messaging app: queue a message (rendered now, in the recipient's language, from the
organiser's template or the default), save an organiser's template (placeholders checked), opt out of
non-essential mail. Messages are stored in the caller's transaction and handed to a worker once it commits."""


from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError

from . import compose, placeholders
from .compose import build, quiet  # noqa: F401  (composing writes nothing; callers find it here too)
from .kinds import KINDS
from .models import Message, MessageTemplate

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@audited
def store(messages: list[Message]) -> list[Message]:
    """Save messages not yet recorded (a key already used means: sent before, nothing again) and have a worker
    deliver the queued ones once the transaction commits."""
    if compose.is_quiet():
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


@audited
def queue(code: str, **kwargs) -> Message | None:
    """One message; None when its key was used before (a scheduled run repeated)."""
    if compose.is_quiet():
        return None
    created = store([compose.build(code, **kwargs)])
    return created[0] if created else None


@audited
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


@audited
def opt_out(*, person, opted_out: bool = True, by=None, how: str = "page"):
    """The person asks for no non-essential mail (mailings, reminders of surveys); essential mail still comes.
    Recorded as a consent withdrawn (or given again), with when and how (kopa.privacy keeps the history);
    `by` None: through the signed link in a message, which is the authority."""
    from kopa.privacy.services import record_consent

    record_consent(person=person, kind="mailings", given=not opted_out, how=how, by=by)
    person.mail_opt_out = opted_out
    return person
