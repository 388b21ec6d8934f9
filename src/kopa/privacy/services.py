"""Personal data: consents recorded with when and how, erasure of a person, erasure of what outlived its retention.

What an erasure does — modelled on pretix's data shredder, which removes what names a buyer and keeps every row
the accounts are built from:

* **The person's row stays, as an anonymous placeholder** ("Erased person #123"): first and last name replaced,
  e-mail emptied, consents to photos and publication withdrawn, mailings refused, the user account unlinked,
  `erased_at` set. Every registration, check-in, survey response, ballot, working-group membership and
  improvement keeps pointing at the same row, so each count, indicator, attendance figure and report — all of them
  broken down by the registration's organisation (and so its country) — is exactly what it was.
* **Kept, because figures are broken down by them and they name no one on their own**: the organisation,
  department and position of each registration and response, statuses and dates.
* **The user account** is deactivated, renamed `erased-<number>`, its names and e-mail cleared, its password made
  unusable and its roles removed; it is kept (not deleted) because votes count through it. Its failed sign-ins
  (django-axes) are deleted.
* **Deleted**: the person's name variants (they are only their name), unfinished survey answers (drafts).
* **Messages sent to them** stay as rows (what was sent, when, in what state: the organisers' delivery figures),
  with no address, no body, no attachments (certificates bear the name), and the name taken out of the subject.
* **Free texts that hold their name** — survey text answers, photo captions and text alternatives, the name
  "as the source wrote it" of a contribution, an award's recipient, the merge log — have their full name and
  e-mail replaced by the placeholder. A name written another way (initials, a nickname) cannot be found by a
  machine; published articles are their editors' texts and are not rewritten (the export lists what names them).
* **Photos**: they are no longer tagged in any; a public photo they appear in without having consented to
  public photos is withdrawn from the public site (it stays, unpublished, for the organisers' records).
* **The erasure is recorded** (Erasure): who, when, why and how many rows of each kind were anonymised — never
  the erased values.

Consents live as rows of Consent (kind, given or withdrawn, when, how, by whom); the Person's flags mirror the
latest one, since every page reads them there.
"""

import re
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopa.activities.models import Award, Contributor, Photo
from kopa.audit import audited, forget_person
from kopa.core.errors import DomainError, PermissionDenied
from kopa.directory.models import MergeLog, Person, PersonVariant
from kopa.messaging.models import Message
from kopa.surveys import remembered
from kopa.surveys.models import Answer, Invitation

from . import permissions, queries
from .models import Consent, Erasure

# Where the Person row mirrors each kind of consent, and whether the flag means "given".
_MIRRORED = {
    Consent.Kind.PHOTOS: ("photo_consent", True),
    Consent.Kind.PUBLICATION: ("publication_consent", True),
    Consent.Kind.MAILINGS: ("mail_opt_out", False),
}


def _placeholder_name(person) -> tuple[str, str]:
    """The placeholder's first and last name, in the site's language (it is stored, not translated per reader)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Erased person"), f"#{person.pk}"


@audited
def record_consent(*, person, kind: str, given: bool, how: str, by, at=None) -> Consent:
    """A consent given or withdrawn, by the person themselves or an administrator (by=None: an import, a form)."""
    if not permissions.may_manage_data(by, person):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    if kind not in Consent.Kind.values:
        raise DomainError(_("There is no such consent."), field="kind", code="consent_kind")
    if how not in Consent.How.values:
        raise DomainError(_("Say how the consent was given."), field="how", code="consent_how")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise DomainError(_("This person's data has been erased."), code="erased")
    consent = Consent.objects.create(person=person, kind=kind, given=given, how=how, by=by,
                                     at=at or timezone.now())
    field, means_given = _MIRRORED[kind]
    setattr(person, field, given if means_given else not given)
    person.save(update_fields=[field])
    return consent


def _redactor(names: list[str], placeholder: str):
    patterns = [re.compile(re.escape(n), re.IGNORECASE) for n in names if n.strip()]

    def redact(text: str) -> str:
        for pattern in patterns:
            text = pattern.sub(placeholder, text)
        return text

    return redact


def _columns(model, base: str) -> list[str]:
    """A text field's columns: the field itself and, for a translated one, each language's column."""
    return [f.name for f in model._meta.concrete_fields if f.name == base or f.name.startswith(f"{base}_")]


def _plain(queryset):
    # Translated models rewrite "caption" to the reader's language; erasure must reach every column as stored.
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def _redact_rows(queryset, bases: list[str], redact, changed: Counter, label: str) -> None:
    model = queryset.model
    columns = [c for base in bases for c in _columns(model, base)]
    for pk, *values in _plain(queryset.order_by()).values_list("pk", *columns).distinct():
        new = {c: redact(v) for c, v in zip(columns, values, strict=True) if v}
        new = {c: v for c, v in new.items() if v != values[columns.index(c)]}
        if new:
            _plain(model.objects.filter(pk=pk)).update(**new)
            changed[label] += 1


@audited
def erase_person(*, person, by, reason: str) -> Erasure:
    """Replace the person by an anonymous placeholder everywhere, keeping every row that figures count (see the
    module's docstring for what is kept, what is emptied and why). Administrators only; by=None is the retention
    command."""
    if not permissions.may_erase(by):
        raise PermissionDenied(_("Only an administrator may erase a person's data."), code="permission")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the data is erased."), field="reason", code="reason_missing")
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if person.erased_at is not None:
        raise DomainError(_("This person's data has already been erased."), code="erased")
    now = timezone.now()
    # The audit trail keeps that their fields changed, never their values: those it held go now, and this call
    # records none of the values it overwrites.
    changed_audit = forget_person(person_id=person.pk, user_id=person.user_id)
    first, last = _placeholder_name(person)
    placeholder = f"{first} {last}"
    user = person.user
    names = [f"{person.first_name} {person.last_name}", f"{person.last_name} {person.first_name}", person.email]
    if user is not None:
        names += [user.get_full_name(), user.email]
    redact = _redactor(sorted({n for n in names if n and n.strip()}, key=len, reverse=True), placeholder)
    full_name = f"{person.first_name} {person.last_name}".strip()
    changed = Counter()
    if changed_audit:
        changed["personal values in the audit trail"] = changed_audit

    # Photos first: whether they had consented is read before the consents are withdrawn.
    photos = Photo.objects.filter(people=person)
    if not person.photo_consent:
        changed["photos withdrawn from the public site"] = photos.filter(is_public=True).update(is_public=False)
    _redact_rows(Photo.objects.filter(Q(people=person) | Q(caption__icontains=full_name)),
                 ["caption", "alt_text"], redact, changed, "photo captions")
    changed["photo tags"] = person.photos.count()
    person.photos.clear()

    for kind, (field, means_given) in _MIRRORED.items():
        if getattr(person, field) == means_given:
            Consent.objects.create(person=person, kind=kind, given=False, how=Consent.How.ERASURE, by=by, at=now)
            changed["consents withdrawn"] += 1

    messages = Message.objects.filter(Q(person=person) | Q(user=user) if user else Q(person=person))
    _redact_rows(messages, ["subject"], redact, changed, "message subjects")
    changed["messages"] = messages.update(to_name=placeholder, to_address="", body_text="", body_html="",
                                          attachments=[], error="")

    _redact_rows(Answer.objects.filter(Q(response__person=person) | Q(text__icontains=full_name))
                 .exclude(text=""), ["text"], redact, changed, "survey text answers")
    changed["unfinished survey answers"] = (Invitation.objects.filter(person=person).exclude(draft={})
                                            .update(draft={}))
    _redact_rows(Contributor.objects.filter(Q(person=person) | Q(position__person=person)), ["name_as_written"],
                 lambda text: "", changed, "names as written")
    _redact_rows(Award.objects.filter(person=person), ["recipient"], redact, changed, "award recipients")
    _redact_rows(MergeLog.objects.filter(record_type="directory.person", kept_id=person.pk),
                 ["kept_name", "duplicate_name"], redact, changed, "merge log entries")
    changed["name variants"] = PersonVariant.objects.filter(person=person).delete()[0]

    if user is not None:
        _erase_account(user, changed)
    person.first_name, person.last_name, person.email = first, last, ""
    person.photo_consent = person.publication_consent = False
    person.mail_opt_out = True
    person.user = None
    person.erased_at = now
    person.save()
    # Survey results are kept per state of a survey (kopa.surveys.remembered); an erasure redacts answers' texts
    # without changing that state, so the kept results are dropped: now, and again once it is committed (results
    # read in between, from the rows before the erasure, are not kept past it).
    remembered.forget_all()
    transaction.on_commit(remembered.forget_all)
    return Erasure.objects.create(person=person, person_number=person.pk, by=by, reason=reason,
                                  changed={k: v for k, v in changed.items() if v})


def _erase_account(user, changed: Counter) -> None:
    username = user.get_username()
    changed["roles"] = user.roles.all().delete()[0]
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    changed["user accounts"] += 1
    try:  # the sign-in limits record the name typed in
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    except ImportError:  # pragma: no cover - axes is installed
        return
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        changed["sign-in records"] += model.objects.filter(username=username).delete()[0]


@audited(atomic=False, quiet=True)
def erase_expired(*, today: date | None = None, dry_run: bool = False) -> dict:
    """Erase the participants of every project whose retention period has passed (queries.people_to_erase says
    who); one transaction per person, so an interrupted run keeps what it did and the next run goes on. Returns
    the projects that expired, the people erased (or, with dry_run, who would be) and nothing else."""
    today = today or timezone.localdate()
    expired = queries.expired_projects(today)
    people = list(queries.people_to_erase(today, expired))
    if not dry_run:
        for person in people:
            erase_person(person=person, by=None, reason=_("The retention period of the projects this person "
                                                          "took part in has passed."))
    return {"projects": expired, "people": [p.pk for p in people], "dry_run": dry_run}
