"""Periods (the end never before the start) and dates as precisely as a source states them."""

import calendar
from datetime import date

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


# Dates as the sources give them ---------------------------------------------------------------------------
# Real texts say "11 February" (no year), "early March 2019", "in 2016", or nothing at all. What was stated is
# kept as stated; `start_date`/`end_date` hold the bounds every possible day lies within, so lists still sort
# and filter; pages, exports and the API show the stated form, never an invented exact day.


class DatePrecision(models.TextChoices):
    DAY = "day", _("exact day")
    DAYS = "days", _("separate days")
    DAY_MONTH = "day_month", _("day and month, year not stated")
    PART_OF_MONTH = "part_of_month", _("part of a month")
    MONTH = "month", _("month and year")
    YEAR = "year", _("year only")
    UNKNOWN = "unknown", _("not stated")


class MonthPart(models.TextChoices):
    EARLY = "early", _("early")  # days 1–10
    MID = "mid", _("mid")  # days 11–20
    LATE = "late", _("late")  # day 21 to the end


class YearSource(models.TextChoices):
    PROJECT_PERIOD = "project_period", _("from the project period")
    PROGRAMME_PERIOD = "programme_period", _("from the programme period")
    DATELINE = "dateline", _("from the article's dateline")
    CONTEXT = "context", _("from the context")


class StatedDates(models.Model):
    """When something took place, as precisely as its source says (an activity, a session)."""

    date_precision = models.CharField(
        _("precision of the date"), max_length=20, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    # Bounds: every day it may have taken place on lies between them (both empty when nothing is known).
    start_date = models.DateField(_("start"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    # Day and month as stated when the source gives no year.
    stated_day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    stated_month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    stated_end_day = models.PositiveSmallIntegerField(_("last day"), null=True, blank=True)
    stated_end_month = models.PositiveSmallIntegerField(_("month of the last day"), null=True, blank=True)
    month_part = models.CharField(_("part of the month"), max_length=10, choices=MonthPart.choices, blank=True)
    # Separate days ("3, 5 and 9 March 2020"), as ISO dates.
    days = models.JSONField(_("days"), default=list, blank=True)
    # The years it may lie in when no year (or only a range) is stated: bounds come from these.
    year_from = models.PositiveSmallIntegerField(_("earliest year"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("latest year"), null=True, blank=True)
    # A year someone inferred (never stated by the source), and from what: shown as inferred, never as fact.
    inferred_year = models.PositiveSmallIntegerField(_("inferred year"), null=True, blank=True)
    year_source = models.CharField(_("year inferred"), max_length=20, choices=YearSource.choices, blank=True)
    # Announced, not confirmed.
    provisional = models.BooleanField(_("provisional"), default=False)

    class Meta:
        abstract = True


STATED_DATE_FIELDS = (
    "date_precision", "start_date", "end_date", "stated_day", "stated_month", "stated_end_day", "stated_end_month",
    "month_part", "days", "year_from", "year_to", "inferred_year", "year_source", "provisional",
)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def check_day_month(day, month, field: str) -> None:
    from .errors import DomainError

    if month is None:
        raise DomainError(_("A date given as day and month needs the month."), field=field.replace("day", "month"),
                          code="required")
    if not 1 <= int(month) <= 12:
        raise DomainError(_("A month is a number from 1 to 12."), field=field.replace("day", "month"), code="invalid")
    if day is None:
        raise DomainError(_("A date given as day and month needs the day."), field=field, code="required")
    if not 1 <= int(day) <= _last_day(2000, int(month)):  # 2000 is a leap year: 29 February may be stated
        raise DomainError(_("That month has no such day."), field=field, code="invalid")


def _first_fitting(day: int, month: int, year: int, step: int, limit: int) -> date | None:
    """The day/month in `year`, or the nearest year towards `limit` that has it (29 February)."""
    while (step > 0 and year <= limit) or (step < 0 and year >= limit):
        if day <= _last_day(year, month):
            return date(year, month, day)
        year += step
    return None


def stated_bounds(obj) -> tuple[date | None, date | None]:
    """Check what is stated on `obj` (a StatedDates) and return the bounds it implies; raises DomainError."""
    from .errors import DomainError

    precision = obj.date_precision or DatePrecision.DAY
    if precision not in DatePrecision.values:
        raise DomainError(_("Unknown precision of the date."), field="date_precision", code="invalid")
    if obj.year_from and obj.year_to and obj.year_to < obj.year_from:
        raise DomainError(_("The latest year is before the earliest year."), field="year_to", code="period")
    for name in ("year_from", "year_to", "inferred_year"):
        value = getattr(obj, name)
        if value is not None and not 1900 <= value <= 2100:
            raise DomainError(_("A year between 1900 and 2100, please."), field=name, code="invalid")
    if obj.inferred_year and precision != DatePrecision.DAY_MONTH:
        raise DomainError(_("Only a date without a year can have an inferred year."), field="inferred_year",
                          code="invalid")
    start, end = obj.start_date, obj.end_date
    if precision == DatePrecision.DAY:
        if start is None:
            raise DomainError(_("Give the day, or choose how precisely the date is known."), field="start_date",
                              code="required")
        end = end or start
    elif precision == DatePrecision.DAYS:
        try:
            days = sorted({d if isinstance(d, date) else date.fromisoformat(str(d)) for d in obj.days or []})
        except ValueError as error:
            raise DomainError(_("A day is written as YYYY-MM-DD."), field="days", code="invalid") from error
        if not days:
            raise DomainError(_("List the days it took place on."), field="days", code="required")
        obj.days = [d.isoformat() for d in days]
        start, end = days[0], days[-1]
    elif precision == DatePrecision.DAY_MONTH:
        check_day_month(obj.stated_day, obj.stated_month, "stated_day")
        if obj.stated_end_day is not None or obj.stated_end_month is not None:
            check_day_month(obj.stated_end_day or None, obj.stated_end_month or obj.stated_month, "stated_end_day")
            obj.stated_end_month = obj.stated_end_month or obj.stated_month
        end_day = obj.stated_end_day or obj.stated_day
        end_month = obj.stated_end_month or obj.stated_month
        if (end_month, end_day) < (obj.stated_month, obj.stated_day):
            raise DomainError(_("The end date is before the start date."), field="stated_end_day", code="period")
        outside = obj.year_from and obj.year_to and not obj.year_from <= (obj.inferred_year or 0) <= obj.year_to
        if obj.inferred_year and outside:
            raise DomainError(_("The inferred year lies outside the years it may lie in."), field="inferred_year",
                              code="invalid")
        if obj.inferred_year and not obj.year_source:
            raise DomainError(_("Say what the year was inferred from."), field="year_source", code="required")
        start = end = None
        if obj.year_from and obj.year_to:
            start = _first_fitting(obj.stated_day, obj.stated_month, obj.year_from, 1, obj.year_to)
            end = _first_fitting(end_day, end_month, obj.year_to, -1, obj.year_from)
    elif precision in (DatePrecision.MONTH, DatePrecision.PART_OF_MONTH):
        if start is None:
            raise DomainError(_("Give the month."), field="start_date", code="required")
        last = end or start
        if precision == DatePrecision.PART_OF_MONTH:
            if obj.month_part not in MonthPart.values:
                raise DomainError(_("Say which part of the month."), field="month_part", code="required")
            first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}[obj.month_part]
            start = date(start.year, start.month, first_day)
            end = date(start.year, start.month, min(last_day, _last_day(start.year, start.month)))
        else:
            start = date(start.year, start.month, 1)
            end = date(last.year, last.month, _last_day(last.year, last.month))
    elif precision in (DatePrecision.YEAR, DatePrecision.UNKNOWN):
        if precision == DatePrecision.YEAR and not obj.year_from:
            raise DomainError(_("Give the year."), field="year_from", code="required")
        start = date(obj.year_from, 1, 1) if obj.year_from else None
        end = date(obj.year_to or obj.year_from, 12, 31) if obj.year_from else None
    if start and end and end < start:
        raise DomainError(_("The end date is before the start date."), field="end_date", code="period")
    return start, end


def apply_stated_dates(obj) -> None:
    """Normalise `obj`'s stated dates and write its bounds (services call this before saving)."""
    precision = obj.date_precision or DatePrecision.DAY
    obj.date_precision = precision
    # What another precision would use is cleared, so a record never carries two stories about its date.
    if precision != DatePrecision.DAY_MONTH:
        obj.stated_day = obj.stated_month = obj.stated_end_day = obj.stated_end_month = None
        obj.inferred_year, obj.year_source = None, ""
    if precision != DatePrecision.PART_OF_MONTH:
        obj.month_part = ""
    if precision != DatePrecision.DAYS:
        obj.days = []
    if precision not in (DatePrecision.DAY_MONTH, DatePrecision.YEAR, DatePrecision.UNKNOWN):
        obj.year_from = obj.year_to = None
    obj.start_date, obj.end_date = stated_bounds(obj)


def narrow_to_period(obj, earliest: date | None, latest: date | None) -> None:
    """A day and month with no year, known to lie in a period (its project's): only the years in which that
    day falls inside the period remain possible, so the bounds shrink to them (11 February in a project of
    May 2017 – April 2019 lies between 11 Feb 2018 and 11 Feb 2019)."""
    if obj.date_precision != DatePrecision.DAY_MONTH or not (obj.start_date and obj.end_date):
        return
    start, end = obj.start_date, obj.end_date
    while start and earliest and start < earliest:
        start = _first_fitting(start.day, start.month, start.year + 1, 1, end.year)
    while start and end and latest and end > latest:
        end = _first_fitting(end.day, end.month, end.year - 1, -1, start.year)
    if start and end and start <= end:
        obj.start_date, obj.end_date = start, end
        obj.year_from, obj.year_to = start.year, end.year


def day_is_known(obj) -> bool:
    """Only records whose days are known go into calendars and get a weekday."""
    return obj.date_precision in (DatePrecision.DAY, DatePrecision.DAYS) and obj.start_date is not None


def within_year(year: int, start_field: str = "start_date", end_field: str = "end_date") -> Q:
    """Rows that certainly lie in `year`: both bounds inside it (an undated row, or one that may lie in another
    year, is left out rather than guessed in)."""
    return Q(**{f"{start_field}__gte": date(year, 1, 1), f"{end_field}__lte": date(year, 12, 31)})


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first}–{last}"


def stated_dates_text(obj, *, short: bool = True) -> str:
    """The date as its source gave it, in the active language: "11 February (year not stated; 2019 inferred
    from the project period)", "early March 2019", "2016", "date not stated"."""
    from django.utils import formats

    style = "SHORT_DATE_FORMAT" if short else "DATE_FORMAT"
    precision = obj.date_precision or DatePrecision.DAY
    start, end = obj.start_date, obj.end_date
    if precision == DatePrecision.DAY and start:
        text = _span(formats.date_format(start, style), formats.date_format(end or start, style))
    elif precision == DatePrecision.DAYS and obj.days:
        text = ", ".join(formats.date_format(date.fromisoformat(d), style) for d in obj.days)
    elif precision == DatePrecision.DAY_MONTH and obj.stated_month:
        first = formats.date_format(date(2000, obj.stated_month, obj.stated_day), "MONTH_DAY_FORMAT")
        last = formats.date_format(
            date(2000, obj.stated_end_month or obj.stated_month, obj.stated_end_day or obj.stated_day),
            "MONTH_DAY_FORMAT",
        )
        notes = [str(_("year not stated"))]
        if obj.inferred_year:
            notes.append(_("%(year)s inferred %(source)s") % {
                "year": obj.inferred_year, "source": YearSource(obj.year_source).label if obj.year_source else ""})
        elif obj.year_from and obj.year_to:
            notes.append(_("between %(first)s and %(last)s") % {"first": obj.year_from, "last": obj.year_to})
        text = f"{_span(first, last)} ({'; '.join(n.strip() for n in notes)})"
    elif precision == DatePrecision.PART_OF_MONTH and start:
        # "E": the month's name in the form a phrase needs (Lithuanian "kovo pradžia", genitive).
        text = {"early": _("early %(month)s %(year)s"), "mid": _("mid-%(month)s %(year)s"),
                "late": _("late %(month)s %(year)s")}[obj.month_part] % {
            "month": formats.date_format(start, "E"), "year": start.year}
    elif precision == DatePrecision.MONTH and start:
        text = _span(formats.date_format(start, "YEAR_MONTH_FORMAT"), formats.date_format(end, "YEAR_MONTH_FORMAT"))
    elif precision == DatePrecision.YEAR and obj.year_from:
        text = _span(str(obj.year_from), str(obj.year_to or obj.year_from))
    else:
        text = str(_("date not stated"))
        if obj.year_from:
            text += " (" + _("between %(first)s and %(last)s") % {
                "first": obj.year_from, "last": obj.year_to or obj.year_from} + ")"
    if obj.provisional:
        text += " (" + str(_("provisional")) + ")"
    return str(text)


def day_text(obj) -> str:
    """One day of a programme (a `day`, or a `stated_day`/`stated_month` with no year), as pages and the API say
    it: "Tuesday, 11.02.2020", "11 February (year not stated)", "day not stated"; "(provisional)" when it is."""
    from django.utils import formats

    if getattr(obj, "day", None):
        text = f"{formats.date_format(obj.day, 'l').capitalize()}, {formats.date_format(obj.day, 'SHORT_DATE_FORMAT')}"
    elif getattr(obj, "stated_month", None):
        text = _("%(day)s (year not stated)") % {
            "day": formats.date_format(date(2000, obj.stated_month, obj.stated_day), "MONTH_DAY_FORMAT")}
    else:
        text = _("day not stated")
    if getattr(obj, "provisional", False):
        text = f"{text} ({_('provisional')})"
    return str(text)
