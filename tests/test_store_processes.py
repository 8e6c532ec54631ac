"""Real processes against one database: two writers at once lose nothing, a writer killed with
SIGKILL in the middle of its writes leaves every committed entry and a consistent database, and
two first starts at once both migrate safely. Runs over SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from pregback.store.db import open_store
from pregback.store.repository import Repository

pytestmark = pytest.mark.slow

WRITER = r"""
import os, sys, time
from datetime import UTC, datetime, timedelta
from pregback.store.db import open_store
from pregback.store.repository import Repository

url, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
store = open_store(url)
base = datetime.now(UTC) - timedelta(days=5)
open(go + "." + tag, "w").close()  # this writer has opened the database
while not os.path.exists(go):
    time.sleep(0.002)
for i in range(count):
    with store.session() as s:
        repo = Repository(s)
        entry = repo.add_entry(repo.ensure_person(), {"pain": i % 11, "notes": f"{tag}-{i}"})
        entry_id = entry.id
    print("entry", entry_id, flush=True)  # printed only once the transaction has committed
    if tag != "timer":
        time.sleep(0.002)  # (a pause between writes, as a person makes: the other writer gets in)
    if tag == "timer":
        start = base + timedelta(seconds=2 * i)
        with store.session() as s:
            repo = Repository(s)
            wave_id = repo.start_wave(repo.require_person(), start).id
        print("started", wave_id, flush=True)
        with store.session() as s:
            repo = Repository(s)
            repo.end_wave(repo.require_person(), start + timedelta(seconds=1))
        print("ended", wave_id, flush=True)
"""


def spawn(url: str, tag: str, count: int, go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, tag, str(count), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def notes(url: str) -> list[str]:
    store = open_store(url)
    try:
        with store.session() as s:
            repo = Repository(s)
            return [e.notes for e in repo.entries(repo.require_person())]
    finally:
        store.close()


def test_two_processes_adding_entries_at_once_lose_nothing(db_url: str, tmp_path: Path) -> None:
    expected: list[str] = []
    interleaved = False
    # On a loaded machine one writer can finish before the other starts; that run proves nothing
    # about concurrency, so the writers go again (each run must lose nothing all the same).
    for attempt in range(5):
        tags = (f"a{attempt}", f"b{attempt}")
        go = tmp_path / f"go{attempt}"
        writers = [spawn(db_url, tag, 150, go) for tag in tags]
        deadline = time.monotonic() + 60  # both have opened the database (and raced to migrate it)
        while not all((tmp_path / f"go{attempt}.{tag}").exists() for tag in tags):
            assert time.monotonic() < deadline and all(w.poll() is None for w in writers)
            time.sleep(0.01)
        go.touch()
        for w in writers:
            out, err = w.communicate(timeout=120)
            assert w.returncode == 0, err
            assert out.count("entry") == 150
        saved = notes(db_url)
        expected += [f"{tag}-{i}" for tag in tags for i in range(150)]
        assert sorted(saved) == sorted(expected)
        # The writers really interleaved rather than running one after the other.
        mine = [n for n in saved if n.split("-")[0] in tags]
        first_b = next(i for i, n in enumerate(mine) if n.startswith(tags[1]))
        if any(n.startswith(tags[0]) for n in mine[first_b:]):
            interleaved = True
            break
    assert interleaved


def test_a_writer_killed_mid_write_keeps_every_committed_entry(db_url: str, tmp_path: Path) -> None:
    go = tmp_path / "go"
    go.touch()
    writer = spawn(db_url, "timer", 100_000, go)
    assert writer.stdout is not None
    committed: list[tuple[str, int]] = []
    deadline = time.monotonic() + 60
    while len(committed) < 300 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        kind, num = line.split()
        committed.append((kind, int(num)))
    os.kill(writer.pid, signal.SIGKILL)
    _, err = writer.communicate(timeout=10)
    assert writer.returncode == -signal.SIGKILL, err
    assert len(committed) >= 300

    store = open_store(db_url)
    try:
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        with store.session() as s:
            repo = Repository(s)
            me = repo.require_person()
            entry_ids = {e.id for e in repo.entries(me)}
            waves = {w.id: w for w in repo.episodes(me, closed_only=False)}
            assert {n for k, n in committed if k == "entry"} <= entry_ids
            assert {n for k, n in committed if k == "started"} <= set(waves)
            assert all(waves[n].ended_at is not None for k, n in committed if k == "ended")
            open_waves = [w for w in waves.values() if w.ended_at is None]
            assert len(open_waves) <= 1
            assert (
                s.execute(
                    text("SELECT count(*) FROM diary_entry WHERE pain < 0 OR pain > 10")
                ).scalar()
                == 0
            )
        # ...and the database takes new writes at once (no stale lock left behind).
        with store.session() as s:
            repo = Repository(s)
            repo.add_entry(repo.require_person(), {"pain": 1, "notes": "after the crash"})
        assert "after the crash" in notes(db_url)
    finally:
        store.close()


def test_two_first_starts_at_once_both_migrate_an_empty_database(
    db_url: str, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    go.touch()  # no waiting: both race to create the schema
    writers = [spawn(db_url, tag, 3, go) for tag in ("x", "y")]
    for w in writers:
        _, err = w.communicate(timeout=60)
        assert w.returncode == 0, err
    assert len(notes(db_url)) == 6
