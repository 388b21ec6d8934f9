"""Who may organise an activity, register whom, check in, close, and see participants' data."""

import rules
from django.db.models import Q

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids, is_administrator
from kopa.core.unions import any_of


@rules.predicate
def organises(user, activity=None):
    """Administrators, coordinators of the activity's project, partner coordinators of an organiser."""
    if activity is None:
        return bool(coordinated_project_ids(user) or coordinated_organisation_ids(user))
    if activity.project_id and activity.project_id in coordinated_project_ids(user):
        return True
    organisers = {o.pk for o in activity.organisers.all()}
    if organisers & coordinated_organisation_ids(user):
        return True
    # A coordinator who recorded it keeps access (only while they coordinate something: roles end with a job).
    coordinates_something = bool(coordinated_project_ids(user) or coordinated_organisation_ids(user))
    return activity.pk is not None and coordinates_something and activity.recorded_by.filter(pk=user.pk).exists()


def organised_by(user) -> Q:
    """The activities `organises` lets `user` organise, as a filter for lists (the same three grounds: the
    activity's project, one of its organisers, or having recorded it while coordinating something)."""
    from .models import Activity  # the models import these rules

    projects, organisations = coordinated_project_ids(user), coordinated_organisation_ids(user)
    if not (projects or organisations):
        return Q(pk__in=[])
    return any_of(
        Activity.objects.filter(project_id__in=projects).values("pk") if projects else None,
        Activity.organisers.through.objects.filter(organisation_id__in=organisations).values("activity_id")
        if organisations else None,
        Activity.recorded_by.through.objects.filter(user_id=user.pk).values("activity_id"),
    )


@rules.predicate
def coordinates_some_organisation(user, activity=None):
    return bool(coordinated_organisation_ids(user))


can_organise = is_administrator | organises

rules.add_perm("activities.view_activity", rules.always_allow)
rules.add_perm("activities.add_activity", is_administrator | organises)
rules.add_perm("activities.change_activity", can_organise)
rules.add_perm("activities.delete_activity", is_administrator)
rules.add_perm("activities.manage_registrations", can_organise)
rules.add_perm("activities.register_colleagues", can_organise | coordinates_some_organisation)


@rules.predicate
def organises_activity_of(user, obj=None):
    """For rows that belong to an activity (programme item, breakout, quota, outcome, material)."""
    if obj is None:
        return organises(user, None)
    return organises(user, obj if obj.__class__.__name__ == "Activity" else obj.activity)


for model in ("programmeitem", "breakout", "quota", "outcome", "material"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"activities.{action}_{model}", is_administrator | organises_activity_of)


@rules.predicate
def coordinates_group_project(user, group=None):
    """A standing working group belongs to its project: that project's coordinators change it."""
    if group is None:
        return False  # the back office keeps working groups for administrators, as before
    return group.project_id is not None and group.project_id in coordinated_project_ids(user)


rules.add_perm("activities.change_workinggroup", is_administrator | coordinates_group_project)


@rules.predicate
def coordinates_series(user, series=None):
    """A series is kept by the coordinators of its project or of its organiser (as save_series decides)."""
    if series is None:
        return organises(user, None)
    return (series.project_id is not None and series.project_id in coordinated_project_ids(user)) or (
        series.organiser_id is not None and series.organiser_id in coordinated_organisation_ids(user))


rules.add_perm("activities.change_series", is_administrator | coordinates_series)


# Anyone who coordinates something may add a kind of activity (as a topic); administrators review and rename them.
rules.add_perm("activities.add_addedkind", is_administrator | organises)
rules.add_perm("activities.view_addedkind", is_administrator)
rules.add_perm("activities.change_addedkind", is_administrator)
rules.add_perm("activities.delete_addedkind", is_administrator)
