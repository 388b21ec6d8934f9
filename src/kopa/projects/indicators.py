"""Achieved values of output indicators, computed from what activities recorded — never typed.

Projects sit below activities, so the activities app registers the function that measures them
(`register_measure`) when it starts; without it every indicator reads as not yet measured.
"""

from collections.abc import Callable
from decimal import Decimal

_measures: list[Callable] = []


def register_measure(measure: Callable) -> None:
    """measure(project, indicators) -> {indicator.pk: achieved value}; set once at start-up."""
    if measure not in _measures:
        _measures.append(measure)


def achieved_values(project, indicators) -> dict[int, Decimal | None]:
    values: dict[int, Decimal | None] = {indicator.pk: None for indicator in indicators}
    for measure in _measures:
        values.update(measure(project, indicators))
    return values
