"""The conversation in a real terminal (a pseudo-terminal, driven with pexpect as she would type):
an emergency in her message is shown at once with who to call and no required question; an urgent
one shows who to call above the next question; correcting what was read changes the result; an
empty answer is refused in words, never taken as "no"."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow

EXE = str(Path(sys.executable).parent / "pregback")
STYLE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")
GAP = r"(?:\x1b\[[0-9;]*m|\s)+"
EMERGENCY = "30 weeks, back pain and now numb between my legs and i cant pee"
URGENT = "30 weeks pregnant, some bleeding and my lower back aches"
UNIT = "01234567890"


def loose(phrase: str) -> str:
    """A pattern for a phrase however the terminal wraps and styles it (a prompt ends in ":")."""
    if phrase.endswith(":"):
        return loose(phrase[:-1]) + r"(?:\x1b\[[0-9;]*m)*:"
    return GAP.join(re.escape(word) for word in phrase.split())


class Session:
    """`pregback assess` in a terminal, with everything it printed kept (styles removed)."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "COLUMNS": "200", "PREGBACK_UNIT_PHONE": UNIT}
        self.child = pexpect.spawn(
            EXE, ["assess", *args], encoding="utf-8", timeout=30, dimensions=(60, 200), env=env
        )
        self.text = ""

    def wait(self, *phrases: str) -> int:
        """Wait for the first of these phrases; returns its index."""
        i: int = self.child.expect([loose(p) for p in phrases])
        self.text += STYLE.sub("", self.child.before + self.child.after)
        return i

    def type(self, line: str) -> None:
        self.child.sendline(line)

    def end(self) -> str:
        self.child.expect(pexpect.EOF)
        self.text += STYLE.sub("", self.child.before)
        return self.text


def answer_no_to_everything(s: Session) -> None:
    """Answer every question left: none of the signs, don't know for values, until the result."""
    for _ in range(30):
        i = s.wait(
            "0 for none of these, ? if you don't know:",
            "(y = yes, n = no, ? = don't know):",
            "(y = yes, n = no, Enter = don't know):",
            "(Enter = don't know):",
            "What to do",
        )
        if i == 4:
            return
        s.type(["0", "n", "n", ""][i])
    pytest.fail("the interview did not end")


def test_an_emergency_in_her_message_is_shown_at_once_and_nothing_is_required() -> None:
    s = Session("--message", EMERGENCY)
    s.wait("Is this right?")
    before = s.text
    assert "EMERGENCY" in before and "Call 999 now" in before
    assert "While you wait for help" in before and "Why:" in before
    assert before.index("EMERGENCY") < before.index("What we understood from your message")
    assert "Question 1" not in before
    s.type("")  # what was read is right
    s.wait("Answer them? (y = yes, Enter = no)")
    assert "ambulance crew or the unit" in s.text
    s.type("")  # no questions for the crew: the result
    out = s.end()
    assert "Question" not in out
    assert out.count("EMERGENCY") >= 2 and "Call 999 now" in out.split("What to do")[1]


def test_an_urgent_message_shows_who_to_call_above_the_next_question() -> None:
    s = Session("--message", URGENT)
    s.wait("Is this right?")
    s.type("")
    s.wait("0 for none of these, ? if you don't know:")
    text = s.text
    assert "URGENT - CALL NOW" in text and f"Call your maternity unit on {UNIT}" in text
    assert text.index(f"Call your maternity unit on {UNIT}") < text.index("Question 1 of about")
    assert "Question 1 of about" in text and "a danger sign" in text
    s.type("0")
    answer_no_to_everything(s)
    assert "URGENT - CALL NOW" in s.end()


def test_correcting_what_was_read_changes_the_result() -> None:
    s = Session()
    s.wait("own words")
    s.type(EMERGENCY)
    s.wait("Is this right?")
    lines = re.findall(r"^\s+(\d+)\. (.+)$", s.text, flags=re.M)
    number = {label.split(":")[0]: n for n, label in lines}
    s.type(number["Numbness around the genitals or bottom"])
    s.wait("(y = yes, n = no, ? = not sure):")
    s.type("n")
    s.wait("Is this right?")
    s.type(number["New problem controlling bladder or bowel"])
    s.wait("(y = yes, n = no, ? = not sure):")
    s.type("?")
    s.wait("Is this right?")
    s.type("")
    answer_no_to_everything(s)
    out = s.end()
    assert "Changed: Numbness around the genitals or bottom: no." in out
    assert "Question 1" in out  # no longer an emergency: she is asked
    result = out.split("What to do")[-1]
    assert "EMERGENCY" not in result


def test_an_empty_answer_is_refused_never_taken_as_no() -> None:
    s = Session()
    s.wait("own words")
    s.type("")
    s.wait("Weeks pregnant (Enter = don't know):")
    s.type("30")
    s.wait("(y = yes, n = no, Enter = don't know):")
    s.type("n")
    s.wait("0 for none of these, ? if you don't know:")
    s.type("")
    s.wait("0 for none of these, ? if you don't know:")
    assert "0 if you have none of them" in s.text
    assert s.text.count("Question 2 of about") == 2  # asked again, not answered "no"
    s.type("0")
    answer_no_to_everything(s)
    assert "LOOK AFTER YOURSELF AT HOME" in s.end()


def test_a_ticked_group_of_signs_asks_which_one_next() -> None:
    """Below an emergency, signs of one kind are one numbered item; ticking it asks which next."""
    s = Session("--message", "32 weeks and my lower back aches, about a 4")
    s.wait("Is this right?")
    s.type("")
    for _ in range(12):
        start = len(s.text)
        i = s.wait(
            "0 for none of these, ? if you don't know:",
            "(y = yes, n = no, ? = don't know):",
            "(y = yes, n = no, Enter = don't know):",
            "(Enter = don't know):",
        )
        screen = s.text[start:]
        group = re.search(r"^\s+(\d+)\. Signs of pre-eclampsia", screen, flags=re.M)
        if i == 0 and group:
            assert "Severe headache" in screen  # each sign is named beside the group
            s.type(group.group(1))
            break
        s.type(["0", "n", "n", ""][i])
    else:
        pytest.fail("no group of pre-eclampsia signs was shown")
    start = len(s.text)
    s.wait("0 for none of these, ? if you don't know:")
    which = s.text[start:]
    assert "Which ones do you have now?" in which
    headache = re.search(r"^\s+(\d+)\. Severe headache", which, flags=re.M)
    assert headache and "Problems with eyesight" in which
    s.type(headache.group(1))
    answer_no_to_everything(s)
    assert "URGENT - CALL NOW" in s.end().split("What to do")[-1]
