"""Server-drawn SVG: the value-stream map (steps and the timeline ladder) and the directly-follows graph.

The figures are also in tables on the same page; the drawings carry a title and a description for
screen readers and need no JavaScript.
"""

from html import escape

from django.utils.translation import gettext as _

from kopa.core.durations import format_duration

BOX_W, BOX_H, GAP = 150, 86, 30
COLOURS = {"value_adding": "#1d5e2f", "necessary": "#4a5460", "waste": "#a1120a"}


def _minutes(value: int) -> str:
    return format_duration(value * 60)


def map_svg(steps, title: str) -> str:
    main = [s for s in steps if s.alternative_to_id is None]
    width = max(len(main), 1) * (BOX_W + GAP) + GAP
    height = 250
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="map-title map-desc" class="map">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(_("Steps in order with processing and waiting times; the table below lists the same figures."))}</desc>',  # noqa: E501
    ]
    for index, step in enumerate(main):
        x = GAP + index * (BOX_W + GAP)
        colour = COLOURS.get(step.value_class, "#4a5460")
        parts.append(f'<rect x="{x}" y="20" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#fff" stroke="{colour}" '
                     f'stroke-width="{4 if step.value_class == "waste" else 2}"/>')
        parts.append(f'<text x="{x + 8}" y="42" font-size="13" font-weight="bold" fill="#1b1f24">'
                     f'{escape(str(step.position))}. {escape(step.name[:22])}</text>')
        parts.append(f'<text x="{x + 8}" y="62" font-size="11" fill="#1b1f24">{escape(step.performer[:24])}</text>')
        parts.append(f'<text x="{x + 8}" y="80" font-size="11" fill="{colour}">'
                     f'{escape(step.get_value_class_display())}</text>')
        if step.handoff:
            parts.append(f'<text x="{x + 8}" y="98" font-size="11" fill="#1b1f24">⇄ {escape(_("hand-off"))}</text>')
        if index:
            parts.append(f'<line x1="{x - GAP}" y1="{20 + BOX_H / 2}" x2="{x - 4}" y2="{20 + BOX_H / 2}" '
                         f'stroke="#1b1f24" stroke-width="2" marker-end="url(#arrow)"/>')
        # The timeline ladder: waiting up, processing down.
        parts.append(f'<text x="{x - GAP / 2}" y="150" font-size="11" text-anchor="middle" fill="#a1120a">'
                     f'{escape(_minutes(step.waiting_minutes))}</text>')
        parts.append(f'<line x1="{x - GAP}" y1="160" x2="{x}" y2="160" stroke="#a1120a" stroke-width="3"/>')
        parts.append(f'<line x1="{x}" y1="160" x2="{x}" y2="190" stroke="#1b1f24"/>')
        parts.append(f'<line x1="{x}" y1="190" x2="{x + BOX_W}" y2="190" stroke="#1d5e2f" stroke-width="3"/>')
        parts.append(f'<text x="{x + BOX_W / 2}" y="208" font-size="11" text-anchor="middle" fill="#1d5e2f">'
                     f'{escape(_minutes(step.processing_minutes))}</text>')
        if step.rework_to_id:
            target = next((i for i, s in enumerate(main) if s.pk == step.rework_to_id), None)
            if target is not None:
                tx = GAP + target * (BOX_W + GAP) + BOX_W / 2
                parts.append(f'<path d="M {x + BOX_W / 2} 20 C {x + BOX_W / 2} 0, {tx} 0, {tx} 20" fill="none" '
                             f'stroke="#a1120a" stroke-dasharray="4 3" marker-end="url(#arrow)"/>')
    parts.insert(3, '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
                    'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1b1f24"/></marker></defs>')
    parts.append("</svg>")
    return "".join(parts)


def dfg_svg(dfg: list[dict], activities: list[dict], title: str) -> str:
    """Activities in a column, most frequent first; arcs on the right carry how many cases moved on."""
    order = [row["activity"] for row in activities]
    row_h, width = 56, 760
    height = max(len(order), 1) * row_h + 40
    y = {name: 30 + i * row_h for i, name in enumerate(order)}
    most = max((edge["count"] for edge in dfg), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="dfg-title dfg-desc" class="dfg">',
        f'<title id="dfg-title">{escape(title)}</title>',
        f'<desc id="dfg-desc">{escape(_("Which activity follows which, and how often; the table below lists the same figures."))}</desc>',  # noqa: E501
    ]
    for name, top in y.items():
        count = next((row["events"] for row in activities if row["activity"] == name), 0)
        parts.append(f'<rect x="10" y="{top - 18}" width="260" height="36" rx="6" fill="#f3f5f7" stroke="#4a5460"/>')
        parts.append(f'<text x="20" y="{top + 5}" font-size="13" fill="#1b1f24">{escape(name[:30])} ({count})</text>')
    for index, edge in enumerate(dfg):
        if edge["source"] not in y or edge["target"] not in y:
            continue
        y1, y2 = y[edge["source"]], y[edge["target"]]
        bend = 290 + 30 * (index % 12) + abs(y2 - y1) / 4
        stroke = 1 + 5 * edge["count"] / most
        parts.append(f'<path d="M 270 {y1} C {bend} {y1}, {bend} {y2}, 272 {y2}" fill="none" stroke="#8a1c2b" '
                     f'stroke-opacity="0.7" stroke-width="{stroke:.1f}"/>')
        parts.append(f'<text x="{bend - 10}" y="{(y1 + y2) / 2}" font-size="11" fill="#1b1f24">'
                     f'{edge["count"]}</text>')
    parts.append("</svg>")
    return "".join(parts)
