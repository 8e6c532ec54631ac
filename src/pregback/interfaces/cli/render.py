"""Terminal presentation with Rich: assessments, readings, evaluation reports, knowledge records.

Owns: how things look in a terminal. Never: clinical logic, or deciding anything.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pregback.core.triage import Assessment
from pregback.interfaces.plain import call_words, duration, finding_label, interval, value_words
from pregback.knowledge import KnowledgeBase

STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold black on dark_orange",
    "same_day": "bold black on yellow",
    "routine": "bold white on blue",
    "self_care": "bold black on green",
}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _level_panel(result: Assessment, kb: KnowledgeBase, title: str) -> Panel:
    """The level, what to do and whom to call."""
    head = Text()
    head.append(f" {result.label.upper()} ", style=STYLE[result.urgency])
    head.append(f"  {result.action}", style="bold")
    call = call_words(kb, result.urgency)
    if call:
        head.append(f"\n☎ {call}", style="bold")
    return Panel(head, title=title, title_align="left")


def show_assessment(
    result: Assessment, kb: KnowledgeBase, reading: Any = None, console: Console | None = None
) -> None:
    con = console or _console()
    con.print(_level_panel(result, kb, "What to do"))
    for note in result.notes:
        con.print(f"[yellow]Note:[/yellow] {note}")
    if result.fired:
        con.print("\n[bold]Why[/bold]")
        for r in result.fired:
            refs = ", ".join(r.sources)
            con.print(
                f" • [bold]{r.title}[/bold] ({r.id}, {r.urgency.replace('_', ' ')}): {r.reason} [dim]Sources: {refs}[/dim]"
            )
    if result.timing:
        t = result.timing
        parts = [f"{t.count} waves"]
        if t.current_interval_min is not None:
            parts.append(f"every {interval(t.current_interval_min)}")
        if t.wave_duration_s is not None:
            parts.append(f"lasting {duration(t.wave_duration_s)}")
        parts.append(f"{t.waves_last_hour} in the last hour")
        if t.regular is not None:
            parts.append("regular" if t.regular else "irregular")
        con.print("\n[bold]Your timed waves[/bold]: " + ", ".join(parts))
    if result.causes:
        con.print("\n[bold]What may be going on[/bold] (most likely first; not a diagnosis)")
        for c in result.causes[:4]:
            con.print(f" • [bold]{c.name}[/bold]: {c.explanation}")
    if result.plan:
        con.print("\n[bold]What can help now[/bold]")
        for p in result.plan:
            con.print(
                f" • [bold]{p.title}[/bold]: {p.summary} [dim](evidence: {p.strength.replace('_', ' ')}; {', '.join(p.sources)})[/dim]"
            )
            for caution in p.cautions:
                con.print(f"     [yellow]Caution:[/yellow] {caution}")
    if result.safety_net:
        con.print("\n[bold]Safety-net: when to get help sooner[/bold]")
        for line in result.safety_net:
            signs = "; ".join(line.signs[:12]) + ("; ..." if len(line.signs) > 12 else "")
            con.print(
                f" • [{STYLE[line.urgency].split(' on ')[-1]}]{line.action.rstrip('.')}[/] if: {signs}."
            )
    if result.unanswered:
        con.print("\n[bold]Not asked yet, and could change this advice[/bold]")
        for q in result.unanswered[:10]:
            con.print(f" • {q.text}")
    con.print(f"\n[dim]{result.disclaimer} Knowledge base {result.knowledge_version}.[/dim]")


def show_now(result: Assessment, kb: KnowledgeBase, console: Console | None = None) -> None:
    """The level at once, when it is urgent or an emergency: what to do, who to call, why, and
    (at an emergency) what to do while waiting; the questions left come after it."""
    con = console or _console()
    con.print(_level_panel(result, kb, "Now"))
    for r in result.fired:
        if r.urgency == result.urgency:
            con.print(f" [bold]Why:[/bold] {r.title}. {r.reason}")
    if result.urgency == "emergency":
        con.print("[bold]While you wait for help[/bold]")
        for p in result.plan:
            con.print(f" • [bold]{p.title}[/bold]: {p.summary}")
    else:
        con.print("A few more questions check whether it is an emergency.")


def show_reading(
    reading: Any, console: Console | None = None, kb: Any = None, table: bool = True
) -> None:
    """Her message with what was read marked, and (with `table`) each finding with its words."""
    from pregback.knowledge import default_knowledge

    kb = kb or default_knowledge()
    con = console or _console()
    text = Text(reading.message)
    for ev in reading.evidence:
        style = "bold red" if ev.value == "absent" else "bold green"
        if ev.uncertain:
            style = "bold yellow"
        if 0 <= ev.start < ev.end <= len(reading.message):
            text.stylize(style, ev.start, ev.end)
    con.print(
        Panel(
            text,
            title="What you wrote (green = read as present, red = absent, yellow = unsure)",
            title_align="left",
        )
    )
    if not table:
        return
    rows = Table("what I read", "as", "from your words", "unsure", box=None)
    for ev in reading.evidence:
        rows.add_row(
            finding_label(kb, ev.finding),
            value_words(kb, ev.finding, ev.value),
            f"“{ev.text}”",
            "yes" if ev.uncertain else "",
        )
    con.print(rows)


def show_eval(report: dict[str, Any], misses: bool, console: Console | None = None) -> None:
    con = console or _console()
    for name in ("structured", "text"):
        s = report.get(name)
        if s is None:
            continue
        con.print(
            f"[bold]{name}[/bold]: cases {s.cases}  agreement {s.agreement:.3f}  under {s.under_triage:.3f}  "
            f"over {s.over_triage:.3f}  safe {s.safe_advice:.3f}  severe under-triaged "
            f"{s.severe_under_triaged}/{s.severe_cases}  cause recall@3 {s.cause_recall_at_3:.3f}  no result {s.no_result}"
        )
        if misses:
            for m in s.misses:
                con.print(
                    f"   {m.id}: expected {m.expected}, got {m.got}  rules {','.join(m.rules)}"
                )
            for m in s.cause_misses:
                con.print(f"   {m.id}: causes {m.causes[:3]} miss {m.expected_causes}")
    r = report.get("reading")
    if r is not None:
        con.print(
            f"[bold]reading[/bold]: symptom precision {r.symptom_precision:.3f}  recall {r.symptom_recall:.3f}  "
            f"F1 {r.symptom_f1:.3f}  wrong polarity {r.wrong_polarity}  scalars {r.scalar_accuracy:.3f}"
        )
        if misses:
            for e in r.errors:
                con.print(f"   {e}")
