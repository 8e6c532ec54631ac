"""Probe case sets written from TRIAGE.md by other authors (tests/cases/README.md): text runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pregback.core import batch
from pregback.core.eval import evaluate_cases, load_cases

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("name", ["probes-1.jsonl", "probes-2.jsonl", "probes-3.jsonl"])
def test_probe_cases_meet_the_bars(name: str) -> None:
    cases = load_cases((CASES / name).read_text(encoding="utf-8").splitlines())
    report = evaluate_cases(cases)
    text, reading = report["text"], report["reading"]
    # safety first: nothing that deserves emergency or urgent is read down, whatever the wording
    assert text.severe_under_triaged == 0, [(m.id, m.expected, m.got) for m in text.misses]
    assert text.agreement >= 0.95, [(m.id, m.expected, m.got) for m in text.misses]
    assert reading.symptom_f1 >= 0.95
    assert reading.scalar_accuracy >= 0.95
    # the same cases with their findings given: the rules agree with the authors' reading of TRIAGE.md
    assert report["structured"].agreement >= 0.95


#: The blind written sets the reader grew on, with the symptom recall each reached (held at that)
GROWN_ON = {
    "written-4.jsonl": 0.88,
    "written-5.jsonl": 0.88,
    "written-6.jsonl": 0.88,
    "written-8.jsonl": 0.88,
    "written-9.jsonl": 0.93,
    "written-10.jsonl": 0.88,
    "written-11.jsonl": 0.96,
    "written-12.jsonl": 0.90,
    "written-13.jsonl": 0.92,
    "written-14.jsonl": 0.86,
    "written-15.jsonl": 0.88,
    "written-16.jsonl": 0.92,
    "written-17.jsonl": 0.87,
    "written-18.jsonl": 0.93,
    "written-19.jsonl": 0.88,
    "written-20.jsonl": 0.93,
    "written-21.jsonl": 0.95,
    "written-22.jsonl": 0.96,
    "written-23.jsonl": 0.88,
    "written-24.jsonl": 0.89,
    "written-25.jsonl": 0.95,
    "written-26.jsonl": 0.84,
    "written-27.jsonl": 0.79,
    "written-28.jsonl": 0.92,
    "written-29.jsonl": 0.80,
    "written-30.jsonl": 0.95,  # (w30-009 read right since the seventh session: "now it's back")
    "written-31.jsonl": 0.92,
    "written-32.jsonl": 0.86,
    "written-33.jsonl": 0.92,
    "written-34.jsonl": 0.86,
    "written-35.jsonl": 0.80,
    "written-36.jsonl": 0.86,
    # fifth session (written-41 keeps one read down: docs/reading.md)
    "written-37.jsonl": 0.86,
    "written-38.jsonl": 0.94,
    "written-39.jsonl": 0.83,
    "written-40.jsonl": 0.88,
    "written-42.jsonl": 0.83,
    "written-43.jsonl": 0.86,
    "written-44.jsonl": 0.87,
    "written-45.jsonl": 0.77,
    "written-46.jsonl": 0.93,
    # sixth session
    "written-47.jsonl": 0.88,
    "written-48.jsonl": 0.94,
    "written-49.jsonl": 0.90,
    "written-50.jsonl": 0.95,
    "written-51.jsonl": 0.90,
    "written-52.jsonl": 0.85,
    "written-53.jsonl": 0.89,
    "written-54.jsonl": 0.86,
    "written-55.jsonl": 0.97,
    # seventh session (written-57 keeps one read down: docs/reading.md)
    "written-56.jsonl": 0.90,
    "written-58.jsonl": 0.92,
    "written-59.jsonl": 0.79,
    "written-60.jsonl": 0.87,
    "written-61.jsonl": 0.86,
    "written-62.jsonl": 0.75,
    "written-63.jsonl": 0.89,
    "written-64.jsonl": 0.84,
    "written-65.jsonl": 0.81,
    "written-66.jsonl": 0.84,
    "written-67.jsonl": 0.96,
    "written-68.jsonl": 0.84,
    "written-69.jsonl": 0.84,
    "written-70.jsonl": 0.97,
    # eighth session
    "written-71.jsonl": 0.89,
    "written-72.jsonl": 0.91,
    "written-73.jsonl": 0.84,
    "written-74.jsonl": 0.87,
    "written-75.jsonl": 0.82,
    "written-76.jsonl": 0.91,
    "written-77.jsonl": 0.87,
    "written-78.jsonl": 0.94,
    # ninth session (written-87, -88 and -90 keep one read down each: docs/reading.md)
    "written-79.jsonl": 0.92,
    "written-80.jsonl": 0.91,
    "written-81.jsonl": 0.93,
    "written-82.jsonl": 0.96,
    "written-83.jsonl": 0.91,
    "written-84.jsonl": 0.84,
    "written-85.jsonl": 0.93,
    "written-86.jsonl": 0.91,
    "written-89.jsonl": 0.93,
    "written-91.jsonl": 0.91,
    "written-92.jsonl": 0.83,
    "written-93.jsonl": 0.82,
    "written-94.jsonl": 0.96,
    "written-95.jsonl": 0.93,
}


class _WrittenDay(date):
    """The day the written sets were written for: their due dates and weekdays count from it."""

    @classmethod
    def today(cls) -> date:
        return date(2026, 12, 7)


@pytest.mark.parametrize("name", sorted(GROWN_ON))
def test_blind_written_sets_read_no_severe_case_down(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The blind written sets the reader grew on (docs/reading.md): no urgent or emergency case is
    read down, the symptoms are read at least as well as after that growth, and the rules agree
    with every author's reading of TRIAGE.md."""
    monkeypatch.setattr(batch, "date", _WrittenDay)  # "due 3rd jan" is read as on that day
    cases = load_cases((CASES / "written" / name).read_text(encoding="utf-8").splitlines())
    report = evaluate_cases(cases)
    text, reading = report["text"], report["reading"]
    assert text.severe_under_triaged == 0, [(m.id, m.expected, m.got) for m in text.misses]
    assert reading.symptom_recall >= GROWN_ON[name]
    assert report["structured"].agreement == 1.0
