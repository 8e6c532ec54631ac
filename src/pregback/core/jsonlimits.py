"""Strict JSON for every interface (terminal, batch, HTTP API, web pages): a value parsed within
limits, or an error naming the field where a limit is broken.

Owns: the nesting limit, integers too large to keep exactly, NaN and Infinity, and the path (in the
`findings.symptoms.fever` / `episodes[2].start` form) of the first value that breaks one. Never:
recursion over a value (a hostile document must not exhaust the stack), or guessing a value.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from pregback.errors import PregbackError, Problem

#: Objects and arrays inside each other: far more than any finding, case, FHIR resource or CDS
#: Hooks request needs, and far below what would exhaust the parser's or the printer's stack.
MAX_DEPTH = 64
#: I-JSON (RFC 7493): integers beyond +-(2**53 - 1) lose precision elsewhere.
MAX_SAFE_INT = 2**53 - 1
#: Python refuses to turn longer digit strings into integers (sys.get_int_max_str_digits).
MAX_DIGITS = 4300
_KEY_CHARS = 40
#: A too-deep value is named by its first few levels (an ancestor that holds it), not all 64.
_NAMED_LEVELS = 8


class JSONLimitError(PregbackError):
    """The text is not JSON, or breaks a limit; `problems[0].field` says where."""

    code = "bad_json"


class _Said(Problem):
    """A problem whose message is already the whole sentence (field, value, what is allowed)."""

    __slots__ = ()

    def text(self) -> str:
        return self.message


class _Refused:
    """Stands for a number the parser met but we refuse, so that the walk can say where it was."""

    __slots__ = ("allowed", "text")

    def __init__(self, text: str, allowed: str) -> None:
        self.text = text
        self.allowed = allowed


def loads(
    text: str | bytes,
    *,
    max_depth: int = MAX_DEPTH,
    max_int: int | None = None,
    what: str = "the JSON",
) -> Any:
    """`text` as a JSON value: no NaN or Infinity, at most `max_depth` levels of nesting, integers
    within +-`max_int` (when given; always within Python's digit limit). Bytes must be UTF-8.

    Raises JSONLimitError naming the field at fault (`""` for the whole text).
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONLimitError(
                _Said(
                    "",
                    None,
                    "UTF-8 text",
                    f"{what} is not UTF-8 text: byte 0x{text[exc.start]:02x} at position "
                    f"{exc.start} (allowed: UTF-8 text)",
                )
            ) from None
    limit = max_int

    def parse_int(digits: str) -> Any:
        if len(digits.lstrip("-")) > MAX_DIGITS:
            return _Refused(digits, f"a number of at most {MAX_DIGITS} digits")
        value = int(digits)
        if limit is not None and abs(value) > limit:
            return _Refused(digits, f"a whole number from -{limit} to {limit}")
        return value

    def parse_constant(name: str) -> Any:
        return _Refused(name, "a number (NaN and Infinity are not JSON)")

    def parse_float(digits: str) -> Any:
        value = float(digits)
        if math.isinf(value):
            return _Refused(digits, "a number within the range of a double")
        return value

    try:
        value = json.loads(
            text, parse_int=parse_int, parse_float=parse_float, parse_constant=parse_constant
        )
    except json.JSONDecodeError as exc:
        raise JSONLimitError(
            _Said(
                "",
                None,
                "JSON text",
                f"{what} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            )
        ) from None
    except RecursionError:
        path = _deep_path_in_text(text, max_depth)
        raise JSONLimitError(_too_deep(path, max_depth)) from None
    fault = check(value, max_depth, text_checked=_SURROGATE_ESCAPE.search(text) is None)
    if fault is not None:
        raise JSONLimitError(fault)
    return value


def check(value: Any, max_depth: int = MAX_DEPTH, text_checked: bool = False) -> Problem | None:
    """The first place where a parsed value is nested deeper than `max_depth`, holds a refused
    number or (unless `text_checked`) a string with a lone surrogate; None when it is within every
    limit. Iterative: any depth is safe to check."""
    if not isinstance(value, dict | list):
        if isinstance(value, str) and not text_checked and _LONE.search(value):
            return _not_text("")
        return _refused("", value) if isinstance(value, _Refused) else None
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(value, 1, ())]
    while stack:
        node, depth, path = stack.pop()
        if depth > max_depth:
            return _too_deep(_field(path[:_NAMED_LEVELS]), max_depth)
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, item in items:
            if not text_checked and isinstance(key, str) and _LONE.search(key):
                return _not_text(_field(path[:_NAMED_LEVELS]), "a key of it ")
            if not text_checked and isinstance(item, str) and _LONE.search(item):
                return _not_text(_field((*path, key)[:_NAMED_LEVELS]))
            if isinstance(item, dict | list):
                if item:
                    stack.append((item, depth + 1, (*path, key)))
                elif depth + 1 > max_depth:
                    return _too_deep(_field((*path, key)[:_NAMED_LEVELS]), max_depth)
            elif isinstance(item, _Refused):
                return _refused(_field((*path, key)), item)
    return None


def field_of(path: tuple[str | int, ...]) -> str:
    """A path as a field name: ("findings", "symptoms") -> findings.symptoms, ("e", 2) -> e[2]."""
    return _field(path)


def _field(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if len(part) <= _KEY_CHARS else part[: _KEY_CHARS - 1] + "…"
            out += f".{key}" if out else key
    return out


def _too_deep(field: str, max_depth: int) -> Problem:
    allowed = f"at most {max_depth} levels of objects and arrays"
    return _Said(
        field,
        None,
        allowed,
        f"{field or 'the value'}: nested more than {max_depth} levels deep (allowed: {allowed})",
    )


def _refused(field: str, item: _Refused) -> Problem:
    shown = item.text if len(item.text) <= 20 else f"{item.text[:20]}... ({len(item.text)} digits)"
    return _Said(
        field,
        shown,
        item.allowed,
        f"{field or 'the value'}: {shown} is not acceptable (allowed: {item.allowed})",
    )


def _not_text(field: str, what: str = "") -> Problem:
    allowed = "Unicode text (a \\u escape of half a surrogate pair is not a character)"
    return _Said(
        field,
        None,
        allowed,
        f"{field or 'the value'}: {what}holds a lone surrogate (allowed: {allowed})",
    )


#: An escaped surrogate in JSON text: only then can a parsed string hold a lone one (I-JSON,
#: RFC 7493 2.1, refuses them; no database or UTF-8 encoder can keep them).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE = re.compile("[\ud800-\udfff]")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"\s*:?|[\[\]{},]')


def _deep_path_in_text(text: str, max_depth: int) -> str:
    """Where JSON text first goes deeper than `max_depth` (for text too deep to parse at all)."""
    stack: list[list[Any]] = []  # [kind, key or index]
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            if len(stack) >= max_depth:
                parts = tuple(part for _, part in stack if part is not None)
                return _field(parts[:_NAMED_LEVELS])
            stack.append(["a" if token == "[" else "o", 0 if token == "[" else None])
        elif token in "]}":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and stack[-1][0] == "a":
                stack[-1][1] += 1
        elif token.endswith(":") and stack and stack[-1][0] == "o":
            try:
                stack[-1][1] = json.loads(token.rstrip(": \t\r\n"))
            except ValueError:
                stack[-1][1] = "?"
    return ""
