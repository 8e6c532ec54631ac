"""Errors that pregback reports to people: each names the field, the value and what is allowed.

Owns: the error types and their wire form. Never: printing or exiting.
"""

from __future__ import annotations

from typing import Any


class PregbackError(ValueError):
    """Bad input. `code` is stable and machine-readable; `problems` lists every field at fault."""

    code = "invalid_input"

    def __init__(self, problems: list[Problem] | Problem | str, code: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(field="", value=None, allowed="", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        if code:
            self.code = code
        super().__init__("; ".join(p.text() for p in problems))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": str(self),
            "problems": [p.to_dict() for p in self.problems],
        }


class Problem:
    __slots__ = ("allowed", "field", "message", "value")

    def __init__(self, field: str, value: Any, allowed: str, message: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        self.message = message

    def text(self) -> str:
        if self.message and not self.field:
            return self.message
        shown = repr(self.value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        head = f"{self.field}: {shown}"
        if self.message:
            head += f" {self.message}"
        return f"{head} (allowed: {self.allowed})" if self.allowed else head

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        if not isinstance(value, str | int | float | bool | type(None)):
            value = repr(value)[:200]
        return {
            "field": self.field,
            "value": value,
            "allowed": self.allowed,
            "message": self.text(),
        }


class FindingsError(PregbackError):
    code = "invalid_findings"


class EpisodesError(PregbackError):
    code = "invalid_episodes"


class KnowledgeError(Exception):
    """The knowledge base is inconsistent: names the file, the record, the field and the value."""
