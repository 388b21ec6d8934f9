"""Periods: a start and an end date, the end never before the start."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def period_constraint(name: str, start: str = "start_date", end: str = "end_date") -> models.CheckConstraint:
    """The database refuses a period that ends before it starts (either end may be open)."""
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=_("The end date is before the start date."),
    )


def overlaps(start_field: str, end_field: str, date_from=None, date_to=None) -> Q:
    """Rows whose period touches [date_from, date_to]; an open end counts as unbounded."""
    q = Q()
    if date_from:
        q &= Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": date_from})
    if date_to:
        q &= Q(**{f"{start_field}__isnull": True}) | Q(**{f"{start_field}__lte": date_to})
    return q
