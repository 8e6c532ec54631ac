"""Checking what she types before it is stored: dates and times, pain scores, places, symptoms,
what helped and notes; the errors that name the field, the value and what is allowed.

Owns: parse_moment (her words for a moment), parse_day, check_entry and the store's error types.
Never: touching the database (the repository calls these first, so a bad input changes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from pregback.errors import PregbackError, Problem
from pregback.knowledge import KnowledgeBase

DEFAULT_PERSON = "me"
#: An entry dated after now by more than this is a mistake, not a clock difference.
FUTURE_SLACK = timedelta(minutes=5)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_NOTES = 5000
MAX_HELPED = 20
MAX_HELPED_CHARS = 200
#: Row ids are 32-bit integers on PostgreSQL (SQLite's are 64-bit): a larger id names no record.
MAX_ID = 2**31 - 1
#: Text the databases cannot keep: NUL (PostgreSQL refuses it) and lone surrogates (bytes that
#: were not UTF-8, passed through by a terminal).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: The fields of a diary entry, by the names the store and the API use.
ENTRY_FIELDS = ("at", "pain", "locations", "symptoms", "helped", "notes")
WHEN_ALLOWED = "a date and time like 2026-03-01 14:30, a date like 2026-03-01, a time today like 14:30, today, yesterday or now"


class EntryError(PregbackError):
    code = "invalid_entry"


class NotFoundError(PregbackError):
    code = "not_found"


def text_fault(text: str) -> str:
    """Why `text` cannot be stored ("" when it can): a NUL character or undecodable bytes."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return ""
    if found.group() == "\x00":
        return "has a NUL character"
    return "has a character that is not UTF-8 text"


def valid_id(value: Any) -> bool:
    """Whether `value` could be a row id at all (a whole number from 1 to MAX_ID)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def local_tz() -> tzinfo:
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None
    return tz


def parse_moment(
    value: Any, field: str, now: datetime | None = None, tz: tzinfo | None = None
) -> datetime:
    """A moment from what she typed; a time without a zone is her local time. A date alone is noon."""
    tz = tz or local_tz()
    now = now or datetime.now(UTC)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime.combine(value, time(12, 0), tz)
    text = str(value).strip().lower()
    local_now = now.astimezone(tz)
    if text == "now":
        return now
    if text == "today":
        return now
    if text == "yesterday":
        return datetime.combine(local_now.date() - timedelta(days=1), time(12, 0), tz)
    try:
        if re.fullmatch(r"\d{1,2}:\d{2}", text):
            hh, mm = (int(x) for x in text.split(":"))
            return datetime.combine(local_now.date(), time(hh, mm), tz)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.combine(date.fromisoformat(text), time(12, 0), tz)
        moment = datetime.fromisoformat(text.upper().replace(" ", "T", 1))
    except ValueError:
        raise EntryError(Problem(field, value, WHEN_ALLOWED, "is not a date or time")) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def parse_day(value: Any, field: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise EntryError(Problem(field, value, "a date like 2026-06-30", "is not a date")) from None


def _or(value: Any, empty: Any) -> Any:
    """`empty` for a missing value (None); anything else as it is, to be checked (never 0 or {}
    taken for "none")."""
    return empty if value is None else value


def check_entry(
    kb: KnowledgeBase, fields: Mapping[str, Any], now: datetime, partial: bool = False
) -> dict[str, Any]:
    """Checked entry fields; raise EntryError naming every bad field."""
    problems = [
        Problem(k, v, ", ".join(ENTRY_FIELDS), "is not a diary field")
        for k, v in fields.items()
        if k not in ENTRY_FIELDS
    ]
    out: dict[str, Any] = {}
    if "at" in fields or not partial:
        try:
            at = parse_moment(fields.get("at", now), "at", now)
        except EntryError as exc:
            problems.extend(exc.problems)
        else:
            if at > now + FUTURE_SLACK:
                problems.append(
                    Problem(
                        "at",
                        at.isoformat(),
                        f"a moment up to now ({now.isoformat(timespec='minutes')})",
                        "is in the future",
                    )
                )
            elif at < EARLIEST:
                problems.append(
                    Problem(
                        "at",
                        at.isoformat(),
                        "a moment from the year 2000 on",
                        "is too long ago",
                    )
                )
            out["at"] = at
    if "pain" in fields or not partial:
        pain = fields.get("pain")
        if isinstance(pain, float) and pain.is_integer() and abs(pain) <= 10:
            pain = int(pain)  # 4.0 is the whole number 4 (as JSON Schema counts it)
        if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
            problems.append(
                Problem(
                    "pain", pain, "a whole number from 0 (no pain) to 10 (the worst imaginable)"
                )
            )
        out["pain"] = pain
    for key, vocab, what in (
        ("locations", kb.locations, "a place of pain"),
        ("symptoms", kb.symptoms, "a symptom id"),
    ):
        if key in fields or not partial:
            items = _or(fields.get(key), [])
            if not isinstance(items, Sequence) or isinstance(items, str):
                problems.append(
                    Problem(key, items, f"a list of: {', '.join(vocab)}", "is not a list")
                )
                continue
            bad = [i for i in items if not isinstance(i, str) or i not in vocab]
            if bad:
                problems.append(Problem(key, bad[0], ", ".join(vocab), f"is not {what}"))
                continue
            out[key] = list(dict.fromkeys(items))
    if "helped" in fields or not partial:
        helped = _or(fields.get("helped"), [])
        if (
            isinstance(helped, str)
            or not isinstance(helped, Sequence)
            or len(helped) > MAX_HELPED
            or not all(
                isinstance(h, str) and 0 < len(h.strip()) <= MAX_HELPED_CHARS and not text_fault(h)
                for h in helped
            )
        ):
            problems.append(
                Problem(
                    "helped",
                    helped,
                    f"up to {MAX_HELPED} things that helped, each 1 to {MAX_HELPED_CHARS} characters",
                )
            )
        else:
            out["helped"] = [h.strip() for h in helped]
    if "notes" in fields or not partial:
        notes = _or(fields.get("notes"), "")
        if not isinstance(notes, str) or len(notes) > MAX_NOTES:
            problems.append(Problem("notes", notes, f"text of up to {MAX_NOTES} characters"))
        elif text_fault(notes):
            problems.append(
                Problem("notes", notes, f"text of up to {MAX_NOTES} characters", text_fault(notes))
            )
        out["notes"] = notes
    if problems:
        raise EntryError(problems)
    return out
