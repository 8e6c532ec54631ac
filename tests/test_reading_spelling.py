"""The speller never reads a real word of the language as another word (spelling.yaml `known`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pregback.core.reading.compiled import compiled_for

DICTIONARIES = [Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english")]


def test_no_word_of_the_dictionary_is_corrected() -> None:
    """`known` must hold every dictionary word within the spelling edits of a lexicon word
    ("doing" is not "going", "breeding" is not "bleeding"): after a word is added to `words`,
    scripts/spelling_known.py is run again. Debian's wbritish and wamerican are the dictionary."""
    found = [p for p in DICTIONARIES if p.exists()]
    if not found:
        pytest.skip("no dictionary: apt-get install wbritish wamerican (scripts/test does)")
    speller = compiled_for().speller
    words = set()
    for path in found:
        words |= {
            w.strip().lower() for w in path.read_text(encoding="utf-8", errors="ignore").split()
        }
    corrected = sorted(
        (w, speller.correct(w))
        for w in words
        if w.isalpha()
        and w.isascii()
        and w not in speller.variants
        and speller.correct(w) is not None
    )
    assert (
        corrected == []
    ), f"real words the speller changes (run scripts/spelling_known.py): {corrected[:20]}"


def test_a_misspelling_is_still_corrected() -> None:
    """The near miss: a word of no dictionary is read as the lexicon word it stands for."""
    speller = compiled_for().speller
    assert speller.correct("contarctions") == "contractions"
    assert speller.correct("bleding") == "bleeding"


def test_a_short_word_with_a_letter_dropped_and_a_sound_written_otherwise() -> None:
    """From written-57 (typed in a hurry): a shorter word is a lexicon word with one letter dropped
    ("evry", "urin", "dizy"), and one group of letters may be written as it sounds ("headake").
    Near misses: a real short word stays itself ("kick", "wave", "bled"), a sound swap that makes a
    real word stays ("kills" is not chills), and a word two letters short is not guessed ("evy")."""
    speller = compiled_for().speller
    assert speller.correct("evry") == "every"
    assert speller.correct("urin") == "urine"
    assert speller.correct("dizy") == "dizzy"
    assert speller.correct("headake") == "headache"
    assert speller.correct("uncontrolably") == "uncontrollably"
    for real in ("kick", "wave", "bled", "kills", "very"):
        assert speller.correct(real) is None, real
    assert speller.correct("evy") is None
