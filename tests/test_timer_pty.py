"""`pregback timer` in a real terminal (a pseudo-terminal), driven with key presses as she would:
a preterm pattern and a term 5-1-1 pattern raise the alert on screen, and a timer killed in the
middle of a wave carries on when started again. The pattern tests run the clock 120 times faster
with libfaketime (Debian package `faketime`), so an hour of waves takes half a minute."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import signal
import struct
import sys
import termios
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pregback.store.db import open_store
from pregback.store.repository import Repository

pytestmark = pytest.mark.slow

EXE = str(Path(sys.executable).parent / "pregback")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")
SPEED = 120
HEADER = "pregback contraction timer"


class Terminal:
    """A program in a pseudo-terminal, with everything it prints collected by a reader thread."""

    def __init__(self, argv: list[str], rows: int = 50, cols: int = 150) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        env.pop("NO_COLOR", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: a terminal of a known size, then the program
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(argv[0], argv, env)
        self.raw = ""
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.raw += data.decode("utf-8", "replace")

    @property
    def text(self) -> str:
        with self.lock:
            return ANSI.sub("", self.raw)

    def frames(self) -> list[str]:
        """The last two screens drawn (the newest may be half written); reads only the tail."""
        with self.lock:
            tail = self.raw[-60_000:]
        return ANSI.sub("", tail).split(HEADER)[-2:]

    def last_frame(self) -> str:
        """The newest screen drawn in full."""
        frames = self.frames()
        return frames[0] if len(frames) == 2 else frames[-1]

    def key(self, k: str) -> None:
        os.write(self.fd, k.encode())

    def wait_for(self, *patterns: str, timeout: float = 10) -> str:
        """Wait until one screen shows every pattern; return that screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for frame in self.frames():
                if all(p in frame for p in patterns):
                    return frame
            time.sleep(0.01)
        raise AssertionError(
            f"{patterns!r} did not appear; the screen shows:\n{self.last_frame()[-3000:]}"
        )

    def finish(self, timeout: float = 15) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.reader.join(timeout=2)
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.02)
        self.kill()
        raise AssertionError("the timer did not stop")

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.reader.join(timeout=2)
        os.close(self.fd)


def set_profile(db: str, weeks: int, **history: bool) -> None:
    store = open_store(db)
    today = datetime.now().date()
    with store.session() as s:
        Repository(s).set_profile(
            due_date=today + timedelta(days=280 - weeks * 7), today=today, **history
        )
    store.close()


def waves(db: str) -> list[tuple[datetime, datetime | None]]:
    store = open_store(db)
    with store.session() as s:
        repo = Repository(s)
        out = [
            (w.started_at, w.ended_at)
            for w in repo.episodes(repo.require_person(), closed_only=False)
        ]
    store.close()
    return out


def fast_timer(db: str) -> Terminal:
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.skip(
            "libfaketime is not installed (apt-get install faketime): it runs the timer's clock faster"
        )
    return Terminal([faketime, "-f", f"+0 x{SPEED}", EXE, "timer", "--db", db])


class Clock:
    """Key presses on a schedule in the timer's (faster) time, so that waiting never adds up."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def at(self, fake_seconds: float) -> None:
        delay = self.start + fake_seconds / SPEED - time.monotonic()
        if delay > 0:
            time.sleep(delay)


def time_waves(
    term: Terminal, clock: Clock, first_s: float, count: int, every_s: float, length_s: float
) -> None:
    for i in range(count):
        clock.at(first_s + i * every_s)
        term.key(" ")
        clock.at(first_s + i * every_s + length_s)
        term.key(" ")


def test_a_preterm_pattern_shows_the_alert_on_screen(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    set_profile(db, 31)
    term = fast_timer(db)
    term.wait_for("31+0 weeks (from your due date)")
    clock = Clock()
    time_waves(term, clock, 10, 1, 0, 45)
    clock.at(120)
    quiet = term.wait_for("Wave saved", "RESTING")
    assert "CALL NOW" not in quiet  # one wave is not yet a pattern
    clock.at(10 + 8 * 60)
    term.key(" ")  # the next wave starts 8 minutes after the first
    term.wait_for(
        "CALL NOW",
        "Call your maternity unit or labour ward triage line now",
        "Frequent waves before 37 weeks",
        timeout=5,
    )
    clock.at(10 + 8 * 60 + 45)
    term.key(" ")
    term.wait_for("Wave saved")
    term.key("q")
    assert term.finish() == 0
    assert "Timer stopped. 2 waves saved." in term.text
    (a0, a1), (b0, b1) = waves(db)
    assert a1 is not None and b1 is not None
    # Timings are as she pressed, within what a busy machine adds at 120 times the speed.
    assert (b0 - a0).total_seconds() == pytest.approx(8 * 60, abs=30)
    assert (a1 - a0).total_seconds() == pytest.approx(45, abs=30)


def test_a_term_5_1_1_pattern_in_a_first_labour_alerts_once_it_has_held_an_hour(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "t.db")
    set_profile(db, 39, first_pregnancy=True)
    term = fast_timer(db)
    term.wait_for("39+0 weeks")
    every, length = 240, 75  # waves of 75 seconds every 4 minutes: margins for a busy machine
    clock = Clock()
    time_waves(term, clock, 10, 15, every, length)  # 57 minutes of waves: not yet 5-1-1
    clock.at(10 + 14 * every + length + 60)
    screen = term.wait_for("Wave saved", "RESTING")
    assert "Early labour" in screen and "CALL NOW" not in screen
    assert "waves in the last hour: 15" in screen
    assert re.search(r"interval: (3 min 5[4-9] s|4 min [0-6] s|4 min )", screen)
    assert "regular" in screen
    clock.at(10 + 15 * every)
    term.key(" ")  # the 16th wave: the rhythm has now held an hour
    term.wait_for(
        "CALL NOW",
        "Established labour at term (5-1-1)",
        "Call your maternity unit or labour ward triage line now",
        timeout=5,
    )
    clock.at(10 + 15 * every + length)
    term.key(" ")
    term.wait_for("Wave saved")
    term.key("q")
    assert term.finish() == 0
    assert len([w for w in waves(db) if w[1] is not None]) == 16


def test_a_timer_killed_in_the_middle_of_a_wave_carries_on_with_nothing_lost(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "t.db")
    set_profile(db, 34)
    term = Terminal([EXE, "timer", "--db", db])
    term.wait_for("Press space when a wave of pain starts")
    term.key(" ")
    term.wait_for("WAVE GOING ON")
    time.sleep(0.6)
    term.key(" ")
    term.wait_for("Wave saved")
    term.key(" ")
    term.wait_for("WAVE GOING ON", "interval (start to start)")  # the second wave, after the first
    term.kill()  # SIGKILL: no chance to tidy up
    started = waves(db)
    assert len(started) == 2 and started[0][1] is not None and started[1][1] is None

    term = Terminal([EXE, "timer", "--db", db])
    term.wait_for("Carrying on where you left off: 1 wave kept.", "WAVE GOING ON")
    term.key(" ")
    term.wait_for("Wave saved")
    term.key("\x03")  # Ctrl-C stops the timer cleanly
    assert term.finish() == 0
    ended = waves(db)
    assert len(ended) == 2 and all(end is not None for _, end in ended)
    assert ended[1][0] == started[1][0]  # the same wave, not a new one
    assert ended[1][1] is not None and ended[1][1] > datetime.now(UTC) - timedelta(minutes=1)
