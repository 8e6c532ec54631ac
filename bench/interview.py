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
contract's development cases (beside the repository) and the project's own case sets.
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
LEVELS = ("self_care", "routine", "same_day", "urgent", "emergency")
RANK = {level: i for i, level in enumerate(LEVELS)}


def default_files() -> list[Path]:
    files = [ROOT.parent / "shared" / "contract" / "dev-cases.jsonl"]
    files += sorted((ROOT / "tests" / "cases").glob("*.jsonl"))
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
        present = [c["id"] for c in question["items"] if symptoms.get(c["id"]) == "present"]
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


def run_case(port: int, case: dict[str, Any]) -> tuple[str, int, int, bool]:
    """(final urgency, screens, items shown, ended at the first reply)."""
    truth = case.get("findings", {})
    body: dict[str, Any] = {"message": case["message"], "answers": []}
    if case.get("episodes"):
        body["episodes"] = case["episodes"]
    items = 0
    for screens in range(40):
        reply = post(port, body)
        if reply["done"]:
            return reply["assessment"]["urgency"], screens, items, screens == 0
        question = reply["question"]
        items += len(question["items"]) if question["kind"] == "symptoms" else 1
        if question["kind"] == "form":
            items += len(question["fields"]) - 1
        body["answers"].append({"question": question["id"], "answer": truthful(question, truth)})
    raise RuntimeError(f"{case['id']}: the interview did not end")


def bench_file(port: int, path: Path) -> str:
    cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    cases = [c for c in cases if "message" in c and "expected" in c]
    agree = 0
    severe: list[str] = []
    screens: list[int] = []
    items: list[int] = []
    emergency_first = emergency_total = 0
    for case in cases:
        expected = case["expected"]["urgency"]
        first_reply = post(port, {"message": case["message"], "episodes": case.get("episodes")})
        from_message = first_reply["assessment"]["urgency"] == "emergency"
        urgency, n, shown, ended_first = run_case(port, case)
        agree += urgency == expected
        if expected in ("urgent", "emergency") and RANK[urgency] < RANK[expected]:
            severe.append(f"{case['id']} ({expected} -> {urgency})")
        screens.append(n)
        items.append(shown)
        if from_message:
            emergency_total += 1
            emergency_first += ended_first
    n = len(cases)
    line = (
        f"{path.name}: cases {n}  agreement {agree / n:.3f}  severe under-triage {len(severe)}  "
        f"screens median {statistics.median(screens):g} max {max(screens)}  "
        f"items median {statistics.median(items):g}  "
        f"emergency from the message ended at the first reply {emergency_first}/{emergency_total}"
    )
    if severe:
        line += "\n  severe: " + ", ".join(severe)
    return line


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or default_files()
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "pregback"), "serve", "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
        for path in files:
            print(bench_file(port, path), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
