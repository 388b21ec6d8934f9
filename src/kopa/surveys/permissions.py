"""Who runs a survey and reads its results: the project's coordinators, or the activity's organisers."""

import rules

from kopa.accounts.permissions import coordinated_project_ids, is_administrator
from kopa.activities.permissions import organises


@rules.predicate
def runs(user, questionnaire=None):
    if questionnaire is None:
        return bool(coordinated_project_ids(user)) or organises(user, None)
    if questionnaire.activity_id is not None and organises(user, questionnaire.activity):
        return True
    return questionnaire.project_id is not None and questionnaire.project_id in coordinated_project_ids(user)


@rules.predicate
def coordinates_need_project(user, need=None):
    if need is None:
        return bool(coordinated_project_ids(user))
    return need.project_id in coordinated_project_ids(user)


can_run = is_administrator | runs
rules.add_perm("surveys.add_questionnaire", can_run)
rules.add_perm("surveys.change_questionnaire", can_run)
rules.add_perm("surveys.view_results", can_run)
rules.add_perm("surveys.change_need", is_administrator | coordinates_need_project)
rules.add_perm("surveys.view_need", is_administrator | coordinates_need_project)
rules.add_perm("surveys.add_need", is_administrator | coordinates_need_project)
rules.add_perm("surveys.delete_need", is_administrator)
rules.add_perm("surveys.view_questionnaire", can_run)
