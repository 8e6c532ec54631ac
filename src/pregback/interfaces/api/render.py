"""Fast JSON for an Assessment: the same document as `json.dumps(assessment.to_dict())`, with the
encoded text of its repeated parts (plan items, questions, safety-net lines, rules, causes) reused.

Owns: response encoding for the assessment endpoints (most of an answer is the same advice and
question text, and encoding it dominated the cost of a request). Never: a layout of its own; the
core's `to_dict` decides every key and value, and a test checks the two agree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse

from pregback.core.triage import Assessment

_encode = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode
#: Parts whose items are values of the core (most of them cached there), encoded once each.
CACHED = {
    "causes": "causes",
    "rules": "fired",
    "plan": "plan",
    "safety_net": "safety_net",
    "unanswered": "unanswered",
}
_MAX_CACHED = 20_000
#: id(item) -> (item, its JSON). Holding the item keeps its id from being reused while cached.
_cache: dict[int, tuple[object, str]] = {}


def _part(items: tuple[Any, ...], dicts: list[Any]) -> str:
    if len(items) != len(dicts):
        return _encode(dicts)
    out = []
    for item, as_dict in zip(items, dicts, strict=True):
        hit = _cache.get(id(item))
        if hit is not None and hit[0] is item:
            out.append(hit[1])
            continue
        if len(_cache) >= _MAX_CACHED:
            _cache.clear()
        text = _encode(as_dict)
        _cache[id(item)] = (item, text)
        out.append(text)
    return "[" + ",".join(out) + "]"


def assessment_json(result: Assessment, extra: Mapping[str, Any] | None = None) -> bytes:
    """`result.to_dict()` (then `extra`) as compact ASCII JSON bytes."""
    return assessment_text(result, extra).encode("ascii")


def assessment_text(result: Assessment, extra: Mapping[str, Any] | None = None) -> str:
    """The same object as `result.to_dict()` (plus `extra`); the cached parts come last."""
    data = result.to_dict()
    if extra:
        data.update(extra)
    parts = {key: data.pop(key) for key in CACHED if isinstance(data.get(key), list)}
    head = _encode(data)
    tail = [
        f'"{key}":' + _part(getattr(result, CACHED[key]), value) for key, value in parts.items()
    ]
    if not tail:
        return head
    return head[:-1] + ("," if len(head) > 2 else "") + ",".join(tail) + "}"


def document(parts: Mapping[str, Any], assessment: Assessment, key: str = "assessment") -> bytes:
    """A JSON object of `parts` with the assessment under `key`, encoded fast."""
    head = _encode(dict(parts))
    tail = _encode(key) + ":" + assessment_text(assessment)
    return (head[:-1] + ("," if len(head) > 2 else "") + tail + "}").encode("ascii")


class AssessmentResponse(JSONResponse):
    """A JSON response whose body is already encoded."""

    def render(self, content: Any) -> bytes:
        if isinstance(content, bytes):
            return content
        return _encode(content).encode("ascii")
