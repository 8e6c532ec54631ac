"""Who to call at a level, with the numbers of her country: the call buttons of the web timer and
the numbers the terminal timer writes out.

Owns: turning the knowledge base's service policy (`kb.service[level].call`) and locale (emergency,
advice_line, advice_number) into numbers to call, with her maternity unit's number when the
install has one (PREGBACK_UNIT_PHONE). Never: a number written in code, or a clinical decision.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pregback.knowledge import KnowledgeBase

UNIT_PHONE_ENV = "PREGBACK_UNIT_PHONE"


@dataclass(frozen=True)
class CallNumber:
    """A number to call: the digits, what the button says, and when to call it."""

    number: str
    label: str
    note: str = ""

    @property
    def href(self) -> str:
        return f"tel:{self.number}"

    def words(self) -> str:
        """The call in words, for a screen with no button: "Call 999 (the emergency number)"."""
        text = self.label if self.number in self.label else f"{self.label}: {self.number}"
        return f"{text} ({self.note})" if self.note else text


def unit_phone() -> str | None:
    """Her maternity unit's number, when this install was given one."""
    digits = "".join(ch for ch in os.environ.get(UNIT_PHONE_ENV, "") if ch.isdigit() or ch == "+")
    return digits or None


def calls_for(level: str, kb: KnowledgeBase, unit: str | None = None) -> list[CallNumber]:
    """The numbers to call at `level`, first the one to call first. An urgent level always has one:
    her unit when known, then the advice line, and the emergency number when neither is known."""
    policy = kb.service[level].call
    place = kb.locale
    emergency = CallNumber(place.emergency, f"Call {place.emergency}", "the emergency number")
    advice = (
        CallNumber(place.advice_number, f"Call {place.advice_line}", "")
        if place.advice_number
        else None
    )
    if policy == "emergency":
        return [emergency]
    if policy == "unit":
        out = [CallNumber(unit, "Call your maternity unit", "")] if unit else []
        if advice is not None:
            out.append(
                CallNumber(advice.number, advice.label, "if your maternity unit does not answer")
            )
        if not out:
            out.append(
                CallNumber(
                    emergency.number,
                    emergency.label,
                    "if you cannot reach your maternity unit (its number is in your notes)",
                )
            )
        return out
    if policy == "advice_line":
        return [advice] if advice is not None else []
    return []
