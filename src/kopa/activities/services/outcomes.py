"""Changing or removing an outcome once recorded (adding one: record.add_outcome)."""

from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, require
from kopa.core.translated import has_translation

from ..models import Outcome


@audited
def update_outcome(*, outcome: Outcome, by, **fields) -> Outcome:
    require(by, "activities.change_activity", outcome.activity)
    outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
    fields.pop("activity", None)
    for name, value in fields.items():
        setattr(outcome, name, value)
    if not has_translation(outcome, "title"):
        raise DomainError(_("The outcome needs a title."), field="title_lv", code="required")
    outcome.save()
    return outcome


@audited
def remove_outcome(*, outcome: Outcome, by) -> None:
    require(by, "activities.change_activity", outcome.activity)
    Outcome.objects.filter(pk=outcome.pk).delete()
