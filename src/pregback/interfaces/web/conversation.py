"""Her side of the conversation on the page: an answer from the form fields, and what was read
from her message as a list she can check (yes / no / not sure).

Owns: turning form fields into the core's answer shapes (a list of ids or "none", a value, or a
mapping for a form screen) and the plain-words messages for an answer that does not fit. Never:
deciding what an answer means clinically (the core does), nor taking an empty answer as "no".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from pregback.core.interview import Ask, Field
from pregback.interfaces.web import present
from pregback.interfaces.web.state import CHOICES, Interview
from pregback.knowledge import KnowledgeBase

#: Next pressed with nothing ticked: never taken as "no" to everything.
NOTHING_TICKED = (
    "Please tick each one you have, or press “None of these”. "
    "If you are not sure, press “I don't know”."
)
NOTHING_FILLED = "Please fill in what you know, or press “I don't know”."
CHOICE_WORDS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}


class Refused(ValueError):
    """The form does not answer the question: the page says what to do, in plain words."""


def answer_from(ask: Ask, form: FormData) -> Any:
    """Her answer to `ask` when she pressed Next. Raises Refused with what to fix."""
    values = [str(v) for v in form.getlist("value") if str(v).strip()]
    allowed = [c.id for c in ask.items]
    if ask.kind == "symptoms":
        if not values:
            raise Refused(NOTHING_TICKED)
        if any(v not in allowed for v in values):
            raise Refused("Please choose from the list.")
        return values
    if ask.kind == "form":
        answer = {f.id: _field_value(f, form) for f in ask.fields}
        if all(v is None for v in answer.values()):
            raise Refused(NOTHING_FILLED)
        return answer
    return _value(ask.type, values, allowed, ask.min, ask.max, ask.text)


def _field_value(f: Field, form: FormData) -> Any:
    values = [str(v) for v in form.getlist(f"f-{f.id}") if str(v).strip()]
    if not values:
        return None
    if f.type == "yesno":
        if values[0] not in ("yes", "no"):
            raise Refused(f"{f.text} Please choose yes or no.")
        return values[0] == "yes"
    return _value(f.type, values, [c.id for c in f.choices], f.min, f.max, f.text)


def _value(
    kind: str,
    values: list[str],
    allowed: list[str],
    low: float | None,
    high: float | None,
    text: str,
) -> Any:
    if kind == "list":
        if not values:
            raise Refused("Choose at least one, or press “I don't know”.")
        if any(v not in allowed for v in values):
            raise Refused("Please choose from the list.")
        return values
    if kind == "choice":
        if len(values) != 1 or values[0] not in allowed:
            raise Refused("Choose one answer, or press “I don't know”.")
        return values[0]
    if not values:
        raise Refused("Type a number, or press “I don't know”.")
    number = _parse_number(values[0])
    whole = kind == "integer"
    if (
        number is None
        or (whole and not number.is_integer())
        or (low is not None and number < low)
        or (high is not None and number > high)
    ):
        raise Refused(range_words(kind, low, high, text))
    return int(number) if whole else number


def _parse_number(text: str) -> float | None:
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def range_words(kind: str, low: float | None, high: float | None, text: str = "") -> str:
    """What to type, in words: "Please type a whole number from 0 to 10."."""
    words = "a whole number" if kind == "integer" else "a number"
    ask = f"{text} " if text and len(text) < 60 and not text.endswith("?") else ""
    if low is not None and high is not None:
        return f"{ask}Please type {words} from {low:g} to {high:g}."
    if low is not None:
        return f"{ask}Please type {words} of {low:g} or more."
    return f"{ask}Please type {words}."


def refusal_for(ask: Ask) -> str:
    """The words for an answer the core refused (a value out of its range)."""
    if ask.kind == "scalar" and ask.type in ("number", "integer"):
        return range_words(ask.type, ask.min, ask.max)
    if ask.kind == "symptoms":
        return NOTHING_TICKED
    return "Please check what you typed: a value is not possible."


@dataclass(frozen=True)
class Understood:
    """One thing read from her message, with her check of it."""

    key: str
    legend: str
    choice: str  # yes, no or unsure: what the radio buttons show now
    unsure: bool  # read from hedged words ("maybe a bit of bleeding")

    def options(self) -> list[tuple[str, str]]:
        return [(c, CHOICE_WORDS[c]) for c in CHOICES]


def understood(interview: Interview, kb: KnowledgeBase) -> list[Understood]:
    """What was read from her message, in the order of the findings vocabulary: values first
    ("Weeks pregnant: 30"), then symptoms ("Bleeding from the vagina"), each with her check."""
    read = interview.read(kb)
    out: list[Understood] = []
    for key, spec in kb.scalars.items():
        value = read.get(key)
        if value is not None:
            legend = f"{spec.label}: {present.scalar_words(kb, key, value)}"
            out.append(Understood(key, legend, interview.checks.get(key, "yes"), False))
    for sid, sym in kb.symptoms.items():
        status = read.status(sid)
        if status == "unknown":
            continue
        first = "yes" if status == "present" else "no"
        choice = interview.checks.get(sid, first)
        out.append(Understood(sid, sym.label, choice, sid in interview.uncertain))
    return out


def checks_from(form: FormData, items: list[Understood]) -> dict[str, str]:
    """Her checks from the form: yes, no or unsure for each thing read (unchanged if not sent)."""
    out: dict[str, str] = {}
    for item in items:
        sent = str(form.get(f"c-{item.key}") or item.choice)
        out[item.key] = sent if sent in CHOICES else item.choice
    return out
