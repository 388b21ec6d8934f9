"""A project's period as its texts state it: each end to the day, the month or the year, either end missing
("until April 2019"), or only a duration ("18 months"). The precisions are kopa.core.dates.DatePrecision's; the
dates stored are the bounds (a start in May 2017 is stored as 1 May, an end in 2019 as 31 December), so lists
still sort and filter by them, and pages show only what was stated."""

import calendar
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kopa.core.dates import DatePrecision

# The precisions a project's start or end may be stated with.
PERIOD_PRECISIONS = (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR)


def bound(day: date | None, precision: str, *, end: bool) -> date | None:
    """The stored bound of a stated start (its first day) or end (its last day)."""
    if day is None:
        return None
    if precision == DatePrecision.YEAR:
        return date(day.year, 12, 31) if end else date(day.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1] if end else 1)
    return day


def _bound_text(day: date | None, precision: str) -> str:
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def duration_text(months: int | None) -> str:
    if not months:
        return ""
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


def period_text(obj) -> str:
    """"05.2017–30.04.2019", "May 2017 – April 2019", "until 30.04.2019", "18 months", "not stated"."""
    start_precision = getattr(obj, "start_precision", DatePrecision.DAY) or DatePrecision.DAY
    end_precision = getattr(obj, "end_precision", DatePrecision.DAY) or DatePrecision.DAY
    start = _bound_text(obj.start_date, start_precision) if obj.start_date else ""
    end = _bound_text(obj.end_date, end_precision) if obj.end_date else ""
    if start and end:
        text = start if start == end else f"{start}–{end}"
    elif start:
        text = _("from %(start)s") % {"start": start}
    elif end:
        text = _("until %(end)s") % {"end": end}
    else:
        text = ""
    duration = duration_text(getattr(obj, "duration_months", None))
    if duration:
        text = f"{text} ({duration})" if text else duration
    return text or _("not stated")
