"""What her diary adds to an assessment: how long the pain has lasted, whether it is getting
worse, and what she wrote in the last few hours (her profile's part is core.profile).

Owns: turning diary points into findings additions and plain-words notes (pure
functions). Never: I/O or a database import; overriding what she says now (additions only fill
what is unknown); deciding urgency (the rules do that, e.g. R1 pain_duration_days > 14).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from operator import attrgetter
from typing import Any

#: A pregnancy lasts 280 days to the due date (40+0 weeks).
TERM_DAYS = 280
#: Days without any entry that still continue a run of pain days (not recorded is not pain-free).
MAX_GAP_DAYS = 3
#: An entry this recent describes her pain now: its severity, places and symptoms fill the unknowns.
RECENT_HOURS = 6.0
#: Worsening (SEED-2WK, ACOG-BACK): over the last WORSE_WINDOW_DAYS of the run, at least
#: WORSE_MIN_DAYS days recorded, daily worst pain rising by WORSE_MIN_SLOPE a day on a
#: least-squares line and by WORSE_MIN_RISE points from the first to the last day.
WORSE_WINDOW_DAYS = 7
WORSE_MIN_DAYS = 3
WORSE_MIN_SLOPE = 0.5
WORSE_MIN_RISE = 2


@dataclass(frozen=True, slots=True)
class PainPoint:
    """One diary entry as history sees it. `at` carries its time zone."""

    at: datetime
    pain: int
    locations: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PainDay:
    """One day of the diary: its calendar day (date.toordinal()), the worst pain, the first entry."""

    day: int
    worst: int
    first_at: datetime


@dataclass(frozen=True)
class History:
    additions: dict[str, Any]
    notes: tuple[str, ...]
    run_start: datetime | None = None  # the first entry of the current run of pain days
    daily: tuple[tuple[date, int], ...] = ()  # the worst pain of each recorded day of the run
    worsening: bool = False
    recent: PainPoint | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def gestation(due: date, today: date) -> tuple[int, int] | None:
    """Completed weeks and days of pregnancy on `today` for a due date; None outside 0+0 to 45+6."""
    days = TERM_DAYS - (due - today).days
    if days < 0 or days >= 46 * 7:
        return None
    return days // 7, days % 7


def summarise_history(
    points: Iterable[PainPoint], now: datetime, tz: tzinfo | None = None
) -> History:
    """What the diary says about the pain now, from its entries. Days are counted in `tz`; None
    means this computer's local time, with its daylight-saving rules."""
    cutoff = now + FUTURE_SLACK
    pts = sorted((p for p in points if p.at <= cutoff), key=_AT)
    day_of = _day_of(tz)
    days: list[PainDay] = []
    for p in pts:
        d = day_of(p.at).toordinal()
        if days and days[-1].day == d:
            if p.pain > days[-1].worst:
                days[-1] = PainDay(d, p.pain, days[-1].first_at)
        else:
            days.append(PainDay(d, p.pain, p.at))
    return summarise_days(days, pts[-1] if pts else None, now, tz)


def summarise_days(
    days: Sequence[PainDay], latest: PainPoint | None, now: datetime, tz: tzinfo | None = None
) -> History:
    """The same from the diary already grouped by day (oldest first) and its latest entry: what the
    store reads, so that a year of diary costs one row a day."""
    if latest is None or latest.at > now + FUTURE_SLACK:
        return History({}, ())
    additions: dict[str, Any] = {}
    notes: list[str] = []
    recent = latest if (now - latest.at).total_seconds() <= RECENT_HOURS * 3600 else None
    if recent is not None:
        additions["pain_severity"] = recent.pain
        if recent.locations:
            additions["pain_locations"] = list(recent.locations)
        if recent.symptoms:
            additions["symptoms"] = dict.fromkeys(recent.symptoms, "present")
        notes.append(
            f"From your diary entry at {recent.at.astimezone(tz).strftime('%H:%M')}: pain {recent.pain}/10"
            + (f", with {len(recent.symptoms)} symptom(s) you noted" if recent.symptoms else "")
            + "."
        )

    run = _current_run(days, _day_of(tz)(now).toordinal())
    if not run:
        return History(additions, tuple(notes), recent=recent)
    start = run[-1].first_at
    duration = round((now - start).total_seconds() / 86400, 2)
    additions["pain_duration_days"] = duration
    lasted = (
        "less than a day"
        if duration < 1
        else f"{int(duration)} day{'' if int(duration) == 1 else 's'}"
    )
    notes.append(
        f"Your diary shows back pain since {start.astimezone(tz).strftime('%d %B %Y')} "
        f"({lasted}; pain recorded on {len(run)} day{'' if len(run) == 1 else 's'})."
    )
    daily = tuple((date.fromordinal(d.day), d.worst) for d in reversed(run))
    worsening, first, last, span = _worsening(daily)
    if worsening:
        notes.append(
            f"Your diary shows the pain getting worse over the last {span} days (from {first}/10 to {last}/10). "
            "Pain that keeps getting worse is worth raising with your midwife or doctor in the next few days, "
            "and today if it reaches 7/10."
        )
    return History(
        additions, tuple(notes), run_start=start, daily=daily, worsening=worsening, recent=recent
    )


_AT = attrgetter("at")
FUTURE_SLACK = timedelta(minutes=5)


def local_day(moment: datetime, tz: tzinfo | None = None) -> int:
    """The calendar day of a moment (as date.toordinal()) in `tz`, or in this computer's local time."""
    return _day_of(tz)(moment).toordinal()


def _day_of(tz: tzinfo | None) -> Callable[[datetime], date]:
    if tz is None:
        return lambda moment: date.fromtimestamp(moment.timestamp())  # local time, DST included
    return lambda moment: moment.astimezone(tz).date()


def _current_run(days: Sequence[PainDay], today: int) -> list[PainDay]:
    """The recorded days of the current run of pain, newest first: back from the latest day with
    pain, through gaps of up to MAX_GAP_DAYS unrecorded days, stopping at a day recorded pain-free.
    Reads only as far back as the run goes."""
    run: list[PainDay] = []
    for d in reversed(days):
        if d.day > today:
            continue
        gap = (run[-1].day - d.day - 1) if run else today - d.day
        if d.worst == 0 or gap > MAX_GAP_DAYS:
            break
        run.append(d)
    return run


def _worsening(daily: tuple[tuple[date, int], ...]) -> tuple[bool, int, int, int]:
    if not daily:
        return False, 0, 0, 0
    end = daily[-1][0]
    window = [(d, v) for d, v in daily if (end - d).days < WORSE_WINDOW_DAYS]
    if len(window) < WORSE_MIN_DAYS:
        return False, 0, 0, 0
    xs = [float((d - window[0][0]).days) for d, _ in window]
    ys = [float(v) for _, v in window]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    first, last = window[0][1], window[-1][1]
    span = (window[-1][0] - window[0][0]).days + 1
    return slope >= WORSE_MIN_SLOPE and last - first >= WORSE_MIN_RISE, first, last, span


def history_findings(
    points: Iterable[PainPoint], now: datetime, tz: tzinfo | None = None
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Findings additions and notes from the diary (see `summarise_history`)."""
    h = summarise_history(points, now, tz)
    return h.additions, h.notes


def with_additions(given: Mapping[str, Any], *additions: Mapping[str, Any]) -> dict[str, Any]:
    """Findings where what she gave now wins, then each addition in order fills what is unknown.

    Symptoms merge id by id; an id she reported (present or absent) is never changed.
    """
    out = {k: v for k, v in given.items() if k != "symptoms"}
    symptoms = dict(given.get("symptoms") or {})
    for extra in additions:
        for key, value in extra.items():
            if key == "symptoms":
                for sid, status in value.items():
                    symptoms.setdefault(sid, status)
            elif out.get(key) is None:
                out[key] = value
    if symptoms:
        out["symptoms"] = symptoms
    return out
