"""Plain words for what she reads: times in minutes and seconds, labels for ids, sources once."""

from __future__ import annotations

import pytest

from pregback.interfaces.plain import duration, finding_label, interval, source_refs, value_words
from pregback.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(0.15, "9 s"), (8.5, "8 min 30 s"), (10, "10 min"), (4.5, "4 min 30 s"), (75, "1 h 15 min")],
)
def test_intervals_are_minutes_and_seconds_never_decimal_minutes(
    minutes: float, words: str
) -> None:
    assert interval(minutes) == words


def test_durations() -> None:
    assert [duration(s) for s in (0, 44.6, 60, 61, 3600)] == [
        "0 s",
        "45 s",
        "1 min",
        "1 min 1 s",
        "1 h",
    ]


def test_ids_become_labels(kb: KnowledgeBase) -> None:
    assert finding_label(kb, "symptoms.vaginal_bleeding") == kb.symptoms["vaginal_bleeding"].label
    assert finding_label(kb, "pelvic_girdle") == kb.locations["pelvic_girdle"].label
    assert finding_label(kb, "episode_interval_min") == kb.scalars["episode_interval_min"].label
    assert value_words(kb, "vaginal_bleeding", "absent") == "no"
    assert (
        value_words(kb, "pain_locations", ["lower_back", "flank"]) == "Lower back, Side of the back"
    )
    assert value_words(kb, "episode_interval_min", 0.15) == "9 s"
    assert value_words(kb, "onset", "sudden") == kb.scalars["onset"].choice_labels["sudden"]


def test_each_source_document_is_listed_once_with_its_kind(kb: KnowledgeBase) -> None:
    # Three ids that name sections of one article are one source; a repeated id is one too.
    refs = source_refs(kb, ["SEED-2WK", "NICE-NG235", "SEED-10MIN", "NICE-NG235", "nope"])
    assert [r.ids for r in refs] == [("SEED-2WK", "SEED-10MIN"), ("NICE-NG235",)]
    assert refs[1].url == kb.sources["NICE-NG235"].url and refs[1].kind == "clinical guideline"
    every = source_refs(kb, kb.sources)
    assert len({r.label for r in every}) == len(every)
    assert sum(len(r.ids) for r in every) == len(kb.sources)
