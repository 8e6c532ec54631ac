"""The questions in the terminal: one sign is asked as yes/no, an answer that does not fit is asked
again in plain words (never "episode_duration_s: 0.0 is out of range")."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console

from pregback.core.findings import parse_findings
from pregback.core.interview import Ask, Choice
from pregback.interfaces.cli import ask as cli_ask
from pregback.knowledge import KnowledgeBase


class Script:
    """Answers typed in turn; records every prompt she was shown."""

    def __init__(self, answers: list[str]) -> None:
        self.answers: Iterator[str] = iter(answers)
        self.prompts: list[str] = []

    def ask(self, prompt: str, **_: Any) -> str:
        self.prompts.append(prompt)
        return next(self.answers, "")


def run(
    kb: KnowledgeBase, findings: dict[str, Any], answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, Script, str]:
    script = Script(answers)
    monkeypatch.setattr(cli_ask.Prompt, "ask", script.ask)
    out = io.StringIO()
    found = cli_ask.interview(
        parse_findings(findings, kb), [], kb, Console(file=out, width=200, color_system=None)
    )
    return found, script, out.getvalue()


def test_one_sign_is_asked_as_yes_or_no(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    sign = kb.symptoms["fever"]
    ask = Ask(
        "group:infection",
        "symptoms",
        sign.question,
        "symptoms",
        (Choice(sign.id, sign.label, sign.meaning),),
        "same_day",
    )

    def once(findings: Any, *_: Any, skipped: Any = (), **__: Any) -> tuple[Ask | None, None]:
        return (None if findings.status(sign.id) != "unknown" or sign.id in skipped else ask), None

    monkeypatch.setattr(cli_ask, "next_question", once)
    found, script, _ = run(kb, {"gestational_weeks": 30}, ["maybe", "y"], monkeypatch)
    assert "(y = yes, n = no, Enter = don't know)" in script.prompts[0]
    assert sign.question in script.prompts[0] and "numbers" not in script.prompts[0].lower()
    assert script.prompts[1] == script.prompts[0]  # "maybe" did not fit: asked again
    assert found.status(sign.id) == "present"
    found, _, _ = run(kb, {"gestational_weeks": 30}, ["no"], monkeypatch)
    assert found.status(sign.id) == "absent"
    found, _, _ = run(kb, {"gestational_weeks": 30}, [""], monkeypatch)
    assert found.status(sign.id) == "unknown"


def test_an_answer_that_does_not_fit_is_asked_again_in_plain_words(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, script, shown = run(kb, {}, ["forty", "60", "33", "11", "5"], monkeypatch)
    assert "How many weeks pregnant are you?" in script.prompts[0]
    assert "Please type a number of weeks from 1 to 45." in shown
    assert "Please type a whole number from 0 to 10." in shown
    assert found.get("gestational_weeks") == 33 and found.get("pain_severity") == 5
    for raw in ("gestational_weeks", "pain_severity", "out of range", "allowed:", "<="):
        assert raw not in shown


def test_a_wave_of_no_length_is_asked_again_in_seconds(kb: KnowledgeBase) -> None:
    hint = cli_ask.answer_hint(kb.scalars["episode_duration_s"])
    assert hint == "Please type a number of seconds, more than 0."
    assert "episode_duration_s" not in hint
