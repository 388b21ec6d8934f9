"""What an activity left behind: outcomes, photos (public only with everyone's consent) and votes."""


from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, PermissionDenied, require
from kopa.core.translated import has_translation

from ..models import Activity, Award, Ballot, Outcome, Photo, Poll, PollEntry, Registration
from ..queries import people_refusing_photos

Status = Registration.Status


@audited
def add_outcome(*, activity: Activity, by=None, title_lv: str = "", **fields) -> Outcome:
    require(by, "activities.change_activity", activity)
    outcome = Outcome(activity=activity, title_lv=title_lv, **fields)
    if not has_translation(outcome, "title"):
        raise DomainError(_("The outcome needs a title."), field="title_lv", code="required")
    outcome.save()
    return outcome


@audited
def add_photo(*, activity: Activity, by=None, caption_lv: str = "", people=(), **fields) -> Photo:
    require(by, "activities.change_activity", activity)
    photo = Photo(activity=activity, caption_lv=caption_lv, is_public=False, **fields)
    if not has_translation(photo, "caption"):
        raise DomainError(_("The photo needs a caption."), field="caption_lv", code="required")
    photo.save()
    photo.people.set(people)
    return photo


@audited
def publish_photo(*, photo: Photo, by=None) -> Photo:
    """A photo goes public only if everyone shown in it agreed to be shown."""
    require(by, "activities.change_activity", photo.activity)
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    refused = [str(p) for p in people_refusing_photos(photo)]
    if refused:
        raise DomainError(
            _("The photo cannot be made public: %(people)s did not agree to be shown in photos.")
            % {"people": ", ".join(refused)},
            code="consent",
        )
    if not (photo.alt_text_lv or photo.alt_text_lt or photo.alt_text_en or photo.caption):
        raise DomainError(_("A public photo needs a text alternative."), field="alt_text_lv", code="required")
    photo.is_public = True
    photo.save(update_fields=["is_public"])
    return photo


# Votes ----------------------------------------------------------------------------------------------------


@audited
def create_poll(*, activity: Activity, by=None, question_lv: str = "", entries=(), **fields) -> Poll:
    """entries: dicts with title, link, organisation, award_lv…"""
    require(by, "activities.change_activity", activity)
    poll = Poll(activity=activity, question_lv=question_lv, **fields)
    if not has_translation(poll, "question"):
        raise DomainError(_("The vote needs a question."), field="question_lv", code="required")
    poll.save()
    for entry in entries:
        PollEntry.objects.create(poll=poll, **entry)
    return poll


@audited
def set_poll_status(*, poll: Poll, status: str, by=None) -> Poll:
    require(by, "activities.change_activity", poll.activity)
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    order = [Poll.Status.DRAFT, Poll.Status.OPEN, Poll.Status.CLOSED]
    if status not in order or order.index(status) != order.index(poll.status) + 1:
        raise DomainError(_("A vote opens once and closes once."), field="status", code="transition")
    if status == Poll.Status.OPEN and poll.entries.count() < 2:
        raise DomainError(_("A vote needs at least two entries."), code="entries")
    poll.status = status
    poll.save(update_fields=["status"])
    return poll


@audited
def set_award(*, entry: PollEntry, by=None, award_lv: str = "", **awards) -> PollEntry:
    require(by, "activities.change_activity", entry.poll.activity)
    entry.award_lv = award_lv
    for name, value in awards.items():
        setattr(entry, name, value)
    entry.save()
    return entry


@audited
def cast_vote(*, poll: Poll, entry: PollEntry, by) -> Ballot:
    """One vote per eligible person; the database's unique constraint settles two simultaneous clicks."""
    # of=("self",): lock the poll only, not the activity that sign-ups lock.
    poll = Poll.objects.select_for_update(of=("self",)).select_related("activity").get(pk=poll.pk)
    if by is None or not by.is_authenticated:
        raise PermissionDenied(_("Log in to vote."), code="login")
    if poll.status != Poll.Status.OPEN:
        raise DomainError(
            _("This vote is closed.") if poll.status == Poll.Status.CLOSED else _("This vote is not open yet."),
            code="closed",
        )
    if entry.poll_id != poll.pk:
        raise DomainError(_("That entry belongs to another vote."), field="entry", code="invalid")
    if poll.registered_only:
        person = getattr(by, "person", None)
        eligible = (
            person is not None
            and Registration.objects.filter(
                activity=poll.activity, person=person, status__in=(Status.CONFIRMED, Status.ATTENDED)
            ).exists()
        )
        if not eligible:
            raise PermissionDenied(_("Only participants of the activity may vote."), code="not_eligible")
    if Ballot.objects.filter(poll=poll, voter=by).exists():
        raise DomainError(_("You have already voted."), code="duplicate")
    try:
        with transaction.atomic():
            return Ballot.objects.create(poll=poll, entry=entry, voter=by)
    except IntegrityError:
        raise DomainError(_("You have already voted."), code="duplicate") from None


@audited
def add_award(
    *, activity: Activity, by=None, title_lv: str = "", title_lt: str = "", title_en: str = "", person=None,
    organisation=None, recipient_lv: str = "", recipient_lt: str = "", recipient_en: str = "", poll_entry=None,
) -> Award:
    """A prize or recognition given at the activity, to a person, an organisation or someone named in words."""
    require(by, "activities.change_activity", activity)
    award = Award(activity=activity, title_lv=title_lv, title_lt=title_lt, title_en=title_en, person=person,
                  organisation=organisation, recipient_lv=recipient_lv, recipient_lt=recipient_lt,
                  recipient_en=recipient_en, poll_entry=poll_entry)
    if not has_translation(award, "title"):
        raise DomainError(_("Name the award."), field="title_lv", code="required")
    if person is None and organisation is None and not has_translation(award, "recipient"):
        raise DomainError(_("An award is given to someone: a person, an organisation or a recipient as the source "
                            "names it."), field="recipient_lv", code="required")
    if poll_entry is not None and poll_entry.poll.activity_id != activity.pk:
        raise DomainError(_("That entry belongs to a vote of another activity."), field="poll_entry", code="invalid")
    award.order = activity.awards.count()
    award.save()
    return award


@audited
def remove_award(*, award: Award, by=None) -> None:
    require(by, "activities.change_activity", award.activity)
    award.delete()
