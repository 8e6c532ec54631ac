"""How easy a text is to read: the Flesch-Kincaid grade, for the texts pregback shows her.

Owns: a syllable estimate (vowel groups, a silent final e) and the grade formula
0.39 * words/sentences + 11.8 * syllables/words - 15.59 (Kincaid et al. 1975). Grade 7 is a reader
of 12-13 years. Never: a judgement of meaning; it only says a text is long-winded.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: A sentence ends at . ! ? : ; or a line break (a heading, a list item).
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
#: Words left out of the count: the id of a rule or source in brackets, units, abbreviations.
IGNORED = re.compile(r"\([A-Z][A-Za-z0-9-]*(?:[ ,]+[A-Z][A-Za-z0-9-]*)*\)")


def syllables(word: str) -> int:
    w = word.lower().replace("’", "").replace("'", "")
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of `text` (0 for a text with no words)."""
    text = IGNORED.sub("", text)
    sentences = [s for s in SENTENCE_END.split(text) if WORD.search(s)]
    words = [w for s in sentences for w in WORD.findall(s)]
    if not words:
        return 0.0
    syl = sum(syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syl / len(words) - 15.59
