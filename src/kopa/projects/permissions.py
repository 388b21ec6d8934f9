"""Who may change a project: administrators, and the programme coordinators of that project."""

import rules

from kopa.accounts.permissions import is_administrator, is_project_coordinator

from .models import Project


@rules.predicate
def coordinates_project_of(user, obj=None):
    """For rows that belong to a project (partnership, funding share, work plan item, indicator)."""
    if obj is None:
        return is_project_coordinator(user, None)
    return is_project_coordinator(user, obj if isinstance(obj, Project) else obj.project)


can_edit_project = is_administrator | is_project_coordinator

rules.add_perm("projects.view_project", rules.always_allow)
rules.add_perm("projects.add_project", is_administrator)
rules.add_perm("projects.change_project", can_edit_project)
rules.add_perm("projects.delete_project", is_administrator)
for model in ("partnership", "fundingshare", "workplanitem", "outputindicator"):
    rules.add_perm(f"projects.view_{model}", rules.always_allow)
    rules.add_perm(f"projects.add_{model}", is_administrator | coordinates_project_of)
    rules.add_perm(f"projects.change_{model}", is_administrator | coordinates_project_of)
    rules.add_perm(f"projects.delete_{model}", is_administrator | coordinates_project_of)
