"""Why a write to an activity would be refused, asked before it is made: by the services that make it and by the
pages that offer it (they write nothing themselves, so they live outside the services)."""

from django.utils.translation import gettext as _

from kopa.accounts.permissions import coordinated_organisation_ids, is_administrator
from kopa.core.errors import DomainError, PermissionDenied

from .models import Activity
from .status import shown_status


def require_coordinator_of(by, project, organisers) -> None:
    """Who may record an activity or a series: coordinators of its project, or of one of its organisers;
    with neither named, administrators only — and a coordinator who named neither is told what to choose."""
    if by is None or is_administrator(by):
        return
    if project is not None and by.has_perm("projects.change_project", project):
        return
    if {o.pk for o in organisers if o is not None} & coordinated_organisation_ids(by):
        return
    if project is None and not any(organisers):
        # Someone who coordinates something, but named neither: say what to choose, not "forbidden".
        raise DomainError(_("Choose a project you coordinate, or an organiser whose coordinator you are: the "
                            "activity is kept under it."), field="project", code="required")
    raise PermissionDenied(_("You do not have permission to do this."), code="permission")


def why_not_cancellable(activity: Activity) -> DomainError | None:
    """Why the activity cannot be called off (the error cancel_activity raises), or None when it can: once it has
    taken place (held, closed, or its days are past) it is a record, not a plan."""
    if activity.status == Activity.Status.CANCELLED:
        return DomainError(_("The activity has already been cancelled."), field="status", code="state")
    if shown_status(activity) in (Activity.Status.HELD, Activity.Status.CLOSED):
        return DomainError(_("An activity that has taken place cannot be cancelled."), field="status", code="held")
    return None
