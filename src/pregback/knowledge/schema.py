"""The shape of every knowledge-base record, as pydantic models that forbid unknown keys.

Owns: field names, types and closed vocabularies of the data files. Never: clinical logic.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

URGENCY_LEVELS: tuple[str, ...] = ("self_care", "routine", "same_day", "urgent", "emergency")
Urgency = Literal["self_care", "routine", "same_day", "urgent", "emergency"]
EvidenceStrength = Literal["high", "moderate", "low", "very_low", "consensus"]
#: How the project read a source: the source itself, a copy, quotation or summary of it, or never.
Access = Literal["primary", "secondary", "not_retrieved"]

#: A condition over findings, as written in the data files (see docs/knowledge.md).
Condition = dict[str, Any]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(Record):
    """Completed weeks of pregnancy, both ends included; a missing end is open."""

    min: int | None = Field(default=None, ge=0, le=45)
    max: int | None = Field(default=None, ge=0, le=45)


class Source(Record):
    """One source, with what is needed to audit it: where it is, how it was read, and when.

    by, title, year and section are shown to her; url, access, checked and note are for reviewers
    (url is also her link). Research-process remarks belong in note, never in by or title.
    """

    id: str
    kind: Literal["guideline", "review", "research", "patient_information", "seed_article", "other"]
    by: str  # organisation or authors
    title: str
    year: int | None = None
    section: str | None = None
    url: str | None = None  # required when public (the loader refuses a public source without one)
    public: bool = True  # False only for a source with no public address at all
    access: Access  # primary: the source itself; secondary: a copy, quotation or summary of it
    checked: (
        date  # when the project last checked the source's text (note says if the date is inferred)
    )
    note: str | None = None


class ActionVariant(Record):
    """The action in other words where `when` holds (the first that holds wins)."""

    when: Condition
    action: str
    note: str | None = None  # why, for the reviewer


class UrgencyLevel(Record):
    id: Urgency
    label: str  # short, plain: "Emergency"
    action: str  # what to do, in words
    variants: list[ActionVariant] = []  # other words by week or after birth (TRIAGE 3.1, 3.2)
    fallback: str | None = None  # ends every action of the level (TRIAGE 3.2: unit not answering)
    who: str
    colour: str  # a CSS colour; never the only signal
    sources: list[str] = []


class ScalarDef(Record):
    id: str
    label: str
    question: str
    type: Literal["number", "integer", "choice", "list"]
    min: float | None = None
    max: float | None = None
    exclusive_min: bool = False  # "> 0" rather than ">= 0"
    choices: list[str] = []
    unit: str | None = None
    red_flag: bool = False  # asked early in the interview
    choice_labels: dict[str, str] = {}
    ask_when: Condition | None = None  # the interview asks it only when this holds


class LocationDef(Record):
    id: str
    label: str
    meaning: str


class SymptomDef(Record):
    id: str
    label: str  # a plain label: "Bleeding from the vagina"
    meaning: str  # what counts, as in the contract
    question: str  # the question put to her, in plain words
    group: str  # for grouping questions: bleeding, labour, urine, nerves, ...
    red_flag: bool = False
    protective: bool = False  # may keep a rule from firing (P4: first_pregnancy, given_birth)
    history: bool = False  # a fact about her history or her profile, not a symptom now
    profile: bool = False  # a fact kept in her profile: asked once, remembered (needs history)
    lasts_days: int | None = Field(default=None, ge=1, le=400)  # a profile fact that expires
    ends_pregnancy: bool = False  # while present, no week window holds (TRIAGE 3.6: after birth)
    ask_when: Condition | None = None  # the interview asks it only when this holds
    implies: list[str] = []  # symptoms it cannot be present without (heavy bleeding is bleeding)


class AskGroup(Record):
    """Signs the interview may ask as one tick, below the emergency level (findings.yaml
    ask_groups): ticked, the next screen asks which of them she has."""

    id: str
    label: str  # plain words: "Signs of an infection"; the members' labels are shown beside it
    members: list[str] = Field(min_length=2)


def profile_fault(sym: SymptomDef) -> str | None:
    """Why a symptom's profile flags do not fit together (None when they do)."""
    if sym.profile and not sym.history:
        return "field 'profile': a profile fact is a fact about her history (set history: true)"
    if sym.lasts_days is not None and not sym.profile:
        return "field 'lasts_days': only a profile fact expires (set profile: true)"
    return None


class Feature(Record):
    """One finding that fits (weight > 0) or argues against (weight < 0) a cause."""

    when: Condition
    weight: float = Field(ge=-5, le=5)


class CauseDef(Record):
    id: str
    name: str
    explanation: str  # plain words: what it is
    meaning: str  # what it means for her, what happens next
    when_in_pregnancy: str
    window: Window = Window()
    typical: list[str]  # typical features in words
    features: list[Feature]  # typical and distinguishing features, for ranking
    prior: float = Field(ge=0, le=1)  # how common, for ties: 1 = the commonest
    requires: Condition | None = None  # never proposed unless this holds (as outside its window)
    after_birth: bool = False  # may be named after the birth (TRIAGE 3.6)
    sources: list[str] = Field(min_length=1)


class TermDef(Record):
    """A term several rules use (TRIAGE 3, "Terms used by several rules")."""

    id: str
    title: str
    meaning: str
    when: Condition
    protective: bool = False  # rules may require it not to hold (TRIAGE P4, not_term)
    sources: list[str] = []


class RuleNote(Record):
    """A sentence added to a rule's reason where `when` holds."""

    when: Condition
    text: str


class RuleDef(Record):
    id: str
    title: str
    section: str  # where it stands in TRIAGE.md, e.g. "3.1"
    urgency: Urgency
    when: Condition | None = None  # None only for a rule that has moved (moved_to)
    moved_to: str | None = None  # a retired id kept as a pointer (TRIAGE: U22 -> E22)
    causes: list[str] = []
    reason: str  # plain words: why this matters
    notes: list[RuleNote] = []
    sources: list[str] = Field(min_length=1)
    labour_plan: bool = False  # her plan is the early-labour plan (T)
    reviewed: date  # when it was last checked against TRIAGE.md and its sources


class Evidence(Record):
    strength: EvidenceStrength
    summary: str


class AdviceItem(Record):
    id: str
    title: str
    category: Literal[
        "posture",
        "sleep",
        "heat",
        "massage",
        "support",
        "exercise",
        "physiotherapy",
        "medicine",
        "rest",
        "footwear",
        "lifting",
        "weight",
        "labour",
        "wellbeing",
        "while_waiting",
    ]
    summary: str
    steps: list[str] = []
    partner: list[str] = []  # how a partner can help
    weeks: Window = Window()  # when it applies; unknown week counts as inside
    never_from_week: int | None = Field(default=None, ge=1, le=45)  # never shown from this week
    never_reason: str | None = None
    supine: bool = False  # done lying flat on the back (never from week 16, TRIAGE 8)
    nsaid: bool = False  # an NSAID (never from week 20, TRIAGE 8)
    locations: list[str] = []  # shown for these pain locations; empty = any
    causes: list[str] = []  # shown when one of these causes is ranked; empty = any
    levels: list[Urgency] = ["self_care", "routine", "same_day"]
    labour: bool = False  # part of the early-labour plan
    kind: Literal["advice", "warning"] = "advice"  # a warning tells her what not to do
    when: Condition | None = None  # shown only when this holds (may name fired rules)
    hidden_by: list[str] = []  # contraindications of advice.yaml that hide it (TRIAGE 8)
    after_birth: bool = False  # shown after the birth; no other item is (TRIAGE 3.6)
    in_pregnancy: bool = True  # shown in pregnancy
    reviewed: date  # when it was last checked against TRIAGE.md and its sources
    cautions: list[str] = []
    evidence: Evidence
    sources: list[str] = Field(min_length=1)
    picture: str | None = None  # an illustration id for the web pages


class Claim(Record):
    """A popular claim and what the better evidence says."""

    id: str
    claim: str
    verdict: Literal["unsupported", "contested", "false", "misstated", "partly_true"]
    better_evidence: str
    seen_in: list[str] = []  # source ids where the claim appears (seed articles)
    sources: list[str] = Field(min_length=1)


class Contraindication(Record):
    """A situation in which some advice is wrong for her (TRIAGE 8)."""

    id: str
    title: str
    when: Condition
    instead: str | None = None  # what the plan says in place of the hidden items
    categories: list[str] = []  # every item of these categories must be hidden_by it
    sources: list[str] = Field(min_length=1)


class Locale(Record):
    """The numbers and names of one country, filled into her texts."""

    id: str
    name: str
    emergency: str  # the emergency number: {emergency}
    advice_line: str  # the health advice line, in words: {advice_line}
    advice_number: str | None = None  # a number the call button can dial
    abuse_line: str  # where to get help with domestic abuse, in words: {abuse_line}


class ServicePolicy(Record):
    """What the interfaces do at one level."""

    level: Urgency
    call: Literal["emergency", "unit", "advice_line", "none"]
    cds_indicator: Literal["info", "warning", "critical"]
    timer_alert: bool


class Timing(Record):
    """TRIAGE 4.1: how timed waves are summarised."""

    recent: int = Field(ge=1, le=20)
    held_threshold_min: float = Field(gt=0, le=60)
    regular_spread: float = Field(gt=0, lt=1)
    sources: list[str] = Field(min_length=1)


class Limits(Record):
    """Week limits of TRIAGE.md section 8, read by the loader's safety checks."""

    supine_exercise_from_week: int
    nsaid_from_week: int
    sources: list[str] = Field(min_length=1)
