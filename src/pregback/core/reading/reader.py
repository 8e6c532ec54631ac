"""Reading a message into findings: phrases, context, quantities and clauses put together.

Owns: which clause each quantity and pattern word belongs to (the back pain, waves, or something
else), how mentions of one finding are settled, and the safety rules of reading. Never: I/O after
the lexicon is compiled, or an exception other than PregbackError for any string.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from pregback.core.findings import Findings
from pregback.core.reading.compiled import Compiled, compiled_for
from pregback.core.reading.context import Modifiers, Scoper, find_cues
from pregback.core.reading.gate import pieces
from pregback.core.reading.model import Evidence, Reading
from pregback.core.reading.narrative import told_then
from pregback.core.reading.normal import normalise
from pregback.core.reading.numbers import Quantity
from pregback.core.reading.quantities import reader_for
from pregback.core.reading.settle import settle_scalars, tidy
from pregback.core.reading.targets import Match, find_targets
from pregback.core.reading.text import Segments, segment
from pregback.errors import PregbackError, Problem
from pregback.knowledge.lexicon import WEEK

MAX_MESSAGE = 20_000
FLIP = {"present": "absent", "absent": "present"}


@dataclass(frozen=True)
class Flags:
    back: bool = False
    waves: bool = False
    other: bool = False

    @property
    def any(self) -> bool:
        return self.back or self.waves or self.other


#: Readings kept apart while settling, shown in the evidence as the finding they read
_SHOWN_AS = {
    "pain_severity_word": "pain_severity",
    "pattern_timed": "pattern",
    "pattern_between": "pattern",
}
# the eight possible flags, made once
_FLAGS = {
    (b, w, o): Flags(b, w, o) for b in (False, True) for w in (False, True) for o in (False, True)
}


def read(message: Any, kb: Any = None, today: dt.date | None = None) -> Reading:
    """Read a pregnant person's own words into the contract's findings, with the knowledge base's
    lexicon (the bundled one by default). `today` dates what needs a date ("due in 3 weeks",
    "due March 3rd"); without it such a date is not read. Deterministic; no I/O."""
    if not isinstance(message, str):
        raise PregbackError(Problem("message", message, "a string", "is not text"))
    if len(message) > MAX_MESSAGE:
        raise PregbackError(
            Problem(
                "message",
                f"{len(message)} characters",
                f"at most {MAX_MESSAGE} characters",
                "is too long",
            )
        )
    if today is not None and not isinstance(today, dt.date):
        raise PregbackError(Problem("today", today, "a date", "is not a date"))
    compiled = compiled_for(kb)
    return _Reader(message, compiled, today).run()


class _Reader:
    def __init__(self, message: str, compiled: Compiled, today: dt.date | None) -> None:
        self.message = message
        self.today = today
        self.c = compiled
        self.vocab = compiled.vocab
        self.normal = normalise(message, compiled.speller)
        self.text = self.normal.text
        self.seg: Segments = segment(
            self.text, compiled.clause_break, compiled.sentence_end, compiled.word
        )
        self.q = reader_for(compiled)
        self.evidence: list[Evidence] = []
        self.mentions: dict[str, list[tuple[str, bool]]] = {}
        self.said_at: dict[str, list[int]] = {}  # where each present mention stands
        self.said: list[tuple[int, str]] = []  # (where, symptom) of present mentions that can end
        self.over_cues: list[int] = []
        self.back_cues: list[int] = []  # "it's back": the finding told last before it is now
        self.pseudo_at: list[tuple[int, int]] = []
        self.over_at: dict[str, int] = {}  # the last place a symptom is said to be over
        self.scalars: dict[str, list[tuple[Any, int]]] = {}
        self.readings: list[tuple[int, int, str]] = []
        self.named_waves: list[bool] = []
        # mentions that hold only when none of their `yields_to` findings is read present
        self.then: frozenset[int] = frozenset()
        self.silent_sentences: set[int] = set()
        self.clause_said: list[bool] = []
        self.earlier: frozenset[int] = frozenset()
        self.deferred: list[tuple[str, str, bool, tuple[str, ...], Evidence]] = []
        self.other_words: list[tuple[int, int]] = []
        self.week_now = False  # she said her week of pregnancy (yields_to: gestational_weeks)

    def _is_name(self, start: int, end: int) -> bool:
        """Whether the words [start, end) are written as a name in her message ("Amy", not "amy")."""
        a, b = self.normal.span(start, end)
        word = self.message[a:b]
        return (
            len(word) > 1
            and word[0].isupper()
            and word[1:].islower()
            and word.lower() not in self.c.not_names
        )

    # ---- the steps ----
    def run(self) -> Reading:
        present = self.q.finder.present_in(self.text)  # what every gate looks for, once
        parts = pieces(
            self.text, self.seg.sentence_starts, present
        )  # for phrases, cues, quantities
        opened = self.q.opened(self.text, present, parts)  # where each quantity pattern can match
        weeks_said = self.q.weeks_ranked(self.text, self.today, opened)
        ga = weeks_said[0] if weeks_said else None
        self.then = told_then(self.text, self.seg, *self.c.story)  # sentences of a story of then
        _, now, past = self.c.story  # ... and of earlier in this pregnancy
        self.earlier = told_then(self.text, self.seg, self.c.story_recent, now, past) - self.then
        matches = self._read_at(ga, present, parts)
        # a week said of someone else ("most women get it at 36 wks"), in a hypothetical, or in a
        # story of then is not hers: the next week she said is, or none (then every window is open)
        if ga is not None and not self._hers(ga):
            ga = next((w for w in weeks_said[1:] if self._hers(w)), None)
            matches = self._read_at(ga, present, parts)
        # her week said as hers, not as the time of something ("at 24 weeks it started")
        self.week_now = ga is not None and not self.q.said_at(self.text, ga)
        # the words of a finding that is neither the back pain nor its waves ("need a wee every 5
        # mins") hold no wave timing
        self.other_words = [
            (m.start, m.end)
            for m in matches
            if m.target.layer == "symptom"
            and m.target.about == "other"
            and m.target.finding != "pseudo"
        ]
        if ga is not None:
            self._scalar("gestational_weeks", int(ga.value), ga.start, ga.end, Modifiers())
        quantities = self.q.scan(self.text, opened, self.today)
        if ga is not None:  # the week of pregnancy is never also a duration ("back pain, 33 weeks")
            quantities = [q for q in quantities if not (q.start < ga.end and ga.start < q.end)]
        # a reading decides over a vague word about the same thing ("a bit of a temperature 37.9")
        measured = {"temperature": "fever", "bp": "high_blood_pressure"}
        self.readings = [
            (q.start, q.end, measured[q.kind]) for q in quantities if q.kind in measured
        ]
        for m in matches:
            self._target(m)
        for qty in quantities:
            self._quantity(qty)
        return self._result()

    def _read_at(self, ga: Quantity | None, present: Any, parts: Any) -> list[Match]:
        """Phrases, frames and cues, with her week `ga` (some phrases hold only at some weeks)."""
        seg = self.seg
        weeks = float(ga.value) if ga else None
        matches = find_targets(
            self.text,
            self.c,
            weeks,
            seg.clause_starts,
            seg.sentence_starts,
            present,
            self._is_name,
            parts,
        )
        own = [span for m in matches for span in (m.own or ((m.start, m.end),))]
        cues = find_cues(self.text, self.c, own, seg.sentence_starts, present, parts)
        self.over_cues = [c.start for c in cues if c.cue.category == "resolved_before"]
        self.back_cues = [c.start for c in cues if c.cue.category == "returned"]
        # words that only look like a finding ("it's not morning sickness"): what "that stopped"
        # right after them points back to, not a finding said before them
        self.pseudo_at = [
            (m.start, m.end)
            for m in matches
            if m.target.layer == "symptom" and m.target.finding == "pseudo"
        ]
        said = [m for m in matches if m.target.layer == "symptom" and m.target.finding != "pseudo"]
        normal = frozenset(  # (a frame's own words are asked of one by one: each is normal too)
            span
            for m in said
            if m.target.phrase.value == "absent"
            for span in ((m.start, m.end), *m.own)
        )
        self.scoper = Scoper(cues, self.seg, self.c, [(m.start, m.end) for m in said], normal)
        self.flags = self._clause_flags(matches)
        return matches

    def _hers(self, week: Quantity) -> bool:
        """Whether a stated week is her week now (not someone else's, a hypothetical or then's)."""
        sentence = self.seg.sentence_of(week.start)
        if sentence in self.then:
            return False
        opens, now, _ = self.c.story  # a sentence that opens a story of then, with no word of now
        lo, hi = self.seg.sentence_span(sentence)
        if opens and now and opens.match(self.text, lo, hi):
            said_now = now.finditer(self.text, lo, hi)
            if not any(m.end() <= week.start or m.start() >= week.end for m in said_now):
                return False
        mods = self.scoper.modifiers(week.start, week.end)
        if mods.past and not (mods.drop or mods.history_only) and self.q.said_now(self.text, week):
            return True  # "I am 7 weeks gone according to my scan last week": now, said as now
        return not (mods.drop or mods.history_only or mods.past)

    def _clause_flags(self, matches: list[Match]) -> list[Flags]:
        starts = self.seg.clause_starts
        n = len(starts)
        back = [False] * n
        waves = [False] * n
        other = [False] * n
        # what each clause says she has (not denied): "it" points back to that ("No bleeding, baby
        # moving normally. It started ten days ago." is the back pain)
        asserted: list[set[str]] = [set() for _ in range(n)]
        for hit in self.c.back_words.finditer(self.text):
            back[bisect_right(starts, hit.start()) - 1] = True
            if not self.scoper.modifiers(hit.start(), hit.end()).negate:
                asserted[bisect_right(starts, hit.start()) - 1].add("back")
        pattern_words = [(m.start, m.end) for m in matches if m.target.layer == "pattern"]
        named_waves = [False] * n  # a waves word outside a pattern phrase's own words
        waves_symptom = [False] * n  # a symptom about waves ("my bump goes tight")
        for hit in self.c.waves_words.finditer(self.text):
            if not any(a <= hit.start() and hit.end() <= b for a, b in pattern_words):
                named_waves[bisect_right(starts, hit.start()) - 1] = True
            # denied waves do not make the clause about waves: "the pain isn't in waves, it's constant"
            mods = self.scoper.modifiers(hit.start(), hit.end())
            if not (mods.negate or mods.drop):
                waves[bisect_right(starts, hit.start()) - 1] = True
        about_marks = {"back": back, "waves": waves, "other": other}
        between: list[int] = []  # clauses that say a pain goes on between the contractions
        for m in matches:
            if m.target.sets[:1] == (("pattern_between", "constant"),):
                between.append(bisect_right(starts, m.start) - 1)
                continue
            # the words of a pattern or onset phrase say nothing about the clause's subject
            if m.target.finding == "pseudo" or m.target.layer not in ("symptom", "location"):
                continue
            if m.target.finding == "first_pregnancy" and m.target.phrase.value == "present":
                continue  # "ftm", "first baby" say who she is, not what the clause is about
            mods = self.scoper.modifiers(m.start, m.end)
            if mods.drop:
                continue  # what is not read (advice, a hypothetical, someone else) names no subject
            about_marks[m.target.about][bisect_right(starts, m.start) - 1] = True
            if m.target.about == "waves":
                waves_symptom[bisect_right(starts, m.start) - 1] = True
            if not mods.negate and m.target.phrase.value != "absent":
                asserted[bisect_right(starts, m.start) - 1].add(m.target.about)
        for j in between:
            # the pain that goes on between contractions is the back pain ("it doesn't go off in
            # between the tightenings, a solid 7"), unless it, or the last clause before it that
            # names anything, names something else ("my bump ... stays hard, doesn't relax in between")
            its = self.seg.sentence_of(starts[j])
            last_named = next(
                (
                    k
                    for k in range(j, -1, -1)
                    if self.seg.sentence_of(starts[k]) == its and (back[k] or other[k])
                ),
                None,
            )
            if last_named is None or back[last_named] or not other[last_named]:
                back[j] = True
        self.named_waves = named_waves
        self.back_named = any(back)
        # the sentences that name the back pain themselves (not by taking a neighbour's subject)
        self.back_sentences = {self.seg.sentence_of(starts[j]) for j in range(n) if back[j]}
        own = [_FLAGS[flags] for flags in zip(back, waves, other, strict=True)]
        said = [b or w or o for b, w, o in zip(back, waves, other, strict=True)]  # own[j].any
        self.clause_said = said
        # sentences that name nothing but point back to what was said ("they're 9 minutes apart")
        points = self.c.points_back
        self.silent_sentences = {
            i
            for i in {self.seg.sentence_of(starts[j]) for j in range(n)}
            - {self.seg.sentence_of(starts[j]) for j in range(n) if said[j]}
            if points is not None and points.search(self.text, *self.seg.sentence_span(i))
        }
        # A clause that names nothing takes the nearest named clause of its sentence (before it,
        # else after it); a sentence that names nothing is about the back pain, and the waves too
        # when that one was about waves ("Contractions every 4 minutes. Started 40 mins ago.")
        out: list[Flags] = list(own)
        sentence_starts = self.seg.sentence_starts
        sentence = [bisect_right(sentence_starts, start) - 1 for start in starts]
        previous = _FLAGS[True, False, False]
        refers_back = self.c.refers_back
        told: Flags | None = None  # what the last sentence that named something named last
        first = 0
        while first < n:
            last = first
            while last + 1 < n and sentence[last + 1] == sentence[first]:
                last += 1
            named = [j for j in range(first, last + 1) if said[j]]
            if named and all(
                own[j] == _FLAGS[False, True, False] and not (named_waves[j] or waves_symptom[j])
                for j in named
            ):
                # "Mostly constant, now and then in waves.": a sentence naming nothing but how a pain
                # goes names nothing; it is about the back pain, and waves (as below)
                for j in range(first, last + 1):
                    out[j] = _FLAGS[True, True, False]
                previous = _FLAGS[True, True, False]
                first = last + 1
                continue
            before: int | None = None
            # a clause naming nothing that points back to the sentence before
            pointed: int | None = None
            for j in range(first, last + 1):
                if said[j]:
                    before = j
                    if (
                        told is not None
                        and told.back
                        and not own[j].back
                        and refers_back is not None
                        and refers_back.match(self.text, starts[j])
                    ):
                        # "My back's been murder. It was coming in waves with the tightenings":
                        # "it" is the back pain, whatever else the clause names
                        out[j] = _FLAGS[True, own[j].waves, own[j].other]
                elif (
                    before is not None
                    and refers_back is not None
                    and refers_back.match(self.text, starts[j])
                    and any(own[k].back for k in range(first, j))
                ):
                    # "the sciatica, ... my leg gives way and it's instantly excruciating": "it"
                    # is the back pain named earlier in the sentence, not the clause just before
                    out[j] = _FLAGS[True, False, False]
                elif before is not None:
                    out[j] = out[before]
                elif refers_back is not None and refers_back.match(self.text, starts[j]):
                    # "It started yesterday, when the baby moved": what the sentence before named
                    out[j] = told if told is not None else previous
                    pointed = j
                elif pointed is not None:
                    # "It's there the whole time, 8 out of 10, and the belly tightens": the clause
                    # after one that points back goes with it, not with the next one named
                    out[j] = out[pointed]
                else:
                    nxt = next((k for k in named if k > j), None)
                    out[j] = own[nxt] if nxt is not None else previous
            # timing said beside waves belongs to the waves: "... back pain in each one, for the last hour"
            if any(waves[j] for j in named):
                for j in range(first, last + 1):
                    if not said[j]:
                        out[j] = _FLAGS[out[j].back, True, out[j].other]
            # (still about the back pain too: a severity said after waves is never lost)
            previous = _FLAGS[True, any(out[j].waves for j in range(first, last + 1)), False]
            if said_now := set().union(*asserted[first : last + 1]):
                told = _FLAGS["back" in said_now, "waves" in said_now, "other" in said_now]
            first = last + 1
        return out

    def _flags_at(self, pos: int) -> Flags:
        return self.flags[self.seg.clause_of(pos)]

    # ---- phrases ----
    def _target(self, m: Match) -> None:
        p = m.target.phrase
        mods = self._modifiers(m)
        if p.unnegated and mods.negate:
            mods = mods._replace(negate=False)
        sets = list(m.target.sets)
        if m.target.topic_after:
            sets = [
                (self._topic(m) or key, value) if key in self.vocab.symptoms else (key, value)
                for key, value in sets[:1]
            ] + sets[1:]
        for i, (key, value) in enumerate(sets):
            if key in self.vocab.symptoms:
                if i > 0 and mods.negate:
                    continue  # "no clots" does not deny the bleeding: implications hold only when said
                if mods.resolved and m.target.event and i == 0:
                    mods = mods._replace(resolved=False)
                self._symptom(key, value, m, mods, p.negated_only and i == 0, p.uncertain)
            elif not (mods.drop or mods.negate or mods.resolved or mods.history_only or mods.past):
                if key in ("pattern", "onset", "pattern_between") and not self._about_back(m):
                    continue
                self._scalar(key, value, m.start, m.end, mods)

    def _modifiers(self, m: Match) -> Modifiers:
        """The cues that reach a phrase; a frame is reached where any of its parts is; a sentence
        going on a story of then reads as then."""
        mods = self._cued(m)
        if self.then and self.seg.sentence_of(m.start) in self.then and not mods.negate:
            # read as `past`: an event stays said (the safer reading when "I fainted" may be now)
            return mods._replace(past=True, story=True, cue=mods.cue or "(a story of then)")
        if (
            self.earlier
            and self.seg.sentence_of(m.start) in self.earlier
            and not mods.negate
            and m.target.layer == "symptom"
            and m.target.about != "back"
        ):  # earlier in this pregnancy: what is not the back pain itself was then
            return mods._replace(past=True, cue=mods.cue or "(a story of earlier)")
        return mods

    def _cued(self, m: Match) -> Modifiers:
        if not m.own:
            return self.scoper.modifiers(m.start, m.end)
        each = [self.scoper.modifiers(a, b) for a, b in m.own]
        cue = next((x.cue for x in each if x.cue), None)
        return Modifiers(
            negate=any(x.negate for x in each),
            uncertain=any(x.uncertain for x in each),
            drop=any(x.drop for x in each),
            history_only=any(x.history_only for x in each),
            resolved=any(x.resolved for x in each),
            cue=cue,
            past=any(x.past for x in each),
            settled=any(x.settled for x in each),
        )

    def _about_back(self, m: Match) -> bool:
        """A pattern or onset word counts for the back pain in a clause about it, or when the phrase
        names the back itself ("contractions every 2-3 minutes, really strong, in my back")."""
        if self._flags_at(m.start).back:
            return True
        clause = self.seg.clause_of(m.start)
        if self.flags[clause] == _FLAGS[False, True, False] and not self.named_waves[clause]:
            # "my back began at 9am ..., comes in waves": a clause about nothing but its waves
            # describes the back pain of its sentence
            sentence = self.seg.sentence_of(m.start)
            lo, hi = self.seg.sentence_span(sentence)
            return any(
                self.flags[j].back
                for j in range(self.seg.clause_of(lo), self.seg.clause_of(max(lo, hi - 1)) + 1)
            )
        return self.c.back_words.search(self.text, m.full_start, m.full_end) is not None

    def _topic(self, m: Match) -> str | None:
        """The symptom whose topic word stands nearest before this phrase (TRIAGE 12.6)."""
        sent = self.seg.sentence_of(m.start)
        lo = self.seg.sentence_starts[max(0, sent - 1)]
        best: tuple[int, str] | None = None
        for sid, rx in m.target.topic_after:
            for t in rx.finditer(self.text, lo, m.start):
                if best is None or t.end() > best[0]:
                    best = (t.end(), sid)
        return best[1] if best else None

    def _symptom(
        self, sid: str, value: str, m: Match, mods: Modifiers, negated_only: bool, ambiguous: bool
    ) -> None:
        if any(sid == rsid and m.start < e and b < m.end for b, e, rsid in self.readings):
            return
        if mods.drop or (negated_only and not mods.negate):
            return
        if mods.negate:
            value = FLIP[value]
            over = self.c.over_after
            if value == "absent" and over is not None and over.match(self.text, m.end):
                self.over_at[sid] = max(self.over_at.get(sid, -1), m.start)  # "not ... since"
        if mods.resolved:
            if sid in self.vocab.history:
                return
            if value == "present":  # told, then said over: what a later "came back" points to
                self.said.append((m.start, sid))
            # a normal sign over ("kicked loads this morning, nothing since"): the finding is now
            stopped = (
                m.target.stops_to_present
                and m.target.sets[0][0] == sid
                and value == "absent"
                and not (mods.negate or mods.settled)
            )
            value = "present" if stopped else "absent"
            if not mods.negate and value == "absent":  # ("it's not morning sickness, that stopped")
                self.over_at[sid] = max(self.over_at.get(sid, -1), m.start)
        t = m.target
        if t.then_sets and value == "present" and (mods.history_only or mods.story):
            for then_sid, then_value in t.then_sets:  # a birth then is an earlier birth
                self.mentions.setdefault(then_sid, []).append((then_value, mods.uncertain))
                self._evidence(then_sid, then_value, m.start, m.end, mods.uncertain, mods.cue)
            return
        if mods.history_only and (t.recent or sid not in self.vocab.history):
            return  # long ago: a history item stays, only a recent spinal procedure counts
        if mods.past and not (sid in self.vocab.history or t.event or t.lasting):
            if value == "present":  # (what "it stopped that night" can point back to)
                self.said.append((m.start, sid))
            return  # earlier in this pregnancy; an event ("fell last week") stays said
        uncertain = mods.uncertain or ambiguous
        start, end = (m.full_start, m.full_end) if m.own else (m.start, m.end)  # a frame: all of it
        if t.phrase.yields_to:
            self._evidence(sid, value, start, end, uncertain, mods.cue)
            self.deferred.append(
                (sid, value, uncertain, tuple(t.phrase.yields_to), self.evidence.pop())
            )
            return
        self.mentions.setdefault(sid, []).append((value, uncertain))
        if value == "present":
            self.said_at.setdefault(sid, []).append(m.start)
            if not (t.event or sid in self.vocab.history):
                self.said.append((m.start, sid))
        self._evidence(sid, value, start, end, uncertain, mods.cue)

    # ---- quantities ----
    def _quantity(self, qty: Quantity) -> None:
        mods = self.scoper.modifiers(qty.start, qty.end)
        if self.seg.sentence_of(qty.start) in self.then:
            mods = mods._replace(history_only=True)  # a number in a story of then is not hers now
        if mods.drop or mods.history_only or (mods.past and qty.kind not in ("span", "day_word")):
            return  # (earlier in this pregnancy, only how long it has lasted is read)
        f = self._flags_at(qty.start)
        kind = qty.kind
        if kind in ("interval", "wave_seconds", "count") and any(
            a <= qty.start and qty.end <= b for a, b in self.other_words
        ):
            return
        if kind in ("temperature", "bp"):
            sid = "fever" if kind == "temperature" else "high_blood_pressure"
            value = "present" if qty.value else "absent"
            self.mentions.setdefault(sid, []).append((value, mods.uncertain))
            self._evidence(sid, value, qty.start, qty.end, mods.uncertain, mods.cue)
            return
        if mods.negate or mods.resolved:
            return
        clause = self.seg.clause_of(qty.start)
        if kind in ("severity", "severity_word") and (
            f.back
            or (  # said on its own after the waves, in a sentence about the back pain: its own
                self.seg.sentence_of(qty.start) in self.back_sentences
                and not self.clause_said[clause]
                and not f.other
            )
        ):
            self._scalar(
                "pain_severity" if kind == "severity" else "pain_severity_word",
                int(qty.value),
                qty.start,
                qty.end,
                mods,
            )
        elif kind == "interval" and (f.back or f.waves):
            self._scalar("episode_interval_min", qty.value, qty.start, qty.end, mods)
            if (
                f.back
                and (
                    self.seg.sentence_of(qty.start) in self.back_sentences
                    or self.seg.sentence_of(qty.start) in self.silent_sentences
                )
                and qty.value <= self.c.lexicon.quantities.rhythm_interval_max_min
            ):
                # the back pain itself comes every few minutes: in waves, with gaps (TRIAGE 9)
                self._scalar("pattern_timed", "rhythmic", qty.start, qty.end, mods)
        elif kind == "wave_seconds" and (f.back or f.waves):
            self._scalar("episode_duration_s", qty.value, qty.start, qty.end, mods)
        elif kind == "count" and (f.back or f.waves):
            self._scalar("episodes_last_hour", int(qty.value), qty.start, qty.end, mods)
        elif kind == "span":
            self._span(qty, f, mods)
        elif kind == "day_word" and (f.back or ("event" in qty.markers and self.back_named)):
            # "since yesterday" is never the hours of a wave pattern; "fell this morning" dates
            # the back pain the message is about (TRIAGE 12.1)
            self._scalar("pain_duration_days", qty.value, qty.start, qty.end, mods)

    def _span(self, qty: Quantity, f: Flags, mods: Modifiers) -> None:
        unit_days = self.c.lexicon.quantities.unit_days
        short = qty.unit in ("minute", "hour")
        if (
            f.waves
            and short
            and qty.markers & {"for", "last", "past", "been", "going on", "ago", "started", "since"}
        ):
            hours = qty.value * unit_days[qty.unit] * 24
            self._scalar("pattern_hours", round(hours, 2), qty.start, qty.end, mods)
            if f.back and qty.markers & {"ago", "started", "since"}:
                # the back pain itself comes in waves: when they began is when it began
                self._scalar("pain_duration_days", round(hours / 24, 3), qty.start, qty.end, mods)
        elif f.back and (not f.waves or not short) and qty.unit in unit_days:
            days = qty.value * unit_days[qty.unit]
            if "more" in qty.markers and qty.unit in ("day", "week"):
                days += 1  # "for over two weeks": more than 14 days (TRIAGE R1)
            ga_now = [v for v, _ in self.scalars.get("gestational_weeks", [])]
            if (
                qty.unit == "week"
                and ga_now
                and qty.value > ga_now[0]
                and "since" not in qty.markers
            ):
                return  # more weeks than her pregnancy has lasted: a plan ("booked for 39 weeks")
            if qty.unit == "week" and "since" in qty.markers and qty.value >= 8:
                # "since 22 wks" is a week of the pregnancy: as long as from then to now
                ga = [v for v, _ in self.scalars.get("gestational_weeks", [])]
                if not ga or not qty.value < ga[0]:
                    return
                days = (ga[0] - qty.value) * 7
            self._scalar("pain_duration_days", round(days, 3), qty.start, qty.end, mods)

    def _scalar(self, key: str, value: Any, start: int, end: int, mods: Modifiers) -> None:
        self.scalars.setdefault(key, []).append((value, start))
        shown = _SHOWN_AS.get(key, key)
        self._evidence(shown, tidy(value), start, end, mods.uncertain, mods.cue)

    def _evidence(
        self, finding: str, value: Any, start: int, end: int, uncertain: bool, cue: str | None
    ) -> None:
        """Evidence points at her own words, whatever the reader corrected."""
        a, b = self.normal.span(start, end)
        self.evidence.append(Evidence(finding, value, a, b, self.message[a:b], uncertain, cue))

    # ---- settling ----
    def _result(self) -> Reading:
        # "they stopped": the finding told last before it (in its sentence or the two before) is over
        for at in self.over_cues:
            lo, before = self._told_before(at)
            before += [
                (a, "")
                for a, b in self.pseudo_at
                if lo <= a <= b <= at and not self.text[b:at].strip(" ,;.-")
            ]
            if before and max(before)[1]:
                sid = max(before)[1]
                self.over_at[sid] = max(self.over_at.get(sid, -1), at)
                self.mentions.setdefault(sid, []).append(("absent", False))
        # "now it's back": the finding told last before it (in its sentence or the two before) is
        # said again now, after any word that it was over
        for at in self.back_cues:
            _, before = self._told_before(at)
            if before:
                sid = max(before)[1]
                self.said_at.setdefault(sid, []).append(at)
                self.mentions.setdefault(sid, []).append(("present", False))
        # a story's last word on a symptom: said to be over after it was told, it is over now
        # ("started throwing up ... the vomiting finally stopped"); said again later, it is back
        for sid, over in self.over_at.items():
            said = self.said_at.get(sid, [])
            if said and max(said) < over:
                kept = [(v, u) for v, u in self.mentions[sid] if v != "present"]
                if kept:
                    self.mentions[sid] = kept
                else:
                    del self.mentions[sid]
        for sid, value, unsure, yields, ev in self.deferred:
            if not any(
                self.week_now if y == WEEK else self._settled(y) == "present" for y in yields
            ):
                self.mentions.setdefault(sid, []).append((value, unsure))
                self.evidence.append(ev)
        if self._settled("given_birth") == "present":  # a birth story: labour is over (TRIAGE 3.6)
            for sid, entry in self.c.lexicon.symptoms.symptoms.items():
                if entry.before_birth and self.mentions.pop(sid, None) is not None:
                    self.evidence = [e for e in self.evidence if e.finding != sid]
        symptoms: dict[str, str] = {}
        uncertain: set[str] = set()
        for sid, told in self.mentions.items():
            value = self._settled(sid) or "present"
            symptoms[sid] = value
            if all(u for v, u in told if v == value):
                uncertain.add(sid)
        scalars = settle_scalars(self.scalars, self.vocab)
        if symptoms.get("given_birth") == "present":
            scalars.pop("gestational_weeks", None)  # after the birth the week is not read (12.18)
        evidence = tuple(sorted(self.evidence, key=lambda e: (e.start, e.end, e.finding)))
        return Reading(
            self.message,
            Findings(scalars, dict(sorted(symptoms.items()))),
            evidence,
            frozenset(uncertain),
        )

    def _told_before(self, at: int) -> tuple[int, list[tuple[int, str]]]:
        """Where the window before a cue begins (its sentence and the two before), and the present
        mentions told in it before the cue: what "they stopped" or "it's back" points back to."""
        lo = self.seg.sentence_starts[max(0, self.seg.sentence_of(at) - 2)]
        return lo, [(pos, sid) for pos, sid in self.said if lo <= pos < at]

    def _settled(self, sid: str) -> str | None:
        """One value from the mentions of a symptom. Safety: any present mention wins (a later
        specific mention, a hedged red flag: P4, P5); for the protective findings (first_pregnancy,
        given_birth) absent wins, so they never lower the level."""
        values = {v for v, _ in self.mentions.get(sid, ())}
        if not values:
            return None
        prefer = "absent" if sid in self.vocab.protective else "present"
        return prefer if prefer in values else values.pop()
