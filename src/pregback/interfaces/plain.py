"""Plain words for what she reads: times as minutes and seconds, finding ids as their labels, and
what a question's answer should look like.

Owns: turning values and ids into words (terminal, report). Never: deciding anything, or wording
that belongs in the knowledge base (labels and questions are read from it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pregback.knowledge import KnowledgeBase
from pregback.knowledge.schema import ScalarDef


def emergency_number(kb: KnowledgeBase) -> str:
    """The emergency number to call: PREGBACK_EMERGENCY_PHONE when set, else her locale's
    (levels.yaml `locales`)."""
    return os.environ.get("PREGBACK_EMERGENCY_PHONE", "").strip() or kb.locale.emergency


def call_words(kb: KnowledgeBase, urgency: str) -> str | None:
    """Who to call at this level, in words, as the knowledge base's service policy says
    (levels.yaml `service`): "Call 999 now", "Call your maternity unit ...", "Call NHS 111";
    None when no call is needed. PREGBACK_UNIT_PHONE is the maternity unit's number."""
    to = kb.service[urgency].call
    if to == "emergency":
        return f"Call {emergency_number(kb)} now"
    if to == "unit":
        unit = "".join(
            c for c in os.environ.get("PREGBACK_UNIT_PHONE", "") if c.isdigit() or c == "+"
        )
        where = f"on {unit}" if unit else "(the number is in your pregnancy notes or app)"
        return f"Call your maternity unit {where}"
    if to == "advice_line":
        return f"Call {kb.locale.advice_line}"
    return None


def duration(seconds: float) -> str:
    """A length of time as she would say it: "45 s", "8 min 30 s", "1 h 5 min"."""
    total = max(0, round(seconds))
    if total < 60:
        return f"{total} s"
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def interval(minutes: float) -> str:
    """An interval given in minutes, in minutes and seconds ("every 0.15 min" is "9 s")."""
    return duration(minutes * 60)


def finding_label(kb: KnowledgeBase, finding: str) -> str:
    """The plain label of a finding id, a symptom id or a location id (the id itself if unknown)."""
    key = finding.removeprefix("symptoms.")
    for table in (kb.symptoms, kb.scalars, kb.locations):
        record: Any = table.get(key)
        if record is not None:
            return str(record.label)
    return key.replace("_", " ")


def value_words(kb: KnowledgeBase, finding: str, value: Any) -> str:
    """A finding's value in words: present/absent as yes/no, choices and places as their labels."""
    if finding.startswith("symptoms.") or finding in kb.symptoms:
        return {"present": "yes", "absent": "no"}.get(str(value), str(value))
    spec = kb.scalars.get(finding)
    if isinstance(value, list):
        return ", ".join(value_words(kb, finding, v) for v in value)
    if spec is not None and isinstance(value, str):
        if value in kb.locations:
            return kb.locations[value].label
        return spec.choice_labels.get(value, value.replace("_", " "))
    if spec is not None and isinstance(value, int | float) and not isinstance(value, bool):
        if spec.unit == "minutes":
            return interval(float(value))
        if spec.unit == "seconds":
            return duration(float(value))
        shown = f"{value:g}"
        return f"{shown} {spec.unit}" if spec.unit else shown
    return str(value)


def read_items(kb: KnowledgeBase, found: Any) -> list[tuple[str, str, str]]:
    """What was read from her message, for her to check: (key, label, value in words), the values
    first ("Weeks pregnant", "30 weeks"), then the symptoms ("Bleeding from the vagina", "yes")."""
    out = [
        (key, spec.label, value_words(kb, key, found.get(key)))
        for key, spec in kb.scalars.items()
        if found.get(key) is not None
    ]
    for sid, sym in kb.symptoms.items():
        status = found.status(sid)
        if status != "unknown":
            out.append((sid, sym.label, value_words(kb, sid, status)))
    return out


def places(kb: KnowledgeBase, ids: list[str]) -> str:
    """Pain locations by their labels."""
    return ", ".join(kb.locations[i].label if i in kb.locations else i for i in ids)


def symptoms(kb: KnowledgeBase, ids: list[str]) -> str:
    """Symptoms by their labels."""
    return ", ".join(kb.symptoms[i].label if i in kb.symptoms else i for i in ids)


def answer_hint(spec: ScalarDef) -> str:
    """What a fitting answer to this question looks like, for asking again after one that did not."""
    if spec.type == "choice":
        return f"Please type one of the numbers shown (1 to {len(spec.choices)})."
    if spec.type == "list":
        return "Please type the numbers shown, for example 1 3."
    kind = "a whole number" if spec.type == "integer" else "a number"
    unit = f" of {spec.unit}" if spec.unit else ""
    if spec.min is not None and spec.max is not None:
        low = f"more than {spec.min:g}" if spec.exclusive_min else f"from {spec.min:g}"
        join = " and up to " if spec.exclusive_min else " to "
        return f"Please type {kind}{unit} {low}{join}{spec.max:g}."
    if spec.min is not None:
        low = f"more than {spec.min:g}" if spec.exclusive_min else f"{spec.min:g} or more"
        return f"Please type {kind}{unit}, {low}."
    return f"Please type {kind}{unit}."


#: What kind of source each is, in words (knowledge/schema.py Source.kind).
SOURCE_KINDS = {
    "guideline": "clinical guideline",
    "review": "evidence review",
    "research": "research study",
    "patient_information": "patient information",
    "seed_article": "popular article (checked, not relied on)",
    "other": "other source",
}


@dataclass(frozen=True)
class SourceRef:
    """One document, cited once: the ids that point into it, its label, kind, link and sections."""

    ids: tuple[str, ...]
    label: str
    kind: str
    url: str
    sections: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.ids[0]


def source_refs(kb: KnowledgeBase, ids: Iterable[str]) -> list[SourceRef]:
    """The sources of these ids, each document once (ids naming sections of one document merge),
    in the order first cited; unknown ids are left out."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for sid in dict.fromkeys(ids):
        s = kb.sources.get(sid)
        if s is not None:
            grouped.setdefault((s.by, s.title, s.url or ""), []).append(sid)
    out = []
    for (_, _, url), members in grouped.items():
        first = kb.sources[members[0]]
        sections = tuple(
            dict.fromkeys(str(kb.sources[m].section) for m in members if kb.sources[m].section)
        )
        out.append(
            SourceRef(
                ids=tuple(members),
                label=kb.source_label(members[0]),
                kind=SOURCE_KINDS.get(first.kind, first.kind.replace("_", " ")),
                url=url,
                sections=sections,
            )
        )
    return out
