"""Calendar and clock arithmetic for reading: the week from a due date, hours between clock times.

Owns: date and time arithmetic only. Never: reading text (the patterns are in quantities.yaml),
or today's date (the caller passes it: reading is deterministic).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable


def weeks_before_due(days_to_due: float, term_days: int) -> int:
    """Completed weeks of pregnancy when the due date is `days_to_due` away (negative: overdue)."""
    return math.floor((term_days - days_to_due) / 7)


def next_date(
    today: dt.date, month: int, day: int, term_days: int, overdue_days: int
) -> dt.date | None:
    """The date with this month and day that can be her due date seen from today, if any."""
    best: dt.date | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            due = dt.date(year, month, day)
        except ValueError:
            continue
        ahead = (due - today).days
        if -overdue_days <= ahead <= term_days and (
            best is None or abs(ahead) < abs((best - today).days)
        ):
            best = due
    return best


def _hour_words(m: re.Match[str]) -> str | None:
    """An hour said in words ("two o'clock", "it's nearly five"), if the clock match is one."""
    said = m.groupdict()
    return said.get("h6") or said.get("h7")


def clock_hours(m: re.Match[str], number: Callable[[str], float | None]) -> float | None:
    """The time of day of a `clock` match in hours (0-24), or None. `number` reads an hour said
    in words ("half six")."""
    if m.group("noon"):
        return 12.0
    if m.group("midnight"):
        return 0.0
    if m.group("h3"):  # "half 6" is 6:30 (British), "quarter past 6" 6:15, "quarter to 7" 6:45
        hour = number(m.group("h3"))
        if hour is None or not 1 <= hour <= 12:
            return None
        part = 0.5 if m.group("part") == "half" else 0.25
        return hour - part if m.group("rel") == "to" else hour + part
    if m.group("h4"):  # "it's 11 now", "since 9 o'clock", "about 9 this morning"
        return float(int(m.group("h4")))
    if m.group("h5"):  # "it's just gone 4", "still there now at 11"
        return float(int(m.group("h5")))
    words = _hour_words(m)
    if words:  # "since two o'clock in the night ... now it is almost five"
        hour = number(words)
        return None if hour is None or not 1 <= hour <= 12 else hour
    if m.group("h"):
        hour = int(m.group("h")) % 12
        minutes = int(m.group("m") or 0)
        if (m.group("ap") or "").startswith("p"):
            hour += 12
        return hour + minutes / 60
    if m.group("h2"):
        return int(m.group("h2")) + int(m.group("m2") or 0) / 60
    return None


def days_since_weekday(today: dt.date, day: int) -> int:
    """Days since the last such day of the week (0 = Monday): "since saturday" on a Monday is 2;
    on the day itself, a week."""
    return (today.weekday() - day) % 7 or 7


def days_since_month(today: dt.date, month: int, day: int) -> int | None:
    """Days since that day of the latest such month up to today, if within the length of a
    pregnancy."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    try:
        days = (today - dt.date(year, month, day)).days
    except ValueError:  # ("the 31st" of a shorter month)
        return None
    return days if 0 < days <= 300 else None


def readings_of(m: re.Match[str], hours: float) -> tuple[float, ...]:
    """The times of day a clock match can mean: "8:30" with no am or pm is 8:30 or 20:30."""
    words = _hour_words(m)
    if (
        (m.group("h2") and int(m.group("h2")) in range(1, 12))
        or m.group("h3")
        or m.group("h4")
        or m.group("h5")
        or words
    ):
        return (hours, hours + 12) if hours < 12 else (hours,)
    return (hours,)


def hours_between(start: float, end: float) -> float | None:
    """Hours from one time of day to a later one (across midnight when the later is smaller)."""
    hours = end - start
    if hours < 0:
        hours += 24
    return round(hours, 2) if 0 < hours <= 24 else None
