"""Changing or removing a project's work plan items and output indicators (adding them: projects.py), by the same
rules as adding them."""


from kopa.audit import audited
from kopa.core.errors import require

from ..checks import check_indicator, check_work_plan_item
from ..models import OutputIndicator, WorkPlanItem


@audited
def update_work_plan_item(*, item: WorkPlanItem, by, **fields) -> WorkPlanItem:
    require(by, "projects.change_workplanitem", item.project)
    item = WorkPlanItem.objects.select_for_update().get(pk=item.pk)
    fields.pop("project", None)
    for name, value in fields.items():
        setattr(item, name, value)
    check_work_plan_item(item)
    item.save()
    return item


@audited
def remove_work_plan_item(*, item: WorkPlanItem, by) -> None:
    """Activities recorded under it stay, no longer under a work plan item."""
    require(by, "projects.delete_workplanitem", item.project)
    WorkPlanItem.objects.filter(pk=item.pk).delete()


@audited
def update_indicator(*, indicator: OutputIndicator, by, **fields) -> OutputIndicator:
    require(by, "projects.change_outputindicator", indicator.project)
    indicator = OutputIndicator.objects.select_for_update().get(pk=indicator.pk)
    fields.pop("project", None)
    for name, value in fields.items():
        setattr(indicator, name, value)
    check_indicator(indicator)
    indicator.save()
    return indicator


@audited
def remove_indicator(*, indicator: OutputIndicator, by) -> None:
    require(by, "projects.delete_outputindicator", indicator.project)
    OutputIndicator.objects.filter(pk=indicator.pk).delete()
