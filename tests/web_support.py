"""Helpers for the web tests: read a question page, and answer it the way a development case would.

Owns: the answering strategy shared by the fast (TestClient) and browser (Playwright) tests.
Never: clinical logic; it only copies what the case's findings say, and "I don't know" otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tests.api_helpers import TestClient

STATE = re.compile(r'name="state" value="([^"]+)"')
ASK = re.compile(r'name="ask" value="([^"]+)"')
VALUE = re.compile(r'name="value" value="([^"]+)"')
LEVEL = re.compile(r'class="level-label">([^<]+)<')


@dataclass(frozen=True)
class Answer:
    """What to press: do ("next", "skip", "none") and the values to tick or type."""

    do: str
    values: tuple[str, ...] = ()


def answer_for(ask_id: str, items: list[str], findings: dict[str, Any]) -> Answer:
    """The case's answer to a question: its value if the case knows it, else "I don't know"."""
    if not ask_id.startswith("group:"):
        value = findings.get(ask_id)
        if value is None:
            return Answer("skip")
        if isinstance(value, list):
            return Answer("next", tuple(value))
        return Answer("next", (f"{value:g}" if isinstance(value, float) else str(value),))
    symptoms = findings.get("symptoms", {})
    known = [i for i in items if symptoms.get(i) in ("present", "absent")]
    if not known:
        return Answer("skip")
    return Answer("next", tuple(i for i in items if symptoms.get(i) == "present"))


def level_label(html: str) -> str | None:
    found = LEVEL.search(html)
    return found.group(1).strip() if found else None


def web_app() -> Any:
    """The pages as `pregback serve` serves them: inside the API's app."""
    from pregback.interfaces.api.app import create_app

    return create_app()


def web_client() -> TestClient:
    return TestClient(create_web_app_only())


def create_web_app_only() -> Any:
    from pregback.interfaces.web.app import create_web_app

    return create_web_app()
