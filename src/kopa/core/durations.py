"""Durations as a reader thinks of them (minutes, hours, days), with the locale's decimal sign."""

from babel.numbers import format_decimal
from django.utils.translation import gettext as _

from kopa.core.money import babel_locale


def format_duration(seconds: float | None, basis: str = "calendar") -> str:
    """`basis` "working": the seconds are working time, shown in working hours (a working day is not 24 h)."""
    if seconds is None:
        return "—"
    seconds = float(seconds)
    if basis == "working" and seconds >= 3600:
        return _("%(value)s working h") % {
            "value": format_decimal(seconds / 3600, format="#,##0.#", locale=babel_locale())}
    if seconds >= 86400:
        return _("%(value)s d") % {"value": format_decimal(seconds / 86400, format="#,##0.#", locale=babel_locale())}
    if seconds >= 3600:
        return _("%(value)s h") % {"value": format_decimal(seconds / 3600, format="#,##0.#", locale=babel_locale())}
    return _("%(value)s min") % {"value": format_decimal(round(seconds / 60), locale=babel_locale())}
