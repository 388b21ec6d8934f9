"""Every write to projects. One transaction per call; a broken rule raises DomainError, nothing is saved.

Split by aggregate (projects and partners, money, outputs, programmes and funds); callers import from here. Each
public function is audited (kopa.audit): the call is the transaction and writes its entries. The read-only rules
they share are in kopa.projects.checks."""

from ..checks import RESERVED_PROGRAMME_CODES, LikelyDuplicates
from .funding import add_exchange_rate, remove_funding_share, set_funding_share
from .outputs import OUTPUT_FIELDS, add_achievement, add_output, remove_achievement, remove_output
from .programmes import (
    add_allocation,
    add_call,
    add_fund,
    add_priority,
    add_programme,
    add_programme_alias,
    add_programme_body,
    review_entry,
    save_fund,
    save_funding_statement,
    save_programme,
    update_programme,
)
from .projects import (
    PARTNER_FIELDS,
    PROJECT_FIELDS,
    add_indicator,
    add_partner,
    add_project_alias,
    add_reporting_period,
    add_work_plan_item,
    create_project,
    update_partner,
    update_project,
)

__all__ = [
    "OUTPUT_FIELDS", "PARTNER_FIELDS", "PROJECT_FIELDS", "RESERVED_PROGRAMME_CODES", "LikelyDuplicates",
    "add_achievement", "add_allocation", "add_call", "add_exchange_rate", "add_fund", "add_indicator",
    "add_output", "add_partner", "add_priority", "add_programme", "add_programme_alias", "add_programme_body",
    "add_project_alias", "add_reporting_period", "add_work_plan_item", "create_project", "remove_achievement",
    "remove_funding_share", "remove_output", "review_entry", "save_fund", "save_funding_statement", "save_programme",
    "set_funding_share", "update_partner", "update_programme", "update_project",
]
