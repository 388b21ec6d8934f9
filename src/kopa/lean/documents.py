"""The A3 report of an improvement: one landscape A3 page, the way LEAN teams present a change."""

from django.utils.translation import gettext as _

from kopa.core.durations import format_duration
from kopa.core.money import format_share
from kopa.core.pdf import Document

from . import maps, queries
from .models import Improvement


def _figure_rows(before, after, measured_before, measured_after):
    def minutes(value):
        return format_duration(value * 60) if value is not None else "—"

    def median(log):
        return (format_duration(log.results["case_duration_median_s"], log.duration_basis)
                if log and log.results else "—")

    return [
        (_("Lead time"), minutes(before.lead_minutes), minutes(after.lead_minutes) if after else "—"),
        (_("Processing time"), minutes(before.processing_minutes),
         minutes(after.processing_minutes) if after else "—"),
        (_("Process-cycle efficiency"), format_share(before.efficiency),
         format_share(after.efficiency) if after else "—"),
        (_("Share of waste"), format_share(before.waste_share), format_share(after.waste_share) if after else "—"),
        (_("Hand-offs"), str(before.handoffs), str(after.handoffs) if after else "—"),
        (_("Median case duration"), median(measured_before), median(measured_after)),
    ]


def measurement_label(log) -> str:
    """Which published measurement a figure comes from, and the period its cases cover."""
    if log is None:
        return _("no published measurement")
    if log.period_start and log.period_end:
        return _("%(name)s, cases from %(start)s to %(end)s") % {
            "name": log.name, "start": log.period_start.isoformat(), "end": log.period_end.isoformat()}
    return log.name


def a3_report(improvement: Improvement) -> bytes:
    service = improvement.step.process_map.service
    before_map = improvement.step.process_map
    before = maps.figures(list(before_map.steps.all()))
    after = maps.figures(list(improvement.result_map.steps.all())) if improvement.result_map else None
    logs = queries.shown_measurements([service.pk], per_map=True)
    pdf = Document(title=improvement.title, orientation="L", format="A3")
    pdf.add_page()
    pdf.heading(f"{improvement.title}", size=18)
    pdf.multi_cell(0, 6, f"{service.name} · {service.organisation} · {improvement.get_status_display()}")
    pdf.ln(4)
    column = (pdf.w - pdf.l_margin - pdf.r_margin - 10) / 2
    top = pdf.get_y()
    pdf.set_xy(pdf.l_margin, top)
    pdf.heading(_("Current state"), size=13)
    pdf.multi_cell(column, 6, _("Step %(number)d: %(step)s (%(performer)s)") % {
        "number": improvement.step.position, "step": improvement.step.name,
        "performer": improvement.step.performer or "—"})
    for step in before_map.steps.all():
        pdf.multi_cell(column, 5.5, f"{step.position}. {step.name} — {step.get_value_class_display()}, "
                                    f"{format_duration(step.processing_minutes * 60)} / "
                                    f"{format_duration(step.waiting_minutes * 60)}")
    pdf.ln(3)
    pdf.heading(_("Proposal"), size=13)
    pdf.multi_cell(column, 6, f"{improvement.get_kind_display()}: {improvement.title}")
    if improvement.expected_effect:
        pdf.multi_cell(column, 6, _("Expected effect") + ": " + improvement.expected_effect)
    pdf.set_xy(pdf.l_margin + column + 10, top)
    pdf.set_left_margin(pdf.l_margin + column + 10)
    pdf.heading(_("Before and after"), size=13)
    for label, was, now in _figure_rows(before, after, logs.get(before_map.pk),
                                        logs.get(improvement.result_map_id)):
        pdf.cell(70, 8, label, border=1)
        pdf.cell(45, 8, was, border=1, align="R")
        pdf.cell(45, 8, now, border=1, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, log in ((_("Measured before"), logs.get(before_map.pk)),
                       (_("Measured after"), logs.get(improvement.result_map_id))):
        pdf.multi_cell(160, 6, f"{label}: {measurement_label(log)}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
