"""The shape of the reading lexicon: phrases, frames, cues, spelling, word forms and quantity words.

Owns: the record types of the lexicon files (pydantic, unknown keys rejected) and the Lexicon value.
Never: reading files, matching text, or any word of a language (those are in lexicon/<lang>/*.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Value = Literal["present", "absent"]
About = Literal["back", "waves", "other"]
Category = Literal[
    "negated",
    "possible",
    "hedged_denial",
    "historical",
    "past",
    "ongoing",
    "resolved",
    "settled",
    "resolved_before",
    "returned",
    "hypothetical",
    "simile",
    "advice",
    "family",
    "told",
    "terminate",
    "pseudo",
]
Direction = Literal["forward", "backward", "bidirectional", "terminate", "pseudo"]


WEEK = "gestational_weeks"  # `yields_to` may name it: her week of pregnancy said as hers


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phrase(Record):
    """One lay phrase. Without `pattern` the literal is matched word by word (spaces optional)."""

    literal: str = Field(min_length=1)
    pattern: str | None = (
        None  # a regex; a group named `t` marks the words the finding is read from
    )
    value: Value = "present"  # what the phrase says about its finding
    also: dict[str, Value] = {}  # implications the phrase makes as well (TRIAGE 9)
    uncertain: bool = False  # an ambiguous lay word read the safer way, and marked for asking again
    negated_only: bool = False  # counts only when negated ("no tummy pain" -> absent)
    # a negation does not reach it: it says when, not what ("never had this with my first": the
    # earlier birth stands, the negation is of what happened then)
    unnegated: bool = False
    min_weeks: int | None = Field(default=None, ge=1, le=45)  # unknown week counts as inside
    max_weeks: int | None = Field(default=None, ge=1, le=45)
    weeks_below: int | None = Field(default=None, ge=1, le=45)  # needs a group `weeks` below this
    weeks_from: int | None = Field(default=None, ge=1, le=45)  # ... and at least this
    topic_after: dict[str, str] = {}  # finding id -> regex; the nearest topic before decides (12.6)
    # a group whose words must be a name: written with a capital letter in her message and not one
    # of the words of `not_names` ("same as with Amy": an older child)
    name_group: str | None = None
    # finding ids: when any of them is read present this phrase is not ("my son" is an older
    # child, unless the message is about the birth of this baby: given_birth)
    yields_to: list[str] = []
    note: str | None = None


class SymptomEntry(Record):
    about: About = "other"  # what a clause that names it is about: the back pain, waves, or other
    event: bool = False  # once it has happened it stays said: "fine now" does not clear a faint
    recent: bool = False  # only a recent one counts: a long-past mention is not read
    lasting: bool = False  # a state that lasts: said of earlier in this pregnancy, it still holds
    # a sign of the pregnancy or of labour: in a message told after the birth (given_birth) it is
    # part of the birth story, not read as now (TRIAGE 3.6: no week window applies after the birth)
    before_birth: bool = False
    # what it says instead when told of an earlier pregnancy or of long ago (a historical cue, or a
    # story of then): a birth then is an earlier birth ({first_pregnancy: absent}), not this one
    told_of_then: dict[str, Value] = {}
    # its "absent" phrases tell a normal sign ("the baby kicked loads"): said to have stopped since
    # ("... and nothing since"), the finding is present, not absent (TRIAGE 12.15)
    stops_to_present: bool = False
    phrases: list[Phrase] = Field(min_length=1)


class Cue(Record):
    """A ConText modifier (medspaCy ConTextRule keys, and `backward_scope`)."""

    literal: str = Field(min_length=1)
    category: Category
    direction: Direction
    pattern: str | None = None
    max_scope: int | None = Field(default=None, ge=1, le=40)  # words; None = the lexicon default
    max_targets: int | None = Field(default=None, ge=1, le=20)  # only the nearest findings
    backward_scope: int | None = Field(default=None, ge=0, le=40)  # a shorter reach to the left
    note: str | None = None


class SymptomsFile(Record):
    symptoms: dict[str, SymptomEntry]
    pseudo: list[Phrase] = []
    # capitalised words that are not names (a `name_group` never reads them): days, months ...
    not_names: list[str] = []


class LocationsFile(Record):
    back_words: str  # a regex: words that make a clause about the back pain
    waves_words: str  # a regex: words that make a clause about waves or tightenings
    locations: dict[str, list[Phrase]]
    pseudo: list[Phrase] = []


class PatternsFile(Record):
    pattern: dict[str, list[Phrase]]
    onset: dict[str, list[Phrase]]
    # the back pain goes on between contractions (TRIAGE 9, E22): constant, and it wins over a
    # pattern of waves said in the same message ("it came in waves, now it doesn't let up between")
    between: list[Phrase] = []


class CuesFile(Record):
    default_max_scope: int = Field(ge=1, le=40)
    clause_break: str  # regex: where a clause (and a cue's scope) ends inside a sentence
    sentence_end: str  # regex: where a sentence ends
    word: str  # regex: one word (scopes are counted in these)
    # a comma in a list of denied things ("no pain, numbness or tingling") is crossed when no
    # subject word follows it and a list end closes the list
    subject_words: str
    list_end: str
    # a clause that names nothing and opens with a word that points back ("it started
    # yesterday", "this began on monday") is about what the sentence before was about
    refers_back: str | None = None
    # a sentence that opens by pointing back ("It is very severe.", "It starts in my back") goes
    # on with the sentence before: a frame of scope `passage` takes its parts from both
    goes_on: str | None = None
    # a sentence that names nothing but points back to what was said ("they're 9 minutes apart"):
    # a rhythm said in it is the rhythm of the back pain named before
    points_back: str | None = None
    # words right after a denied finding that say it was and is over ("haven't fainted since"):
    # the denial ends an earlier telling of it, as a `resolved` cue does
    over_after: str | None = None
    scope_window: int = Field(ge=1, le=200)  # words either side in which a cue may reach
    cues: list[Cue] = Field(min_length=1)
    # narrative time across sentences (core/reading/narrative.py): a sentence that opens with
    # `story_open` starts a story of then; the sentences after it told in the past (`past_words`)
    # with no word of now (`now_words`) go on with it
    story_open: str | None = None
    now_words: str | None = None
    past_words: str | None = None
    # a story opened by an earlier time of this pregnancy ("last Thursday", "three weeks ago"):
    # told the same way, but only what is not the back pain itself is read as then (the back pain
    # that began then is often the one she has now)
    story_recent: str | None = None


class Frame(Record):
    """A finding read from its parts: each part's words in one clause, in any order, close together
    ("the baby" + "less active"; "urine" + "cola-coloured"). Words are matched by their lemma."""

    literal: str = Field(min_length=1)  # a true example
    finding: str  # a symptom id
    parts: list[list[str]] = Field(min_length=2, max_length=4)  # each: @concepts or words
    unless: list[str] = []  # words or @concepts that stop it anywhere in its window
    window: int = Field(default=6, ge=1, le=20)  # words from the first part to the last
    ordered: bool = False  # the parts in the order given
    # where all the parts must lie: one clause, one sentence, or a passage (a sentence and the
    # ones after it that open by pointing back to it, cues.yaml `goes_on`)
    scope: Literal["clause", "sentence", "passage"] = "clause"
    value: Value = "present"
    also: dict[str, Value] = {}
    uncertain: bool = False
    min_weeks: int | None = Field(default=None, ge=1, le=45)
    max_weeks: int | None = Field(default=None, ge=1, le=45)
    note: str | None = None


class FramesFile(Record):
    concepts: dict[str, list[str]]  # a name -> words or word sequences (by lemma)
    unless_reach: int = Field(default=2, ge=0, le=10)  # words beyond a frame where `unless` looks
    frames: list[Frame]


class Suffix(Record):
    strip: str
    add: str = ""


class MorphologyFile(Record):
    """Word forms: a word is read by its lemma where a frame names the lemma."""

    irregular: dict[str, str]  # form -> lemma (bled -> bleed, hasn't -> not)
    suffixes: list[Suffix]  # tried in order; a doubled last letter is also tried undoubled
    note: str | None = None


class EditLimit(Record):
    from_length: int = Field(ge=1, le=40)
    edits: int = Field(ge=0, le=3)


class SpellingFile(Record):
    """Misspelt and run-together words read as the lexicon's words."""

    edits: list[EditLimit]  # an unknown word this long may differ from a lexicon word by this many
    split_min: int = Field(ge=1, le=10)  # each half of a run-together word has this many letters
    # letters written for others that sound the same, (written, meant): "headake" is headache
    sounds: list[tuple[str, str]] = []
    # a shorter unknown word this long may be a lexicon word with one letter dropped ("evry")
    dropped_from_length: int | None = Field(default=None, ge=3, le=10)
    variants: dict[str, str] = {}  # a spelling -> the word it is read as (txt words, US/UK)
    # a dropped ending -> the ending it stands for, when that makes a lexicon word ("hurtin")
    endings: dict[str, str] = {}
    # short words written run together with the next word, split off first: "nobleeding" is
    # "no bleeding" (an edit-distance guess would read it as "bleeding", losing the denial)
    run_on_first: list[str] = []
    words: list[str]  # the words a misspelling is read as
    known: list[str] = []  # real words near those: never corrected (scripts/spelling_known.py)
    note: str | None = None


class SeverityWord(Record):
    literal: str
    pattern: str | None = None
    severity: int = Field(ge=0, le=10)
    note: str | None = None


class DurationWord(Record):
    literal: str
    pattern: str | None = None
    days: float = Field(ge=0)
    note: str | None = None
    # the words date an event (a fall, a lift): its time is when the back pain began when the
    # message is about the back pain, even where the clause names only the event (TRIAGE 12.1)
    event: bool = False


class Temperature(Record):
    celsius_below: float  # a reading under this is in degrees C
    fahrenheit_above: float  # a reading over this is in degrees F
    fever_celsius: float
    fever_fahrenheit: float
    lowest_celsius: float  # readings outside these are not temperatures
    highest_fahrenheit: float
    sources: list[str] = []


class BloodPressure(Record):
    high_systolic: int
    high_diastolic: int
    # a reading said without "BP" ("148/96") is one when both numbers lie in these ranges
    systolic: tuple[int, int]
    diastolic: tuple[int, int]
    min_gap: int = 10  # systolic at least this much above diastolic
    hundred: str = ""  # regex: the words before the tens that say a hundred ("one forty-five")
    sources: list[str] = []


class Term(Record):
    days: int = Field(ge=1)  # a due date is this many days after the start of the pregnancy
    overdue_days: int = Field(ge=0)  # a due date this many days past is still this pregnancy's
    # a week said right after the pain and below this is how long it has lasted, not her week
    known_from_weeks: int = Field(default=4, ge=1, le=45)
    sources: list[str] = []


class QuantitiesFile(Record):
    numbers: dict[str, float]  # number words
    vague: list[str]  # number words that are not exact counts ("a few", "a couple")
    halves: list[str]  # words after a number that add a half ("and a half", "½")
    tens: list[str]  # number words that combine with a unit word ("twenty nine")
    units: dict[str, list[str]]  # a unit -> its words and abbreviations
    months: dict[str, int]  # month names -> 1..12
    # ordinal words and forms -> their number ("in my 7th month", written {{ordinal}} in patterns)
    ordinals: dict[str, Annotated[int, Field(ge=1, le=12)]] = {}
    # days counted from today: "due today/tomorrow", "since saturday", "since mid november"
    day_offsets: dict[str, int]  # a word for a day -> days after today ("tomorrow": 1)
    weekdays: list[str] = Field(min_length=7, max_length=7)  # how each day begins, Monday first
    # other words for a day, as the day it began (0 = Monday): "since the weekend" is Saturday
    weekday_words: dict[str, Annotated[int, Field(ge=0, le=6)]] = {}
    # a word for part of a month -> its day ("mid": 15); any other part is the 1st
    month_parts: dict[str, Annotated[int, Field(ge=1, le=28)]]
    months_to_weeks: dict[float, int]  # TRIAGE 9 table
    months_factor: float  # weeks per month for months not in the table, halves rounded up
    unit_days: dict[str, float]  # unit word -> days (durations)
    term: Term
    severity_words: list[SeverityWord]
    severity_not_before: str  # regex: a severity word followed by these names another pain
    # regex ending at the severity word: said of another complaint before it ("her heartburn is so bad")
    severity_not_after: str = ""
    duration_words: list[DurationWord]
    markers: dict[str, str]  # marker kind -> regex of the words before a stretch of time
    patterns: dict[str, str]  # the grammar of quantities: one named regex per kind
    temperature: Temperature
    blood_pressure: BloodPressure
    # "since then", "ever since": the day of the last time said before (`then_days`, or N ago)
    since_then: str | None = None
    then_days: dict[str, float] = {}
    # the back pain timed "every N minutes" at most this often comes in waves (pattern rhythmic)
    rhythm_interval_max_min: float = Field(default=30, gt=0, le=120)
    note: str | None = None


@dataclass(frozen=True)
class Lexicon:
    folder: Path
    macros: dict[str, str]
    symptoms: SymptomsFile
    locations: LocationsFile
    patterns: PatternsFile
    cues: CuesFile
    quantities: QuantitiesFile
    frames: FramesFile
    morphology: MorphologyFile
    spelling: SpellingFile
