"""Server-drawn SVG: the value-stream map (steps and the timeline ladder) and the directly-follows graph.

The figures are also in tables on the same page; the drawings carry a title and a description for
screen readers and need no JavaScript.
"""

from html import escape

from django.utils.translation import gettext as _

from kopa.core.durations import format_duration

BOX_W, BOX_H, GAP, PAD = 150, 108, 30, 8
COLOURS = {"value_adding": "#1d5e2f", "necessary": "#4a5460", "waste": "#a1120a"}

# Advance widths in em of DejaVu Sans, the widest of the sans-serif fonts a browser is likely to pick; a label
# measured with them fits its box in any narrower font too. (regular, bold)
_NARROW, _SLIM, _WIDE = set("iljI.,:;'!|()[]"), set("tfr-/"), set("mwMW@")


def _em(char: str, bold: bool) -> float:
    if char in _NARROW:
        width = 0.30
    elif char in _SLIM:
        width = 0.43
    elif char == " ":
        width = 0.33
    elif char in _WIDE:
        width = 1.0
    elif char.isupper():
        width = 0.78
    else:
        width = 0.66
    return width * (1.1 if bold else 1.0)


def _width(text: str, size: float, bold: bool = False) -> float:
    return sum(_em(char, bold) for char in text) * size


def _truncated(text: str, size: float, bold: bool, room: float) -> str:
    """`text` if it fits in `room` pixels, else as much of it as fits followed by an ellipsis."""
    if _width(text, size, bold) <= room:
        return text
    while text and _width(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrapped(text: str, size: float, bold: bool, room: float, lines: int) -> list[str]:
    """`text` in at most `lines` lines of `room` pixels, broken between words (inside a word too long for a
    line); whatever does not fit ends the last line with an ellipsis. The full text is in the step's title."""
    result: list[str] = []
    words = text.split()
    while words and len(result) < lines:
        line = words.pop(0)
        while len(line) > 1 and _width(line, size, bold) > room:  # a word longer than the line: break it
            cut = len(line) - 1
            while cut > 1 and _width(line[:cut], size, bold) > room:
                cut -= 1
            words.insert(0, line[cut:])
            line = line[:cut]
        while words and _width(f"{line} {words[0]}", size, bold) <= room:
            line = f"{line} {words.pop(0)}"
        result.append(line)
    if words:
        result[-1] = _truncated(f"{result[-1]} {' '.join(words)}", size, bold, room)
    return result


def _minutes(value: int) -> str:
    return format_duration(value * 60)


def _step_box(step, x: float, colour: str) -> list[str]:
    """One step: its name in up to two lines, the performer, the class and the hand-off, each inside the box;
    the whole text is the box's title (shown as a tooltip), so nothing cut short is lost."""
    room = BOX_W - 2 * PAD
    name = f"{step.position}. {step.name}"
    value_class = step.get_value_class_display()
    full = " · ".join(part for part in (name, step.performer, value_class) if part)
    parts = [f'<g class="step"><title>{escape(full)}</title>',
             f'<rect x="{x}" y="20" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#fff" stroke="{colour}" '
             f'stroke-width="{4 if step.value_class == "waste" else 2}"/>']
    y = 20
    for line in _wrapped(name, 13, True, room, 2):
        y += 17
        parts.append(f'<text x="{x + PAD}" y="{y}" font-size="13" font-weight="bold" fill="#1b1f24">'
                     f'{escape(line)}</text>')
    y = max(y, 54)  # performer and class keep their place under a one-line name
    if step.performer:
        y += 17
        parts.append(f'<text x="{x + PAD}" y="{y}" font-size="11" fill="#1b1f24">'
                     f'{escape(_truncated(step.performer, 11, False, room))}</text>')
    for line in _wrapped(value_class, 11, False, room, 2):
        y += 15
        parts.append(f'<text x="{x + PAD}" y="{y}" font-size="11" fill="{colour}">{escape(line)}</text>')
    if step.handoff:
        y += 15
        handoff = _truncated(_("hand-off"), 11, False, room - 15)  # outside the f-string, where makemessages sees it
        parts.append(f'<text x="{x + PAD}" y="{y}" font-size="11" fill="#1b1f24">⇄ {escape(handoff)}</text>')
    parts.append("</g>")
    return parts


def map_svg(steps, title: str) -> str:
    main = [s for s in steps if s.alternative_to_id is None]
    width = max(len(main), 1) * (BOX_W + GAP) + GAP
    height = 270
    ladder = 20 + BOX_H + 44  # the timeline runs under the boxes
    # Translated outside the f-strings: makemessages does not look inside them.
    description = _("Steps in order with processing and waiting times; the table below lists the same figures.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="map-title map-desc" class="map" font-family="DejaVu Sans, Verdana, sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(description)}</desc>',
    ]
    for index, step in enumerate(main):
        x = GAP + index * (BOX_W + GAP)
        colour = COLOURS.get(step.value_class, "#4a5460")
        parts.extend(_step_box(step, x, colour))
        if index:
            parts.append(f'<line x1="{x - GAP}" y1="{20 + BOX_H / 2}" x2="{x - 4}" y2="{20 + BOX_H / 2}" '
                         f'stroke="#1b1f24" stroke-width="2" marker-end="url(#arrow)"/>')
        # The timeline ladder: waiting up, processing down.
        parts.append(f'<text x="{x - GAP / 2}" y="{ladder - 10}" font-size="11" text-anchor="middle" '
                     f'fill="#a1120a">{escape(_minutes(step.waiting_minutes))}</text>')
        parts.append(f'<line x1="{x - GAP}" y1="{ladder}" x2="{x}" y2="{ladder}" stroke="#a1120a" stroke-width="3"/>')
        parts.append(f'<line x1="{x}" y1="{ladder}" x2="{x}" y2="{ladder + 30}" stroke="#1b1f24"/>')
        parts.append(f'<line x1="{x}" y1="{ladder + 30}" x2="{x + BOX_W}" y2="{ladder + 30}" stroke="#1d5e2f" '
                     f'stroke-width="3"/>')
        parts.append(f'<text x="{x + BOX_W / 2}" y="{ladder + 48}" font-size="11" text-anchor="middle" '
                     f'fill="#1d5e2f">{escape(_minutes(step.processing_minutes))}</text>')
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
    description = _("Which activity follows which, and how often; the table below lists the same figures.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="dfg-title dfg-desc" class="dfg">',
        f'<title id="dfg-title">{escape(title)}</title>',
        f'<desc id="dfg-desc">{escape(description)}</desc>',
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
