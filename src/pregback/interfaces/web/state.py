"""The interview's state carried in a hidden form field: her message, what was read from it, her
corrections of that reading, and each answer in order.

Owns: packing and unpacking that state, and turning it into the conversation's step through the
core's `replay` (the one place answers, skipped screens and corrections meet). Never: trusting the
field (every value is checked again by the core), nor putting it in a URL (health data stays out
of addresses and server logs).
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from pregback.core import jsonlimits
from pregback.core.findings import Findings, parse_findings
from pregback.core.history import with_additions
from pregback.core.interview import Step, replay
from pregback.errors import PregbackError
from pregback.knowledge import KnowledgeBase

#: The longest state we unpack: far more than any real interview needs.
MAX_STATE = 64 * 1024
MAX_MESSAGE = 2000
#: Her answer to "is this what you meant?" for one thing read from her message.
CHOICES = ("yes", "no", "unsure")


class StateError(ValueError):
    """The hidden field is damaged or was changed: the page asks her to start again."""


@dataclass
class Interview:
    """message: her words; base: the findings read from them; uncertain: symptom ids read from
    hedged words; checks: her yes / no / unsure for each thing read; answers: [question id, value]
    in order (value None: "I don't know"); checked: she has seen what was read; extra: the number
    of answers when she chose to answer the questions for the ambulance crew (None: she has not);
    done: she asked to see her result now."""

    message: str = ""
    base: dict[str, Any] = field(default_factory=dict)
    answers: list[list[Any]] = field(default_factory=list)
    done: bool = False
    uncertain: list[str] = field(default_factory=list)
    checks: dict[str, str] = field(default_factory=dict)
    checked: bool = False
    extra: int | None = None
    known: dict[str, Any] = field(default_factory=dict)  # what her profile and diary add

    def read(self, kb: KnowledgeBase) -> Findings:
        """What was read from her message (before her corrections)."""
        try:
            return parse_findings(self.base, kb)
        except PregbackError as exc:
            raise StateError(str(exc)) from None

    def start(self, kb: KnowledgeBase) -> Findings:
        """What was read, with what her saved profile and diary add for what it does not say."""
        if not self.known:
            return self.read(kb)
        try:
            return parse_findings(with_additions(self.base, self.known), kb)
        except PregbackError as exc:
            raise StateError(str(exc)) from None

    def corrections(self, kb: KnowledgeBase) -> dict[str, Any]:
        """Her checks as the core's corrections: a symptom to present / absent / unknown, a value
        she says is wrong or is not sure of to None (the interview then asks it)."""
        read = self.read(kb)
        out: dict[str, Any] = {}
        for key, choice in self.checks.items():
            if key in kb.symptoms:
                status = {"yes": "present", "no": "absent"}.get(choice, "unknown")
                if status != read.status(key):
                    out[key] = status
            elif key in kb.scalars and choice != "yes" and read.get(key) is not None:
                out[key] = None
        return out

    def step(self, kb: KnowledgeBase) -> Step:
        """Where the conversation stands: the core's replay of her corrections and answers."""
        try:
            return replay(
                self.start(kb),
                [{"question": q, "answer": v} for q, v in self.answers],
                None,
                kb,
                corrections=self.corrections(kb),
            )
        except PregbackError as exc:
            raise StateError(str(exc)) from None

    def findings(self, kb: KnowledgeBase) -> Findings:
        return self.step(kb).findings

    def pack(self) -> str:
        data = {
            "m": self.message,
            "b": self.base,
            "a": self.answers,
            "d": self.done,
            "u": self.uncertain,
            "c": self.checks,
            "k": self.checked,
            "x": self.extra,
            "p": self.known,
        }
        raw = zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 9)
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unpack(text: str | None) -> Interview:
    """The interview in a hidden field; an empty field is a new interview. Raises StateError."""
    if not text:
        return Interview()
    if len(text) > MAX_STATE:
        raise StateError("the form is too large")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        data = jsonlimits.loads(zlib.decompressobj().decompress(raw, MAX_STATE * 8), max_depth=16)
        answers = [[str(q), v] for q, v in data["a"]]
        base, checks, extra = data["b"], data.get("c", {}), data.get("x")
        known = data.get("p", {})
        if (
            not isinstance(base, dict)
            or not isinstance(checks, dict)
            or not isinstance(known, dict)
        ):
            raise ValueError("base, checks or known is not an object")
        if any(c not in CHOICES for c in checks.values()):
            raise ValueError("a check is not yes, no or unsure")
        if extra is not None and (not isinstance(extra, int) or not 0 <= extra <= len(answers)):
            raise ValueError("extra is not an answer count")
        return Interview(
            message=str(data["m"])[:MAX_MESSAGE],
            base=base,
            answers=answers,
            done=bool(data.get("d", False)),
            uncertain=[str(u) for u in data.get("u", [])],
            checks={str(k): str(v) for k, v in checks.items()},
            checked=bool(data.get("k", False)),
            extra=extra,
            known=known,
        )
    except (binascii.Error, zlib.error, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise StateError(f"the form could not be read ({type(exc).__name__})") from None
