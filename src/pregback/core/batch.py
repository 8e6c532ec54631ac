"""The batch contract: one JSON case per line in, one result (or error) line per case out, in order.

Owns: turning a case into a result dict, and a bad case into an error dict. Never: stop at a bad
line, read `expected`, or print (the CLI writes the lines).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pregback.core.findings import parse_findings
from pregback.core.jsonlimits import JSONLimitError, loads
from pregback.core.labour import summarise
from pregback.core.triage import Assessment, evaluate
from pregback.errors import PregbackError, Problem
from pregback.knowledge import KnowledgeBase, default_knowledge

CASE_KEYS = ("id", "findings", "message", "episodes", "expected")


def assess_case(case: Any, kb: KnowledgeBase | None = None) -> tuple[Assessment, dict[str, Any]]:
    """Assess one case; return the Assessment and its contract result line. Raises PregbackError."""
    result, line, _ = assess_case_reading(case, kb)
    return result, line


def assess_case_reading(
    case: Any, kb: KnowledgeBase | None = None
) -> tuple[Assessment, dict[str, Any], Any]:
    """`assess_case`, and the Reading of the case's message when it was read (else None), so that
    a caller showing the reading reads the message once."""
    kb = kb or default_knowledge()
    reading = None
    if not isinstance(case, dict):
        raise PregbackError(
            Problem("case", case, "a JSON object", "is not an object"), code="invalid_case"
        )
    unknown = [k for k in case if k not in CASE_KEYS]
    if unknown:
        raise PregbackError(
            Problem(unknown[0], case[unknown[0]], ", ".join(CASE_KEYS), "is not a case key"),
            code="invalid_case",
        )
    if not any(k in case for k in ("findings", "message", "episodes")):
        raise PregbackError(
            Problem(
                "case",
                sorted(case),
                "at least one of findings, message, episodes",
                "has nothing to assess",
            ),
            code="invalid_case",
        )
    timing = summarise(case["episodes"], kb.timing) if case.get("episodes") is not None else None
    extra: dict[str, Any] = {}
    if "findings" in case:
        found = parse_findings(case["findings"], kb)
    elif "message" in case:
        message = case["message"]
        if not isinstance(message, str):
            raise PregbackError(
                Problem("message", message, "a string", "is not text"), code="invalid_case"
            )
        from pregback.core.reading import read

        reading = read(message, kb=kb, today=date.today())
        found = reading.findings
        extra["uncertain"] = sorted(reading.uncertain)
    else:
        found = parse_findings({}, kb)
    result = evaluate(found, timing, kb)
    line = {
        "id": case.get("id"),
        "urgency": result.urgency,
        "causes": result.cause_ids,
        "findings": result.findings.to_dict(),
        "rules": [r.id for r in result.fired],
        **extra,
    }
    return result, line, reading


def run_lines(lines: Iterable[str], kb: KnowledgeBase | None = None) -> Iterator[dict[str, Any]]:
    """Each non-blank line gives exactly one output dict, in order; errors never stop the run."""
    kb = kb or default_knowledge()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        case_id: Any = None
        try:
            case = loads(raw, what=f"line {number}")
        except JSONLimitError as exc:
            error = exc.to_dict()
            error["message"] = f"line {number}: {exc}" if exc.problems[0].field else str(exc)
            yield {"id": None, "line": number, "error": error}
            continue
        if isinstance(case, dict):
            case_id = case.get("id")
        try:
            _, line = assess_case(case, kb)
        except PregbackError as exc:
            yield {"id": case_id, "line": number, "error": exc.to_dict()}
            continue
        except RecursionError:
            yield {
                "id": case_id,
                "line": number,
                "error": {"code": "invalid_case", "message": "the case is nested too deeply"},
            }
            continue
        except Exception as exc:  # a fault of pregback's own: this line says so, the rest go on
            yield {
                "id": case_id,
                "line": number,
                "error": {
                    "code": "internal_error",
                    "message": f"line {number}: pregback could not assess this case "
                    f"({type(exc).__name__}); please report it",
                },
            }
            continue
        yield line
