"""Who may read the audit trail: one rule for the history pages, their exports, the templates' links and the back
office.

* An object's history: a project's to its programme coordinators; an activity's to those who organise it (the
  activities app's own `activities.change_activity` rule); a person's or an account's to that person; every
  history to administrators. Any other object's history is for administrators.
* The whole trail (`/history/`, any user's changes): administrators.
* A personal value (a name, an e-mail, an answer — kept in PersonalValue, never in the entry): administrators and
  the person it is about. Everyone else reads that the field changed, not to what.
* A secret (a password, a token's hash) has no value anywhere: the entry only says it changed.

The apps above this one are reached through the app registry and `rules` permissions, never imported."""

from dataclasses import dataclass

import rules
from django.apps import apps
from django.db.models import Q

from kopa.accounts.permissions import is_administrator, is_project_coordinator
from kopa.privacy.permissions import may_manage_data

PROJECT = "projects.project"
ACTIVITY = "activities.activity"
PERSON = "directory.person"
USER = "auth.user"


def may_see_everything(user) -> bool:
    """The whole trail, filtered by anyone who acted: administrators only."""
    return user is not None and is_administrator(user)


def model_of(label: str):
    """The model class named "app.model", or None when no installed model has that name (any more)."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def load(model: str, object_id):
    """The object an entry names, or None (gone, or never a model of this site)."""
    model_class = model_of(model)
    if model_class is None:
        return None
    try:
        return model_class._base_manager.filter(pk=object_id).first()
    except (ValueError, TypeError):  # an id its primary key cannot hold
        return None


def may_see_history_of(user, instance) -> bool:
    """May `user` read the history of this object (an instance, already loaded: no query for a project, the
    activity's organisers for an activity)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    label = instance._meta.label_lower
    if label == PROJECT:
        return is_project_coordinator(user, instance)
    if label == ACTIVITY:
        return user.has_perm("activities.change_activity", instance)
    if label == PERSON:  # the same rule as their personal-data page
        return may_manage_data(user, instance)
    if label == USER:
        return instance.pk == user.pk
    return False


def may_see_history(user, model: str, object_id) -> bool:
    """The same rule for an object named as an entry names it; an object that is gone is for administrators."""
    if may_see_everything(user):
        return True
    instance = load(model, object_id)
    return instance is not None and may_see_history_of(user, instance)


@dataclass(frozen=True)
class Viewer:
    """Who reads a history, as far as personal values are concerned (read once per page or export)."""

    user_id: int | None
    person_id: int | None
    administrator: bool

    def personal_values(self) -> Q | None:
        """The PersonalValue rows this viewer may read, as a filter; None for none at all."""
        if self.administrator:
            return Q()
        mine = Q(pk__in=[])
        if self.user_id is not None:
            mine |= Q(user_id=self.user_id)
        if self.person_id is not None:
            mine |= Q(person_id=self.person_id)
        return mine if (self.user_id is not None or self.person_id is not None) else None

    def may_see_value(self, value) -> bool:
        """One PersonalValue: administrators, and the person it is about."""
        return self.administrator or (value.person_id is not None and value.person_id == self.person_id) or (
            value.user_id is not None and value.user_id == self.user_id)


def viewer(user) -> Viewer:
    """One query at most (the viewer's own person in the directory), none for an administrator."""
    if user is None or not user.is_authenticated:
        return Viewer(None, None, False)
    if is_administrator(user):
        return Viewer(user.pk, None, True)
    person_model = model_of(PERSON)
    person_id = (person_model._base_manager.filter(user_id=user.pk).values_list("pk", flat=True).first()
                 if person_model is not None else None)
    return Viewer(user.pk, person_id, False)


def may_open(user, model: str) -> bool:
    """May a history link an object of this kind to its page: administrators always; anyone else when the kind's
    pages are public (its app's view rule allows everyone). Read from the rules, with no query."""
    if may_see_everything(user):
        return True
    app_label, _dot, model_name = model.partition(".")
    return rules.permissions.permissions.get(f"{app_label}.view_{model_name}") is rules.always_allow
