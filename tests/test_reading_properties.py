"""Invariants of reading for any input (Hypothesis): never raises, safe to add a red flag, hedges count."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pregback.errors import PregbackError
from pregback.knowledge import default_knowledge
from pregback.knowledge.schema import URGENCY_LEVELS
from pregback.reading import MAX_MESSAGE, read
from pregback.reading.compiled import compiled_for
from pregback.triage import evaluate

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
