"""Standing working groups: what their coordinators may change here (their topics)."""

from django.db import transaction
from django.utils.translation import gettext as _

from kopa.accounts.permissions import is_administrator
from kopa.core.errors import PermissionDenied

from ..models import WorkingGroup


@transaction.atomic
def set_working_group_topics(*, group: WorkingGroup, topics, by=None) -> WorkingGroup:
    """Put a working group on topics; its project's coordinators (or an administrator) may."""
    allowed = by is None or is_administrator(by) or (
        group.project_id is not None and by.has_perm("projects.change_project", group.project))
    if not allowed:
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    group.topics.set(topics)
    return group
