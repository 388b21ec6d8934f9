"""kopa.activities.services: participation, programme, record, registration, sequence and working groups. Each
recipe records its own activity in the demo's coordinated project (open, in the coming weeks unless it says)."""

from datetime import timedelta

from django.utils import timezone

from kopa.activities.models import Activity, Registration
from kopa.activities.services import activity as activities
from kopa.activities.services import participation, programme, record, registration, sequence, working_groups
from kopa.topics.models import Topic
from tests import factories

from . import activity as an_activity
from . import organisation, signed_up

S = "kopa.activities.services"




def _today(w):
    """An open activity that starts today: people can be checked in."""
    return an_activity(w, days_ahead=0)




def _offered(w):
    """A registration offered the seat another one gave up."""
    activity = an_activity(w, capacity=1)
    first = signed_up(w, activity)
    waiting = signed_up(w, activity)
    registration.cancel(registration=first, by=w.admin)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.PENDING
    return waiting


def _expired(w):
    offered = _offered(w)
    Registration.objects.filter(pk=offered.pk).update(offer_expires_at=timezone.now() - timedelta(hours=1))
    return offered


# participation.py

def _record_participation(w):
    participation.record_participation(activity=an_activity(w), by=w.admin, organisation=organisation())


def _remove_participation(w):
    taken_part = participation.record_participation(activity=an_activity(w), by=w.admin, organisation=organisation())
    participation.remove_participation(participation=taken_part, by=w.admin)


def _report_headcount(w):
    participation.report_headcount(activity=an_activity(w), value=40, by=w.admin)


def _remove_headcount(w):
    headcount = participation.report_headcount(activity=an_activity(w), value=40, by=w.admin)
    participation.remove_headcount(headcount=headcount, by=w.admin)


# programme.py

def _update_programme_item(w):
    item = activities.add_programme_item(activity=an_activity(w), by=w.admin, title_lv="Ievads")
    programme.update_programme_item(item=item, by=w.admin, title_lv="Ievads un iepazīšanās")


def _update_breakout(w):
    breakout = activities.add_breakout(activity=an_activity(w), by=w.admin, theme_lv="Darba grupa")
    programme.update_breakout(breakout=breakout, by=w.admin, theme_lv="Darba grupa A", capacity=5)


def _remove_breakout(w):
    breakout = activities.add_breakout(activity=an_activity(w), by=w.admin, theme_lv="Darba grupa")
    programme.remove_breakout(breakout=breakout, by=w.admin)


# record.py

def _add_outcome(w):
    record.add_outcome(activity=an_activity(w), by=w.admin, title_lv="Kopīgs rīcības plāns")


def _add_photo(w):
    record.add_photo(activity=an_activity(w), by=w.admin, caption_lv="Dalībnieki")


def _publish_photo(w):
    photo = record.add_photo(activity=an_activity(w), by=w.admin, caption_lv="Zāle pirms sākuma")
    record.publish_photo(photo=photo, by=w.admin)


def _poll(w, **fields):
    return record.create_poll(activity=an_activity(w), by=w.admin, question_lv="Labākā ideja?",
                              entries=[{"title": "A"}, {"title": "B"}], **fields)


def _create_poll(w):
    _poll(w)


def _set_poll_status(w):
    record.set_poll_status(poll=_poll(w), status="open", by=w.admin)


def _set_award(w):
    record.set_award(entry=_poll(w).entries.first(), by=w.admin, award_lv="Skatītāju balva")


def _cast_vote(w):
    poll = record.set_poll_status(poll=_poll(w, registered_only=False), status="open", by=w.admin)
    record.cast_vote(poll=poll, entry=poll.entries.first(), by=w.participant)


def _award(w):
    return record.add_award(activity=an_activity(w), by=w.admin, title_lv="Atzinība", recipient_lv="Komanda")


def _remove_award(w):
    record.remove_award(award=_award(w), by=w.admin)


# registration.py

def _register(w):
    signed_up(w, an_activity(w))


def _cancel(w):
    registration.cancel(registration=signed_up(w, an_activity(w)), by=w.admin)


def _accept_offer(w):
    registration.accept_offer(registration=_offered(w), by=w.admin)


def _expire_offers(w):
    registration.expire_offers(activity=_expired(w).activity)


def _expire_all_offers(w):
    _expired(w)
    registration.expire_all_offers()


def _confirm(w):
    activity = an_activity(w, capacity=1)
    signed_up(w, activity)
    waiting = signed_up(w, activity)
    Activity.objects.filter(pk=activity.pk).update(capacity=2)  # (set_status/update_activity would offer it)
    registration.confirm(registration=waiting, by=w.admin)


def _check_in(w):
    registration.check_in(registration=signed_up(w, _today(w)), by=w.admin)


def _check_in_by_token(w):
    one = signed_up(w, _today(w))
    registration.check_in_by_token(activity=one.activity, token=one.token, by=w.admin)


def _mark_attendance(w):
    one = signed_up(w, _today(w))
    registration.mark_attendance(activity=one.activity, attended_ids={one.pk}, by=w.admin)


def _close_activity(w):
    activity = _today(w)
    signed_up(w, activity)
    registration.close_activity(activity=activity, by=w.admin)


def _record_attendance(w):
    activity = an_activity(w, days_ahead=-10, status=Activity.Status.PLANNED)
    registration.record_attendance(activity=activity, person=factories.employee(organisation()), by=w.admin)


def _remove_quota(w):
    quota = activities.set_quota(activity=an_activity(w), organisation=organisation(), seats=2, by=w.admin)
    registration.remove_quota(quota=quota, by=w.admin)


# sequence.py

def _series(w):
    return sequence.save_series(by=w.admin, kind="course", project=w.project, name_lv="Audita kurss")


def _session(w):
    activity = an_activity(w)
    return sequence.add_session(activity=activity, by=w.admin, date_precision="day", start_date=activity.start_date)


def _save_series(w):
    _series(w)


def _place_in_series(w):
    sequence.place_in_series(activity=an_activity(w), series=_series(w), by=w.admin, number=1)


def _add_session(w):
    _session(w)


def _update_session(w):
    sequence.update_session(session=_session(w), by=w.admin, venue_lv="Lielā zāle")


def _remove_session(w):
    sequence.remove_session(session=_session(w), by=w.admin)


def _set_other_kinds(w):
    sequence.set_other_kinds(activity=an_activity(w), kinds=["seminar"], by=w.admin)


# working_groups.py

def _group(w):
    return working_groups.create_working_group(by=w.admin, project=w.project, name_lv="Audita darba grupa",
                                               theme_lv="Audita pieraksti")


def _create_working_group(w):
    _group(w)


def _update_working_group(w):
    working_groups.update_working_group(group=_group(w), by=w.admin, theme_lv="Audita pieraksti un pārbaudes")


def _set_working_group_topics(w):
    working_groups.set_working_group_topics(group=_group(w), topics=[Topic.objects.order_by("pk").first()],
                                            by=w.admin)


def _add_member(w):
    working_groups.add_member(group=_group(w), person=factories.employee(organisation()), by=w.admin)


def _remove_member(w):
    group, person = _group(w), factories.employee(organisation())
    working_groups.add_member(group=group, person=person, by=w.admin)
    working_groups.remove_member(group=group, person=person, by=w.admin)


RECIPES = {
    f"{S}.participation.record_participation": _record_participation,
    f"{S}.participation.remove_participation": _remove_participation,
    f"{S}.participation.report_headcount": _report_headcount,
    f"{S}.participation.remove_headcount": _remove_headcount,
    f"{S}.programme.update_programme_item": _update_programme_item,
    f"{S}.programme.update_breakout": _update_breakout,
    f"{S}.programme.remove_breakout": _remove_breakout,
    f"{S}.record.add_outcome": _add_outcome,
    f"{S}.record.add_photo": _add_photo,
    f"{S}.record.publish_photo": _publish_photo,
    f"{S}.record.create_poll": _create_poll,
    f"{S}.record.set_poll_status": _set_poll_status,
    f"{S}.record.set_award": _set_award,
    f"{S}.record.cast_vote": _cast_vote,
    f"{S}.record.add_award": _award,
    f"{S}.record.remove_award": _remove_award,
    f"{S}.registration.register": _register,
    f"{S}.registration.cancel": _cancel,
    f"{S}.registration.accept_offer": _accept_offer,
    f"{S}.registration.expire_offers": _expire_offers,
    f"{S}.registration.expire_all_offers": _expire_all_offers,
    f"{S}.registration.confirm": _confirm,
    f"{S}.registration.check_in": _check_in,
    f"{S}.registration.check_in_by_token": _check_in_by_token,
    f"{S}.registration.mark_attendance": _mark_attendance,
    f"{S}.registration.close_activity": _close_activity,
    f"{S}.registration.record_attendance": _record_attendance,
    f"{S}.registration.remove_quota": _remove_quota,
    f"{S}.sequence.save_series": _save_series,
    f"{S}.sequence.place_in_series": _place_in_series,
    f"{S}.sequence.add_session": _add_session,
    f"{S}.sequence.update_session": _update_session,
    f"{S}.sequence.remove_session": _remove_session,
    f"{S}.sequence.set_other_kinds": _set_other_kinds,
    f"{S}.working_groups.create_working_group": _create_working_group,
    f"{S}.working_groups.update_working_group": _update_working_group,
    f"{S}.working_groups.set_working_group_topics": _set_working_group_topics,
    f"{S}.working_groups.add_member": _add_member,
    f"{S}.working_groups.remove_member": _remove_member,
}
