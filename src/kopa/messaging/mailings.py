"""Organisers writing to the registrants of an activity: who receives it (status, organisation, group, session,
attendance), in their language where the organiser wrote one, with the activity's materials attached, a copy to
the sender, and nothing to those who asked for no mailings. The request only records the mailing; a worker
builds and sends its messages, so writing to 10,000 people returns at once."""

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django_tasks import task

from kopa.audit import audited
from kopa.core.errors import DomainError, require

from . import placeholders
from .compose import build
from .kinds import kind
from .models import Mailing, Message
from .services import LANGUAGES, store

# Registration statuses an organiser may write to (a cancelled registration is nobody's business any more).
STATUSES = ("confirmed", "pending", "waitlisted", "attended", "no_show")


def recipients(mailing: Mailing):
    from kopa.activities.models import Registration

    filters = mailing.filters
    rows = Registration.objects.filter(activity=mailing.activity, status__in=filters.get("statuses") or STATUSES)
    for name in ("organisation", "breakout", "session"):
        if filters.get(name):
            rows = rows.filter(**{f"{name}_id": filters[name]})
    return rows.select_related("person").order_by("person_id", "pk")


@audited
def start_mailing(*, activity, by, subject: str, body: str, texts: dict | None = None, statuses=(),
                  organisation=None, breakout=None, session=None, materials=(), copy_to_sender: bool = True
                  ) -> Mailing:
    require(by, "activities.manage_registrations", activity)
    texts = {code: (s.strip(), b.strip()) for code, (s, b) in (texts or {}).items() if code in LANGUAGES and s and b}
    if not subject.strip() or not body.strip():
        raise DomainError(_("Write a subject and a text."), field="body", code="required")
    allowed = kind("mailing").placeholders
    for _language, (s, b) in [("", (subject, body)), *texts.items()]:
        placeholders.check(s, allowed, field="subject")
        placeholders.check(b, allowed, field="body")
    unknown = set(statuses) - set(STATUSES)
    if unknown:
        raise DomainError(_("Unknown status."), field="statuses", code="invalid")
    for item, name in ((breakout, "breakout"), (session, "session")):
        if item is not None and item.activity_id != activity.pk:
            raise DomainError(_("That choice belongs to another activity."), field=name, code="invalid")
    materials = list(materials)
    if any(m.activity_id != activity.pk for m in materials):
        raise DomainError(_("That choice belongs to another activity."), field="materials", code="invalid")
    mailing = Mailing.objects.create(
        activity=activity, sender=by, subject=placeholders.one_line(subject)[:300], body=body.strip(), texts=texts,
        copy_to_sender=copy_to_sender, filters={
            "statuses": list(statuses), "organisation": getattr(organisation, "pk", None),
            "breakout": getattr(breakout, "pk", None), "session": getattr(session, "pk", None)})
    mailing.materials.set(materials)
    transaction.on_commit(lambda: send_mailing.enqueue(mailing.pk))
    return mailing


@task()
def send_mailing(mailing_id: int) -> int:
    """Build the mailing's messages (once: a message per mailing and person) and hand them to the workers."""
    from kopa.activities.notices import activity_values

    mailing = Mailing.objects.select_related("activity", "sender").get(pk=mailing_id)
    activity = mailing.activity
    # By the storage's name, not a local path: the message may be sent from another machine, or from S3.
    attachments = [{"name": m.file.name.rsplit("/", 1)[-1], "file": m.file.name} for m in mailing.materials.all()
                   if m.file]
    links = "\n".join(f"{m.title}: {m.link}" for m in mailing.materials.all() if m.link and not m.file)
    Mailing.objects.filter(pk=mailing.pk).update(state=Mailing.State.SENDING)
    outbox, seen = [], set()
    for registration in recipients(mailing):
        if registration.person_id in seen:
            continue
        seen.add(registration.person_id)
        subject, body = mailing.texts.get(registration.person.language) or (mailing.subject, mailing.body)
        outbox.append(build("mailing", person=registration.person, activity=activity, mailing=mailing,
                            context=lambda: activity_values(activity), subject=subject,
                            body=body + ("\n\n" + links if links else ""), attachments=attachments,
                            key=f"mailing:{mailing.pk}:{registration.person_id}", template=None))
    if mailing.copy_to_sender and mailing.sender is not None:
        outbox.append(build("mailing", user=mailing.sender, activity=activity, mailing=mailing, template=None,
                            context=lambda: activity_values(activity) | {"name": ""}, subject=mailing.subject,
                            body=mailing.body, attachments=attachments, key=f"mailing:{mailing.pk}:sender"))
    created = store(outbox)
    Mailing.objects.filter(pk=mailing.pk).update(total=len(seen), state=Mailing.State.DONE)
    return len(created)


def progress(mailings) -> dict[int, dict[str, int]]:
    """Messages per state of each mailing, in one query."""
    counts: dict[int, dict[str, int]] = {m.pk: {} for m in mailings}
    for row in Message.objects.filter(mailing__in=list(counts)).values("mailing", "state").annotate(n=Count("pk")):
        counts[row["mailing"]][row["state"]] = row["n"]
    return counts
