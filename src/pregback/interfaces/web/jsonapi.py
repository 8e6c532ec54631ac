"""The web pages' two JSON endpoints as the OpenAPI publishes them: the timer's verdict and saving
the timer's waves to her diary (the schema of what the page's script sends and gets back).

Owns: their request schemas and response models. Never: checking at run time (the handlers and
the core do, and the schema says exactly what they accept).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from pregback.interfaces.api.problems import problem_responses
from pregback.interfaces.api.schemas import optional_body

WAVES = {
    "type": "array",
    "items": {"$ref": "#/components/schemas/Episode"},
    "description": "Her finished waves, oldest first (the newest 300 are read).",
}
VERDICT_REQUEST: dict[str, Any] = optional_body(
    {
        "episodes": {"anyOf": [WAVES, {"type": "null"}]},
        "weeks": {
            "anyOf": [{"type": "number", "minimum": 1, "maximum": 45}, {"type": "null"}],
            "description": "Weeks pregnant, if she gave them.",
        },
        "first_pregnancy": {"type": ["boolean", "null"]},
    }
)
SAVE_REQUEST: dict[str, Any] = {
    "parameters": [
        {
            "name": "X-CSRF-Token",
            "in": "header",
            "required": True,
            "schema": {"type": "string"},
            "description": "The page's CSRF token; it must match the pb_csrf cookie.",
        }
    ],
    **optional_body({"episodes": {"anyOf": [WAVES, {"type": "null"}]}}),
}
VERDICT_ERRORS = problem_responses(400, 413, 415, 422)
SAVE_ERRORS = problem_responses(400, 401, 403, 409, 413, 415, 422, 503)


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Reason(Out):
    title: str
    reason: str


class Call(Out):
    href: str
    label: str
    note: str = ""


class WatchedRule(Out):
    id: str
    title: str
    urgency: str
    label: str


class PlanLink(Out):
    title: str
    href: str


class VerdictOut(Out):
    """What the waves mean now, as the timer page shows it."""

    urgency: str
    label: str
    action: str
    alert: bool
    labour: bool
    reasons: list[Reason]
    calls: list[Call]
    summary: dict[str, Any] | None
    plan: list[PlanLink]
    notes: list[str]
    week: str = ""  # her week as the timer reads it: as she said, from her due date, or none
    watching: list[WatchedRule] = []  # the rules timed waves could fire at her week


class SavedOut(Out):
    saved: int
