"""The report for her midwife: her week and risk profile, the latest assessment with reasons and sources, a chart of
pain over time with timed waves marked, the recent waves and the self-care she has tried.

Owns: gathering that from the store, the inline SVG chart, the HTML (Jinja2) and the PDF
(WeasyPrint). Never: clinical logic (the assessment comes from triage), scripts or remote
resources in the page (it must open offline and print the same everywhere).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from pregback.core.history import summarise_history
from pregback.interfaces.plain import SourceRef, duration, interval, source_refs
from pregback.knowledge import KnowledgeBase, default_knowledge

if TYPE_CHECKING:
    from pregback.store.models import Person
    from pregback.store.repository import Repository

#: The chart shows at most this much of the diary (the midwife wants the recent story first).
CHART_SPAN = timedelta(weeks=12)
MAX_WAVES = 12
MAX_TRIED = 10
W, H = 680, 210
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 12, 40
BLUE, ORANGE = "#1D4ED8", "#C2410C"
# Presentation attributes, not CSS classes: PDF renderers style inline SVG from attributes only.
GRID = 'stroke="#dddddd" stroke-width="1"'
VGRID = 'stroke="#f0f0f0" stroke-width="1"'
TICK = 'font-size="9" fill="#444444" font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'
LINE = f'fill="none" stroke="{BLUE}" stroke-width="1.4"'
DOT = f'fill="{BLUE}" fill-opacity="0.55"'
WAVE = f'stroke="{ORANGE}" stroke-width="1.4"'


@dataclass
class ReportData:
    person: str
    generated: datetime
    due_date: date | None
    week: tuple[int, int] | None
    facts: list[tuple[str, str]]  # her risk profile: (label, yes / no), in findings.yaml order
    not_said: list[str]  # the labels of the facts she has not said
    after_birth: bool
    assessment: dict[str, Any] | None
    assessment_at: datetime | None
    assessment_computed: bool
    sources: list[SourceRef]
    chart: Markup
    entry_count: int
    first_entry: datetime | None
    latest_pain: int | None
    history_notes: tuple[str, ...]
    waves: list[dict[str, str]]
    wave_summary: dict[str, Any] | None
    tried: list[tuple[str, int]]
    knowledge_version: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def shown_name(self) -> str:
        """Her name as the report shows it: none for the one local profile or an account's id."""
        return "" if self.person == "me" or self.person.startswith("api-") else self.person


def gather(
    repo: Repository,
    person: Person,
    now: datetime | None = None,
    kb: KnowledgeBase | None = None,
    tz: tzinfo | None = None,
) -> ReportData:
    """Everything the report shows, read in one transaction; times in `tz` (default: this machine's)."""
    from pregback.core import profile as her
    from pregback.core.labour import summarise
    from pregback.core.triage import assess
    from pregback.services.assess import context_for, session_waves

    kb = kb or default_knowledge()
    now = now or datetime.now(UTC)
    local_now = now.astimezone(tz)
    facts = repo.facts(person, local_now.date())
    entries = repo.entries(person)
    points = repo.pain_points(person)
    history = summarise_history(points, now)
    record = repo.latest_assessment(person)
    if record is not None:
        result, at, computed = dict(record.result), record.at, False
    else:
        ctx = context_for(repo, person, now)
        fresh = assess(ctx.findings({}), list(ctx.episodes), kb)
        result, at, computed = fresh.to_dict(), now, True
        result["notes"] = list(result["notes"]) + list(ctx.notes)
    cited = dict.fromkeys(s for r in result.get("rules", []) for s in r.get("sources", []))
    sources = source_refs(kb, cited)

    waves_all = repo.episodes(person)
    recent = session_waves(repo, person, now) or waves_all[-MAX_WAVES:]
    shown = recent[-MAX_WAVES:]
    wave_rows = []
    for i, w in enumerate(shown):
        assert w.ended_at is not None
        prev = shown[i - 1] if i else None
        wave_rows.append(
            {
                "start": w.started_at.astimezone(tz).strftime("%d %b %H:%M:%S"),
                "length": duration((w.ended_at - w.started_at).total_seconds()),
                "interval": duration((w.started_at - prev.started_at).total_seconds())
                if prev
                else "-",
            }
        )
    timing = (
        summarise([{"start": w.started_at, "end": w.ended_at} for w in recent]) if recent else None
    )

    tried = Counter(h.strip().lower() for e in entries for h in e.helped)
    labels = {a.id: a.title for a in kb.advice.values()}
    tried_rows = [(labels.get(text, text), n) for text, n in tried.most_common(MAX_TRIED)]
    return ReportData(
        person=person.name,
        generated=local_now,
        due_date=person.due_date,
        week=her.her_week(kb, person.due_date, local_now.date(), facts),
        facts=[(d.label, her.SHOWN[facts[d.id]]) for d in her.fact_defs(kb) if d.id in facts],
        not_said=[d.label for d in her.fact_defs(kb) if d.id not in facts],
        after_birth=bool(her.ends_pregnancy(kb, facts)),
        assessment=result,
        assessment_at=at.astimezone(tz),
        assessment_computed=computed,
        sources=sources,
        chart=chart_svg(
            [(p.at, p.pain) for p in points], [w.started_at for w in waves_all], now, tz
        ),
        entry_count=len(entries),
        first_entry=entries[0].at.astimezone(tz) if entries else None,
        latest_pain=entries[-1].pain if entries else None,
        history_notes=history.notes,
        waves=wave_rows,
        wave_summary=timing.to_dict() if timing else None,
        tried=tried_rows,
        knowledge_version=kb.version,
    )


def chart_svg(
    points: list[tuple[datetime, int]],
    waves: list[datetime],
    now: datetime,
    tz: tzinfo | None = None,
) -> Markup:
    """Pain (0-10) over time as an inline SVG: each entry a dot, the worst of each day a line, and
    each timed wave a tick along the bottom."""
    if not points and not waves:
        return Markup('<p class="empty">No diary entries or timed waves yet.</p>')
    moments = [t for t, _ in points] + waves
    end = max([now, *moments])
    start = max(min(moments), end - CHART_SPAN)
    if end - start < timedelta(days=1):
        start = end - timedelta(days=1)
    span = (end - start).total_seconds()
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(t: datetime) -> float:
        return LEFT + pw * (t - start).total_seconds() / span

    def y(v: float) -> float:
        return TOP + ph * (1 - v / 10)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" '
        f'aria-labelledby="chart-title"><title id="chart-title">Pain from 0 to 10 over time, with timed waves marked</title>'
    ]
    for v in (0, 2, 4, 6, 8, 10):
        out.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" {GRID}/>'
            f'<text x="{LEFT - 6}" y="{y(v) + 3:.1f}" {TICK} text-anchor="end">{v}</text>'
        )
    days = (end - start).days
    step = 1 if days <= 10 else 7 if days <= 70 else 14
    first_day = start.astimezone(tz).date() + timedelta(days=1)
    tick = (
        datetime.combine(first_day, datetime.min.time(), tz)
        if tz
        else datetime.combine(first_day, datetime.min.time()).astimezone()
    )
    while tick <= end:
        out.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{TOP}" y2="{TOP + ph}" {VGRID}/>'
            f'<text x="{x(tick):.1f}" y="{TOP + ph + 14}" {TICK} text-anchor="middle">{tick.strftime("%d %b")}</text>'
        )
        tick += timedelta(days=step)
    shown = [(t, v) for t, v in points if t >= start]
    daily: dict[date, tuple[datetime, int]] = {}
    for t, v in shown:
        d = t.astimezone(tz).date()
        if d not in daily or v > daily[d][1]:
            daily[d] = (t, v)
    if len(daily) > 1:
        path = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in sorted(daily.values()))
        out.append(f'<polyline points="{path}" {LINE}/>')
    for t, v in shown:
        out.append(
            f'<circle cx="{x(t):.1f}" cy="{y(v):.1f}" r="2.2" {DOT}><title>{escape(t.astimezone(tz).strftime("%d %b %H:%M"))}: {v}/10</title></circle>'
        )
    for t in waves:
        if t >= start:
            out.append(
                f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{TOP + ph + 20}" y2="{TOP + ph + 30}" {WAVE}/>'
            )
    out.append(
        f'<text x="{LEFT}" y="{H - 1}" {TICK}><tspan fill="{BLUE}">●</tspan> pain entry   '
        f'<tspan fill="{BLUE}">—</tspan> worst pain of the day   '
        f'<tspan fill="{ORANGE}" font-weight="bold">|</tspan> timed wave (along the bottom)</text></svg>'
    )
    return Markup("".join(out))


def render_html(data: ReportData) -> str:
    from jinja2 import Environment, StrictUndefined

    from pregback.interfaces.exports.report_template import TEMPLATE

    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["interval"] = interval
    env.filters["duration"] = duration
    return env.from_string(TEMPLATE).render(d=data, level_colour=_colours())


def _colours() -> dict[str, str]:
    kb = default_knowledge()
    return {lid: lvl.colour for lid, lvl in kb.levels.items()}


def render_pdf(html: str) -> tuple[bytes, int]:
    """The report as PDF bytes and its number of pages. ImportError without WeasyPrint."""
    import weasyprint  # type: ignore[import-untyped]

    document = weasyprint.HTML(string=html, base_url=None).render()
    return document.write_pdf(), len(document.pages)


def write_pdf(html: str, path: Path) -> int:
    """Write the PDF to `path`; returns the number of pages. ImportError without WeasyPrint."""
    data, pages = render_pdf(html)
    path.write_bytes(data)
    return pages
