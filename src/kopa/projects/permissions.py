"""Who may change a project: administrators, and the programme coordinators of that project.

Anyone with a coordinator role (of a project or of a partner organisation) may add what a text names and Kopā
lacks: a programme, a fund, a project (becoming its programme coordinator), an exchange rate. Such additions are
marked for an administrator's review (kopa.core.review)."""

import rules

from kopa.accounts.permissions import (
    coordinated_organisation_ids,
    coordinated_project_ids,
    is_administrator,
    is_project_coordinator,
)

from .models import Programme, Project


@rules.predicate
def coordinates_project_of(user, obj=None):
    """For rows that belong to a project (partnership, funding share, work plan item, indicator)."""
    if obj is None:
        return is_project_coordinator(user, None)
    return is_project_coordinator(user, obj if isinstance(obj, Project) else obj.project)


@rules.predicate
def is_coordinator(user):
    """Holds a coordinator role anywhere (programme or partner coordinator)."""
    return bool(coordinated_project_ids(user) or coordinated_organisation_ids(user))


@rules.predicate
def added_it_unreviewed(user, obj=None):
    """The coordinator who added a programme or a fund may correct it until an administrator has reviewed it."""
    return (user.is_authenticated and obj is not None and getattr(obj, "added_by_id", None) == user.pk
            and obj.reviewed_at is None)


@rules.predicate
def coordinates_a_project_of_programme(user, programme=None):
    if not isinstance(programme, Programme):
        return False
    ids = coordinated_project_ids(user)
    return bool(ids) and programme.projects.filter(pk__in=ids).exists()


can_edit_project = is_administrator | is_project_coordinator
may_add = is_administrator | is_coordinator

rules.add_perm("projects.view_project", rules.always_allow)
rules.add_perm("projects.add_project", may_add)
rules.add_perm("projects.change_project", can_edit_project)
rules.add_perm("projects.delete_project", is_administrator)
for model in ("partnership", "fundingshare", "workplanitem", "outputindicator", "output", "reportedachievement",
              "projectalias"):
    rules.add_perm(f"projects.view_{model}", rules.always_allow)
    rules.add_perm(f"projects.add_{model}", is_administrator | coordinates_project_of)
    rules.add_perm(f"projects.change_{model}", is_administrator | coordinates_project_of)
    rules.add_perm(f"projects.delete_{model}", is_administrator | coordinates_project_of)
for model in ("programme", "fund"):
    rules.add_perm(f"projects.view_{model}", rules.always_allow)
    rules.add_perm(f"projects.add_{model}", may_add)
    rules.add_perm(f"projects.delete_{model}", is_administrator)
rules.add_perm("projects.change_fund", is_administrator | added_it_unreviewed)
# A programme's facts (priorities, calls, bodies, aliases) are kept by administrators, by whoever added it while
# it awaits review, and by the coordinators of its projects, who know it from their own contracts.
rules.add_perm("projects.change_programme",
               is_administrator | added_it_unreviewed | coordinates_a_project_of_programme)
rules.add_perm("projects.review_entry", is_administrator)
rules.add_perm("projects.view_exchangerate", rules.always_allow)
rules.add_perm("projects.add_exchangerate", may_add)
rules.add_perm("projects.change_exchangerate", is_administrator)
rules.add_perm("projects.delete_exchangerate", is_administrator)
