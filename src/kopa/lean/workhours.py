"""Durations in working hours: a client waits over a weekend, an office does not work then.

An office's working day here is 08:00–17:00 with a lunch break 12:00–13:00 (eight hours), Monday to Friday,
except the public holidays of the country (the `holidays` package: Latvia's and Lithuania's days off,
including the days moved by the cabinet that it knows). Shortened pre-holiday days and Saturdays worked
in exchange are not modelled: they move a duration by an hour or a day at most.
"""

from dataclasses import dataclass
from datetime import date, time

import holidays
import polars as pl

EPOCH = date(2000, 1, 3)  # a Monday; the working clock counts from here
DAY_START, LUNCH_START, LUNCH_END, DAY_END = time(8), time(12), time(13), time(17)
_US = 1_000_000


def _us(moment: time) -> int:
    return (moment.hour * 3600 + moment.minute * 60) * _US


WORKING_DAY_US = _us(LUNCH_START) - _us(DAY_START) + _us(DAY_END) - _us(LUNCH_END)
WORKING_DAY_SECONDS = WORKING_DAY_US // _US


@dataclass(frozen=True)
class WorkingCalendar:
    country: str  # ISO code of the country whose public holidays apply (LV, LT, …)

    def holidays(self, first_year: int, last_year: int) -> list[date]:
        try:
            days = holidays.country_holidays(self.country, years=range(first_year, last_year + 1))
        except NotImplementedError:  # a country the package does not know: weekends only
            return []
        return sorted(days)

    def clock(self, ts: pl.Expr, first_year: int, last_year: int) -> pl.Expr:
        """Working microseconds from EPOCH to each timestamp: the difference of two is a working duration.

        A moment outside working hours counts as the nearest working moment before it, so an event at
        18:00 and one at 08:00 the next working day are no working time apart.
        """
        days_off = self.holidays(first_year, last_year)
        day = ts.dt.date()
        since_midnight = (ts - ts.dt.truncate("1d")).dt.total_microseconds()
        morning = since_midnight.clip(_us(DAY_START), _us(LUNCH_START)) - _us(DAY_START)
        afternoon = since_midnight.clip(_us(LUNCH_END), _us(DAY_END)) - _us(LUNCH_END)
        whole_days = pl.business_day_count(pl.lit(EPOCH), day, holidays=days_off).cast(pl.Int64)
        today = pl.when(day.dt.is_business_day(holidays=days_off)).then(morning + afternoon).otherwise(0)
        return whole_days * WORKING_DAY_US + today
