"""Who may grow the vocabulary: administrators and coordinators add topics; a topic is changed by
administrators and by the person who added it (a coordinator cannot rename another's topic)."""

import rules

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids, is_administrator


@rules.predicate
def has_coordinator_role(user):
    """A programme coordinator of some project or a partner coordinator of some organisation."""
    return bool(coordinated_project_ids(user) or coordinated_organisation_ids(user))


@rules.predicate
def added_topic(user, topic=None):
    # With no topic (a list, the back office index) nobody is its author; the object decides.
    return topic is not None and user.is_authenticated and topic.added_by_id == user.pk


rules.add_perm("topics.view_topic", rules.always_allow)
rules.add_perm("topics.add_topic", is_administrator | has_coordinator_role)
rules.add_perm("topics.change_topic", is_administrator | added_topic)
# Records of other apps point to topics: removing one is a decision for an administrator.
rules.add_perm("topics.delete_topic", is_administrator)
