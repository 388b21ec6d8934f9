"""Writes of the template editor beside services.save_template: going back to Kopā's default wording."""

from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import DomainError, require

from .kinds import KINDS
from .models import MessageTemplate


@audited
def reset_template(*, code: str, by=None, project=None, activity=None) -> bool:
    """Delete the organiser's wording of one kind for a project or an activity: Kopā's default applies again
    (for an activity, its project's wording, if it has one). True when there was one to delete."""
    if code not in KINDS or KINDS[code].for_organisers:
        raise DomainError(_("Unknown kind of message."), field="kind", code="invalid")
    if (project is None) == (activity is None):
        raise DomainError(_("A template belongs to a project or to an activity."), code="invalid")
    if activity is not None:
        require(by, "activities.change_activity", activity)
        found = MessageTemplate.objects.filter(kind=code, activity=activity)
    else:
        require(by, "projects.change_project", project)
        found = MessageTemplate.objects.filter(kind=code, project=project)
    for template in found:  # a queryset's delete is not seen row by row: say what goes
        log_action(template, "messaging.reset_template", note="deleted",
                   changes={f"body_{code}": {"old": getattr(template, f"body_{code}"), "new": ""}
                            for code in ("lv", "lt", "en") if getattr(template, f"body_{code}")})
    deleted, _by_model = found.delete()
    return bool(deleted)
