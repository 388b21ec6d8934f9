"""Changing or removing a programme item or a parallel group once it is recorded (adding them: activity.py). The
back office and any page call these, so an item's day obeys the same rules as when it was added."""

from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import DomainError, require
from kopa.core.translated import has_translation

from ..models import Activity, Breakout, ProgrammeItem, Registration
from .activity import _programme_day
from .registration import _lock, _offer_free_seats


def _checked_day(activity: Activity, day, fields: dict):
    """The day of an item of `activity`, by add_programme_item's rules: a date within the activity's dates, or a
    day and month when no year is known (`fields`' stated_day/stated_month, checked and cleared in place)."""
    day = _programme_day(activity, day, fields)
    if day is not None and activity.start_date and not (activity.start_date <= day <= activity.end_date):
        raise DomainError(_("The day is outside the dates of the activity."), field="day", code="invalid")
    return day


@audited
def update_programme_item(*, item: ProgrammeItem, by, topics=None, **fields) -> ProgrammeItem:
    require(by, "activities.change_activity", item.activity)
    item = ProgrammeItem.objects.select_for_update().select_related("activity").get(pk=item.pk)
    fields.pop("activity", None)  # an item stays in its activity
    stated = {"stated_day": fields.pop("stated_day", item.stated_day),
              "stated_month": fields.pop("stated_month", item.stated_month)}
    item.day = _checked_day(item.activity, fields.pop("day", item.day), stated)
    item.stated_day, item.stated_month = stated["stated_day"], stated["stated_month"]
    for name, value in fields.items():
        setattr(item, name, value)
    if not has_translation(item, "title"):
        raise DomainError(_("The programme item needs a title."), field="title_lv", code="required")
    item.save()
    if topics is not None:
        item.topics.set(topics)
    return item


@audited
def update_breakout(*, breakout: Breakout, by, topics=None, **fields) -> Breakout:
    """A group's theme, seats or result; more seats are offered to those waiting for the group."""
    activity = _lock(breakout.activity)
    require(by, "activities.change_activity", activity)
    breakout = Breakout.objects.select_for_update().get(pk=breakout.pk)
    fields.pop("activity", None)
    for name, value in fields.items():
        setattr(breakout, name, value)
    breakout.save()
    if topics is not None:
        breakout.topics.set(topics)
    if "capacity" in fields and activity.status == Activity.Status.OPEN:
        _offer_free_seats(activity, timezone.now())
    return breakout


@audited
def remove_breakout(*, breakout: Breakout, by) -> None:
    """The group goes with its quotas, contributors and materials; those registered for it stay registered for the
    activity, and seats its limits held back are offered to the waiting list."""
    activity = _lock(breakout.activity)
    require(by, "activities.change_activity", activity)
    kept = Registration.objects.filter(breakout=breakout).count()
    _count, removed = Breakout.objects.filter(pk=breakout.pk).delete()
    removed.pop(Breakout._meta.label, None)
    # The cascade and the registrations let out of the group are not seen row by row: say what they were.
    gone = [f"{count} {label}" for label, count in sorted(removed.items()) if count]
    if gone or kept:
        log_action(breakout, "activities.remove_breakout", note="; ".join(filter(None, [
            "also removed: " + ", ".join(gone) if gone else "",
            f"{kept} registrations no longer in the group" if kept else ""])))
    if activity.status == Activity.Status.OPEN:
        _offer_free_seats(activity, timezone.now())
