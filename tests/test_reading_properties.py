"""Invariants of reading for any input (Hypothesis): never raises, safe to add a red flag, hedges count."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pregback.core.reading import MAX_MESSAGE, read
from pregback.core.reading.compiled import compiled_for
from pregback.core.triage import evaluate
from pregback.errors import PregbackError
from pregback.knowledge import default_knowledge
from pregback.knowledge.schema import URGENCY_LEVELS

KB = default_knowledge()
RANK = {level: i for i, level in enumerate(URGENCY_LEVELS)}
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LEX = compiled_for(KB).lexicon

# Words people use, drawn from the lexicon itself, so random messages reach every part of the reader.
WORDS = sorted(
    {p.literal for e in LEX.symptoms.symptoms.values() for p in e.phrases}
    | {p.literal for ps in LEX.locations.locations.values() for p in ps}
    | {c.literal for c in LEX.cues.cues}
    | {p.literal for ps in LEX.patterns.pattern.values() for p in ps}
    | {
        "33 weeks",
        "7/10",
        "every 5 minutes",
        "for 3 days",
        "temp 38.5",
        "BP 150/100",
        "lasting 60 seconds",
        "5 in the last hour",
        "back",
        "pain",
        "and",
        "but",
        ",",
        ".",
        "?",
        "my",
        "she",
        "I",
        "the baby",
        "not",
        "no",
    }
)
messages = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)
any_text = st.text(st.characters(blacklist_categories=()), max_size=300)


def urgency(message: str) -> int:
    return RANK[evaluate(read(message, kb=KB).findings, None, KB).urgency]


@FAST
@given(any_text | messages)
def test_any_text_gives_a_reading_whose_evidence_points_into_it(message: str) -> None:
    r = read(message, kb=KB)
    json.dumps(r.to_dict())
    for e in r.evidence:
        assert 0 <= e.start < e.end <= len(message)
        assert message[e.start : e.end] == e.text
    assert r.uncertain <= set(r.findings.symptoms)
    assert read(message, kb=KB) == r  # deterministic


@FAST
@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.text())))
def test_anything_but_text_is_a_clear_error(value: Any) -> None:
    with pytest.raises(PregbackError):
        read(value)


@FAST
@given(messages)
@example("it builds, fades, builds, fades only worry if")  # advice that reads nothing named nothing
def test_adding_heavy_bleeding_never_lowers_the_urgency(message: str) -> None:
    assert urgency(message + " and I'm bleeding heavily") >= urgency(message)


@FAST
@given(messages, messages)
def test_a_later_sentence_about_bleeding_is_read_whatever_came_before(
    first: str, second: str
) -> None:
    r = read(f"{first}. {second}. I am bleeding.", kb=KB)
    assert r.findings.symptoms.get("vaginal_bleeding") == "present"


RED_FLAG_PHRASES = [
    (sid, p.literal, [w for w in (8, 30, 39) if (p.min_weeks or 0) <= w <= (p.max_weeks or 45)])
    for sid, entry in LEX.symptoms.symptoms.items()
    if KB.symptoms[sid].red_flag and not KB.symptoms[sid].protective
    for p in entry.phrases
    if p.value == "present"
    and not p.negated_only
    and "n't" not in p.literal  # "waters haven't gone" says absent
]
HEDGES = [
    "I think {}",
    "maybe {}",
    "not sure if {}",
    "{} I think",
    "possibly {}?",
    "could it be {}?",
]


@pytest.mark.parametrize(("sid", "literal", "weeks_list"), RED_FLAG_PHRASES)
def test_a_hedged_red_flag_counts_as_present_and_never_lowers_the_level(
    sid: str, literal: str, weeks_list: list[int]
) -> None:
    """The safety rule of reading (TRIAGE P5): a hedged or uncertain red flag counts as present."""
    for w in weeks_list:
        weeks = f"{w} weeks"
        plain = f"{weeks}. {literal}"
        assert read(plain, kb=KB).findings.symptoms.get(sid) == "present", plain
        for hedge in HEDGES:
            message = f"{weeks}. {hedge.format(literal)}"
            r = read(message, kb=KB)
            assert r.findings.symptoms.get(sid) == "present", message
            assert urgency(message) >= urgency(plain), message


def test_long_messages_are_read_within_the_limit() -> None:
    message = ("33 weeks, no bleeding, back pain 7/10. " * 1000)[:MAX_MESSAGE]
    r = read(message, kb=KB)
    assert r.findings.to_dict()["pain_severity"] == 7


# ---- spelling: any typo within the tolerance still reads the same red flag ----
TYPO_CASES = [
    ("I'm bleeding", "bleeding", "vaginal_bleeding"),
    ("my waters have broken", "waters", "fluid_leak"),
    ("I fainted", "fainted", "collapse"),
    ("I collapsed", "collapsed", "collapse"),
    ("numbness between my legs", "numbness", "saddle_numbness"),
    ("I have a bad headache", "headache", "severe_headache"),
    ("my vision is blurred", "blurred", "visual_disturbance"),
    ("I'm breathless", "breathless", "shortness_of_breath"),
    ("chest pain", "chest", "chest_pain"),
    ("I have a fever", "fever", "fever"),
    ("I have sickle cell", "sickle", "sickle_cell_disease"),
    ("I have Marfan syndrome", "marfan", "aortic_condition"),
    ("I'm having contractions", "contractions", "abdominal_tightening"),
    ("I'm spotting", "spotting", "vaginal_bleeding"),
]
SPELLER = compiled_for(KB).speller
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typo(word: str, edits: list[tuple[int, int, int]]) -> str:
    for op, at, letter in edits:
        i = at % len(word)
        c = LETTERS[letter % 26]
        if op == 0:  # substitute
            word = word[:i] + c + word[i + 1 :]
        elif op == 1:  # insert
            word = word[:i] + c + word[i:]
        elif op == 2 and len(word) > 2:  # delete
            word = word[:i] + word[i + 1 :]
        elif i + 1 < len(word):  # swap two neighbours
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


@FAST
@given(
    st.sampled_from(TYPO_CASES),
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 40), st.integers(0, 25)), min_size=1, max_size=2
    ),
)
def test_a_typo_within_the_tolerance_reads_the_same_red_flag(
    case: tuple[str, str, str], edits: list[tuple[int, int, int]]
) -> None:
    message, word, sid = case
    typo = _typo(word, edits)
    from hypothesis import assume

    from pregback.core.reading.spelling import distance

    limit = SPELLER.edits_for(typo)
    assume(typo != word and distance(typo, word, limit) <= limit)
    # within the tolerance: not itself a word, and no other lexicon word as near
    assume(typo not in SPELLER.words and typo not in SPELLER.known)
    assume(
        all(
            distance(typo, other, limit) > distance(typo, word, limit)
            for other in SPELLER.words
            if other != word
        )
    )
    read_as = read(message.replace(word, typo), kb=KB)
    assert read_as.findings.symptoms.get(sid) == "present", (typo, read_as.findings.to_dict())


RED_FLAG_ENDINGS = [
    " and I'm bleeding heavily",
    ". I fainted earlier",
    ". I've got numbness between my legs",
    ". My waters have broken",
    ". I can't feel the baby move",
    ". I have a temperature of 38.6",
    ". I'm short of breath",
]


@FAST
@given(messages, st.sampled_from(RED_FLAG_ENDINGS))
def test_appending_a_red_flag_never_lowers_the_urgency(message: str, ending: str) -> None:
    assert urgency(message + ending) >= urgency(message)
