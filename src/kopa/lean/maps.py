"""Figures of a value-stream map: lead time, processing time, efficiency, hand-offs, waste."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class MapFigures:
    lead_minutes: int  # processing + waiting, typical values
    processing_minutes: int
    waiting_minutes: int
    value_adding_minutes: int
    waste_minutes: int  # processing time of waste steps and all waiting
    handoffs: int
    steps: int

    @property
    def efficiency(self) -> Decimal | None:
        """Process-cycle efficiency: value-adding time ÷ lead time."""
        if not self.lead_minutes:
            return None
        return Decimal(self.value_adding_minutes) / Decimal(self.lead_minutes)

    @property
    def waste_share(self) -> Decimal | None:
        if not self.lead_minutes:
            return None
        return Decimal(self.waste_minutes) / Decimal(self.lead_minutes)


def figures(steps) -> MapFigures:
    """steps: ProcessStep rows of one map (alternatives count once: the main path is measured)."""
    main = [s for s in steps if s.alternative_to_id is None]
    processing = sum(s.processing_minutes for s in main)
    waiting = sum(s.waiting_minutes for s in main)
    value_adding = sum(s.processing_minutes for s in main if s.value_class == "value_adding")
    waste = waiting + sum(s.processing_minutes for s in main if s.value_class == "waste")
    return MapFigures(
        lead_minutes=processing + waiting,
        processing_minutes=processing,
        waiting_minutes=waiting,
        value_adding_minutes=value_adding,
        waste_minutes=waste,
        handoffs=sum(1 for s in main if s.handoff),
        steps=len(main),
    )
