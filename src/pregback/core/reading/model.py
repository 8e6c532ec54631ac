"""The result of reading a message: findings, the evidence for each, and what stays uncertain.

Owns: the Reading and Evidence values and their JSON form. Never: reading text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pregback.core.findings import Findings


@dataclass(frozen=True)
class Evidence:
    """One place in the message a finding was read from."""

    finding: str  # a symptom id, or a scalar key such as gestational_weeks or pain_locations
    value: Any  # present/absent, a number, a location id or a choice
    start: int  # offsets into the message, end exclusive
    end: int
    text: str
    uncertain: bool = False
    cue: str | None = None  # the context cue that changed it ("no", "i think", ...)

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "uncertain": self.uncertain,
            "cue": self.cue,
        }


@dataclass(frozen=True)
class Reading:
    message: str
    findings: Findings
    evidence: tuple[Evidence, ...]
    uncertain: frozenset[str]  # symptom ids read from a hedged mention or a hedged denial

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": self.findings.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence],
            "uncertain": sorted(self.uncertain),
        }
