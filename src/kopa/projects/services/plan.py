"""Changing or removing a project's work plan items and output indicators (adding them: projects.py), by the same
rules as adding them."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError, require
from kopa.core.translated import has_translation

from ..models import OutputIndicator, WorkPlanItem
from .checks import check_period


@transaction.atomic
def update_work_plan_item(*, item: WorkPlanItem, by, **fields) -> WorkPlanItem:
    require(by, "projects.change_workplanitem", item.project)
    item = WorkPlanItem.objects.select_for_update().get(pk=item.pk)
    fields.pop("project", None)
    for name, value in fields.items():
        setattr(item, name, value)
    if not has_translation(item, "title"):
        raise DomainError(_("The work plan item needs a title."), field="title_lv", code="required")
    check_period(item.start_date, item.end_date)
    item.save()
    return item


@transaction.atomic
def remove_work_plan_item(*, item: WorkPlanItem, by) -> None:
    """Activities recorded under it stay, no longer under a work plan item."""
    require(by, "projects.delete_workplanitem", item.project)
    WorkPlanItem.objects.filter(pk=item.pk).delete()


@transaction.atomic
def update_indicator(*, indicator: OutputIndicator, by, **fields) -> OutputIndicator:
    require(by, "projects.change_outputindicator", indicator.project)
    indicator = OutputIndicator.objects.select_for_update().get(pk=indicator.pk)
    fields.pop("project", None)
    for name, value in fields.items():
        setattr(indicator, name, value)
    if indicator.rule not in OutputIndicator.Rule.values:
        raise DomainError(_("Unknown counting rule."), field="rule", code="invalid")
    if indicator.target is None or Decimal(indicator.target) < 0:
        raise DomainError(_("The target cannot be negative."), field="target", code="negative")
    if not has_translation(indicator, "name"):
        raise DomainError(_("The indicator needs a name."), field="name_lv", code="required")
    indicator.save()
    return indicator


@transaction.atomic
def remove_indicator(*, indicator: OutputIndicator, by) -> None:
    require(by, "projects.delete_outputindicator", indicator.project)
    OutputIndicator.objects.filter(pk=indicator.pk).delete()
