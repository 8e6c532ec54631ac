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
