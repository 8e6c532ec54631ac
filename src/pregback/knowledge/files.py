"""Reading the knowledge base's YAML files: a file as a mapping, a list of records checked against
their model, and the locale's numbers filled into every text.

Owns: the errors that name the file, the record, the field, the bad value and the allowed keys.
Never: a cross-reference between files (knowledge.loader checks those), or a clinical fact.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from pregback.errors import KnowledgeError
from pregback.knowledge import schema

M = TypeVar("M", bound=BaseModel)

try:  # libyaml is several times faster where it is installed
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class _Strict(_Loader):  # type: ignore[misc]
    """A key said twice in one mapping is an error (YAML keeps the last, silently)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML file whose top is a mapping; KnowledgeError naming the file otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: file not found") from None
    try:
        data = yaml.load(text, Loader=_Strict)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top, got {type(data).__name__}")
    return data


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def localise(data: Any, place: schema.Locale, where: str) -> Any:
    """Fill {emergency} and {advice_line} into every text, and refuse any other {name}."""
    if isinstance(data, str):
        if "{" not in data:
            return data
        values = {
            "emergency": place.emergency,
            "advice_line": place.advice_line,
            "abuse_line": place.abuse_line,
        }
        for name in PLACEHOLDER.findall(data):
            if name not in values:
                raise KnowledgeError(
                    f"{where}.yaml: text {data[:60]!r}: unknown placeholder {{{name}}} "
                    "(allowed: {emergency}, {advice_line}, {abuse_line})"
                )
        return PLACEHOLDER.sub(lambda m: values[m.group(1)], data)
    if isinstance(data, list):
        return [localise(item, place, where) for item in data]
    if isinstance(data, dict):
        return {key: localise(value, place, where) for key, value in data.items()}
    return data


def records(model: type[M], raw: Any, where: str) -> dict[str, M]:
    if not isinstance(raw, list):
        raise KnowledgeError(f"{where}: expected a list of records")
    out: dict[str, M] = {}
    for i, rec in enumerate(raw):
        rid = rec.get("id", f"#{i}") if isinstance(rec, dict) else f"#{i}"
        try:
            item = model.model_validate(rec)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            allowed = ""
            if first["type"] == "extra_forbidden":
                allowed = f" (allowed keys: {', '.join(model.model_fields)})"
            raise KnowledgeError(
                f"{where} id {rid}: field {loc!r}: {first['msg']}; value {first.get('input')!r}{allowed}"
            ) from None
        key = item.id  # type: ignore[attr-defined]
        if key in out:
            raise KnowledgeError(f"{where} id {key}: the id is used twice")
        out[key] = item
    return out
