"""Diary entries written per second, and the time to assess with a year of diary history.

    .venv/bin/python bench/store.py [--entries 500] [--runs 300] [--db URL]

Writes to a fresh SQLite file in a temporary folder (and, with --db or PREGBACK_BENCH_POSTGRES_URL,
to that database too, in a schema of its own that is dropped afterwards). Prints figures; asserts
nothing. Target of the store issue: assessing with a year of history stays under 5 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from pregback.core.history import summarise_history, with_additions
from pregback.core.triage import assess
from pregback.knowledge import default_knowledge
from pregback.services.assess import context_for
from pregback.store.db import Store, open_store
from pregback.store.repository import Repository

PER_DAY = 3
DAYS = 365


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def write_rate(store: Store, n: int) -> float:
    """Entries per second, each in its own transaction as `pregback diary add` writes it."""
    with store.session() as s:
        Repository(s).ensure_person("bench-writes")
    t = time.perf_counter()
    for i in range(n):
        with store.session() as s:
            repo = Repository(s)
            repo.add_entry(
                repo.require_person("bench-writes"),
                {"pain": i % 11, "locations": ["lower_back"], "notes": "bench entry"},
            )
    return n / (time.perf_counter() - t)


def fill_year(store: Store, now: datetime) -> None:
    with store.session() as s:
        repo = Repository(s)
        me = repo.set_profile(
            "bench-year",
            due_date=(now + timedelta(days=60)).date(),
            first_pregnancy=True,
            today=now.date(),
        )
        for d in range(DAYS, 0, -1):
            for k in range(PER_DAY):
                repo.add_entry(
                    me,
                    {
                        "at": now - timedelta(days=d, hours=5 * k),
                        "pain": 3 + (d + k) % 4,
                        "locations": ["lower_back"],
                        "helped": ["warm bath"],
                    },
                    now=now,
                )


def bench(url: str, label: str, entries: int, runs: int) -> None:
    kb = default_knowledge()
    store = open_store(url)
    now = datetime.now(UTC)
    try:
        rate = write_rate(store, entries)
        fill_year(store, now)
        with store.session() as s:
            repo = Repository(s)
            me = repo.require_person("bench-year")
            points = repo.pain_points(me)

            def pure() -> object:
                h = summarise_history(points, now)
                return assess(
                    with_additions({"pain_severity": 4}, {"gestational_weeks": 31}, h.additions),
                    None,
                    kb,
                )

            def with_db() -> object:
                ctx = context_for(repo, me, now)
                return assess(ctx.findings({"pain_severity": 4}), list(ctx.episodes), kb)

            check = with_db()
            pure_ms = timed(pure, runs)
            db_ms = timed(with_db, runs)
    finally:
        store.close()
    print(f"[{label}]")
    print(
        f"  diary entries written: {rate:,.0f} per second ({entries} entries, one transaction each)"
    )
    print(
        f"  a year of diary: {len(points)} entries ({PER_DAY} a day for {DAYS} days); result {check.urgency}"  # type: ignore[attr-defined]
        f" {[r.id for r in check.fired]}"
    )  # type: ignore[attr-defined]
    print(
        f"  assess with history from {len(points)} entries in memory (history.summarise_history): "
        f"median {pure_ms[0]:.2f} ms, p95 {pure_ms[1]:.2f} ms"
    )
    print(
        f"  assess with history read from the database (profile, a day a row, timing session): "
        f"median {db_ms[0]:.2f} ms, p95 {db_ms[1]:.2f} ms  (target < 5 ms: {'met' if db_ms[0] < 5 else 'NOT met'})"
    )


def postgres_schema_url(base: str) -> tuple[str, Callable[[], None]]:
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}", drop


def load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--db", default=os.environ.get("PREGBACK_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    print(f"pregback store benchmark; load average {load()} (figures grow with load)")
    with tempfile.TemporaryDirectory() as tmp:
        bench(
            f"sqlite:///{tmp}/bench.db",
            "SQLite file (WAL, synchronous=FULL)",
            args.entries,
            args.runs,
        )
    if args.db:
        url, drop = (
            postgres_schema_url(args.db)
            if args.db.startswith("postgresql")
            else (args.db, lambda: None)
        )
        try:
            bench(url, args.db.split("://")[0], args.entries, args.runs)
        finally:
            drop()


if __name__ == "__main__":
    main()
