"""Checks every write of projects shares: periods, amounts, likely duplicates, name variants."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from kopa.core.errors import DomainError
from kopa.core.names import VariantKind, name_key
from kopa.core.translated import has_translation

# Addresses of the programme pages themselves (programmes/new/, programmes/funds/…), never a programme's code.
RESERVED_PROGRAMME_CODES = ("new", "funds")


class LikelyDuplicates(DomainError):
    """A person is adding what may already exist; `candidates` are the likely ones, best first."""

    def __init__(self, candidates, message=None):
        super().__init__(message or _("This may already be recorded. Choose the existing entry, or confirm that it "
                                      "is a new one."), field=None, code="likely_duplicate")
        self.candidates = candidates



def check_period(start: date | None, end: date | None):
    if start and end and end < start:
        raise DomainError(_("The end date is before the start date."), field="end_date", code="period")


def check_amount(amount, field):
    if amount is not None and Decimal(amount) < 0:
        raise DomainError(_("An amount cannot be negative."), field=field, code="negative")


def add_name_variant(model, owner_field: str, owner, name: str, **fields):
    name = (name or "").strip()
    if not name:
        raise DomainError(_("The name variant is empty."), field="name", code="required")
    if fields.get("kind", VariantKind.SPELLING) not in VariantKind.values:
        raise DomainError(_("Unknown kind of name variant."), field="kind", code="invalid")
    alias = model(**{owner_field: owner}, name=name, **fields)
    if model.objects.filter(**{owner_field: owner}, key=name_key(name)).exists():
        raise DomainError(_("This name variant is already recorded."), field="name", code="duplicate")
    alias.save()
    return alias


def check_work_plan_item(item) -> None:
    """A work plan item, added or changed: a title in some language, a period that fits."""
    if not has_translation(item, "title"):
        raise DomainError(_("The work plan item needs a title."), field="title_lv", code="required")
    check_period(item.start_date, item.end_date)


def check_indicator(indicator) -> None:
    """An output indicator, added or changed: a known counting rule, a target of zero or more, a name."""
    from ..models import OutputIndicator

    if indicator.rule not in OutputIndicator.Rule.values:
        raise DomainError(_("Unknown counting rule."), field="rule", code="invalid")
    if indicator.target is None or Decimal(indicator.target) < 0:
        raise DomainError(_("The target cannot be negative."), field="target", code="negative")
    if not has_translation(indicator, "name"):
        raise DomainError(_("The indicator needs a name."), field="name_lv", code="required")
