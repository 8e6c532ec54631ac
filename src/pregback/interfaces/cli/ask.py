"""The conversation in the terminal: what was read from her message (to check), an emergency shown
at once, the urgent level with who to call above the questions left, then one screen at a time.

Owns: how a screen is put and answered at the keyboard (yes/no for one sign, numbers for several,
a value with its unit, a form field by field), asking again in plain words after an answer that
does not fit, and never taking an empty answer as "no". Never: choosing the screen or replaying
the answers (`pregback.core.interview.replay` does both), or reading anything but the terminal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.prompt import Prompt

from pregback.core.findings import Findings
from pregback.core.interview import NONE, Answer, AnswerError, Ask, Field, Step, replay
from pregback.interfaces.cli.render import show_now, show_reading
from pregback.interfaces.plain import answer_hint, read_items
from pregback.knowledge import KnowledgeBase

YES = {"y", "yes", "yeah", "yep"}
NO = {"n", "no", "nope"}
UNSURE = {"?", "not sure", "unsure", "dont know", "don't know"}
DONT_KNOW = "(Enter = don't know)"
NOTHING_TYPED = (
    "Please type the numbers of those you have, 0 if you have none of them, or ? if you don't know."
)
YES_NO_TYPED = "Please type y for yes or n for no, or ? if you don't know."
CHECK_TYPED = "Please type y for yes, n for no, or ? if you are not sure."
URGENT = ("urgent", "emergency")


class Refused(ValueError):
    """What she typed does not answer the screen: it is asked again, with this in plain words."""


def interview(
    found: Findings,
    waves: list[Any],
    kb: KnowledgeBase,
    console: Console | None = None,
    reading: Any = None,
) -> Step:
    """The whole conversation: her checks of what was read (when there was a message), then the
    screens until the core says done; an emergency shows at once, and the questions after it for
    the ambulance crew are offered, never required. Returns the last step."""
    con = console or Console(highlight=False)
    shown = ""  # the level last shown above the questions
    corrections: dict[str, Any] = {}
    if reading is not None:
        first = replay(found, [], waves, kb)
        if first.result.urgency == "emergency":  # nothing stands before it, not even the check
            show_now(first.result, kb, con)
            shown = "emergency"
        show_reading(reading, con, kb, table=False)
        if read_items(kb, found):
            corrections = check_reading(con, found, kb, reading)
    answers: list[Answer] = []
    offered = False
    while True:
        step = replay(found, answers, waves, kb, corrections=corrections)
        level = step.result.urgency
        if level in URGENT and level != shown:
            show_now(step.result, kb, con)
            shown = level
        ask = step.ask
        if ask is not None:
            offered = False  # an emergency reached again later offers the crew's questions again
        if ask is None:
            if step.optional is None:
                return step
            if not offered:
                offered = True
                if not _crew(con):
                    return step
            ask = step.optional
        con.print()
        _heading(con, step, ask)
        try:
            value = put(con, ask, kb, optional=step.ask is None)
            replay(found, [*answers, Answer(ask.id, value)], waves, kb, corrections=corrections)
        except (Refused, AnswerError) as exc:
            con.print(f"[red]{_words(exc, ask, kb)}[/red]")
            continue
        answers.append(Answer(ask.id, value))


def _crew(con: Console) -> bool:
    con.print(
        "\nCall first. Then, if you can, you can answer a few more questions for the ambulance "
        "crew or the unit. You do not have to."
    )
    raw = Prompt.ask(
        "Answer them? (y = yes, Enter = no)", default="", show_default=False, console=con
    )
    return raw.strip().lower() in YES


def _heading(con: Console, step: Step, ask: Ask) -> None:
    if step.ask is None:
        con.print("[dim]For the ambulance crew or the unit · you do not have to answer[/dim]")
        return
    number, about = step.progress
    line = f"Question {number}" + (f" of about {about}" if about > number else "")
    danger = " · [bold red]a danger sign[/bold red]" if ask.danger else ""
    con.print(f"[dim]{line}[/dim]{danger}")


def _words(exc: Exception, ask: Ask, kb: KnowledgeBase) -> str:
    if isinstance(exc, Refused):
        return str(exc)
    if ask.kind == "scalar" and ask.id in kb.scalars:
        return f"Sorry, that answer did not fit. {answer_hint(kb.scalars[ask.id])}"
    return "Sorry, that answer did not fit. Please check the values you typed."


def check_reading(con: Console, found: Findings, kb: KnowledgeBase, reading: Any) -> dict[str, Any]:
    """What was read, numbered, for her to check; each change is a correction that replaces the
    reading (yes / no / not sure). Enter when it is right."""
    items = read_items(kb, found)
    unsure = set(getattr(reading, "uncertain", ()) or ())
    corrections: dict[str, Any] = {}
    con.print("\n[bold]What we understood from your message[/bold]")
    for i, (key, label, words) in enumerate(items, 1):
        note = " [dim](we were not sure)[/dim]" if key in unsure else ""
        con.print(f"  {i}. {label}: {words}{note}")
    while True:
        raw = Prompt.ask(
            "Is this right? Press Enter if it is, or type the number of a line to change it",
            default="",
            show_default=False,
            console=con,
        ).strip()
        if not raw:
            return corrections
        if not raw.isdigit() or not 1 <= int(raw) <= len(items):
            con.print(f"[red]Please type a number from 1 to {len(items)}, or press Enter.[/red]")
            continue
        key, label, words = items[int(raw) - 1]
        symptom = key in kb.symptoms
        question = label if symptom else f"{label}: {words}. Is that right?"
        answer = Prompt.ask(
            f"{question} (y = yes, n = no, ? = not sure)",
            default="",
            show_default=False,
            console=con,
        )
        choice = answer.strip().lower()
        if choice not in YES | NO | UNSURE:
            con.print(f"[red]{CHECK_TYPED}[/red]")
            continue
        now = "yes" if choice in YES else "no" if choice in NO else "not sure"
        if symptom:
            corrections[key] = {"yes": "present", "no": "absent"}.get(now, "unknown")
        elif choice in YES:
            corrections.pop(key, None)
            now = words
        else:
            corrections[key] = None  # wrong or not sure: the interview asks it
            now = "we will ask"
        con.print(f"  Changed: {label}: {now}.")


def put(con: Console, ask: Ask, kb: KnowledgeBase, optional: bool = False) -> Any:
    """Her answer to one screen, as the core takes it (None: she does not know). Raises Refused."""
    if ask.kind == "symptoms" and len(ask.items) == 1:
        return _yes_no(con, ask, optional)
    if ask.kind == "symptoms":
        return _which(con, ask, optional)
    if ask.kind == "form":
        if len(ask.fields) > 1:
            con.print(f"[bold]{ask.text}[/bold]")
        answer = {f.id: _field(con, _short(f, ask, kb), kb) for f in ask.fields}
        return None if all(v is None for v in answer.values()) else answer
    items = [(c.id, c.label) for c in ask.items]
    raw = _prompt(con, f"[bold]{ask.text}[/bold]", items)
    if raw is None:
        return None
    return _value(raw, ask.type, items, kb.scalars.get(ask.id))


def _short(f: Field, ask: Ask, kb: KnowledgeBase) -> Field:
    """A field whose question is the screen's heading is asked by its label ("Weeks pregnant")."""
    if len(ask.fields) > 1 and f.text == ask.text and f.id in kb.scalars:
        return replace(f, text=kb.scalars[f.id].label)
    return f


def _prompt(con: Console, text: str, items: list[tuple[str, str]]) -> str | None:
    hint = " / ".join(f"{i} = {label}" for i, (_, label) in enumerate(items, 1))
    raw = Prompt.ask(
        text + (f" ({hint})" if hint else "") + f" [dim]{DONT_KNOW}[/dim]",
        default="",
        show_default=False,
        console=con,
    ).strip()
    return None if not raw or raw.lower() in UNSURE else raw


def _field(con: Console, f: Field, kb: KnowledgeBase) -> Any:
    """One field of a form, asked until it fits (Enter: she does not know)."""
    while True:
        if f.type == "yesno":
            raw = Prompt.ask(
                f"{f.text} [dim](y = yes, n = no, Enter = don't know)[/dim]",
                default="",
                show_default=False,
                console=con,
            ).strip()
            if not raw or raw.lower() in UNSURE:
                return None
            if raw.lower() in YES | NO:
                return raw.lower() in YES
            con.print("[red]Please type y for yes or n for no, or press Enter.[/red]")
            continue
        items = [(c.id, c.label) for c in f.choices]
        raw_value = _prompt(con, f.text, items)
        if raw_value is None:
            return None
        try:
            return _value(raw_value, f.type, items, kb.scalars.get(f.id))
        except Refused as exc:
            con.print(f"[red]{exc}[/red]")


def _value(raw: str, kind: str, items: list[tuple[str, str]], spec: Any) -> Any:
    hint = answer_hint(spec) if spec is not None else "Please check what you typed."
    try:
        if kind == "number":
            number = float(raw.replace(",", "."))
            if spec is not None and not _in_range(number, spec):
                raise Refused(f"Sorry, that answer did not fit. {hint}")
            return number
        if kind == "integer":
            whole = int(raw)
            if spec is not None and not _in_range(whole, spec):
                raise Refused(f"Sorry, that answer did not fit. {hint}")
            return whole
        if kind == "choice":
            return _pick(items, raw)
        if kind == "list":
            return [_pick(items, a) for a in raw.replace(",", " ").split()]
    except ValueError:
        raise Refused(f"Sorry, that answer did not fit. {hint}") from None
    return raw


def _in_range(value: float, spec: Any) -> bool:
    low_ok = spec.min is None or (value > spec.min if spec.exclusive_min else value >= spec.min)
    return low_ok and (spec.max is None or value <= spec.max)


def _yes_no(con: Console, ask: Ask, optional: bool) -> Any:
    item = ask.items[0]
    text = ask.text if ask.text.endswith("?") else f"{item.label}?"
    raw = Prompt.ask(
        f"[bold]{text}[/bold] [dim](y = yes, n = no, ? = don't know)[/dim]",
        default="",
        show_default=False,
        console=con,
    ).strip()
    if raw.lower() in UNSURE or (optional and not raw):
        return None
    if raw.lower() in YES:
        return [item.id]
    if raw.lower() in NO:
        return NONE
    raise Refused(YES_NO_TYPED)


def _which(con: Console, ask: Ask, optional: bool) -> Any:
    con.print(f"[bold]{ask.text}[/bold]")
    for i, item in enumerate(ask.items, 1):
        meaning = f" [dim]— {item.meaning}[/dim]" if item.meaning else ""
        con.print(f"  {i}. {item.label}{meaning}")
    raw = Prompt.ask(
        "Type the numbers of those you have (for example 1 3), 0 for none of these, "
        "? if you don't know",
        default="",
        show_default=False,
        console=con,
    ).strip()
    if raw.lower() in UNSURE or (optional and not raw):
        return None
    if not raw:
        raise Refused(NOTHING_TYPED)  # an empty answer is never "no"
    typed = raw.replace(",", " ").split()
    if typed == ["0"]:
        return NONE
    try:
        return [_pick([(c.id, c.label) for c in ask.items], p) for p in typed]
    except ValueError:
        raise Refused(
            f"Please type the numbers shown (1 to {len(ask.items)}), 0 for none of these, "
            "or ? if you don't know."
        ) from None


def _pick(items: list[tuple[str, str]], typed: str) -> str:
    """The id of the item numbered `typed` (1-based), or `typed` itself when it names an item."""
    if typed.isdigit():
        number = int(typed)
        if not 1 <= number <= len(items):
            raise ValueError(f"{typed} is not one of the numbers shown (1-{len(items)})")
        return items[number - 1][0]
    if typed not in {i for i, _ in items}:
        raise ValueError(f"{typed} is not one of the choices")
    return typed
