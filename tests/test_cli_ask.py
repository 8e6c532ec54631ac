"""The questions in the terminal: one sign is asked as yes/no, an empty answer is refused (never
taken as "no"), and an answer that does not fit is asked again in plain words (never
"episode_duration_s: 0.0 is out of range")."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console

from pregback.core.findings import parse_findings
from pregback.core.interview import NONE, Ask, Choice
from pregback.interfaces.cli import ask as cli_ask
from pregback.knowledge import KnowledgeBase


class Script:
    """Answers typed in turn; records every prompt she was shown. When the script runs out she
    says none of the signs, no, and don't know."""

    def __init__(self, answers: list[str]) -> None:
        self.answers: Iterator[str] = iter(answers)
        self.prompts: list[str] = []

    def ask(self, prompt: str, **_: Any) -> str:
        self.prompts.append(prompt)
        default = "0" if "0 for none" in prompt else "n" if "? = don't know" in prompt else ""
        return next(self.answers, default)


def run(
    kb: KnowledgeBase, findings: dict[str, Any], answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, Script, str]:
    script = Script(answers)
    monkeypatch.setattr(cli_ask.Prompt, "ask", script.ask)
    out = io.StringIO()
    step = cli_ask.interview(
        parse_findings(findings, kb), [], kb, Console(file=out, width=200, color_system=None)
    )
    return step.findings, script, out.getvalue()


def _sign(kb: KnowledgeBase, sid: str) -> Ask:
    sign = kb.symptoms[sid]
    return Ask(
        "history", "symptoms", sign.question, "symptoms", (Choice(sid, sign.label),), "urgent"
    )


def test_one_sign_is_asked_as_yes_or_no(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    ask = _sign(kb, "fever")
    con = Console(file=io.StringIO())
    for typed, expected in (("y", ["fever"]), ("no", NONE), ("?", None)):
        script = Script([typed])
        monkeypatch.setattr(cli_ask.Prompt, "ask", script.ask)
        assert cli_ask.put(con, ask, kb) == expected
        assert "(y = yes, n = no, ? = don't know)" in script.prompts[0]
        assert kb.symptoms["fever"].question in script.prompts[0]
    for typed in ("", "maybe"):
        monkeypatch.setattr(cli_ask.Prompt, "ask", Script([typed]).ask)
        with pytest.raises(cli_ask.Refused, match="y for yes"):
            cli_ask.put(con, ask, kb)


def test_a_sign_is_asked_again_until_yes_or_no(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """30 weeks with bleeding (urgent): after the danger signs and the pain, her history is asked
    one sign at a time; "maybe" is asked again, "y" is yes."""
    found, script, shown = run(
        kb,
        {"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}},
        ["0", "", "", "", "", "", "maybe", "y"],
        monkeypatch,
    )
    single = [p for p in script.prompts if "(y = yes, n = no, ? = don't know)" in p]
    assert len(single) >= 2 and single[0] == single[1]  # "maybe" did not fit: asked again
    assert "Please type y for yes or n for no" in shown
    assert "URGENT - CALL NOW" in shown
    asked = [
        sid
        for sid, sym in kb.symptoms.items()
        if sid != "vaginal_bleeding" and (sym.question in single[0] or f"{sym.label}?" in single[0])
    ]
    assert asked and found.status(asked[0]) == "present"


def test_an_empty_answer_to_signs_is_refused_and_asked_again(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, script, shown = run(kb, {"gestational_weeks": 30}, ["", "0"], monkeypatch)
    assert "0 if you have none of them" in shown
    groups = [p for p in script.prompts if "0 for none of these" in p]
    assert len(groups) >= 2 and groups[0] == groups[1]
    assert found.status("saddle_numbness") == "absent"  # "0" (none), not the empty answer


def test_an_answer_that_does_not_fit_is_asked_again_in_plain_words(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, script, shown = run(kb, {}, ["forty", "60", "33", "n", "0", "11", "5"], monkeypatch)
    assert "Weeks pregnant" in script.prompts[0]
    assert "Please type a number of weeks from 1 to 45." in shown
    assert "Please type a whole number from 0 to 10." in shown
    assert found.get("gestational_weeks") == 33 and found.get("pain_severity") == 5
    for raw in ("gestational_weeks", "pain_severity", "out of range", "allowed:", "<="):
        assert raw not in shown


def test_a_wave_of_no_length_is_asked_again_in_seconds(kb: KnowledgeBase) -> None:
    hint = cli_ask.answer_hint(kb.scalars["episode_duration_s"])
    assert hint == "Please type a number of seconds, more than 0."
    assert "episode_duration_s" not in hint
