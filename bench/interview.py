"""A simulated patient over the HTTP API: how many screens the interview takes, and whether it ends
at the right level.

    .venv/bin/python bench/interview.py [CASES.jsonl ...]

Starts `pregback serve` on 127.0.0.1 (a free port) and, for each case with a message, sends the
message to POST /v1/interview, then answers every question truthfully from the case's findings:
a symptom not in the findings is absent, a value not in them is "don't know" (null). It replays the
whole conversation each time, as a stateless client does. Prints per file: agreement with TRIAGE.md
on the completed truth (the case's expected urgency), severe under-triage, screens (median, max),
items shown (median), and, of the cases whose message alone reads as an emergency, how many end at
the first reply. Asserts nothing. Only loopback is contacted. With no file named, it runs the
contract's development cases (beside the repository), tests/cases/probes-*.jsonl and
tests/cases/real/real-*.jsonl, and a line "all" over every case.

It runs twice: "as read" (she accepts what was read from her message) and "checked" (she first
corrects what was misread, as the web app and the terminal let her: a symptom read wrongly is set
to the truth, a value read wrongly is marked wrong so that it is asked; sent as `corrections`).
Screens count the questions only, not the check of what was read.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
LEVELS = ("self_care", "routine", "same_day", "urgent", "emergency")
RANK = {level: i for i, level in enumerate(LEVELS)}
HOW = {
    False: "she accepts what was read from her message and answers the questions",
    True: "she first corrects what was misread (corrections), then answers the questions",
}


def default_files() -> list[Path]:
    files = [ROOT.parent / "shared" / "contract" / "dev-cases.jsonl"]
    files += sorted((ROOT / "tests" / "cases").glob("probes-*.jsonl"))
    files += sorted((ROOT / "tests" / "cases" / "real").glob("real-*.jsonl"))
    return [f for f in files if f.exists()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def post(port: int, body: dict[str, Any]) -> dict[str, Any]:
    req = urllib.request.Request(
        f"http://{HOST}:{port}/v1/interview",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return dict(json.load(resp))
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"{exc.code}: {exc.read()[:400]!r}") from None


def truthful(question: dict[str, Any], truth: dict[str, Any]) -> Any:
    symptoms = truth.get("symptoms", {})
    if question["kind"] == "symptoms":
        present = [  # an item that stands for a group of signs: ticked if she has any of them
            c["id"]
            for c in question["items"]
            if any(symptoms.get(m) == "present" for m in c.get("members") or [c["id"]])
        ]
        return present or "none"
    if question["kind"] == "form":
        values = {
            f["id"]: (symptoms.get(f["id"]) == "present")
            if f["type"] == "yesno"
            else truth.get(f["id"])
            for f in question["fields"]
        }
        return None if all(v is None for v in values.values()) else values
    key = "pattern" if question["id"] == "pattern_check" else question["id"]
    return truth.get(key)


def corrections_for(reading: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """What she changes when she checks what was read (yes / no / not sure): a symptom read
    wrongly is set to the truth (not in the truth: she does not have it); a value read wrongly is
    marked wrong (null), so the interview asks it."""
    read = reading.get("findings", {})
    said = truth.get("symptoms", {})
    out: dict[str, Any] = {}
    for sid, status in read.get("symptoms", {}).items():
        if status != said.get(sid, "absent"):
            out[sid] = said.get(sid, "absent")
    for key, value in read.items():
        if key == "symptoms":
            continue
        want = truth.get(key)
        same = sorted(value) == sorted(want) if isinstance(value, list) and want else value == want
        if not same:
            out[key] = None
    return out


def run_case(port: int, case: dict[str, Any], start: dict[str, Any]) -> tuple[str, int, int]:
    """(final urgency, screens, items shown) from the first request `start`."""
    truth = case.get("findings", {})
    body: dict[str, Any] = {**start, "answers": []}
    items = 0
    for screens in range(40):
        reply = post(port, body)
        if reply["done"]:
            return reply["assessment"]["urgency"], screens, items
        question = reply["question"]
        items += len(question["items"]) if question["kind"] == "symptoms" else 1
        if question["kind"] == "form":
            items += len(question["fields"]) - 1
        body["answers"].append({"question": question["id"], "answer": truthful(question, truth)})
    raise RuntimeError(f"{case['id']}: the interview did not end")


class Figures:
    """The figures of one run over some cases."""

    def __init__(self) -> None:
        self.cases = self.agree = self.emergency_first = self.emergency_total = 0
        self.severe: list[str] = []
        self.screens: list[int] = []
        self.items: list[int] = []
        self.corrected: list[int] = []

    def add(self, other: Figures) -> None:
        for name in ("cases", "agree", "emergency_first", "emergency_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.severe += other.severe
        self.screens += other.screens
        self.items += other.items
        self.corrected += other.corrected

    def line(self, name: str) -> str:
        out = (
            f"{name}: cases {self.cases}  agreement {self.agree / self.cases:.3f}  "
            f"severe under-triage {len(self.severe)}  screens median "
            f"{statistics.median(self.screens):g} max {max(self.screens)}  items median "
            f"{statistics.median(self.items):g}  emergency from the message ended at the first "
            f"reply {self.emergency_first}/{self.emergency_total}"
        )
        if any(self.corrected):
            with_any = sum(1 for c in self.corrected if c)
            out += f"  corrected {with_any} messages ({sum(self.corrected)} items)"
        if self.severe:
            out += "\n  severe: " + ", ".join(self.severe)
        return out


def bench_file(port: int, path: Path, check: bool) -> Figures:
    cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    cases = [c for c in cases if "message" in c and "expected" in c]
    got = Figures()
    for case in cases:
        expected = case["expected"]["urgency"]
        first: dict[str, Any] = {"message": case["message"]}
        if case.get("episodes"):
            first["episodes"] = case["episodes"]
        first_reply = post(port, first)
        corrected = 0
        if check:  # she checks what was read before any question
            first["corrections"] = corrections_for(first_reply["reading"] or {}, case["findings"])
            corrected = len(first["corrections"])
            first_reply = post(port, first)
        from_message = first_reply["assessment"]["urgency"] == "emergency"
        ended_first = bool(first_reply["done"])
        urgency, n, shown = run_case(port, case, first)
        got.cases += 1
        got.agree += urgency == expected
        if expected in ("urgent", "emergency") and RANK[urgency] < RANK[expected]:
            got.severe.append(f"{case['id']} ({expected} -> {urgency})")
        got.screens.append(n)
        got.items.append(shown)
        got.corrected.append(corrected)
        if from_message:
            got.emergency_total += 1
            got.emergency_first += ended_first
    return got


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or default_files()
    port = free_port()
    folder = tempfile.mkdtemp(prefix="pregback-bench-interview-")
    env = {  # a database of its own, and no rate limit: one simulated patient sends many requests
        **os.environ,
        "PREGBACK_DATABASE_URL": f"sqlite:///{folder}/bench.db",
        "PREGBACK_RATE_LIMIT": "0",
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "pregback"), "serve", "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://{HOST}:{port}/health", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        for check, title in ((False, "as read"), (True, "checked")):
            print(f"## {title}: {HOW[check]}", flush=True)
            everything = Figures()
            for path in files:
                got = bench_file(port, path, check)
                everything.add(got)
                print(got.line(path.name), flush=True)
            print(everything.line("all"), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
