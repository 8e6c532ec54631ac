"""Fixtures and helpers for the web tests, loaded with `pytest_plugins = ["tests.web_support"]`:
the session's one app and client (tests/api_support.py) set up for the pages, a personal install
or a server shared by many; and reading a question page and answering it the way a development
case would.

Owns: the answering strategy shared by the fast (TestClient) and browser (Playwright) tests.
Never: clinical logic; it only copies what the case's findings say, and "I don't know" otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pregback.interfaces.web.storage import close_stores
from pregback.knowledge import default_knowledge
from tests.api_helpers import TestClient

STATE = re.compile(r'name="state" value="([^"]+)"')
ASK = re.compile(r'name="ask" value="([^"]+)"')
VALUE = re.compile(r'name="value" value="([^"]+)"')
FIELD = re.compile(r'name="f-([^"]+)"')
LEVEL = re.compile(r'class="level-label">([^<]+)<')


@dataclass(frozen=True)
class Answer:
    """What to press: do ("next", "skip", "none"), the values to tick or type, and for a screen of
    several fields, (field id, value) for each field the case knows."""

    do: str
    values: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()

    def form(self) -> dict[str, Any]:
        """The form data a browser sends for this answer (besides state and ask)."""
        data: dict[str, Any] = {"do": self.do}
        if self.values:
            data["value"] = list(self.values)
        for name, value in self.fields:
            data.setdefault(f"f-{name}", []).append(value)
        return data


def _words(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def fields_of(html: str) -> list[str]:
    """The field ids of a screen of several fields, in order."""
    return list(dict.fromkeys(FIELD.findall(html)))


def answer_for(
    ask_id: str, items: list[str], findings: dict[str, Any], fields: list[str] | None = None
) -> Answer:
    """The case's answer to a screen: what the case says, "None of these" when it says none of
    the signs shown is present, and "I don't know" when it says nothing about them."""
    symptoms = findings.get("symptoms", {})
    if fields:
        known: list[tuple[str, str]] = []
        for name in fields:
            if name in findings and findings[name] is not None:
                value = findings[name]
                known += [
                    (name, _words(v)) for v in (value if isinstance(value, list) else [value])
                ]
            elif symptoms.get(name) in ("present", "absent"):
                known.append((name, "yes" if symptoms[name] == "present" else "no"))
        return Answer("next", fields=tuple(known)) if known else Answer("skip")
    if ask_id.startswith(("signs:", "history", "which")):
        # an item that stands for a group of signs (findings.yaml ask_groups) is any of them
        groups = default_knowledge().ask_groups
        stands = {
            i: groups[i.removeprefix("group:")].members if i.startswith("group:") else [i]
            for i in items
        }
        if not any(symptoms.get(m) in ("present", "absent") for i in items for m in stands[i]):
            return Answer("skip")
        present = tuple(i for i in items if any(symptoms.get(m) == "present" for m in stands[i]))
        return Answer("next", present) if present else Answer("none")
    value = findings.get("pattern" if ask_id == "pattern_check" else ask_id)
    if value is None:
        return Answer("skip")
    if isinstance(value, list):
        return Answer("next", tuple(value))
    return Answer("next", (_words(value),))


def level_label(html: str) -> str | None:
    found = LEVEL.search(html)
    return found.group(1).strip() if found else None


@pytest.fixture
def pages(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The session's one client, for the pages of a personal install: her data in a fresh SQLite
    file of this test (`tmp_path / "pages.db"`, made by her first write), and no cookie yet. The
    pages read their settings at each request, so the app needs nothing of its own."""
    monkeypatch.setenv("PREGBACK_DATABASE_URL", str(tmp_path / "pages.db"))
    monkeypatch.delenv("PREGBACK_MULTI_USER", raising=False)
    client.cookies.clear()
    yield client
    client.cookies.clear()
    close_stores()


@pytest.fixture
def multi_user(client: TestClient, api_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The session's one app as a server shared by many (PREGBACK_MULTI_USER=1), its pages on the
    API's database, so a code from the API signs in on the web and an erase through the API ends
    her web sessions. Each test's people are new; make a client for each phone."""
    monkeypatch.setenv("PREGBACK_DATABASE_URL", api_db)
    monkeypatch.setenv("PREGBACK_MULTI_USER", "1")
    monkeypatch.delenv("PREGBACK_SIGNUP", raising=False)
    yield client.app
    close_stores()
