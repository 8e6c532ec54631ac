"""The contraction timer's screen: her week and what the timer watches for, the recent waves, the
pattern, and an alert that says who to call, with the number written out.

Owns: the Rich view of a TimerStatus. Never: a threshold or a number of its own (the rules decide
the level, the knowledge base whether it is CALL NOW and the numbers of her country).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pregback.core.labour import Episode as Wave
from pregback.core.labour import LabourSummary
from pregback.core.triage import Assessment
from pregback.core.watch import Watched
from pregback.interfaces.calls import CallNumber
from pregback.interfaces.cli.render import STYLE
from pregback.interfaces.plain import duration
from pregback.interfaces.plain import interval as interval_words

#: Waves shown in the table.
SHOWN = 8


@dataclass
class TimerStatus:
    now: datetime
    waves: list[Wave]
    open_start: datetime | None
    timing: LabourSummary | None
    assessment: Assessment | None
    week_text: str
    message: str = ""
    notes: list[str] = field(default_factory=list)
    watching: tuple[Watched, ...] = ()  # the rules timed waves could fire at her week
    call_now: bool = False  # the knowledge base's timer_alert for the level
    calls: tuple[CallNumber, ...] = ()  # who to call at the level, first the one to call first
    labels: dict[str, str] = field(default_factory=dict)  # level id -> its label

    @property
    def alert(self) -> bool:
        return self.assessment is not None and self.assessment.urgency != "self_care"


def _waves(n: int) -> str:
    return f"{n} wave{'' if n == 1 else 's'}"


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


def _mmss(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


def render(status: TimerStatus) -> RenderableType:
    """The live view: what is happening now, the recent waves, the pattern and any alert."""
    parts: list[RenderableType] = []
    head = Text()
    head.append("pregback contraction timer", style="bold")
    head.append(f"  ·  {status.week_text}\n", style="dim")
    head.append("[space] start/end a wave   [u] undo   [q] quit", style="dim")
    parts.append(head)
    if status.assessment is None or status.assessment.urgency == "self_care":
        parts.append(_watching(status))
    now_line = Text()
    if status.open_start is not None:
        now_line.append(" WAVE GOING ON ", style="bold white on magenta")
        now_line.append(
            f"  {_mmss((status.now - status.open_start).total_seconds())}", style="bold"
        )
    elif status.waves:
        now_line.append(" RESTING ", style="bold black on cyan")
        now_line.append(
            f"  {_mmss((status.now - status.waves[-1].start).total_seconds())} since the last wave started"
        )
    else:
        now_line.append("Press space when a wave of pain starts, and again when it ends.")
    parts.append(Panel(now_line, title="Now", title_align="left"))
    if status.waves:
        table = Table(
            "#", "started", "length", "interval (start to start)", box=None, pad_edge=False
        )
        first = max(0, len(status.waves) - SHOWN)
        for i in range(first, len(status.waves)):
            w = status.waves[i]
            interval = _mmss((w.start - status.waves[i - 1].start).total_seconds()) if i else "-"
            table.add_row(str(i + 1), _clock(w.start), _mmss(w.seconds), interval)
        parts.append(table)
    if status.timing is not None:
        t = status.timing
        bits = [f"waves in the last hour: {t.waves_last_hour}"]
        if t.current_interval_min is not None:
            bits.append(f"interval: {interval_words(t.current_interval_min)}")
        if t.wave_duration_s is not None:
            bits.append(f"wave length: {duration(t.wave_duration_s)}")
        bits.append(
            "regular"
            if t.regular
            else ("irregular" if t.regular is False else "regularity: time more waves")
        )
        if t.rhythm_hours:
            bits.append(f"this rhythm for {duration(t.rhythm_hours * 3600)}")
        parts.append(Text("Pattern: " + " · ".join(bits)))
    if status.assessment is not None:
        parts.append(_alert(status))
    if status.message:
        parts.append(Text(status.message, style="italic"))
    return Group(*parts)


def _watching(status: TimerStatus) -> RenderableType:
    """The rules the timer watches at her week, with her profile (core.watch)."""
    if not status.watching:
        return Text(
            "No labour rule of the weeks of pregnancy applies now: the timer keeps your waves, "
            "and any other danger sign still means calling.",
            style="dim",
        )
    body = Text()
    for w in status.watching:
        body.append(f"• {w.title} ({w.id}, {status.labels.get(w.urgency, w.urgency)})\n")
    return Panel(body, title="What the timer watches for", title_align="left", border_style="dim")


def _alert(status: TimerStatus) -> RenderableType:
    result = status.assessment
    assert result is not None
    body = Text()
    if result.urgency == "self_care":
        labour = [r for r in result.fired if r.urgency == "self_care"]
        if not labour:
            return Text("No rule is met by these waves so far. Keep timing.", style="green")
        for r in labour:
            body.append(f"{r.title}: ", style="bold")
            body.append(f"{r.reason}\n")
        for line in result.safety_net[:1]:
            body.append(f"{line.action.rstrip('.')} if: {'; '.join(line.signs[:5])}.", style="dim")
        return Panel(body, title="Early labour", title_align="left", border_style="green")
    body.append(f" {result.label.upper()} ", style=STYLE[result.urgency])
    body.append(f"  {result.action}\n", style="bold")
    for call in status.calls:
        body.append(f"☎ {call.words()}\n", style="bold")
    for r in result.fired:
        if r.urgency != "self_care":
            body.append(f"• {r.title} ({r.id}): {r.reason}\n")
    return Panel(
        body,
        title="CALL NOW" if status.call_now else "Get advice",
        title_align="left",
        border_style="red",
    )
