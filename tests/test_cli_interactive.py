"""`pregback assess` in a real terminal: a person answers the questions with the keyboard."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

EXE = str(Path(sys.executable).parent / "pregback")
GAP = r"(?:\x1b\[[0-9;]*m|\s)+"  # what the terminal puts between words: spaces, line wraps, styles


def loose(phrase: str) -> str:
    """A pattern for a prompt however the terminal wraps and styles it."""
    return GAP.join(re.escape(word) for word in phrase.split()) + r"(?:\x1b\[[0-9;]*m)*: "


def run_interview(answers_for_groups: str, week: str, message: str = "") -> str:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "250"}
    child = pexpect.spawn(
        EXE, ["assess"], encoding="utf-8", timeout=20, dimensions=(50, 250), env=env
    )
    child.expect("own words")
    child.sendline(message)
    transcript = ""
    for _ in range(60):
        i = child.expect(
            [
                loose("Weeks pregnant (Enter = don't know)"),
                loose("0 for none of these, ? if you don't know"),
                loose("(y = yes, n = no, Enter = don't know)"),
                loose("(Enter = don't know)"),
                loose("(y = yes, n = no, ? = don't know)"),
                loose("Answer them? (y = yes, Enter = no)"),
                "What to do",
                pexpect.EOF,
            ]
        )
        transcript += child.before + (child.after if isinstance(child.after, str) else "")
        if i == 0:
            child.sendline(week)
        elif i == 1:
            child.sendline(answers_for_groups)
        elif i == 2:
            child.sendline("n")  # she has not had her baby
        elif i == 3:
            child.sendline("")  # skip a question she cannot answer
        elif i == 4:  # one sign, asked as yes or no: "0" (none) is no, "1" (the first) is yes
            child.sendline("n" if answers_for_groups == "0" else "y")
        elif i == 5:
            child.sendline("")  # no questions for the ambulance crew
        else:
            break
    else:
        pytest.fail("the interview did not end")
    child.expect(pexpect.EOF)
    transcript += child.before
    return transcript


@pytest.mark.slow
def test_answering_no_to_every_red_flag_ends_in_self_care_with_a_safety_net() -> None:
    out = run_interview("0", "30")
    assert "LOOK AFTER YOURSELF AT HOME" in out
    assert "Safety-net" in out
    assert "does not diagnose" in out


@pytest.mark.slow
def test_a_red_flag_answered_yes_gives_an_emergency() -> None:
    out = run_interview("1", "30")  # the first item of the first group: an emergency sign
    assert "EMERGENCY" in out.upper()
