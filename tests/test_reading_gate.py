"""The gate never hides a match: reading with it is reading without it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pregback.core.reading import read
from pregback.core.reading.compiled import compiled_for
from pregback.core.reading.gate import Gate, needs
from pregback.core.reading.normal import fold, normalise
from pregback.core.reading.quantities import reader_for

CASES = Path(__file__).parent / "cases"
MESSAGES = [
    json.loads(line)["message"]
    for path in sorted(CASES.glob("probes-*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip() and "message" in json.loads(line)
]


def test_every_phrase_and_cue_is_let_through_on_its_own_literal() -> None:
    c = compiled_for()
    for i, group in enumerate(c.groups):
        literal = fold(group.target.phrase.literal)
        assert c.group_gate.open(literal)[i] or not group.regex.search(literal), literal
    for i, rule in enumerate(c.cue_rules):
        literal = fold(rule.cue.literal)
        assert c.cue_gate.open(literal)[i] or not rule.regex.search(literal), literal


@pytest.mark.parametrize(
    ("regex", "text"),
    [
        (r"\b(?:lower|low)\s*back\b", "my low back"),
        (r"(?:a|b)?c{2,}d", "ccd"),
        (r"\bno\b", "no"),
        (r"(?:x\s*){0,3}bleed(?:ing)?", "bleed"),
        (r"(?<!\d)(?P<n>\d{1,2})\s*/\s*10", "7/10"),
        (r"pain\s+(?:in|on)\s+my\s+(?:hip|pelvis)", "pain on my hip"),
        (r"\bspott?ing\b", "spoting"),
        (r"cramps+y", "crampsssy"),
        (r"[]a-z]+\s+legs?", "] legs"),
        (r"x{2}\{3\}\.", "xx{3}."),
        (r"a{,2}b{}", "aab{}"),
        (r"(?<!not\s)(?=ti[gh])tight(?:en)*?ing", "tightenening"),
        (r"(?P<n>a|b)(?P=n)nd", "aand"),
        (r"(?i)back", "BACK"),
        (r"(?:bleed|bled)(?:ing)?|blood", "blood"),
    ],
)
def test_the_needed_strings_are_in_every_match(regex: str, text: str) -> None:
    assert re.search(regex, text)
    found = needs(regex)
    assert found is None or all(any(s in text for s in one) for one in found)
    assert Gate([regex]).open(text) == [True]


def test_every_match_in_the_probe_messages_is_let_through_on_its_own_words() -> None:
    c = compiled_for()
    q = reader_for(c)
    gated = [
        (c.group_gate, [g.regex for g in c.groups]),
        (c.cue_gate, [r.regex for r in c.cue_rules]),
        (q.gate, [q.rx[name] for name in q.names]),
    ]
    texts = [normalise(m, c.speller).text for m in MESSAGES]
    for gate, regexes in gated:
        for i, regex in enumerate(regexes):
            for m in (m for text in texts for m in regex.finditer(text)):
                assert gate.open(m.group())[i], (m.group(), regex.pattern)


def test_alternatives_are_asked_each_with_all_it_needs() -> None:
    regex = r"\b(?:lots\s+of|so\s+much)\s+blood"
    assert not re.search(regex, "much blood") and Gate([regex]).open("much blood") == [False]
    assert Gate([regex]).open("so much blood") == [True]


def test_reading_with_the_gate_is_reading_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    gated = [read(m).findings for m in MESSAGES]
    monkeypatch.setattr(
        Gate, "which", lambda self, text, present=None: list(range(len(self.needs)))
    )
    assert [read(m).findings for m in MESSAGES] == gated


def test_reading_a_sentence_or_two_at_a_time_is_reading_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pieces each gate looks at (text.CHUNK characters of whole sentences) change the speed,
    not the reading: the same findings as with the whole message as one piece."""
    from pregback.core.reading import text

    long = [" ".join(MESSAGES[i : i + 12]) for i in range(0, len(MESSAGES), 12)]
    pieces = [read(m).findings for m in MESSAGES + long]
    monkeypatch.setattr(text, "CHUNK", 1 << 30)
    assert [read(m).findings for m in MESSAGES + long] == pieces


def test_which_names_the_regexes_open_lets_through() -> None:
    c = compiled_for()
    for text in [fold(m) for m in MESSAGES[:40]]:
        flags = c.group_gate.open(text)
        assert c.group_gate.which(text) == [i for i, f in enumerate(flags) if f]


@pytest.mark.parametrize("filler", range(0, 60, 7))
def test_a_phrase_that_runs_into_the_next_sentence_is_read_wherever_the_pieces_fall(
    filler: int,
) -> None:
    """ "there is blood. a lot of it" is heavy bleeding however many characters come before it,
    that is wherever the sentences fall into the gate's pieces (each piece runs on into the next
    sentence: gate.REACH)."""
    before = "my back has been sore today and i am so tired of it all. " * 4
    message = before[: 150 + filler] + ". just went to the loo and there is blood. a lot of it."
    assert read(message).findings.symptoms.get("heavy_bleeding") == "present", message


def test_the_word_records_are_read_as_one_alternation_in_file_order() -> None:
    """Each severity or duration record runs on its own where the gate lets it; together they
    find what one alternation of them all, the first record winning a place, finds."""
    c = compiled_for()
    q = reader_for(c)
    texts = [normalise(m, c.speller).text for m in MESSAGES]
    for records in (q.sev_words, q.day_words):
        union = re.compile("|".join(f"(?P<w{i}>{rx.pattern})" for i, rx in enumerate(records.rx)))
        for text in texts:
            everywhere = [((0, len(text)),)] * len(records.rx)
            got = [(i, m.span()) for i, m in records.finditer(text, everywhere)]
            want = [(int(m.lastgroup[1:]), m.span()) for m in union.finditer(text) if m.lastgroup]
            assert got == want, text
            opened = q.opened(text, None, None)
            gated = [(i, m.span()) for i, m in q._records(records, text, opened)]
            assert gated == want, text
