"""kopa.activities.services: the activity itself, bulk actions, colleagues, contributors, copying, kinds, materials
and outcomes. Each recipe records its own activity in the demo's coordinated project (open, in the coming weeks)."""

from datetime import timedelta

from kopa.activities.models import Activity, Contributor, Outcome
from kopa.activities.services import activity as activities
from kopa.activities.services import bulk, colleagues, contributors, copying, kinds, materials, outcomes

from . import activity as an_activity
from . import organisation, signed_up

S = "kopa.activities.services"






# activity.py

def _create(w):
    an_activity(w, status=Activity.Status.PLANNED)


def _update(w):
    activities.update_activity(activity=an_activity(w), by=w.admin, title_lv="Audita apmācības (mainīts)")


def _set_status(w):
    activities.set_status(activity=an_activity(w, status=Activity.Status.PLANNED), status=Activity.Status.OPEN,
                          by=w.admin)


def _cancel_activity(w):
    activity = an_activity(w)
    signed_up(w, activity)
    activities.cancel_activity(activity=activity, by=w.admin, reason="Audita pārbaude")


def _add_programme_item(w):
    activity = an_activity(w)
    activities.add_programme_item(activity=activity, by=w.admin, day=activity.start_date, title_lv="Ievads")


def _remove_programme_item(w):
    activity = an_activity(w)
    item = activities.add_programme_item(activity=activity, by=w.admin, title_lv="Ievads")
    activities.remove_programme_item(item=item, by=w.admin)


def _add_breakout(w):
    activities.add_breakout(activity=an_activity(w), by=w.admin, theme_lv="Darba grupa")


def _set_quota(w):
    activities.set_quota(activity=an_activity(w), organisation=organisation(), seats=2, by=w.admin)


# bulk.py

def _confirm_many(w):
    activity = an_activity(w, capacity=1)
    signed_up(w, activity)
    waiting = signed_up(w, activity)
    Activity.objects.filter(pk=activity.pk).update(capacity=2)  # a seat more, not yet offered to anyone
    bulk.confirm_many(activity=activity, registrations=[waiting], by=w.admin)


def _cancel_many(w):
    activity = an_activity(w)
    bulk.cancel_many(activity=activity, registrations=[signed_up(w, activity)], by=w.admin)


def _check_in_many(w):
    activity = an_activity(w, days_ahead=0)  # check-in opens on the first day
    bulk.check_in_many(activity=activity, registrations=[signed_up(w, activity)], by=w.admin)


def _move(w):
    activity = an_activity(w)
    first = activities.add_breakout(activity=activity, by=w.admin, theme_lv="Pirmā grupa")
    second = activities.add_breakout(activity=activity, by=w.admin, theme_lv="Otrā grupa")
    registration = signed_up(w, activity, breakout=first)
    bulk.move(activity=activity, registrations=[registration], by=w.admin, breakout=second)


# colleagues.py

def _register_new_colleague(w):
    colleagues.register_new_colleague(
        activity=an_activity(w), by=w.admin, first_name="Audits", last_name="Pārbaudītājs",
        email="audits.parbauditajs@example.lv", organisation=organisation(), position_title="Speciālists",
        confirm_new=True)


# contributors.py

def _contributor(w, **fields):
    return contributors.add_contributor(activity=an_activity(w), by=w.admin, role=Contributor.Role.PRESENTER,
                                        **fields)


def _add_contributor(w):
    _contributor(w, office_lv="Domes priekšsēdētājs")


def _remove_contributor(w):
    contributors.remove_contributor(contributor=_contributor(w, office_lv="Domes priekšsēdētājs"), by=w.admin)


def _mark_public(w):
    contributor = _contributor(w, organisation=organisation(), name_as_written="Jānis Bērziņš")
    contributors.mark_public(contributor=contributor, by=w.admin, in_office=True)


# copying.py

def _copy_activity(w):
    activity = an_activity(w)
    copying.copy_activity(activity=activity, by=w.admin, start_date=activity.start_date + timedelta(days=7))


def _copy_plan(w):
    copying.copy_plan(activities=[an_activity(w)], into=w.project, by=w.admin, years=1)


# kinds.py

def _add_kind(w):
    kinds.add_kind(by=w.admin, name_en="Audit hackathon")


def _review_kind(w):
    kind = kinds.add_kind(by=w.coordinator, name_en="Audit hackathon")  # a coordinator's: awaits review
    kinds.review_kind(kind=kind, by=w.admin)


# materials.py

def _material(w):
    return materials.add_material(activity=an_activity(w), by=w.admin, title="Prezentācija",
                                  link="https://example.org/prezentacija")


def _add_material(w):
    _material(w)


def _update_material(w):
    materials.update_material(material=_material(w), by=w.admin, title="Prezentācija (labota)")


def _remove_material(w):
    materials.remove_material(material=_material(w), by=w.admin)


# outcomes.py

def _outcome(w):
    return Outcome.objects.create(activity=an_activity(w), title_lv="Kopīgs plāns")


def _update_outcome(w):
    outcomes.update_outcome(outcome=_outcome(w), by=w.admin, title_lv="Kopīgs rīcības plāns")


def _remove_outcome(w):
    outcomes.remove_outcome(outcome=_outcome(w), by=w.admin)


RECIPES = {
    f"{S}.activity.create_activity": _create,
    f"{S}.activity.update_activity": _update,
    f"{S}.activity.set_status": _set_status,
    f"{S}.activity.cancel_activity": _cancel_activity,
    f"{S}.activity.add_programme_item": _add_programme_item,
    f"{S}.activity.remove_programme_item": _remove_programme_item,
    f"{S}.activity.add_breakout": _add_breakout,
    f"{S}.activity.set_quota": _set_quota,
    f"{S}.bulk.confirm_many": _confirm_many,
    f"{S}.bulk.cancel_many": _cancel_many,
    f"{S}.bulk.check_in_many": _check_in_many,
    f"{S}.bulk.move": _move,
    f"{S}.colleagues.register_new_colleague": _register_new_colleague,
    f"{S}.contributors.add_contributor": _add_contributor,
    f"{S}.contributors.remove_contributor": _remove_contributor,
    f"{S}.contributors.mark_public": _mark_public,
    f"{S}.copying.copy_activity": _copy_activity,
    f"{S}.copying.copy_plan": _copy_plan,
    f"{S}.kinds.add_kind": _add_kind,
    f"{S}.kinds.review_kind": _review_kind,
    f"{S}.materials.add_material": _add_material,
    f"{S}.materials.update_material": _update_material,
    f"{S}.materials.remove_material": _remove_material,
    f"{S}.outcomes.update_outcome": _update_outcome,
    f"{S}.outcomes.remove_outcome": _remove_outcome,
}
