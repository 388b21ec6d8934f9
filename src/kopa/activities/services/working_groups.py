"""Standing working groups: what their coordinators may change here (their topics)."""

from django.db import transaction

from kopa.core.errors import require

from ..models import WorkingGroup


@transaction.atomic
def set_working_group_topics(*, group: WorkingGroup, topics, by=None) -> WorkingGroup:
    """Put a working group on topics; its project's coordinators (or an administrator) may."""
    require(by, "activities.change_workinggroup", group)
    group.topics.set(topics)
    return group
