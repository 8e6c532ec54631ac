"""The diary chart: pain over time as a server-rendered SVG, with timed waves marked along the bottom.

Owns: scaling points to the drawing and its text alternative. Never: script or inline style
(the page's Content-Security-Policy forbids both; presentation attributes are used instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 14, 62
LINE = "#12525f"
WAVE = "#9f1239"
GRID = "#d6d1c4"
TEXT = "#3b4348"


def pain_chart(
    points: Sequence[tuple[datetime, int]],
    waves: Sequence[datetime],
    since: datetime,
    until: datetime,
    title: str,
) -> Markup:
    """An SVG of pain 0-10 from `since` to `until`; `waves` are the starts of timed waves."""
    span = max((until - since).total_seconds(), 1.0)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(at: datetime) -> float:
        return LEFT + plot_w * min(max((at - since).total_seconds() / span, 0.0), 1.0)

    def y(pain: float) -> float:
        return TOP + plot_h * (1 - pain / 10)

    shown = sorted((p for p in points if since <= p[0] <= until), key=lambda p: p[0])
    marks = [w for w in waves if since <= w <= until]
    desc = _describe(shown, marks)
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        'role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(desc)}</desc>',
    ]
    for level in (0, 5, 10):
        yy = y(level)
        out.append(
            f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{WIDTH - RIGHT}" y2="{yy:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{yy + 5:.1f}" text-anchor="end" font-size="15" fill="{TEXT}">{level}</text>'
        )
    for tick in _day_ticks(since, until):
        xx = x(tick)
        out.append(
            f'<line x1="{xx:.1f}" y1="{TOP}" x2="{xx:.1f}" y2="{TOP + plot_h}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{xx:.1f}" y="{TOP + plot_h + 20}" text-anchor="middle" font-size="14" fill="{TEXT}">'
            f'{tick.day} {tick.strftime("%b")}</text>'
        )
    if len(shown) > 1:
        coords = " ".join(f"{x(at):.1f},{y(p):.1f}" for at, p in shown)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{LINE}" stroke-width="3" stroke-linejoin="round"/>'
        )
    for at, pain in shown:
        out.append(
            f'<circle cx="{x(at):.1f}" cy="{y(pain):.1f}" r="5" fill="{LINE}" stroke="#fff" stroke-width="2">'
            f'<title>{escape(at.strftime("%d %b %H:%M"))}: pain {pain} out of 10</title></circle>'
        )
    base = TOP + plot_h
    for at in marks:
        xx = x(at)
        out.append(
            f'<line x1="{xx:.1f}" y1="{base - 14}" x2="{xx:.1f}" y2="{base}" stroke="{WAVE}" stroke-width="3"/>'
        )
    legend_y = HEIGHT - 14
    out.append(f'<circle cx="{LEFT + 6}" cy="{legend_y - 5}" r="5" fill="{LINE}"/>')
    out.append(
        f'<text x="{LEFT + 18}" y="{legend_y}" font-size="14" fill="{TEXT}">Pain (0 to 10)</text>'
    )
    out.append(
        f'<line x1="{LEFT + 170}" y1="{legend_y - 12}" x2="{LEFT + 170}" y2="{legend_y + 2}" stroke="{WAVE}" stroke-width="3"/>'
    )
    out.append(
        f'<text x="{LEFT + 180}" y="{legend_y}" font-size="14" fill="{TEXT}">Timed wave</text>'
    )
    if not shown:
        out.append(
            f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" '
            f'font-size="16" fill="{TEXT}">No entries in this time yet</text>'
        )
    out.append("</svg>")
    return Markup("\n".join(out))


def _describe(shown: Sequence[tuple[datetime, int]], marks: Sequence[datetime]) -> str:
    if not shown:
        text = "No diary entries in this time."
    else:
        pains = [p for _, p in shown]
        text = (
            f"{len(shown)} diary {'entry' if len(shown) == 1 else 'entries'}; pain from {min(pains)} "
            f"to {max(pains)} out of 10; the latest is {pains[-1]}."
        )
    if marks:
        text += f" {len(marks)} timed {'wave' if len(marks) == 1 else 'waves'} marked."
    return text


def _day_ticks(since: datetime, until: datetime, most: int = 4) -> list[datetime]:
    """Midnights between the two moments, thinned to at most `most` labels."""
    start = since.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    days = max(int((until - start).total_seconds() // 86400) + 1, 0)
    step = max(1, -(-days // most))
    return [
        start + timedelta(days=i)
        for i in range(0, days, step)
        if start + timedelta(days=i) <= until
    ]
