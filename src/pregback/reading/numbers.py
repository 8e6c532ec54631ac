"""Numbers and units in words and digits, and the record of what a scan has read.

Owns: number words ("a couple of", "thirty-three", "4 and a half"), ranges ("8-10" is 9), unit
names, and the regex fragments for them. Never: decide what a number means (that is `quantities`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pregback.reading.compiled import Compiled
    from pregback.reading.prefilter import Sieve

VAGUE = frozenset(
    {
        "a",
        "an",
        "single",
        "couple",
        "a couple",
        "a couple of",
        "couple of",
        "a few",
        "few",
        "several",
        "half",
        "a half",
        "half an",
        "half a",
    }
)
_UNITS = {
    "second": ("second", "seconds", "sec", "secs", "s"),
    "minute": ("minute", "minutes", "min", "mins", "mns", "m"),
    "hour": ("hour", "hours", "hr", "hrs", "h"),
    "day": ("day", "days"),
    "night": ("night", "nights"),
    "week": ("week", "weeks", "wk", "wks"),
    "fortnight": ("fortnight", "fortnights"),
    "month": ("month", "months", "mth", "mths", "mnth", "mnths", "mos"),
}
UNIT_OF = {alias: unit for unit, aliases in _UNITS.items() for alias in aliases}
_TENS_UNIT = re.compile(
    r"(twenty|thirty|forty)[\s-]+(one|two|three|four|five|six|seven|eight|nine)"
)
_TENS_WORD = re.compile(r"(twenty|thirty|forty)[\s-]+(\w+)")
_RANGE = re.compile(r"\s*(?:-|\bto\b|\bor\b)\s*")
_POINT_FIVE = re.compile(r"\d+\.5")


class Quantity(NamedTuple):  # a tuple: made for every quantity found, so made quickly
    kind: str  # weeks, severity, severity_word, interval, wave_seconds, count, span, day_word, temperature, bp
    value: float
    start: int
    end: int
    unit: str = ""  # for a span: second .. month
    markers: frozenset[str] = frozenset()  # words that say what a span is: for, ago, lasting, ...


class Scan:
    """One text being scanned: what has been read, and which characters are taken."""

    def __init__(self, text: str, sieve: Sieve, opened: set[int]) -> None:
        self.text = text
        self.sieve = sieve  # the text ready for the prefilter
        self.opened = opened  # the quantity regexes whose strings are in the text (QuantityReader)
        self.out: list[Quantity] = []
        self.mask = bytearray(len(text) + 1)

    def free(self, a: int, b: int) -> bool:
        return self.mask.find(1, a, b) == -1

    def add(self, q: Quantity) -> None:
        self.out.append(q)
        self.mask[q.start : q.end] = b"\x01" * (q.end - q.start)


def one_regex(
    compiled: Compiled, words: list[tuple[str, str | None, float]]
) -> tuple[re.Pattern[str], dict[str, float]]:
    """Word records as one alternation (in file order: the first that fits a place wins)."""
    parts = []
    values: dict[str, float] = {}
    for i, (literal, pattern, value) in enumerate(words):
        body = compiled.rx(pattern).pattern if pattern else rf"\b{re.escape(literal)}\b"
        parts.append(f"(?P<w{i}>{body})")
        values[f"w{i}"] = value
    return re.compile("|".join(parts)), values


def alternation(words: list[str]) -> str:
    return "|".join(
        r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True)
    )


class Numbers:
    """The number words of a lexicon, as regex fragments and a parser."""

    def __init__(self, table: dict[str, float]) -> None:
        self.words = {" ".join(k.split()): float(v) for k, v in table.items()}
        self.exact_words = [
            w for w, v in self.words.items() if w not in VAGUE and v >= 1 and v == int(v)
        ]
        self.tens = r"(?:twenty|thirty|forty)[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)"
        digits = r"\d{1,3}(?:[.,]\d{1,2})?"
        half = r"(?:\s*½|\s+and\s+a\s+half|\s+&\s+a\s+half)?"
        # whole numbers said exactly (no "a few"): for weeks, intervals and counts
        self.exact = (
            rf"(?:{digits}|{self.tens}|(?<![a-z])(?:{alternation(self.exact_words)})(?![a-z]))"
        )
        self.anynum = (
            rf"(?:{digits}|{self.tens}|(?<![a-z])(?:{alternation(list(self.words))})(?![a-z]))"
        )
        # any number, with a half and a range
        self.num = rf"(?:{self.anynum}){half}(?:\s*(?:-|to|or)\s*(?:{self.anynum}){half})?"

    def number(self, s: str) -> float | None:
        """A number in digits or words; a range gives its midpoint; "and a half" adds 0.5."""
        s = s.strip()
        if s.isdecimal():  # digits only, the usual case
            return float(s)
        s = " ".join(s.split())
        m = _TENS_UNIT.fullmatch(s)
        if m:
            return self.words[m.group(1)] + self.words[m.group(2)]
        parts = _RANGE.split(s)
        if len(parts) == 2 and parts[0] and parts[1]:
            a, b = self.number(parts[0]), self.number(parts[1])
            return None if a is None or b is None else (a + b) / 2
        half = 0.0
        for suffix in ("½", " and a half", " & a half", ".5"):
            if s.endswith(suffix) and s != suffix and not _POINT_FIVE.fullmatch(s):
                s, half = s[: -len(suffix)].strip(), 0.5
                break
        s = s.replace(",", ".")
        try:
            return float(s) + half
        except ValueError:
            pass
        m = _TENS_WORD.fullmatch(s)
        if m:
            tens, unit = self.words.get(m.group(1)), self.words.get(m.group(2))
            if tens is not None and unit is not None:
                return tens + unit + half
        value = self.words.get(s)
        return None if value is None else value + half
