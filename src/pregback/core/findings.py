"""The Findings value: one person at one moment, validated against the knowledge base vocabulary.

Owns: checking a findings object (ids, types, ranges) and its plain-dict form.
Never: deciding anything clinical; an absent key means unknown, never absent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pregback.errors import FindingsError, Problem

if TYPE_CHECKING:
    from pregback.knowledge import KnowledgeBase
    from pregback.knowledge.schema import ScalarDef

VALUES = ("present", "absent")
Scalar = float | int | str | tuple[str, ...]


class Findings:
    """Validated findings. `scalars` holds known scalar values; `symptoms` maps id to present/absent."""

    __slots__ = ("present", "scalars", "symptoms")

    def __init__(self, scalars: dict[str, Scalar], symptoms: dict[str, str]) -> None:
        self.scalars = scalars
        self.symptoms = symptoms
        self.present = frozenset(k for k, v in symptoms.items() if v == "present")

    @property
    def weeks(self) -> float | None:
        value = self.scalars.get("gestational_weeks")
        return None if value is None else float(value)  # type: ignore[arg-type]

    @property
    def locations(self) -> tuple[str, ...]:
        return self.scalars.get("pain_locations", ())  # type: ignore[return-value]

    def get(self, key: str) -> Scalar | None:
        return self.scalars.get(key)

    def status(self, symptom: str) -> str:
        """present, absent or unknown."""
        return self.symptoms.get(symptom, "unknown")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.scalars.items():
            out[key] = list(value) if isinstance(value, tuple) else value
        if self.symptoms:
            out["symptoms"] = dict(self.symptoms)
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Findings) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.scalars.items())), tuple(sorted(self.symptoms.items()))))

    def __repr__(self) -> str:
        return f"Findings({self.to_dict()!r})"


def parse_findings(data: Any, kb: KnowledgeBase | None = None) -> Findings:
    """Check a findings mapping and return Findings; raise FindingsError naming every bad field."""
    if kb is None:
        from pregback.knowledge import default_knowledge

        kb = default_knowledge()
    if isinstance(data, Findings):
        return data
    if not isinstance(data, Mapping):
        raise FindingsError(
            Problem("findings", data, "a JSON object of findings", "is not an object")
        )
    problems: list[Problem] = []
    scalars: dict[str, Scalar] = {}
    symptoms: dict[str, str] = {}
    for key, value in data.items():
        if key == "symptoms":
            symptoms = _symptoms(value, kb, problems)
            continue
        spec = kb.scalars.get(key) if isinstance(key, str) else None
        if spec is None:
            problems.append(
                Problem(
                    str(key), value, "symptoms, " + ", ".join(kb.scalars), "is not a findings key"
                )
            )
            continue
        if value is None:  # an explicit null is the same as unknown
            continue
        checked = _scalar(spec, value, problems)
        if checked is not None:
            scalars[key] = checked
    if problems:
        raise FindingsError(problems)
    return Findings(scalars, symptoms)


def _symptoms(value: Any, kb: KnowledgeBase, problems: list[Problem]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.append(
            Problem(
                "symptoms",
                value,
                "an object from symptom id to present or absent",
                "is not an object",
            )
        )
        return {}
    out: dict[str, str] = {}
    for sid, status in value.items():
        if sid not in kb.symptoms:
            problems.append(
                Problem(
                    f"symptoms.{sid}", sid, "a symptom id of the contract", "is not a known symptom"
                )
            )
        elif status == "unknown" or status is None:
            continue
        elif status not in VALUES:
            problems.append(Problem(f"symptoms.{sid}", status, "present, absent (or unknown)"))
        else:
            out[sid] = status
    return out


#: No finding is a number this large: a larger one is a mistake, never a measurement.
LARGEST = 10**15


def _number(spec: ScalarDef, value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if abs(value) > LARGEST:  # beyond any real value (and float() of a huge int would overflow)
        return False
    return not (spec.type == "integer" and isinstance(value, float) and not value.is_integer())


def _range_text(spec: ScalarDef) -> str:
    kind = "a whole number" if spec.type == "integer" else "a number"
    lo = (
        ""
        if spec.min is None
        else (f" > {spec.min:g}" if spec.exclusive_min else f" >= {spec.min:g}")
    )
    hi = "" if spec.max is None else f" <= {spec.max:g}"
    return f"{kind}{lo}{' and' if lo and hi else ''}{hi}"


def _scalar(spec: ScalarDef, value: Any, problems: list[Problem]) -> Scalar | None:
    if spec.type in ("number", "integer"):
        if not _number(spec, value):
            problems.append(
                Problem(
                    spec.id, value, _range_text(spec), "is not " + _range_text(spec).split(" >")[0]
                )
            )
            return None
        low_bad = spec.min is not None and (
            value <= spec.min if spec.exclusive_min else value < spec.min
        )
        if low_bad or (spec.max is not None and value > spec.max):
            problems.append(Problem(spec.id, value, _range_text(spec), "is out of range"))
            return None
        return int(value) if spec.type == "integer" else value
    if spec.type == "choice":
        if value not in spec.choices:
            problems.append(Problem(spec.id, value, ", ".join(spec.choices)))
            return None
        return str(value)
    # a list of choices
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            Problem(spec.id, value, "a list of: " + ", ".join(spec.choices), "is not a list")
        )
        return None
    bad = [v for v in value if v not in spec.choices]
    if bad:
        problems.append(
            Problem(spec.id, bad[0], ", ".join(spec.choices), "is not a known location")
        )
        return None
    return tuple(dict.fromkeys(value))
