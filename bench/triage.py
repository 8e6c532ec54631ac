"""Structured assessments per second on one core, and how fast `pregback --help` starts.

    .venv/bin/python bench/triage.py [--n 20000]

Prints figures; asserts nothing (timings belong here, not in tests). Targets of the core issue:
>= 20,000 assessments per second (<= 50 us each) and `pregback --help` under 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pregback.core.findings import parse_findings
from pregback.core.triage import assess, evaluate
from pregback.knowledge import default_knowledge

CASES = Path(__file__).resolve().parents[2] / "shared" / "contract" / "dev-cases.jsonl"


def random_findings(kb: Any, rng: random.Random) -> dict[str, Any]:
    """Findings as a triage line sees them: a week, a few scalars, a handful of symptoms."""
    out: dict[str, Any] = {"gestational_weeks": rng.randint(4, 42)}
    if rng.random() < 0.7:
        out["pain_severity"] = rng.randint(1, 9)
    if rng.random() < 0.6:
        out["pain_locations"] = rng.sample(sorted(kb.locations), rng.randint(1, 2))
    if rng.random() < 0.4:
        out["pain_duration_days"] = round(rng.uniform(0.1, 40), 1)
    if rng.random() < 0.3:
        out["pattern"] = rng.choice(["constant", "intermittent", "rhythmic"])
    if rng.random() < 0.2:
        out["episode_interval_min"] = round(rng.uniform(2, 30), 1)
    symptoms = rng.sample(sorted(kb.symptoms), rng.randint(0, 6))
    out["symptoms"] = {s: rng.choice(["present", "absent"]) for s in symptoms}
    return out


def rate(label: str, items: list[Any], fn: Any, repeat: int = 5) -> None:
    for x in items[:200]:
        fn(x)  # warm the caches a long-running service would have
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for x in items:
            fn(x)
        runs.append((time.perf_counter() - start) / len(items))
    best, med = min(runs), statistics.median(runs)
    print(
        f"{label:<46} {1 / med:>10,.0f} /s   median {med * 1e6:6.1f} us   best {best * 1e6:6.1f} us"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    kb = default_knowledge()
    rng = random.Random(20261123)
    varied = [random_findings(kb, rng) for _ in range(args.n)]
    print(
        f"pregback core benchmark: python {sys.version.split()[0]}, knowledge {kb.version}, one core"
    )
    rate(f"assess(findings dict), {args.n:,} varied", varied, lambda f: assess(f, kb=kb))
    checked = [parse_findings(f, kb) for f in varied]
    rate("evaluate(checked Findings), same inputs", checked, lambda f: evaluate(f, None, kb))
    if CASES.exists():
        dev = [
            json.loads(line)["findings"] for line in CASES.read_text().splitlines() if line.strip()
        ]
        dev = [f for f in dev if f] * (args.n // len(dev) + 1)
        rate("assess(findings dict), development cases", dev[: args.n], lambda f: assess(f, kb=kb))
    start = time.perf_counter()
    from pregback.knowledge import load_knowledge

    load_knowledge()
    print(
        f"{'knowledge base load + validation':<46} {1e3 * (time.perf_counter() - start):10.1f} ms"
    )
    exe = Path(sys.executable).parent / "pregback"
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(exe), "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(f"{'pregback --help (median of 5)':<46} {statistics.median(times):10.3f} s")


if __name__ == "__main__":
    main()
