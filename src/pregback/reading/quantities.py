"""Quantities in a message: gestational age, severity, durations, wave timing, temperature, blood pressure.

Owns: the grammar of numbers and units ("every 8-10 mins", "33+4", "7 out of 10", "38,5C") as
generic code; every value and threshold comes from quantities.yaml. Never: decide which clause a
quantity belongs to (that is `reader`), or any clinical threshold of its own.
"""

from __future__ import annotations

import math
import re

from pregback.reading.compiled import Compiled
from pregback.reading.fastre import Fast, Found
from pregback.reading.lexicon import QuantitiesFile
from pregback.reading.numbers import UNIT_OF, Numbers, Quantity, Scan, alternation, one_regex
from pregback.reading.prefilter import Needles, Sieve, factors

# words before a stretch of time that say it is one: "for 3 days", "been 2 weeks", "started 2 hours ago"
_MARKERS = re.compile(
    r"for|been|lasted|lasting|lasts|going on|had|last|past|since|started|starting|began|begun|came on"
)
_DECIMAL_POINT_AT_END = re.compile(r"\d\.$")
# "over two weeks" is more than two weeks (TRIAGE R1: more than 14 days); "over the past week" is not
_MORE_THAN = re.compile(
    r"\b(?:more\s+than|just\s+over|at\s+least|longer\s+than|over(?!\s+the\b))\b"
)


Gate = re.Pattern[str] | Fast | None


def _gate(strings: frozenset[str] | None) -> Gate:
    """The strings as one alternation (many: itself faster written on its first character)."""
    if strings is None:
        return None
    alternation = "|".join(map(re.escape, sorted(strings)))
    return Fast(alternation) if len(strings) > 8 else re.compile(alternation)


class QuantityReader:
    """The regexes of one lexicon, compiled once."""

    def __init__(self, compiled: Compiled) -> None:
        q: QuantitiesFile = compiled.lexicon.quantities
        self.q = q
        numbers = Numbers(q.numbers)
        self.number = numbers.number
        exact, tens, anynum = numbers.exact_words, numbers.tens, numbers.anynum
        self.exact, self.num = numbers.exact, numbers.num
        weeks_unit = r"(?:weeks?|wks?|wk|weeeks|weks|weekes|wkes|w)(?![a-z])"
        self.ga = [
            re.compile(
                rf"(?<![\d.,/+:])(?P<n>\d{{1,2}}(?:\.\d)?|{tens}|(?<![a-z])(?:{alternation(exact)})(?!\s*(?:-|to)\s*\d))(?:\s*\+\s*\d)?(?:\s*(?:-|to)\s*\d{{1,2}})?\s*{weeks_unit}(?:\s*(?:and\s+)?\d\s*(?:days?|d)(?![a-z]))?"
            ),
            re.compile(r"(?<![\d.,/+:])(?P<n>\d{1,2})\s*\+\s*[0-6](?![\d])"),
            re.compile(r"(?<![\d.,/+:])(?P<n>\d{1,2})\s*/\s*40(?![\d])"),
            re.compile(
                r"\b(?:week|wk)\s*(?P<n>\d{1,2})(?![\d])|(?<![\d])(?P<n2>\d{1,2})(?:st|nd|rd|th)\s+week\b"
            ),
        ]
        self.months = re.compile(
            rf"(?:\b(?:more\s+than|over|nearly|almost|about|around|just\s+over|roughly|approx\w*|just\s+under|under|less\s+than|past|just)\s+)?"
            rf"(?P<n>{anynum}(?:\s*½|\s+and\s+a\s+half|\s*\.5)?)\s*(?:months?|mths?|mnths?|mos|monthes)\b(?P<half>\s+and\s+(?:a\s+)?half\b)?"
            r"(?P<post>\s+(?:pregnant|preg|along|gone|gestation|into\s+(?:my|the|her)\s+pregnancy))?"
        )
        self.months_context = re.compile(
            r"(?:\b(?:i'?m|im|i\s+am|she'?s|shes|she\s+is|is|am|now|currently|we'?re|we\s+are|pregnant|preg)\s*)$"
        )
        self.before_block = re.compile(
            r"(?:\b(?:for|last|past|every|each|born|delivered|arrived|came|induced|scan|scanned|rescan|rescanned|since|from|until|till|before|after|under|by|between|within|over\s+the|in\s+the|had\s+(?:him|her|them|it)|lost|miscarried|miscarriage|ago|postpartum)"
            r"|\bat\s+(?:my|the|her|our))"
            r"(?:\s+(?:about|around|roughly|nearly|almost|over|more\s+than|less\s+than|only|just|approx\w*|like|the|a|at|last|past|of|my|her|first|second))*\s*$"
        )
        self.at_before = re.compile(
            r"(?<!i'm )(?<!im )(?<!am )(?<!is )(?<!now )(?<!i am )\bat\s+(?:about\s+|around\s+)?$"
        )
        self.after_block = re.compile(
            r"^\s*(?:ago|old|scan|check|appointment|appt|postpartum|pp|post\s*partum|after|later|before|early|late|apart|long|earlier|of\s+(?:pain|bleeding|this|it|back)|-?\s*week\s+scan)\b"
        )
        self.sev_num = re.compile(
            r"(?<![\d./:])(?P<n>\d{1,2}(?:\.\d)?)(?:\s*(?:-|to|or)\s*(?P<m>\d{1,2}(?:\.\d)?))?\s*(?:/|out\s+of|outta|of)\s*10(?![\d/])(?!\.\d)"
            r"(?!\s*(?:min|mins|minutes|days|weeks|people|women|times))"
            r"|(?<![\d./])(?P<n2>\d{1,2})\s+on\s+(?:a|the)\s+(?:pain\s+)?scale"
        )
        unit_words = (
            r"(?:[:.,]\d|\d|%|/|\+|-\s*\d|am\b|pm\b|a\.m|p\.m|weeks?|wks?|w\b|days?|hours?|hrs?|h\b|min|mins|minutes?|sec\w*|months?|times?|x\b|"
            r"years?|yrs?|kgs?|lbs?|pounds|st\b|stone|cm|mm|degrees?|°|c\b|f\b|ml|mg|o'?clock|ish|th\b|nd\b|rd\b|babies|kids|children|pads?|"
            r"contractions?|tightenings?|of\b|in\b|per\b|more|people)"
        )
        n10 = r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
        self.sev_a = re.compile(
            rf"\b(?:about|around|like|maybe|probably|prob|at|solid|it'?s|its|it\s+is|call\s+it|rate\s+it|rated\s+it|pain\s+is|it\s+was|was)\s+(?:a|an)\s+{n10}(?!\s*{unit_words})"
            rf"|\b(?:rate\s+it|rated\s+it|rate\s+it\s+at|rated\s+it\s+at|pain\s+(?:level|score|rating)\s+(?:is\s+|of\s+|at\s+)?|severity\s+(?:is\s+|of\s+)?|pain\s+is\s+at)\s*{n10.replace('?P<n>', '?P<n2>')}(?!\s*{unit_words})"
        )
        not_before = compiled.rx(q.severity_not_before)
        # a pain word (the lexicon's {{pain}}) right before: "lower back ache 2 days" is a duration,
        # and so, in short messages, is a bare stretch of time after a comma ("back sore, 3 days")
        self.after_pain = compiled.rx(r"\b(?:{{pain}}|backache)\s*$")
        self.bare_before = compiled.rx(r"(?:,|\b(?:{{pain}}|backache))\s*$")
        # all severity words in one regex: a named group per word says which severity it is
        self.sev_words, self.sev_of = one_regex(
            compiled, [(w.literal, w.pattern, float(w.severity)) for w in q.severity_words]
        )
        self.not_before = not_before
        unit_alt = alternation([a for a in UNIT_OF if len(a) > 1 and UNIT_OF[a] not in ("second",)])
        self.span = re.compile(
            r"(?:(?:\b(?:for|been|lasted|lasting|lasts|going\s+on|going|had\s+(?:it|this|them)|over\s+the|in\s+the|the|since|started|starting|began|begun|came\s+on|about|abt|around|roughly|approx\w*|nearly|almost|over|more\s+than|just\s+over|at\s+least|like|last|past|a\s+good|probably|now)\s+)+)?"
            rf"(?<![\d.,/+:])(?P<n>{self.num})\s*-?\s*(?P<u>{unit_alt})(?![a-z])(?P<half>\s+and\s+a\s+half)?(?P<post>\s+(?:ago|now|so\s+far|long|each|apart|or\s+so))?"
        )
        self.one_unit = re.compile(
            r"\b(?:(?:for|over|during|in)\s+)?(?:the|this)\s+(?:last|past|whole)\s+(?P<u>hour|day|week|fortnight|month)\b(?P<half>\s+and\s+a\s+half)?"
        )
        self.wave = re.compile(
            r"(?:(?:\b(?:lasting|lasts|lasted|last|each(?:\s+one)?|one|for|about|around|roughly|approx\w*|nearly|almost|over|under|like|only|just|up\s+to|is|are|of)\s+)*)"
            rf"(?<![\d.,/+:])(?P<n>{self.num})\s*-?\s*(?P<u>seconds?|secs?|sec|minutes?|mins?|min|s(?=\s|$|[,.;)]))(?![a-z])(?P<half>\s+and\s+a\s+half)?(?P<post>\s+(?:long|each|at\s+a\s+time|in\s+length|duration|ago|apart))?"
        )
        self.interval = re.compile(
            rf"\bevery\s*(?:about\s+|around\s+|roughly\s+|approx\w*\s+|like\s+)?(?P<n>{self.exact})(?:\s*(?:-|to|or)\s*(?P<m>{self.exact}))?\s*-?\s*(?P<u>minutes?|mins?|min|mns|m(?![a-z])|seconds?|secs?|hours?|hrs?|hr)(?![a-z])"
            r"|\bevery\s+(?P<hh>half\s+(?:an\s+)?hour|(?:an?\s+)?hour)\b"
            rf"|(?<![\d.,/+:])(?P<n2>{self.exact})(?:\s*(?:-|to|or)\s*(?P<m2>{self.exact}))?\s*-?\s*(?P<u2>minutes?|mins?|min|mns|m(?![a-z]))\s+apart"
        )
        self.count = re.compile(
            rf"(?<![\d.,/+:])(?P<n>{self.exact})\s+(?:(?:contractions?|tightenings?|of\s+them|waves|times|braxton\s+hicks|bh'?s?|ones)\s+)?(?:in|within|during|over)\s+(?:the\s+(?:last|past)\s+|an\s+|one\s+|the\s+)?(?:hour|60\s*min\w*)\b"
            rf"|(?<![\d.,/+:])(?P<n2>{self.exact})\s+(?:contractions?\s+|tightenings?\s+)?(?:an|a|per)\s+hour\b"
        )
        self.day_words, self.days_of = one_regex(
            compiled, [(w.literal, w.pattern, w.days) for w in q.duration_words]
        )
        self.temp = re.compile(
            r"(?:\b(?:temp(?:erature)?s?|fever|thermometer|temp'?s)\b[^.\d!?;\n]{0,20}?)(?<![\d.,])(?P<n>\d{2,3}(?:[.,]\d{1,2})?)\s*(?P<u>°\s*[cf]?|degrees?(?:\s*[cf](?![a-z])|\s+(?:celsius|centigrade|fahrenheit))?|[cf](?![a-z]))?"
            r"|(?<![\d.,])(?P<n2>\d{2,3}(?:[.,]\d{1,2})?)\s*(?P<u2>°\s*[cf]?|degrees?\s*(?:[cf](?![a-z])|celsius|centigrade|fahrenheit)|[cf](?![a-z\-]))"
        )
        self.bp = re.compile(
            r"\b(?:blood\s+pressure|bp|b\.p\.?)\b[^.!?;\n]{0,30}?(?<!\d)(?P<s>\d{2,3})\s*(?:/|over)\s*(?P<d>\d{2,3})(?!\d)"
            r"|(?<![\d/])(?P<s2>\d{2,3})\s*/\s*(?P<d2>\d{2,3})\s*(?:mm\s*hg|mmhg)"
        )

        # Strings one of which every match of a regex contains: a regex runs only where one is
        # found. Those read with white space as one space ("week " is not in "33 weeks") are found
        # for all the regexes at once (`opened`, one pass of Needles); a regex may also have a few
        # strings of the text as it is (one alternation, so the check runs in C), and its fast
        # form (fastre).
        self.gates: dict[int, tuple[Gate, int | None, Fast]] = {}
        index: dict[str, list[int]] = {}
        for rx in [*self.ga, self.months, self.sev_num, self.sev_a, self.sev_words, self.span]:
            self._gate(rx, index)
        for rx in [self.one_unit, self.wave, self.interval, self.count, self.day_words]:
            self._gate(rx, index)
        for rx in [self.temp, self.bp]:
            self._gate(rx, index)
        self.needles = Needles(index)

    def _gate(self, rx: re.Pattern[str], index: dict[str, list[int]]) -> None:
        strings = factors(rx, shortest=1)
        spaced = factors(rx, shortest=1, spaces=True)
        # the strings in the text as it is: when there are no others, or one or two (quick to
        # look for first)
        few = strings is not None and (spaced is None or len(strings) <= 2)
        raw = _gate(strings) if few else None
        number = len(self.gates)  # (the number `opened` gives this regex)
        for string in spaced or ():
            index.setdefault(string, []).append(number)
        self.gates[id(rx)] = (raw, None if spaced is None else number, Fast(rx.pattern))

    def opened(self, sieve: Sieve) -> set[int]:
        """The gates (of `_gate`) one of whose strings is in the text with white space as one space."""
        return self.needles.found(sieve.plain, set())

    def finds(self, rx: re.Pattern[str], sieve: Sieve, opened: set[int]) -> list[Found]:
        """Every match of rx in the text, skipping the search where it cannot match, and trying it
        only where its matches can start where that is known."""
        gate, spaced, fast = self.gates[id(rx)]
        if gate is not None and gate.search(sieve.text) is None:
            return []
        if spaced is not None and spaced not in opened:
            return []
        return list(fast.scan(sieve.text, sieve.grams))

    # ---- numbers ----
    # ---- gestational age ----
    def weeks(
        self,
        text: str,
        sentence_start: list[int],
        sieve: Sieve | None = None,
        opened: set[int] | None = None,
    ) -> Quantity | None:
        """The first stated week of pregnancy; durations, earlier births and scans are not it."""
        sieve = sieve if sieve is not None else Sieve.of(text)
        opened = opened if opened is not None else self.opened(sieve)
        found: list[Quantity] = []
        for rx in self.ga:
            for m in self.finds(rx, sieve, opened):
                key = "n" if m.group("n") is not None else "n2"
                value = self.number(m.group(key))
                if value is None or not self._ga_context(text, m.start(), m.end()):
                    continue
                found.append(Quantity("weeks", math.floor(value), m.start(), m.end()))
        for m in self.finds(self.months, sieve, opened):
            months = self.number(m.group("n"))
            if months is None:
                continue
            if m.group("half"):  # "6 months and half"
                months += 0.5
            pre = text[max(0, m.start() - 30) : m.start()]
            if not (m.group("post") or self.months_context.search(pre)):
                continue
            if not self._ga_context(text, m.start("n"), m.end()):
                continue
            found.append(Quantity("weeks", self.month_weeks(months), m.start(), m.end()))
        found = [f for f in found if 1 <= f.value <= 45]
        if not found:
            return None
        # "pain 3 wks now, 24wks": a week said right after the pain is its duration when the message
        # says another week too
        own = [f for f in found if not self.after_pain.search(text, max(0, f.start - 15), f.start)]
        found = own or found
        # "at 6 weeks" tells when something happened; a week said of now ("now 16 weeks") wins over it
        strong = [
            f for f in found if not self.at_before.search(text[max(0, f.start - 12) : f.start])
        ]
        return min(strong or found, key=lambda f: f.start)

    def month_weeks(self, months: float) -> int:
        table = self.q.months_to_weeks
        if months in table:
            return table[months]
        return math.floor(months * self.q.months_factor + 0.5)  # halves rounded up (TRIAGE 9)

    def _ga_context(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 40) : start]
        cut = max(before.rfind("."), before.rfind(","), before.rfind("\n"), before.rfind(";"))
        if cut >= 0 and not _DECIMAL_POINT_AT_END.search(before[: cut + 1]):
            before = before[cut + 1 :]
        return not self.before_block.search(before) and not self.after_block.search(
            text[end : end + 30]
        )

    # ---- everything else ----
    def scan(
        self, text: str, sieve: Sieve | None = None, opened: set[int] | None = None
    ) -> list[Quantity]:
        """Every other quantity; a span of text read as one kind is not read again as another."""
        sieve = sieve if sieve is not None else Sieve.of(text)
        scan = Scan(text, sieve, opened if opened is not None else self.opened(sieve))
        self._blood_pressure(scan)
        self._temperature(scan)
        self._severity(scan)
        self._timing(scan)
        self._spans(scan)
        return scan.out

    def _pair(self, m: Found, a: str, b: str) -> str | None:
        value: str | None = m.group(a) or m.group(b)
        return value

    def _blood_pressure(self, scan: Scan) -> None:
        bp = self.q.blood_pressure
        for m in self.finds(self.bp, scan.sieve, scan.opened):
            s, d = int(self._pair(m, "s", "s2") or 0), int(self._pair(m, "d", "d2") or 0)
            if 60 <= s <= 260 and 30 <= d <= 160:
                high = s >= bp.high_systolic or d >= bp.high_diastolic
                scan.add(Quantity("bp", 1.0 if high else 0.0, m.start(), m.end()))

    def _temperature(self, scan: Scan) -> None:
        for m in self.finds(self.temp, scan.sieve, scan.opened):
            raw = self._pair(m, "n", "n2") or ""
            unit = (m.group("u") if m.group("n") else m.group("u2")) or ""
            fever = self._fever(float(raw.replace(",", ".")), unit.strip())
            if fever is not None and scan.free(m.start(), m.end()):
                scan.add(Quantity("temperature", 1.0 if fever else 0.0, m.start(), m.end()))

    def _severity(self, scan: Scan) -> None:
        for m in self.finds(self.sev_num, scan.sieve, scan.opened):
            n = self.number(self._pair(m, "n", "n2") or "")
            hi = self.number(m.group("m")) if m.group("m") else None
            if (
                n is None
                or n > 12
                or (hi is not None and hi > 12)
                or not scan.free(m.start(), m.end())
            ):
                continue
            value = n if hi is None else (n + hi) / 2
            scan.add(Quantity("severity", min(10.0, math.floor(value + 0.5)), m.start(), m.end()))
        for m in self.finds(self.sev_a, scan.sieve, scan.opened):
            n = self.number(self._pair(m, "n", "n2") or "")
            if n is not None and 0 <= n <= 10 and scan.free(m.start(), m.end()):
                scan.add(Quantity("severity", n, m.start(), m.end()))
        for m in self.finds(self.sev_words, scan.sieve, scan.opened):
            if scan.free(m.start(), m.end()) and not self.not_before.match(scan.text, m.end()):
                sev = self.sev_of[m.lastgroup or ""]
                scan.out.append(Quantity("severity_word", sev, m.start(), m.end()))

    def _timing(self, scan: Scan) -> None:
        for m in self.finds(self.interval, scan.sieve, scan.opened):
            minutes = self._interval(m)
            if minutes is not None and minutes > 0:
                scan.add(Quantity("interval", minutes, m.start(), m.end()))
        for m in self.finds(self.count, scan.sieve, scan.opened):
            n = self.number(self._pair(m, "n", "n2") or "")
            if n is not None and scan.free(m.start(), m.end()):
                scan.add(Quantity("count", n, m.start(), m.end()))
        for m in self.finds(self.wave, scan.sieve, scan.opened):
            seconds = self._wave_seconds(m)
            if seconds is not None and scan.free(m.start("n"), m.end()):
                scan.add(Quantity("wave_seconds", seconds, m.start("n"), m.end()))

    def _interval(self, m: Found) -> float | None:
        if m.group("hh"):
            return 30.0 if m.group("hh").startswith("half") else 60.0
        n = self.number(self._pair(m, "n", "n2") or "")
        hi_raw = self._pair(m, "m", "m2")
        hi = self.number(hi_raw) if hi_raw else None
        if n is None:
            return None
        unit = UNIT_OF.get(self._pair(m, "u", "u2") or "", "minute")
        value = n if hi is None else (n + hi) / 2  # a range gives its midpoint (TRIAGE 9)
        return value * {"second": 1 / 60, "hour": 60.0}.get(unit, 1.0)

    def _wave_seconds(self, m: Found) -> float | None:
        n = self.number(m.group("n"))
        if n is not None and m.group("half"):
            n += 0.5
        unit = UNIT_OF.get(m.group("u"), "")
        pre = set(m.string[m.start() : m.start("n")].split())
        post = (m.group("post") or "").strip()
        if n is None or post in ("ago", "apart") or "for" in pre:
            return None
        lasting = bool(pre & {"lasting", "lasts", "lasted", "last", "each"}) or post in (
            "long",
            "each",
            "at a time",
            "in length",
            "duration",
        )
        if m.group("u") == "s" and not lasting:
            return None  # "45-60s" is seconds only after "lasting"; "in my 40s" is an age
        single = m.group("n").strip() in ("a", "one", "an") and unit == "minute"  # "about a minute"
        if unit == "second":
            return n
        return n * 60 if unit == "minute" and (lasting or single) else None

    def _spans(self, scan: Scan) -> None:
        """Stretches of time: "for 3 days", "2 hours ago", "for the past week", "since yesterday"."""
        for m in self.finds(self.span, scan.sieve, scan.opened):
            n = self.number(m.group("n"))
            start = m.start("n")
            if n is None or not scan.free(start, m.end()):
                continue
            if m.group("half"):
                n += 0.5
            pre = " ".join(m.string[m.start() : m.start("n")].split())
            post = (m.group("post") or "").strip()
            markers = set(_MARKERS.findall(pre))
            if post in ("ago", "long", "each", "apart"):
                markers.add(post)
            if (
                not markers
                and not pre
                and post not in ("apart", "each", "long")
                and self.bare_before.search(m.string, max(0, start - 15), start)
            ):
                markers.add("bare")
            if markers and _MORE_THAN.search(pre):
                markers.add("more")
            if markers:
                unit = UNIT_OF[m.group("u")]
                scan.add(Quantity("span", n, m.start(), m.end(), unit, frozenset(markers)))
        for m in self.finds(self.one_unit, scan.sieve, scan.opened):
            if scan.free(m.start(), m.end()):
                marks = frozenset({"for", "last"})
                n = 1.5 if m.group("half") else 1.0
                scan.add(Quantity("span", n, m.start(), m.end(), UNIT_OF[m.group("u")], marks))
        for m in self.finds(self.day_words, scan.sieve, scan.opened):
            if scan.free(m.start(), m.end()):
                scan.out.append(
                    Quantity("day_word", self.days_of[m.lastgroup or ""], m.start(), m.end())
                )

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
            celsius = (
                True  # TRIAGE 9: an unmarked reading under 45 is in degrees C, over 90 in degrees F
            )
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
