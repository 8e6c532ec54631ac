"""Presenting the core's values in plain words: findings, message spans, sources, call buttons.

Owns: turning Findings, Reading evidence and urgency levels into what the templates show.
Never: a clinical decision (it only words what the core decided).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pregback.core.findings import Findings
from pregback.interfaces.calls import calls_for
from pregback.interfaces.web.templating import WebSettings, knowledge
from pregback.knowledge import KnowledgeBase

#: The illustrations in static/pictures, keyed by an advice item's `picture` id or its own id.
PICTURES: dict[str, tuple[str, str]] = {
    "sleep_side_pillows": (
        "side-lying.svg",
        "A woman lying on her left side, with a pillow under her bump and another between her knees.",
    ),
    "go_to_sleep_on_side": (
        "side-lying.svg",
        "A woman lying on her left side, with a pillow under her bump and another between her knees.",
    ),
    "hands_knees_back_stretch": (
        "hands-knees.svg",
        "A woman on her hands and knees, back flat, then gently rounding her back up like a cat.",
    ),
    "pelvic_tilt_wall": (
        "wall-tilt.svg",
        "A woman standing with her back against a wall, knees soft, pressing the small of her back to the wall.",
    ),
    "back_massage": (
        "partner-massage.svg",
        "A woman sitting the wrong way round on a chair, leaning on a cushion, while her partner rubs her lower back.",
    ),
    "labour_comfort": (
        "partner-massage.svg",
        "A woman leaning forward on a chair while her partner rubs her lower back.",
    ),
    "posture_sitting": (
        "sitting.svg",
        "A woman sitting right back in a chair with a small cushion behind her lower back and her feet flat on the floor.",
    ),
    "lifting_safely": (
        "lifting.svg",
        "A woman bending her knees, not her back, to lift a box held close to her body.",
    ),
}


@dataclass(frozen=True)
class Told:
    """One thing she told us, in words."""

    label: str
    value: str


@dataclass(frozen=True)
class Call:
    """A phone-call button: where it rings and what it says."""

    href: str
    label: str
    note: str = ""


def picture_for(kb: KnowledgeBase, advice_id: str) -> tuple[str, str] | None:
    item = kb.advice.get(advice_id)
    key = (item.picture if item is not None and item.picture else None) or advice_id
    return PICTURES.get(key) or PICTURES.get(advice_id)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe(found: Findings, kb: KnowledgeBase) -> list[Told]:
    """What she told us, in the order of the findings vocabulary; symptoms she has first."""
    out: list[Told] = []
    for key, spec in kb.scalars.items():
        value = found.scalars.get(key)
        if value is None:
            continue
        out.append(Told(spec.label, scalar_words(kb, key, value)))
    present = [kb.symptoms[s].label for s in kb.symptoms if found.status(s) == "present"]
    absent = [kb.symptoms[s].label for s in kb.symptoms if found.status(s) == "absent"]
    out.extend(Told(label, "yes") for label in present)
    out.extend(Told(label, "no") for label in absent)
    return out


def scalar_words(kb: KnowledgeBase, key: str, value: Any) -> str:
    spec = kb.scalars[key]
    if spec.type == "list":
        return ", ".join(kb.locations[v].label if v in kb.locations else str(v) for v in value)
    if spec.type == "choice":
        return spec.choice_labels.get(str(value), str(value).replace("_", " "))
    unit = f" {spec.unit}" if spec.unit else (" out of 10" if key == "pain_severity" else "")
    return _number(value) + unit


def finding_words(kb: KnowledgeBase, finding: str, value: Any) -> str:
    """One piece of reading evidence in words: "Bleeding from the vagina: no", "Weeks: 23"."""
    name = finding.split(".", 1)[-1]
    if name in kb.symptoms:
        word = {"present": "yes", "absent": "no"}.get(str(value), str(value))
        return f"{kb.symptoms[name].label}: {word}"
    if name in kb.scalars:
        shown = value
        if kb.scalars[name].type == "list" and not isinstance(value, list | tuple):
            shown = [value]
        try:
            return f"{kb.scalars[name].label}: {scalar_words(kb, name, shown)}"
        except (TypeError, ValueError, KeyError):
            return f"{kb.scalars[name].label}: {value}"
    if name in kb.locations:
        return f"Where it hurts: {kb.locations[name].label}"
    return f"{name.replace('_', ' ')}: {value}"


def marked(message: str, evidence: Iterable[Mapping[str, Any]]) -> list[tuple[str, bool]]:
    """The message cut into (text, was read) pieces, for <mark>; overlapping spans merge."""
    spans = sorted(
        (int(e["start"]), int(e["end"]))
        for e in evidence
        if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    )
    merged: list[list[int]] = []
    for start, end in spans:
        start, end = max(0, start), min(len(message), end)
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in merged:
        if start > at:
            out.append((message[at:start], False))
        out.append((message[start:end], True))
        at = end
    if at < len(message):
        out.append((message[at:], False))
    return out


def calls(urgency: str, web: WebSettings, kb: KnowledgeBase | None = None) -> list[Call]:
    """The call buttons for a level: the same numbers the timers use (`interfaces.calls`, from the
    knowledge base's service policy and her locale), with this install's own numbers first: the
    maternity unit (PREGBACK_UNIT_PHONE) and the emergency number (PREGBACK_EMERGENCY_PHONE)."""
    kb = kb or knowledge()
    out = []
    for c in calls_for(urgency, kb, web.unit_phone):
        number = web.emergency_phone if c.number == kb.locale.emergency else c.number
        label = c.label.replace(kb.locale.emergency, number)
        note = "Emergency" if number == web.emergency_phone else c.note
        out.append(Call(f"tel:{number}", label, note[:1].upper() + note[1:] if note else ""))
    return out


def sources(kb: KnowledgeBase, ids: Sequence[str]) -> list[dict[str, str]]:
    """The sources of a rule or item, each document once: id, label, kind in words, and its web
    address when it is public."""
    from pregback.interfaces.plain import source_refs

    return [
        {"id": ref.id, "label": ref.label, "kind": ref.kind, "url": ref.url}
        for ref in source_refs(kb, ids)
    ]


STRENGTH_WORDS = {
    "high": "strong evidence",
    "moderate": "moderate evidence",
    "low": "weak evidence",
    "very_low": "very weak evidence",
    "consensus": "expert advice (not tested in trials)",
}
