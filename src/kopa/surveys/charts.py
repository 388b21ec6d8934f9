"""Bar charts as server-rendered SVG; every chart has the same numbers in a table next to it."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from kopa.core.money import format_share

WIDTH, LABEL, BAR_H, GAP = 640, 260, 18, 8


def _svg(rows: list[tuple[str, float, str]], title: str) -> str:
    """rows: (label, fraction 0–1, value text). aria-hidden: the table beside it is what assistive tech reads."""
    height = len(rows) * (BAR_H + GAP) + GAP
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'class="chart" role="img" aria-label="{escape(title)}">']
    for n, (label, fraction, value) in enumerate(rows):
        y = GAP + n * (BAR_H + GAP)
        bar = max(0.0, min(1.0, fraction)) * (WIDTH - LABEL - 70)
        short = label if len(label) <= 38 else label[:36] + "…"
        parts.append(f'<text x="{LABEL - 6}" y="{y + 13}" text-anchor="end" font-size="12" fill="#1b1f24">'
                     f'{escape(short)}</text>')
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{bar:.1f}" height="{BAR_H}" fill="#1f5f8b"/>')
        parts.append(f'<text x="{LABEL + bar + 6:.1f}" y="{y + 13}" font-size="12" fill="#1b1f24">'
                     f'{escape(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(result) -> str:
    if result.scale:
        rows = [(str(item["value"]), item["share"] or 0, format_share(item["share"]) if item["share"] is not None
                 else "—") for item in result.scale]
    elif result.choices:
        rows = [(str(item["choice"]), item["share"] or 0, format_share(item["share"]) if item["share"] is not None
                 else "—") for item in result.choices]
    else:
        return ""
    return _svg(rows, str(result.question))


def ranking(rows: list[dict]) -> str:
    if not rows:
        return ""
    top = max(row["points"] for row in rows) or 1
    return _svg([(row["need"], row["points"] / top, str(row["points"])) for row in rows],
                _("Needs in the order the respondents ranked them"))
