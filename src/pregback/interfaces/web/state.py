"""The interview's state carried in a hidden form field: her message, what it gave, and each answer.

Owns: packing and unpacking that state, and replaying the answers into Findings through the core's
`apply_answer`. Never: trusting the field (every value is checked again by `parse_findings`), nor
putting it in a URL (health data stays out of addresses and server logs).
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
from pregback.core.interview import Ask, Choice, apply_answer
from pregback.errors import PregbackError
from pregback.knowledge import KnowledgeBase

#: The longest state we unpack: far more than any real interview needs.
MAX_STATE = 64 * 1024
MAX_MESSAGE = 2000


class StateError(ValueError):
    """The hidden field is damaged or was changed: the page asks her to start again."""


@dataclass
class Step:
    """One answer. kind: "scalar" (value), "symptoms" (items asked, value: those ticked) or "skip"."""

    id: str
    kind: str
    value: Any = None
    items: tuple[str, ...] = ()

    def to_list(self) -> list[Any]:
        return [self.id, self.kind, self.value, list(self.items)]


@dataclass
class Interview:
    message: str = ""
    base: dict[str, Any] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    done: bool = False

    @property
    def skipped(self) -> list[str]:
        """The questions she chose not to answer (every item of a skipped group)."""
        out: list[str] = []
        for s in self.steps:
            if s.kind == "skip":
                out.extend(s.items or (s.id,))
        return out

    def findings(self, kb: KnowledgeBase) -> Findings:
        """Her findings: what the message gave, then each answer in order (a later answer wins)."""
        try:
            found = parse_findings(self.base, kb)
            for step in self.steps:
                if step.kind == "scalar":
                    ask = Ask(step.id, "scalar", "", "", (), "")
                    found = apply_answer(found, ask, step.value, kb)
                elif step.kind == "symptoms":
                    items = tuple(Choice(i, i) for i in step.items)
                    found = apply_answer(
                        found, Ask(step.id, "symptoms", "", "symptoms", items, ""), step.value, kb
                    )
        except PregbackError as exc:
            raise StateError(str(exc)) from None
        return found

    def pack(self) -> str:
        data = {
            "m": self.message,
            "b": self.base,
            "s": [s.to_list() for s in self.steps],
            "d": self.done,
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
        steps = [
            Step(str(i), str(k), v, tuple(str(x) for x in items)) for i, k, v, items in data["s"]
        ]
        if any(s.kind not in ("scalar", "symptoms", "skip") for s in steps):
            raise ValueError("unknown step")
        message = str(data["m"])[:MAX_MESSAGE]
        base = data["b"]
        if not isinstance(base, dict):
            raise ValueError("base is not an object")
        return Interview(message, base, steps, bool(data.get("d", False)))
    except (binascii.Error, zlib.error, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise StateError(f"the form could not be read ({type(exc).__name__})") from None
