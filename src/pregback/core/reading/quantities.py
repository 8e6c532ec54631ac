"""Quantities in a message: gestational age, severity, durations, wave timing, temperature, blood pressure.

Owns: reading the quantity patterns of quantities.yaml into values ("every 8-10 mins" is 9, "33+4"
is 33, "due in 3 weeks" is 37); every word, pattern and threshold comes from the lexicon. Never:
decide which clause a quantity belongs to (that is `reader`), or a threshold of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import statistics
from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from pregback.core.reading import dates
from pregback.core.reading.compiled import Compiled
from pregback.core.reading.gate import Finder, Gate, Piece
from pregback.core.reading.numbers import Numbers, Quantity, Records, Scan
from pregback.knowledge.lexicon import QuantitiesFile

Opened = Mapping[str, tuple[tuple[int, int], ...]]  # pattern name -> stretches of text it runs on

_DECIMAL_POINT_AT_END = re.compile(r"\d\.$")
GA = ("ga_weeks", "ga_plus", "ga_forty", "ga_week_n")
_CUT = re.compile(r"[.,;\n]")
_LIST_GAP = re.compile(r"\s*(?:,|and|&|then|,\s*and|,\s*then)?\s*")


class QuantityReader:
    """The quantity regexes of one lexicon, compiled once."""

    def __init__(self, compiled: Compiled) -> None:
        q: QuantitiesFile = compiled.lexicon.quantities
        self.q = q
        self.numbers = Numbers(q)
        self._due_memo: tuple[str | None, list[re.Match[str]]] = (None, [])
        self.number = self.numbers.number
        self.unit_of = self.numbers.unit_of
        self.p = {
            name: compiled.rx(rx, f"quantities.yaml patterns.{name}")
            for name, rx in q.patterns.items()
        }
        self.markers = {kind: compiled.rx(rx) for kind, rx in q.markers.items()}
        self.sev_words = Records(
            compiled,
            "sev_words",
            [(w.literal, w.pattern, float(w.severity)) for w in q.severity_words],
        )
        self.not_before = compiled.rx(q.severity_not_before)
        self.not_after = compiled.rx(q.severity_not_after) if q.severity_not_after else None
        self.event_words = frozenset(i for i, w in enumerate(q.duration_words) if w.event)
        self.day_words = Records(
            compiled, "day_words", [(w.literal, w.pattern, w.days) for w in q.duration_words]
        )
        self.since_then = compiled.rx(q.since_then) if q.since_then else None
        words = sorted(q.then_days, key=len, reverse=True)
        self.then_rx = (
            re.compile(
                r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\b"
            )
            if words
            else None
        )
        self.then_of = {" ".join(w.split()): v for w, v in q.then_days.items()}
        self.rx = {
            **self.p,
            **dict(zip(self.sev_words.names, self.sev_words.rx, strict=True)),
            **dict(zip(self.day_words.names, self.day_words.rx, strict=True)),
        }
        hundred = q.blood_pressure.hundred
        self.bp_hundred = re.compile(hundred) if hundred else None
        self.names = list(self.rx)
        self.gate = Gate([self.rx[n].pattern for n in self.names])
        # every string any gate of this lexicon looks for: found once for a whole text
        self.strings = sorted(
            {*self.gate.strings, *compiled.group_gate.strings, *compiled.cue_gate.strings}
        )
        self.finder = Finder(self.strings)

    def opened(
        self, text: str, present: AbstractSet[str] | None = None, parts: list[Piece] | None = None
    ) -> Opened:
        """Where each quantity pattern can match (the gate: reading/gate.py): the stretches of the
        text, whole pieces of sentences (`gate.pieces`), that hold the strings it needs."""
        if parts is None:
            parts = [(0, len(text), present)]
        names = self.names
        return {
            names[i]: tuple(runs) for i, runs in sorted(self.gate.stretches(text, parts).items())
        }

    def _find(self, name: str, text: str, opened: Opened) -> list[re.Match[str]]:
        rx = self.rx[name]
        return [m for lo, hi in opened.get(name, ()) for m in rx.finditer(text, lo, hi)]

    def _records(
        self, records: Records, text: str, opened: Opened
    ) -> list[tuple[int, re.Match[str]]]:
        return records.finditer(text, [opened.get(name, ()) for name in records.names])

    def _due_in(self, text: str, opened: Opened) -> list[re.Match[str]]:
        """The due-date countdowns of a text (read for the week, then kept from the durations):
        found once per text."""
        memo = self._due_memo  # (one tuple, read and replaced whole: safe across threads)
        if memo[0] is not text:
            memo = (text, self._find("due_in", text, opened))
            self._due_memo = memo
        return memo[1]

    def said_at(self, text: str, week: Quantity) -> bool:
        """Whether a week is said as the time something happened ("at 24 weeks")."""
        return (
            self.p["weeks_at_before"].search(text[max(0, week.start - 12) : week.start]) is not None
        )

    def said_now(self, text: str, week: Quantity) -> bool:
        """Whether a week is said as hers now ("I'm 7 weeks", "currently 25+3", "22 weeks now")."""
        before = text[max(0, week.start - 30) : week.start]
        if self.p["weeks_now_before"].search(before) is not None:
            return True
        return self.p["weeks_now_after"].match(text, week.end) is not None

    def kinds(self, words: str) -> set[str]:
        """The marker kinds (quantities.yaml markers) of the words before or after a number."""
        return {kind for kind, rx in self.markers.items() if rx.search(words)} if words else set()

    # ---- gestational age ----
    def weeks(
        self, text: str, today: dt.date | None = None, opened: Opened | None = None
    ) -> Quantity | None:
        """The first stated week of pregnancy; durations, earlier births and scans are not it."""
        ranked = self.weeks_ranked(text, today, opened)
        return ranked[0] if ranked else None

    def weeks_ranked(
        self, text: str, today: dt.date | None = None, opened: Opened | None = None
    ) -> list[Quantity]:
        """Every stated week that can be hers, the likeliest first: a week said of now, then a week
        not said as the time of something ("at 6 weeks"), then the rest, each in message order."""
        opened = self.opened(text) if opened is None else opened
        found: list[Quantity] = []
        for name in GA:
            for m in self._find(name, text, opened):
                key = "n" if m.group("n") is not None else "n2"
                value = self.number(m.group(key))
                if value is None or not self._ga_context(text, m.start(), m.end()):
                    continue
                if name == "ga_week_n" and key == "n2":
                    value -= 1  # "into my 18th week": 17 completed weeks (TRIAGE 1: 33+4 is 33)
                found.append(Quantity("weeks", math.floor(value), m.start(), m.end()))
        for m in [*self._find("ga_almost", text, opened), *self._find("ga_next", text, opened)]:
            # "almost 31 weeks", "31 weeks tomorrow": 30 completed weeks
            value = self.number(m.group("n"))
            if value is not None and self._ga_context(text, m.start(), m.end()):
                # ("for almost two weeks now" is how long, not her week)
                found = [f for f in found if not (m.start() <= f.start < m.end())]
                found.append(Quantity("weeks", math.floor(value) - 1, m.start(), m.end()))
        for m in self._find("months", text, opened):
            said = m.group("n") or m.group("n2")
            months = self.number(said)
            if months is None:
                continue
            if m.group("half"):  # "6 months and half"
                months += 0.5
            pre = text[max(0, m.start() - 30) : m.start()]
            opening = self.p["months_opening"].search(pre) and self.p["months_now_after"].match(
                text, m.end()
            )  # "About 6 and a half months now and ..."
            if not (
                m.group("post") or m.group("n2") or opening or self.p["months_context"].search(pre)
            ):
                continue
            # "in the eighth month", "month 8": the month she is in now
            ordinal = m.group("n2") is not None or said in self.numbers.ordinals
            if not ordinal and not self._ga_context(text, m.start("n"), m.end()):
                continue
            found.append(Quantity("weeks", self.month_weeks(months), m.start(), m.end()))
        for m in self._find("due_days", text, opened):  # "due today": relative, no calendar
            offset = self.q.day_offsets.get(m.group("d") or m.group("d2") or "")
            if offset is not None:
                weeks = dates.weeks_before_due(offset, self.q.term.days)
                found.append(Quantity("weeks", weeks, m.start(), m.end()))
        for m in self._find("overdue", text, opened):  # "two days overdue"
            n = self.number(m.group("n"))
            if n is not None:
                weeks = dates.weeks_before_due(-n, self.q.term.days)
                found.append(Quantity("weeks", weeks, m.start(), m.end()))
        found += self._due(text, today, opened)  # "3 weeks to go" needs no calendar
        found = [f for f in found if 1 <= f.value <= 45]
        if not found:
            return []
        # a week too early for a pregnancy to be known ("one week already, 22 weeks") is how long
        # when a later week is said too
        known = self.q.term.known_from_weeks
        found = [f for f in found if f.value >= known] or found
        # "pain 3 wks now, 24wks": a week said right after the pain is its duration when the message
        # says another week too
        after_pain = self.p["after_pain"]
        own = [f for f in found if not after_pain.search(text, max(0, f.start - 15), f.start)]
        # ... and when it is no week a pregnancy is known at ("sciatica 2.5 wks now")
        found = own or [f for f in found if f.value >= self.q.term.known_from_weeks]

        # a week said of now ("I'm almost 16 weeks") wins over weeks said of other times; "at 6
        # weeks" tells when something happened, so a week not said so wins over it
        def rank(f: Quantity) -> tuple[int, int]:
            if self.said_now(text, f):
                return (0, f.start)
            return (2 if self.said_at(text, f) else 1, f.start)

        return sorted(found, key=rank)

    def _due(self, text: str, today: dt.date | None, opened: Opened) -> list[Quantity]:
        """The week from a due date: "due in 3 weeks", "3 weeks to go", and with today's date
        "due March 3rd"."""
        out: list[Quantity] = []
        for m in self._due_in(text, opened):
            n = self.number(m.group("n") or m.group("n2") or "")
            unit = self.unit_of.get(m.group("u") or m.group("u2") or "", "")
            days = None if n is None else n * self.q.unit_days.get(unit, 0)
            more = self.number(m.groupdict().get("n3") or "")  # "3 weeks 3 days to go"
            if days and more is not None:
                days += more * self.q.unit_days.get(self.unit_of.get(m.group("u3"), ""), 0)
            if days:
                out.append(
                    Quantity(
                        "weeks", dates.weeks_before_due(days, self.q.term.days), m.start(), m.end()
                    )
                )
        if today is None:
            return out  # a calendar date needs today's date
        for m in self._find("due_on", text, opened):
            if out:
                break  # "due april 12 so 6 wks to go": the weeks to go need no calendar
            month = self.q.months.get(m.group("month") or m.group("month2") or "")
            day = int(m.group("day") or m.group("day2") or 0)
            if m.groupdict().get("d3"):  # "due 25/1": day first, unless the first cannot be a month
                a, b = int(m.group("d3")), int(m.group("m3"))
                day, month = (b, a) if b > 12 >= a else (a, b)
                month = month if 1 <= month <= 12 else 0
            due = (
                dates.next_date(today, month, day, self.q.term.days, self.q.term.overdue_days)
                if month
                else None
            )
            if due is not None:
                weeks = dates.weeks_before_due((due - today).days, self.q.term.days)
                out.append(Quantity("weeks", weeks, m.start(), m.end()))
        return out

    def month_weeks(self, months: float) -> int:
        table = self.q.months_to_weeks
        if months in table:
            return table[months]
        return math.floor(months * self.q.months_factor + 0.5)  # halves rounded up (TRIAGE 9)

    def _ga_context(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 40) : start]
        cuts = [m.start() for m in _CUT.finditer(before)]
        cut = cuts[-1] if cuts else -1
        if cut >= 0 and not _DECIMAL_POINT_AT_END.search(before[: cut + 1]):
            before = before[cut + 1 :]
        return not self.p["weeks_before_block"].search(before) and not self.p[
            "weeks_after_block"
        ].search(text[end : end + 30])

    # ---- everything else ----
    def scan(
        self, text: str, opened: Opened | None = None, today: dt.date | None = None
    ) -> list[Quantity]:
        """Every other quantity; a span of text read as one kind is not read again as another."""
        scan = Scan(text)
        opened = self.opened(text) if opened is None else opened
        if today is not None:
            self._since_date(scan, opened, today)
        self._blood_pressure(scan, opened)
        self._temperature(scan, opened)
        self._severity(scan, opened)
        self._timing(scan, opened)
        for m in self._due_in(text, opened):
            scan.take(m.start(), m.end())  # "28 days to go" counts down to the birth, not the pain
        self._clock(scan, opened)  # (before the day words: "from 5 in the morning, now is 11")
        self._spans(scan, opened)
        self._since_then(scan)
        return scan.out

    def _bp_number(self, said: str | None) -> int:
        """A reading's number in digits or words ("one forty-five" is 145), or 0."""
        if not said:
            return 0
        if said.isdecimal():
            return int(said)
        rest, hundreds = self.bp_hundred.subn("", said) if self.bp_hundred else (said, 0)
        value = self.number(rest) if rest.strip() else 0.0
        return 0 if value is None else int(value) + (100 if hundreds else 0)

    def _blood_pressure(self, scan: Scan, opened: Opened) -> None:
        bp = self.q.blood_pressure
        for m in self._find("bp", scan.text, opened):
            g = m.groupdict()
            s = self._bp_number(g.get("s") or g.get("s2") or g.get("s3") or g.get("sw"))
            d = self._bp_number(g.get("d") or g.get("d2") or g.get("d3") or g.get("dw"))
            if 60 <= s <= 260 and 30 <= d <= 160:
                high = s >= bp.high_systolic or d >= bp.high_diastolic
                scan.add(Quantity("bp", 1.0 if high else 0.0, m.start(), m.end()))
        for m in self._find("bp_one", scan.text, opened):  # "the bottom number was 95"
            n = int(m.group("n"))
            lo, hi, limit = (
                (*bp.diastolic, bp.high_diastolic)
                if m.group("low") is not None
                else (*bp.systolic, bp.high_systolic)
            )
            if limit <= n and lo <= n <= hi and scan.free(m.start(), m.end()):
                scan.add(Quantity("bp", 1.0, m.start(), m.end()))
        for m in self._find("bp_bare", scan.text, opened):  # "148/96" said alone
            s, d = int(m.group("s")), int(m.group("d"))
            if (
                bp.systolic[0] <= s <= bp.systolic[1]
                and bp.diastolic[0] <= d <= bp.diastolic[1]
                and s - d >= bp.min_gap
                and scan.free(m.start(), m.end())
            ):
                high = s >= bp.high_systolic or d >= bp.high_diastolic
                scan.add(Quantity("bp", 1.0 if high else 0.0, m.start(), m.end()))

    def _temperature(self, scan: Scan, opened: Opened) -> None:
        for m in self._find("temperature", scan.text, opened):
            groups = m.groupdict()
            name = next((g for g in ("n", "n2", "n3", "n4") if groups.get(g)), "n")
            raw = groups.get(name) or ""
            unit = groups.get("u" + name[1:]) or ""
            fever = self._fever(float(raw.replace(",", ".")), unit.strip())
            if fever is not None and scan.free(m.start(), m.end()):
                scan.add(Quantity("temperature", 1.0 if fever else 0.0, m.start(), m.end()))

    def _severity(self, scan: Scan, opened: Opened) -> None:
        for m in self._find("severity_number", scan.text, opened):
            g = m.groupdict()  # (n4: "a solid 7")
            n = self.number(g["n"] or g["n2"] or g["n3"] or g.get("n4") or "")
            hi = self.number(m.group("m")) if m.group("m") else None
            if (
                n is None
                or n > 12
                or (hi is not None and hi > 12)
                or not scan.free(m.start(), m.end())
            ):
                continue
            # a range: the worst of it, as the contract's severity is the worst pain now
            value = n if hi is None else max(n, hi)
            scan.add(Quantity("severity", min(10.0, math.floor(value + 0.5)), m.start(), m.end()))
        for name in ("severity_a", "severity_after"):
            for m in self._find(name, scan.text, opened):
                said = (v for k, v in m.groupdict().items() if k.startswith("n") and v)
                n = self.number(next(said, ""))
                if n is not None and 0 <= n <= 10 and scan.free(m.start(), m.end()):
                    scan.add(Quantity("severity", n, m.start(), m.end()))
        for i, m in self._records(self.sev_words, scan.text, opened):
            if (
                scan.free(m.start(), m.end())
                and not self.not_before.match(scan.text, m.end())
                and not (
                    self.not_after is not None
                    and self.not_after.search(scan.text, max(0, m.start() - 60), m.start())
                )
            ):
                sev = self.sev_words.values[i]
                scan.out.append(Quantity("severity_word", sev, m.start(), m.end()))

    def _timing(self, scan: Scan, opened: Opened) -> None:
        for m in self._find("interval", scan.text, opened):
            minutes = self._interval(m)
            if minutes is not None and minutes > 0:
                scan.add(Quantity("interval", minutes, m.start(), m.end()))
        for m in self._find("count", scan.text, opened):
            n = self.number(m.group("n") or m.group("n2") or m.group("n3") or "")
            if n is not None and scan.free(m.start(), m.end()):
                scan.add(Quantity("count", n, m.start(), m.end()))
        for m in self._find("timer", scan.text, opened):  # "avg frequency 4m 50s"
            said = int(m.group("m") or m.group("m2") or 0) * 60 + int(
                m.group("s") or m.group("s2") or 0
            )
            if said and scan.free(m.start(), m.end()):
                if m.group("dur"):
                    scan.add(Quantity("wave_seconds", float(said), m.start(), m.end()))
                else:
                    scan.add(Quantity("interval", round(said / 60, 2), m.start(), m.end()))
        for m in self._find("wave", scan.text, opened):
            seconds = self._wave_seconds(m)
            if seconds is not None and scan.free(m.start("n"), m.end()):
                scan.add(Quantity("wave_seconds", seconds, m.start("n"), m.end()))

    def _interval(self, m: re.Match[str]) -> float | None:
        if m.group("hh"):  # "every half hour", "every quarter of an hour", "every hour"
            parts = (self.number(word) for word in m.group("hh").split())
            part = next((v for v in parts if v is not None and 0 < v < 1), None)
            return 60.0 * part if part else 60.0
        found = m.groupdict()
        if found.get("n4"):  # "4 min 40 sec apart"
            whole, secs = self.number(found["n4"]), self.number(found["s4"] or "0")
            return None if whole is None or secs is None else round(whole + secs / 60, 2)
        if found.get("k"):  # "3 in 10 minutes": 10 / 3
            count, span = self.number(found["k"]), self.number(found["w"] or "")
            return None if not count or span is None else round(span / count, 2)
        n = self.number(m.group("n") or m.group("n2") or m.group("n5") or "")
        hi_raw = m.group("m") or m.group("m2") or m.group("m5")
        hi = self.number(hi_raw) if hi_raw else None
        if n is None:
            return None
        unit = self.unit_of.get(m.group("u") or m.group("u2") or m.group("u5") or "", "minute")
        value = n if hi is None else (n + hi) / 2  # a range gives its midpoint (TRIAGE 9)
        return value * {"second": 1 / 60, "hour": 60.0}.get(unit, 1.0)

    def _wave_seconds(self, m: re.Match[str]) -> float | None:
        n = self.number(m.group("n"))
        if n is not None and m.group("half"):
            n += 0.5
        unit = self.unit_of.get(m.group("u"), "")
        pre = self.kinds(m.string[m.start() : m.start("n")])
        post = self.kinds(m.group("post") or "")
        lasting = "lasting" in pre | post
        if n is None or post & {"ago", "apart"} or ("only_for" in pre and "lasting" not in pre):
            return None  # ("for 2 minutes" alone says nothing of a wave; "went on for" does)
        if self.unit_of.get(m.group("u")) == "second" and len(m.group("u")) == 1 and not lasting:
            return None  # "45-60s" is seconds only after "lasting"; "in my 40s" is an age
        single = n == 1 and unit == "minute" and not m.group("n").strip().isdigit()  # "a minute"
        if unit == "second":
            return n
        return n * 60 if unit == "minute" and (lasting or single) else None

    def _spans(self, scan: Scan, opened: Opened) -> None:
        """Stretches of time: "for 3 days", "2 hours ago", "for the past week", "since yesterday"."""
        for m in self._find("span", scan.text, opened):
            n = self.number(m.group("n"))
            start = m.start("n")
            if n is None or not scan.free(start, m.end()):
                continue
            if m.group("half"):
                n += 0.5
            if self.unit_of[m.group("u")] in ("minute", "hour") and self.p[
                "activity_before"
            ].search(m.string, max(0, m.start() - 40), m.start()):
                continue  # "sit for more than an hour": how long she sat
            if self.p["event_before"].search(m.string, max(0, m.start() - 40), m.start()):
                continue  # "my period was due 3 weeks ago": the time of another event
            pre = " ".join(m.string[m.start() : start].split())
            markers = self.kinds(pre) | self.kinds(m.group("post") or "")
            markers.discard("only_for")
            if (
                not markers
                and not pre
                and self.p["bare_before"].search(m.string, max(0, start - 15), start)
            ):
                markers.add("bare")
            if markers and self.p["more_than"].search(pre):
                markers.add("more")
            if markers:
                unit = self.unit_of[m.group("u")]
                scan.add(Quantity("span", n, m.start(), m.end(), unit, frozenset(markers)))
        for m in self._find("since_week", scan.text, opened):  # "since week 17"
            n = self.number(m.group("n"))
            if n is not None and scan.free(m.start(), m.end()):
                scan.add(Quantity("span", n, m.start(), m.end(), "week", frozenset({"since"})))
        for m in self._find("one_unit", scan.text, opened):
            if scan.free(m.start(), m.end()):
                n = 1.5 if m.group("half") else 1.0
                marks = frozenset({"for"})
                scan.add(Quantity("span", n, m.start(), m.end(), self.unit_of[m.group("u")], marks))
        for i, m in self._records(self.day_words, scan.text, opened):
            if scan.free(m.start(), m.end()):
                marks = frozenset({"event"}) if i in self.event_words else frozenset()
                days = self.day_words.values[i]
                scan.out.append(Quantity("day_word", days, m.start(), m.end(), markers=marks))

    def _since_then(self, scan: Scan) -> None:
        """ "Since then", "ever since", a bare "since": as long as since the last time said before
        it ("lost my plug this morning ... ache since then" is 0.5; "gave birth 2 weeks ago ...
        sore since" is 14), within the few sentences before."""
        if self.since_then is None:
            return
        unit_days = self.q.unit_days
        for m in self.since_then.finditer(scan.text):
            if not scan.free(m.start(), m.end()):
                continue
            lo = max(0, m.start() - 300)
            times: list[tuple[int, float]] = []
            if self.then_rx is not None:
                times += [
                    (t.end(), self.then_of[" ".join(t.group().split())])
                    for t in self.then_rx.finditer(scan.text, lo, m.start())
                    if not scan.text[max(0, t.start() - 5) : t.start()].rstrip().endswith("ago")
                ]
            times += [
                (q.end, q.value * unit_days.get(q.unit, 0) if q.kind == "span" else q.value)
                for q in scan.out
                if lo <= q.start
                and q.end <= m.start()
                and (q.kind == "day_word" or (q.kind == "span" and "ago" in q.markers))
            ]
            if times:
                days = max(times)[1]  # the nearest before
                if days > 0:
                    scan.out.append(Quantity("day_word", days, m.start(), m.end()))

    def _since_date(self, scan: Scan, opened: Opened, today: dt.date) -> None:
        """How long since a day of the week ("since sat") or a month ("since the start of
        november"), counted back from today."""
        for m in self._find("since_day", scan.text, opened):
            said = m.group("wd")
            day = self.q.weekday_words.get(said)
            if day is None:
                day = next((i for i, d in enumerate(self.q.weekdays) if said.startswith(d)), None)
            days = None if day is None else dates.days_since_weekday(today, day)
            if days is not None and m.group("prev"):
                days += 7  # "since the sunday before last": a week earlier
            elif day is not None and m.group("week"):  # "since tuesday last week"
                days = today.weekday() - day + 7
            if days is not None and scan.free(m.start(), m.end()):
                scan.add(Quantity("day_word", days, m.start(), m.end()))
        for m in self._find("since_month", scan.text, opened):
            said = m.groupdict()
            if said.get("d4"):  # "from 05/12": day first, unless the first cannot be a month
                a, b = int(said["d4"]), int(said["m4"])
                day, month = (b, a) if b > 12 >= a else (a, b)
            elif said.get("dom"):  # "since the 20th": of the month named, else the latest one
                day = int(said["dom"])
                named = said.get("month2")
                month = self.q.months.get(named, 0) if named else today.month
                if not named and day > today.day:
                    month = (today.month - 2) % 12 + 1  # the month before
            else:
                month = self.q.months.get(m.group("month"), 0)
                part = m.group("part") or ""
                day = next((v for k, v in self.q.month_parts.items() if k in part), 1)
            days = dates.days_since_month(today, month, day)
            if days is not None and scan.free(m.start(), m.end()):
                scan.add(Quantity("day_word", days, m.start(), m.end()))

    def _clock(self, scan: Scan, opened: Opened) -> None:
        """Two clock times, the later said of now: how long since the first ("began about 9am ...
        it's nearly 1pm" is 4 hours), read as a stretch of time since then. Three or more times in
        a list ("at 21:40, 21:48, 21:56 and 22:04") are the waves she timed: the median gap is
        their interval."""
        times: list[tuple[re.Match[str], float]] = []
        now_rx = self.p["clock_now"]
        for m in self._find("clock", scan.text, opened):
            h = dates.clock_hours(m, self.number)
            if m.groupdict().get("h7") and not now_rx.search(
                scan.text[max(0, m.start() - 25) : m.start()]
            ):
                continue  # an hour in words alone is a time only when said as now ("it's nearly five")
            if h is not None:
                times.append((m, h))
        self._timed_list(scan, times)
        now = [
            (m, h) for m, h in times if now_rx.search(scan.text[max(0, m.start() - 25) : m.start()])
        ]
        if not now:
            return
        end_m, end_h = now[-1]
        for m, h in times:
            if m.start() >= end_m.start() or not scan.free(m.start(), m.end()):
                continue
            # a time said without am or pm ("it's 8:30 now") is the reading nearest after the other
            spans = [
                dates.hours_between(a, b)
                for a in dates.readings_of(m, h)
                for b in dates.readings_of(end_m, end_h)
            ]
            hours = min((x for x in spans if x), default=None)
            if hours is not None and hours > 0:
                marks = frozenset({"since", "clock"})
                scan.add(Quantity("span", hours, m.start(), m.end(), "hour", marks))
            break

    def _timed_list(self, scan: Scan, times: list[tuple[re.Match[str], float]]) -> None:
        run: list[tuple[re.Match[str], float]] = []
        for m, h in [*times, (None, 0.0)]:
            joined = (
                m is not None
                and run
                and _LIST_GAP.fullmatch(scan.text, run[-1][0].end(), m.start()) is not None
            )
            if m is not None and (joined or not run):
                run.append((m, h))
                continue
            if len(run) >= 3:
                gaps = [
                    min(
                        (
                            (b - a) % 24
                            for a in dates.readings_of(p, x)
                            for b in dates.readings_of(q, y)
                        ),
                        default=0.0,
                    )
                    for (p, x), (q, y) in itertools.pairwise(run)
                ]
                if all(0 < g <= 1 for g in gaps):
                    start, end = run[0][0].start(), run[-1][0].end()
                    minutes = round(statistics.median(gaps) * 60, 1)
                    if scan.free(start, end):
                        scan.add(Quantity("interval", minutes, start, end))
            run = [(m, h)] if m is not None else []

    def _fever(self, value: float, unit: str) -> bool | None:
        t = self.q.temperature
        if unit.endswith("f") or "fahrenheit" in unit:
            celsius = False
        elif (
            unit.endswith("c")
            or "celsius" in unit
            or "centigrade" in unit
            or value < t.celsius_below
        ):
            celsius = True  # TRIAGE 9: an unmarked reading under 45 is in degrees C, over 90 in F
        elif value > t.fahrenheit_above:
            celsius = False
        else:
            return None
        if celsius:
            return (
                None
                if not t.lowest_celsius <= value < t.celsius_below
                else value >= t.fever_celsius
            )
        return (
            None
            if not t.fahrenheit_above < value <= t.highest_fahrenheit
            else value >= t.fever_fahrenheit
        )


_READERS: dict[int, tuple[Compiled, QuantityReader]] = {}


def reader_for(compiled: Compiled) -> QuantityReader:
    found = _READERS.get(id(compiled))
    if found is None or found[0] is not compiled:
        found = (compiled, QuantityReader(compiled))
        _READERS[id(compiled)] = found
    return found[1]
