"""Narrative time across sentences: a story told of then goes on until she speaks of now.

Owns: which sentences tell a story opened at the start of a sentence ("With my son I had back pain
for a day, it wasn't in waves. Tossed and turned all night, felt a pop ..."): the opening sentence
with no word of now, and each following sentence told in the past with no word of now, are read as
then (the `past` effect: an event, a history item and a lasting state still count; any other
symptom is not read as now, TRIAGE 12.15). Never: a word list (cues.yaml `story_open`, `now_words`,
`past_words`).
"""

from __future__ import annotations

import re

from pregback.core.reading.text import Segments


def told_then(
    text: str,
    seg: Segments,
    opens: re.Pattern[str] | None,
    now: re.Pattern[str] | None,
    past: re.Pattern[str] | None,
) -> frozenset[int]:
    """The sentences (by index) that go on a story of then opened by an earlier sentence."""
    if opens is None or now is None or past is None:
        return frozenset()
    out: set[int] = set()
    going = False
    for i in range(len(seg.sentence_starts)):
        lo, hi = seg.sentence_span(i)
        if opens.match(text, lo, hi):
            going = True  # the opening sentence is then too, unless it also speaks of now
            if not now.search(text, lo, hi):
                out.add(i)
        elif going and past.search(text, lo, hi) and not now.search(text, lo, hi):
            out.add(i)
        else:
            going = False
    return frozenset(out)
