"""Evaluation: score pregback on a case file with the contract's metrics, and list the misses.

Owns: the structured run, the text run and the reading scores of shared/contract/README.md.
Never: change a result to fit a case; `expected` is read here and only here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pregback.core.batch import assess_case
from pregback.core.jsonlimits import JSONLimitError, loads
from pregback.errors import PregbackError, Problem
from pregback.knowledge import KnowledgeBase, default_knowledge
from pregback.knowledge.schema import URGENCY_LEVELS

RANK = {lvl: i for i, lvl in enumerate(URGENCY_LEVELS)}


@dataclass
class Miss:
    id: str
    expected: str
    got: str | None
    expected_causes: list[str]
    causes: list[str]
    rules: list[str]


@dataclass
class RunScore:
    cases: int = 0
    agreement: float = 0.0
    under_triage: float = 0.0
    over_triage: float = 0.0
    safe_advice: float = 0.0
    severe_cases: int = 0
    severe_under_triaged: int = 0
    cause_recall_at_3: float = 0.0
    no_result: int = 0
    misses: list[Miss] = field(default_factory=list)
    cause_misses: list[Miss] = field(default_factory=list)


@dataclass
class ReadingScore:
    symptom_precision: float = 0.0
    symptom_recall: float = 0.0
    symptom_f1: float = 0.0
    wrong_polarity: int = 0
    scalar_accuracy: float = 0.0
    errors: list[str] = field(default_factory=list)


def load_cases(lines: Iterable[str]) -> list[dict[str, Any]]:
    """The scored cases of a case file; PregbackError naming the line and field of the first
    fault (no cases at all is a fault too: a score of nothing would read as a perfect score)."""
    cases = []
    seen: set[str] = set()
    levels = ", ".join(URGENCY_LEVELS)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = loads(line, what=f"line {number}")
        except JSONLimitError as exc:
            raise PregbackError(
                f"line {number}: {exc}" if exc.problems[0].field else str(exc)
            ) from None
        if not isinstance(case, dict):
            raise PregbackError(Problem(f"line {number}", case, "a JSON object", "is not a case"))
        expected = case.get("expected")
        if not isinstance(expected, dict) or "urgency" not in expected:
            raise PregbackError(
                Problem(f"line {number}: expected.urgency", None, levels, "is missing")
            )
        if expected["urgency"] not in URGENCY_LEVELS:
            raise PregbackError(
                Problem(
                    f"line {number}: expected.urgency",
                    expected["urgency"],
                    levels,
                    "is not a level",
                )
            )
        causes = expected.get("causes")
        if causes is not None and not (
            isinstance(causes, list) and all(isinstance(c, str) for c in causes)
        ):
            raise PregbackError(
                Problem(f"line {number}: expected.causes", causes, "a list of cause ids")
            )
        case_id = case.get("id")
        if not isinstance(case_id, str) or not case_id:
            raise PregbackError(Problem(f"line {number}: id", case_id, "a string naming the case"))
        if case_id in seen:
            raise PregbackError(
                Problem(f"line {number}: id", case_id, "an id used once", "is used twice")
            )
        seen.add(case_id)
        cases.append(case)
    if not cases:
        raise PregbackError(
            Problem("", None, "", "there are no cases to score (one JSON case per line)")
        )
    return cases


def _run(
    cases: list[dict[str, Any]], keep: str, kb: KnowledgeBase
) -> tuple[RunScore, dict[str, dict[str, Any]]]:
    results: dict[str, dict[str, Any]] = {}
    for case in cases:
        sub = {"id": case["id"], keep: case[keep]}
        if "episodes" in case:
            sub["episodes"] = case["episodes"]
        try:
            _, line = assess_case(sub, kb)
        except PregbackError:
            continue
        results[case["id"]] = line
    return _score(cases, results), results


def _score(cases: list[dict[str, Any]], results: dict[str, dict[str, Any]]) -> RunScore:
    s = RunScore(cases=len(cases))
    agree = under = over = unsafe = hits = recall_n = 0
    for case in cases:
        want = case["expected"]["urgency"]
        got = results.get(case["id"], {})
        level = got.get("urgency")
        expected_causes = case["expected"].get("causes") or []
        miss = Miss(
            case["id"], want, level, expected_causes, got.get("causes", []), got.get("rules", [])
        )
        severe = RANK[want] >= RANK["urgent"]
        s.severe_cases += severe
        if level not in RANK:
            s.no_result += 1
            under += 1
            unsafe += 1
            s.severe_under_triaged += severe
            s.misses.append(miss)
            continue
        if RANK[level] < RANK[want] - 1:
            unsafe += 1
        if level == want:
            agree += 1
        else:
            s.misses.append(miss)
            if RANK[level] < RANK[want]:
                under += 1
                s.severe_under_triaged += severe
            else:
                over += 1
        if expected_causes:
            recall_n += 1
            if any(c in miss.causes[:3] for c in expected_causes):
                hits += 1
            else:
                s.cause_misses.append(miss)
    n = len(cases) or 1
    s.agreement, s.under_triage, s.over_triage = agree / n, under / n, over / n
    s.safe_advice = 1 - unsafe / n
    s.cause_recall_at_3 = hits / recall_n if recall_n else 0.0
    return s


def _reading(cases: list[dict[str, Any]], results: dict[str, dict[str, Any]]) -> ReadingScore:
    tp = fp = fn = wrong = ok = n = 0
    r = ReadingScore()
    for case in cases:
        gold = case.get("findings") or {}
        got = (results.get(case["id"]) or {}).get("findings") or {}
        gold_s, got_s = gold.get("symptoms") or {}, got.get("symptoms") or {}
        for sid, value in gold_s.items():
            if sid not in got_s:
                fn += 1
                r.errors.append(f"{case['id']}: missed {sid}={value}")
            elif got_s[sid] == value:
                tp += 1
            else:
                wrong += 1
                fn += 1
                fp += 1
                r.errors.append(f"{case['id']}: {sid} read {got_s[sid]}, expected {value}")
        for sid in got_s:
            if sid not in gold_s:
                fp += 1
                r.errors.append(f"{case['id']}: extra {sid}={got_s[sid]}")
        for key, value in gold.items():
            if key == "symptoms":
                continue
            n += 1
            mine = got.get(key)
            if isinstance(value, list):
                good = sorted(value) == sorted(mine or [])
            elif isinstance(value, int | float) and isinstance(mine, int | float):
                good = abs(value - mine) <= max(0.5, 0.1 * abs(value))
            else:
                good = value == mine
            ok += good
            if not good:
                r.errors.append(f"{case['id']}: {key} read {mine!r}, expected {value!r}")
    r.symptom_precision = tp / (tp + fp) if tp + fp else 0.0
    r.symptom_recall = tp / (tp + fn) if tp + fn else 0.0
    p, rc = r.symptom_precision, r.symptom_recall
    r.symptom_f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    r.wrong_polarity = wrong
    r.scalar_accuracy = ok / n if n else 0.0
    return r


def evaluate_cases(
    cases: list[dict[str, Any]], kb: KnowledgeBase | None = None, text: bool = True
) -> dict[str, Any]:
    """The contract's report: structured run, text run and reading scores."""
    kb = kb or default_knowledge()
    with_findings = [c for c in cases if "findings" in c]
    structured, _ = _run(with_findings, "findings", kb)
    report: dict[str, Any] = {"structured": structured}
    with_message = [c for c in cases if "message" in c]
    if text and with_message:
        text_score, text_results = _run(with_message, "message", kb)
        report["text"] = text_score
        report["reading"] = _reading([c for c in with_message if "findings" in c], text_results)
    return report
