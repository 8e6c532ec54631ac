"""The shapes the REST API publishes in its OpenAPI: request schemas built from the knowledge
base (so the ids and ranges are the ones the core checks), and response models.

Owns: documentation and schema of the wire format. Never: validate at run time (the core does, so
the API, the CLI and the batch command accept exactly the same findings).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pregback.core.findings import LARGEST
from pregback.interfaces.api.settings import Settings
from pregback.knowledge import KnowledgeBase

Urgency = Literal["self_care", "routine", "same_day", "urgent", "emergency"]


#: An answer's value, or a form field's: a number, a choice id, a list of ids, or null.
ANSWER_VALUE: list[dict[str, Any]] = [
    {"type": "number"},
    {"type": "string"},
    {"type": "array", "items": {"type": "string"}},
    {"type": "null"},
]


def corrections_schema(kb: KnowledgeBase) -> dict[str, Any]:
    """Her corrections of what was read: a symptom id to present, absent or unknown (not sure), a
    findings key to its value or null (not sure). Each replaces what was read."""
    props = dict(findings_schema(kb)["properties"])
    symptoms = props.pop("symptoms")["properties"]
    return {
        "type": "object",
        "description": "Her corrections of what was read from her message: a symptom id to "
        "present, absent or unknown (not sure); a findings key to its value, or null (not sure). "
        "Each replaces what was read.",
        "properties": {**props, **symptoms},
        "additionalProperties": False,
    }


def findings_schema(kb: KnowledgeBase) -> dict[str, Any]:
    """The contract's findings object, with this knowledge base's ids, choices and ranges."""
    props: dict[str, Any] = {}
    for s in kb.scalars.values():
        sch: dict[str, Any]
        if s.type in ("number", "integer"):
            sch = {"type": [s.type, "null"]}
            low = s.min if s.min is not None else -LARGEST
            sch["exclusiveMinimum" if s.exclusive_min else "minimum"] = low
            sch["maximum"] = s.max if s.max is not None else LARGEST
        elif s.type == "choice":
            sch = {"enum": [*s.choices, None]}
        else:
            sch = {"type": ["array", "null"], "items": {"enum": list(s.choices)}}
        unit = f" ({s.unit})" if s.unit else ""
        sch["description"] = f"{s.label}{unit}: {s.question}"
        props[s.id] = sch
    props["symptoms"] = {
        "type": ["object", "null"],
        "description": "Symptom id to present or absent; an id that is not here (or unknown, or null) is unknown.",
        "properties": {
            sid: {"enum": ["present", "absent", "unknown", None], "description": sym.meaning}
            for sid, sym in kb.symptoms.items()
        },
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "description": "One person at one moment. Every key is optional; a key that is absent is unknown.",
        "properties": props,
        "additionalProperties": False,
    }


#: A date and time without a zone (the API reads it as UTC; a wave's times as they were written).
LOCAL_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"
DATE_TIME = {
    "anyOf": [
        {"type": "string", "format": "date-time"},
        {"type": "string", "pattern": LOCAL_TIME},
    ]
}
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)


def date_time(text: str) -> datetime | None:
    """`text` as DATE_TIME says (RFC 3339, or a local time without a zone); None if it is not."""
    if not (_RFC3339.fullmatch(text) or re.fullmatch(LOCAL_TIME, text, re.ASCII)):
        return None
    try:
        return datetime.fromisoformat(text.upper())
    except ValueError:
        return None


#: Text a database can keep: no NUL character.
NO_NUL = "^[^\\u0000]*$"
#: Not blank: at least one character that is not white space (as Python's str.isspace sees it).
NOT_BLANK = (
    "^[^\\u0000]*[^\\u0000\\t\\n\\u000b\\f\\r \\u001c-\\u001f\\u0085\\u00a0\\u1680"
    "\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
)
EPISODE = {
    "type": "object",
    "description": "One timed wave of pain: ISO 8601 start and end (both with a time zone, or "
    "neither), the end after the start; waves may not overlap.",
    "required": ["start", "end"],
    "properties": {
        "start": {**DATE_TIME, "examples": ["2026-03-01T10:00:00"]},
        "end": {**DATE_TIME, "examples": ["2026-03-01T10:00:45"]},
    },
    "additionalProperties": False,
}
MOMENT = {
    "anyOf": [
        *DATE_TIME["anyOf"],
        {"type": "string", "format": "date"},
        {"type": "string", "enum": ["now", "today", "yesterday"]},
    ],
    "description": "ISO 8601 (without a time zone it is UTC), a date (noon), or now, today, "
    "yesterday; from the year 2000 up to now.",
}


def request_schemas(kb: KnowledgeBase, settings: Settings) -> dict[str, Any]:
    """Component schemas for the request bodies, under these settings' limits."""
    ref = {
        "Findings": {"$ref": "#/components/schemas/Findings"},
        "Episode": {"$ref": "#/components/schemas/Episode"},
    }
    message = {
        "type": "string",
        "maxLength": settings.max_message_chars,
        "pattern": NOT_BLANK,
        "description": "Her own words (not blank: an empty message is never read as no symptoms).",
    }
    episodes = {"type": "array", "items": ref["Episode"], "maxItems": settings.max_episodes}
    return {
        "Findings": findings_schema(kb),
        "Episode": EPISODE,
        "Moment": MOMENT,
        "SymptomId": {"type": "string", "enum": list(kb.symptoms)},
        "LocationId": {"type": "string", "enum": list(kb.locations)},
        "AssessRequest": {
            "type": "object",
            "description": "Findings, a message, timed waves, or any of them. With findings and a message, "
            "the findings are used (as the batch command does).",
            "properties": {"findings": ref["Findings"], "message": message, "episodes": episodes},
            "anyOf": [
                {"required": ["findings"]},
                {"required": ["message"]},
                {"required": ["episodes"]},
            ],
            "additionalProperties": False,
        },
        "MeAssessRequest": {
            "type": "object",
            "description": "Findings, a message, timed waves, any of them or none: her profile, "
            "diary and timing session fill what is not given.",
            "properties": {"findings": ref["Findings"], "message": message, "episodes": episodes},
            "additionalProperties": False,
        },
        "ReadRequest": {
            "type": "object",
            "required": ["message"],
            "properties": {"message": message},
            "additionalProperties": False,
        },
        "InterviewAnswer": {
            "type": "object",
            "required": ["question", "answer"],
            "properties": {
                "question": {"type": "string", "description": "The id of the question answered."},
                "answer": {
                    "description": "For symptoms: the list of ids she has, or 'none' for none of "
                    "them (an empty list is refused); for a form: an object from field id to its "
                    "value (true/false for a yes-or-no field; null for don't know); otherwise a "
                    "number or a choice id. null for don't know.",
                    "anyOf": [
                        *ANSWER_VALUE,
                        {
                            "type": "object",
                            "additionalProperties": {"anyOf": [*ANSWER_VALUE, {"type": "boolean"}]},
                        },
                    ],
                },
            },
            "additionalProperties": False,
        },
        "Corrections": corrections_schema(kb),
        "InterviewRequest": {
            "type": "object",
            "description": "Stateless: send the starting findings or message, her corrections of "
            "what was read, and every answer so far, in order.",
            "properties": {
                "findings": ref["Findings"],
                "message": message,
                "episodes": episodes,
                "corrections": {"$ref": "#/components/schemas/Corrections"},
                "answers": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/InterviewAnswer"},
                    "maxItems": settings.max_answers,
                },
                "skipped": {
                    "type": "array",
                    "items": {"type": "string"},
                    "maxItems": settings.max_answers,
                    "description": "Ids of findings she chose not to answer from the start.",
                },
            },
            "additionalProperties": False,
        },
    }


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CauseOut(Out):
    id: str
    name: str
    score: float
    explanation: str
    meaning: str
    rules: list[str]


class RuleOut(Out):
    id: str
    title: str
    urgency: Urgency
    reason: str
    sources: list[str]
    section: str


class PlanOut(Out):
    id: str
    title: str
    summary: str
    steps: list[str]
    partner: list[str]
    cautions: list[str]
    evidence: str
    strength: str
    sources: list[str]
    kind: Literal["advice", "warning"] = "advice"  # a warning says what not to do (TRIAGE 8)


class SafetyNetOut(Out):
    urgency: Urgency
    action: str
    signs: list[str]
    text: str


class QuestionOut(Out):
    id: str
    kind: Literal["symptom", "scalar"]
    text: str
    label: str
    group: str
    could_raise_to: Urgency


class TimingOut(Out):
    count: int
    current_interval_min: float | None
    wave_duration_s: float | None
    longest_wave_s: float | None
    waves_last_hour: int
    waves_last_10_min: int
    held_hours: float | None
    rhythm_hours: float | None
    regular: bool | None
    intervals_min: list[float | None]
    durations_s: list[float | None]


class EvidenceOut(BaseModel):
    """One finding read from the message, with the characters it came from."""

    model_config = ConfigDict(extra="allow")
    finding: str = Field(description="A findings key or symptom id.")
    value: Any = Field(description="present/absent for a symptom, else the scalar value.")
    start: int = Field(description="Offset of the first character in the message.")
    end: int = Field(description="Offset just past the last character.")
    text: str
    uncertain: bool
    cue: str | None = Field(description="The negation or uncertainty cue, if any.")


class ReadingOut(BaseModel):
    """What was read from a message: the findings, and the words each came from."""

    model_config = ConfigDict(extra="allow")
    findings: dict[str, Any]
    evidence: list[EvidenceOut]
    uncertain: list[str] = Field(description="Symptom ids read from a hedged mention or denial.")


class AssessmentOut(BaseModel):
    """The full Assessment, as `pregback assess --json` prints it."""

    model_config = ConfigDict(extra="allow")
    urgency: Urgency
    label: str
    action: str
    causes: list[CauseOut]
    rules: list[RuleOut]
    plan: list[PlanOut]
    safety_net: list[SafetyNetOut]
    unanswered: list[QuestionOut]
    notes: list[str]
    findings: dict[str, Any]
    timing: TimingOut | None
    knowledge_version: str
    disclaimer: str
    reading: ReadingOut | None = Field(default=None, description="Present when a message was read.")


class ChoiceOut(Out):
    id: str
    label: str
    meaning: str
    members: list[str] = Field(
        default_factory=list,
        description="For an item that stands for a group of signs (id group:...): the symptom "
        "ids it stands for. Tick it if she has any of them; the next question asks which.",
    )


class FieldOut(Out):
    id: str
    text: str
    type: str = Field(
        description="number, integer, choice, list, or yesno (a symptom: true/false)."
    )
    choices: list[dict[str, str]]
    unit: str | None
    min: float | None
    max: float | None


class AskOut(Out):
    id: str = Field(description="Send this id back as `question` with the answer.")
    kind: Literal["scalar", "symptoms", "form"]
    text: str
    type: str
    items: list[ChoiceOut]
    could_raise_to: Urgency
    unit: str | None
    min: float | None
    max: float | None
    fields: list[FieldOut] = Field(description="For a form: the values asked on this screen.")
    danger: bool = Field(description="The items are danger signs (red flags).")
    why: str = Field(description="Why this is asked, in a few words.")
    accepts: str = Field(description="What an answer may be, in words.")


class ProgressOut(Out):
    screen: int = Field(description="This question's number (the count so far when done).")
    about: int = Field(description="About how many questions in all.")


class CallOut(Out):
    to: Literal["emergency", "unit", "advice_line", "none"] = Field(
        description="Who to call at this level (the knowledge base's service policy)."
    )
    number: str | None = Field(
        description="The number, when the locale has one (the unit's is in her notes)."
    )


class InterviewOut(Out):
    done: bool = Field(
        description="True when nothing unanswered could change the level, and at "
        "once when it is an emergency."
    )
    question: AskOut | None
    optional: AskOut | None = Field(
        description="At an emergency: a question she may answer for the ambulance crew or the "
        "unit (never required)."
    )
    progress: ProgressOut
    call: CallOut
    findings: dict[str, Any]
    skipped: list[str]
    answered: int
    reading: ReadingOut | None = Field(
        description="What was read from her message, if one was sent."
    )
    assessment: AssessmentOut


class KnowledgeIndexOut(Out):
    version: str
    kinds: dict[str, int]


class KnowledgeListOut(Out):
    version: str
    kind: str
    items: list[dict[str, Any]]


def optional_body(properties: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI request body of a route whose JSON object body may be left out: these
    properties and no others."""
    return {
        "requestBody": {
            "required": False,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": properties,
                        "additionalProperties": False,
                    }
                }
            },
        }
    }
