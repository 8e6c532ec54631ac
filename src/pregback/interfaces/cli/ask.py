"""The questions in the terminal: one at a time, red flags first, until nothing unanswered could
change the urgency.

Owns: how a question is put and an answer typed (yes/no for one sign, numbers for a list, a value
with its unit), and asking again in plain words after an answer that does not fit. Never: choosing
the question (`pregback.core.interview` does) or reading anything but the terminal.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.prompt import Prompt

from pregback.core.interview import Ask, apply_answer, next_question
from pregback.errors import PregbackError
from pregback.interfaces.plain import answer_hint
from pregback.knowledge import KnowledgeBase

DONT_KNOW = "[dim](Enter = don't know)[/dim]"
YES = {"y", "yes", "yeah", "yep"}
NO = {"n", "no", "nope"}


def interview(
    found: Any, waves: list[Any], kb: KnowledgeBase, console: Console | None = None
) -> Any:
    """Ask until the interview is done; returns the findings with her answers."""
    con = console or Console()
    skip: set[str] = set()
    while True:
        question, _ = next_question(found, waves, kb, skipped=skip)
        if question is None:
            return found
        con.print()
        if question.kind == "scalar":
            found = _scalar(con, question, found, kb, skip)
        elif len(question.items) == 1:
            found = _yes_no(con, question, found, kb, skip)
        else:
            found = _which(con, question, found, kb, skip)


def _scalar(con: Console, question: Ask, found: Any, kb: KnowledgeBase, skip: set[str]) -> Any:
    spec = kb.scalars[question.id]
    hint = ""
    if question.items:
        hint = " / ".join(f"{i + 1} = {c.label}" for i, c in enumerate(question.items))
    raw = Prompt.ask(
        f"[bold]{question.text}[/bold]" + (f" ({hint})" if hint else "") + f" {DONT_KNOW}",
        default="",
        show_default=False,
        console=con,
    ).strip()
    if not raw:
        skip.add(question.id)
        return found
    try:
        answer: Any
        if question.type == "number":
            answer = float(raw.replace(",", "."))
        elif question.type == "integer":
            answer = int(raw)
        elif question.type == "choice":
            answer = _pick(question, raw)
        elif question.type == "list":
            answer = [_pick(question, a) for a in raw.replace(",", " ").split()]
        else:
            answer = raw
        return apply_answer(found, question, answer, kb)
    except (ValueError, IndexError, PregbackError):
        con.print(f"[red]Sorry, that answer did not fit. {answer_hint(spec)}[/red]")
        return found


def _yes_no(con: Console, question: Ask, found: Any, kb: KnowledgeBase, skip: set[str]) -> Any:
    item = question.items[0]
    text = question.text if question.text.endswith("?") else f"{item.label}?"
    raw = Prompt.ask(
        f"[bold]{text}[/bold] [dim](y = yes, n = no, Enter = don't know)[/dim]",
        default="",
        show_default=False,
        console=con,
    ).strip()
    if not raw:
        skip.add(item.id)
        return found
    if raw.lower() in YES:
        return apply_answer(found, question, [item.id], kb)
    if raw.lower() in NO:
        return apply_answer(found, question, [], kb)
    con.print("[red]Please type y for yes or n for no, or press Enter if you don't know.[/red]")
    return found


def _which(con: Console, question: Ask, found: Any, kb: KnowledgeBase, skip: set[str]) -> Any:
    con.print(f"[bold]{question.text}[/bold]")
    for i, item in enumerate(question.items, 1):
        con.print(f"  {i}. {item.label} [dim]— {item.meaning}[/dim]")
    raw = Prompt.ask(
        "Type the numbers of those you have (for example 1 3), 0 for none, Enter = don't know",
        default="",
        show_default=False,
        console=con,
    ).strip()
    if not raw:
        skip.update(i.id for i in question.items)
        return found
    try:
        chosen = [_pick(question, p) for p in raw.replace(",", " ").split() if p != "0"]
        return apply_answer(found, question, chosen, kb)
    except (ValueError, IndexError, PregbackError):
        con.print(
            f"[red]Please type the numbers shown (1 to {len(question.items)}), or 0 for none.[/red]"
        )
        return found


def _pick(question: Ask, typed: str) -> str:
    """The id of the item numbered `typed` (1-based), or `typed` itself when it names an item."""
    if typed.isdigit():
        number = int(typed)
        if not 1 <= number <= len(question.items):
            raise ValueError(f"{typed} is not one of the numbers shown (1-{len(question.items)})")
        return str(question.items[number - 1].id)
    return typed
