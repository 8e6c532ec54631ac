"""The contraction timer: a key at the start and end of each wave, a live view of the pattern, and
an alert as soon as the waves meet a labour or preterm rule of the knowledge base.

Owns: the timer session (her week and risk profile from the store, saving each wave as it
happens, resuming after an interruption) and the key reading (termios, no line buffering or
echo); the screen is timer_view. Never: its own thresholds (the rules decide, through
triage.evaluate; the knowledge base says when to call now), or keeping a wave only in memory.
"""

from __future__ import annotations

import os
import select
import signal
import termios
from datetime import UTC, datetime, timedelta
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

from rich.console import Console

from pregback.core import profile as her
from pregback.core.findings import parse_findings
from pregback.core.history import with_additions
from pregback.core.labour import Episode as Wave
from pregback.core.labour import summarise
from pregback.core.triage import Assessment, evaluate
from pregback.core.watch import watched
from pregback.interfaces.calls import calls_for, unit_phone
from pregback.interfaces.cli.timer_view import TimerStatus, _clock, _mmss, _waves, render
from pregback.knowledge import KnowledgeBase, default_knowledge

if TYPE_CHECKING:
    from pregback.store.db import Store

__all__ = ["TimerSession", "TimerStatus", "render", "run_timer"]

#: A wave left open longer than this when the timer starts again was never ended: it is dropped.
MAX_OPEN_WAVE = timedelta(minutes=5)
START_STOP = (" ", "\r", "\n")
UNDO = ("u", "U")
QUIT = ("q", "Q", "\x03", "\x04")  # q, Ctrl-C, Ctrl-D
RANK = {"self_care": 0, "routine": 1, "same_day": 2, "urgent": 3, "emergency": 4}


class TimerSession:
    """The timer's state, kept in the store: every press is committed before it is shown."""

    def __init__(
        self,
        store: Store,
        person: str,
        kb: KnowledgeBase | None = None,
        weeks: float | None = None,
        now: datetime | None = None,
    ) -> None:
        from pregback.services.assess import session_waves
        from pregback.store.repository import Repository

        self.store, self.kb = store, kb or default_knowledge()
        now = now or datetime.now(UTC)
        self.message = ""
        with store.session() as s:
            repo = Repository(s, self.kb)
            p = repo.ensure_person(person)
            self.person_id, self.person_name = p.id, p.name
            today = now.astimezone().date()
            facts = repo.facts(p, today)
            base, _ = her.profile_findings(self.kb, p.due_date, today, facts)
            ga = her.her_week(self.kb, p.due_date, today, facts)
            after_birth = bool(her.ends_pregnancy(self.kb, facts))
            open_wave = repo.open_wave(p)
            if open_wave is not None and now - open_wave.started_at > MAX_OPEN_WAVE:
                self.message = f"A wave started at {_clock(open_wave.started_at)} was never ended, so it was not counted."
                s.delete(open_wave)
                open_wave = None
            self.open_start = open_wave.started_at if open_wave else None
            self.waves = [
                Wave(w.started_at, w.ended_at) for w in session_waves(repo, p, now) if w.ended_at
            ]
        if weeks is not None:
            told = {"gestational_weeks": weeks}
            profile, _ = her.told_over_profile(base, told, her.ends_pregnancy(self.kb, facts))
            base = with_additions(told, profile)
            self.week_text = f"{weeks:g} weeks (as you said)"
        elif after_birth:
            self.week_text = (
                "after the birth (your profile says so): no week of pregnancy, so the labour rules "
                "of the weeks do not apply"
            )
        elif ga is not None:
            self.week_text = f"{ga[0]}+{ga[1]} weeks (from your due date)"
        else:
            self.week_text = (
                "week not known: every rule that could apply at some week is applied. "
                "Set your due date: pregback profile --due 2026-06-30"
            )
        self.findings = parse_findings(base, self.kb)
        self.watching = watched(self.findings, self.kb)
        self.unit = unit_phone()
        if self.waves or self.open_start:
            self.message = (
                self.message or f"Carrying on where you left off: {_waves(len(self.waves))} kept."
            )
        self._closed: Assessment | None = None
        self._reassess()

    def _repo_do(self, action: str, now: datetime) -> Any:
        from pregback.store.repository import Repository

        with self.store.session() as s:
            repo = Repository(s, self.kb)
            p = repo.require_person(self.person_name)
            if action == "start":
                return repo.start_wave(p, now)
            if action == "end":
                return repo.end_wave(p, now)
            wave = repo.open_wave(p)
            if wave is None:
                last = repo.episodes(p, since=self.waves[-1].start) if self.waves else []
                wave = last[-1] if last else None
            if wave is not None:
                s.delete(wave)
            return wave

    def press(self, now: datetime) -> None:
        """Start a wave, or end the one going on (saved before the screen changes)."""
        if self.open_start is None:
            if self.waves and now <= self.waves[-1].end:
                now = self.waves[-1].end + timedelta(milliseconds=1)
            self._repo_do("start", now)
            self.open_start = now
            self.message = f"Wave started at {_clock(now)}. Press space when it ends."
        else:
            if now <= self.open_start:
                now = self.open_start + timedelta(milliseconds=1)
            self._repo_do("end", now)
            self.waves.append(Wave(self.open_start, now))
            self.message = f"Wave saved: {_mmss((now - self.open_start).total_seconds())} long."
            self.open_start = None
            self._reassess()

    def undo(self, now: datetime) -> None:
        """Remove the wave going on, or else the last one timed."""
        removed = self._repo_do("undo", now)
        if self.open_start is not None:
            self.open_start = None
            self.message = "The wave going on was removed."
        elif self.waves and removed is not None:
            gone = self.waves.pop()
            self.message = f"Removed the wave that started at {_clock(gone.start)}."
            self._reassess()
        else:
            self.message = "Nothing to remove."

    def _assess(self, waves: list[Wave]) -> Assessment | None:
        return evaluate(self.findings, summarise(waves, self.kb.timing), self.kb) if waves else None

    def _reassess(self) -> None:
        self._closed = self._assess(self.waves)

    def status(self, now: datetime) -> TimerStatus:
        """What to show at `now`. A wave going on counts as lasting until now when that is worse."""
        result = self._closed
        if self.open_start is not None and now > self.open_start:
            live = self._assess([*self.waves, Wave(self.open_start, now)])
            if live is not None and (result is None or RANK[live.urgency] > RANK[result.urgency]):
                result = live
        level = result.urgency if result is not None else "self_care"
        return TimerStatus(
            now,
            list(self.waves),
            self.open_start,
            summarise(self.waves, self.kb.timing) if self.waves else None,
            result,
            self.week_text,
            self.message,
            watching=self.watching,
            call_now=self.kb.service[level].timer_alert,
            calls=tuple(calls_for(level, self.kb, self.unit)),
            labels={k: v.label for k, v in self.kb.levels.items()},
        )


class KeyReader:
    """Single key presses from a terminal: no line buffering, no echo, Ctrl-C read as a key."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.saved: list[Any] | None = None

    def __enter__(self) -> KeyReader:
        self.saved = termios.tcgetattr(self.fd)
        mode = termios.tcgetattr(self.fd)
        mode[0] &= ~(termios.IXON | termios.ICRNL)
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSADRAIN, mode)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def read(self, timeout: float) -> str:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return ""
        data = os.read(self.fd, 32)
        if not data:
            return "\x04"  # the terminal closed
        return data.decode("utf-8", "replace")


def _frame(status: TimerStatus) -> tuple[Any, ...]:
    since = status.open_start or (status.waves[-1].start if status.waves else None)
    seconds = int((status.now - since).total_seconds()) if since else None
    result = status.assessment
    return (
        seconds,
        len(status.waves),
        status.open_start,
        status.message,
        None if result is None else (result.urgency, tuple(r.id for r in result.fired)),
    )


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def run_timer(
    store: Store,
    person: str,
    weeks: float | None = None,
    fd: int = 0,
    console: Console | None = None,
) -> int:
    """Run the live timer until she quits; every wave is already saved when it is shown."""
    from rich.live import Live

    console = console or Console(highlight=False)
    session = TimerSession(store, person, weeks=weeks)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    shown: tuple[Any, ...] = ()
    with (
        KeyReader(fd) as keys,
        Live(
            render(session.status(datetime.now(UTC))),
            console=console,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        ) as live,
    ):
        while True:
            typed = keys.read(0.25)
            now = datetime.now(UTC)
            for key in typed:
                if key in QUIT:
                    break
                if key in START_STOP:
                    session.press(now)
                elif key in UNDO:
                    session.undo(now)
            else:
                status = session.status(now)
                if (frame := _frame(status)) != shown:  # redraw only when what is shown changes
                    shown = frame
                    live.update(render(status), refresh=True)
                continue
            break
    console.print(
        f"Timer stopped. {_waves(len(session.waves))} saved"
        + (
            ", and the wave going on stays open: start the timer again to end it."
            if session.open_start
            else "."
        )
    )
    return 0
