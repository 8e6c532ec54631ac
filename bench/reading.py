"""Reading benchmark: pregback's reader beside a medspaCy pipeline built from the same lexicon.

    .venv/bin/python bench/reading.py [CASES.jsonl] [--seconds N]

Prints messages read per second on one core (CPU time of this process, so other load on the machine
counts less) and symptom F1 against the cases' gold findings, for both readers. medspaCy is an
optional benchmark dependency (`pip install medspacy`, with spaCy's blank English pipeline; no model
download): without it the script says so and prints pregback's figures alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEV_CASES = HERE.parent.parent / "shared" / "contract" / "dev-cases.jsonl"
BUILT_IN = [  # used when the development cases are not beside the project
    {
        "message": "33 weeks, my lower back aches in waves every 8 minutes. No bleeding but some pink discharge.",
        "findings": {"symptoms": {"vaginal_bleeding": "absent", "discharge_change": "present"}},
    },
    {
        "message": "I think my waters might have gone, 36 weeks, back ache",
        "findings": {"symptoms": {"fluid_leak": "present"}},
    },
    {
        "message": "28 weeks, both legs tingling and numb between my legs, couldn't pee this morning",
        "findings": {
            "symptoms": {
                "bilateral_leg_symptoms": "present",
                "leg_numbness_tingling": "present",
                "saddle_numbness": "present",
                "bladder_bowel_dysfunction": "present",
            }
        },
    },
    {
        "message": "20 weeks, upper back stiff after the computer, 3/10, not leaking I don't think",
        "findings": {"symptoms": {"fluid_leak": "absent"}},
    },
    {
        "message": "My wife is 34 weeks, she fainted and has a bad headache",
        "findings": {"symptoms": {"collapse": "present", "severe_headache": "present"}},
    },
]
MEDSPACY_CATEGORY = {
    "negated": "NEGATED_EXISTENCE",
    "possible": "POSSIBLE_EXISTENCE",
    "hedged_denial": "HEDGED_DENIAL",
    "historical": "HISTORICAL",
    "resolved": "RESOLVED",
    "hypothetical": "HYPOTHETICAL",
    "family": "FAMILY",
    "terminate": "TERMINATE",
    "pseudo": "PSEUDO",
}


def load_cases(path: Path | None) -> tuple[list[dict[str, Any]], str]:
    if path is None and DEV_CASES.exists():
        path = DEV_CASES
    if path is None:
        return BUILT_IN, "built-in examples"
    cases = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [c for c in cases if "message" in c], str(path)


def symptom_f1(cases: list[dict[str, Any]], read: Callable[[str], dict[str, str]]) -> float:
    """Symptom F1 as shared/contract/score.py counts it (a wrong polarity is a miss and a false hit)."""
    tp = fp = fn = 0
    for case in cases:
        gold = (case.get("findings") or {}).get("symptoms") or {}
        got = read(case["message"])
        for sid, value in gold.items():
            if sid not in got:
                fn += 1
            elif got[sid] == value:
                tp += 1
            else:
                fn += 1
                fp += 1
        fp += sum(1 for sid in got if sid not in gold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def rates(readers: list[Callable[[str], Any]], messages: list[str], seconds: float) -> list[float]:
    """Messages per CPU second of each reader, the best of three runs; the readers take turns, so
    a change in the load on the machine falls on all of them alike."""
    for read in readers:
        read(messages[0])  # warm up: the lexicon is loaded and compiled once
    best = [0.0] * len(readers)
    for _ in range(3):
        for i, read in enumerate(readers):
            start, n = time.process_time(), 0
            while time.process_time() - start < seconds / 3:
                for m in messages:
                    read(m)
                n += len(messages)
            best[i] = max(best[i], n / (time.process_time() - start))
    return best


def calibration() -> float:
    """CPU seconds for ten million Python additions: about 0.4 on an idle modern core. On a busy or
    slow machine every figure here is slower by about the same factor."""
    start, total = time.process_time(), 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - start


def pregback_reader() -> Callable[[str], dict[str, str]]:
    from pregback.reading import read

    return lambda message: read(message).findings.symptoms


def medspacy_reader() -> tuple[Callable[[str], dict[str, str]] | None, str]:
    """A medspaCy TargetMatcher + ConText pipeline from the same lexicon records, or why there is none."""
    try:
        import medspacy
        import spacy
        from medspacy.context import ConTextRule
        from medspacy.target_matcher import TargetRule
        from spacy.tokens import Span
    except ImportError as exc:
        return None, f"medspaCy is not installed ({exc.name}); `pip install medspacy` to compare"
    from pregback.reading.compiled import compiled_for
    from pregback.reading.context import EFFECTS
    from pregback.reading.lexicon import expand, literal_regex
    from pregback.reading.text import fold

    c = compiled_for()
    for attr in ("is_resolved", "is_hedged"):
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=False)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = nlp.add_pipe("medspacy_target_matcher")
    rules = []
    for group in c.groups:
        target = group.target
        if target.layer != "symptom" or target.finding == "pseudo":
            continue
        p = target.phrase
        pattern = expand(p.pattern, c.macro, p.literal) if p.pattern else literal_regex(p.literal)
        rules.append(
            TargetRule(
                p.literal,
                target.finding,
                pattern=pattern,
                metadata={
                    "sets": target.sets,
                    "negated_only": p.negated_only,
                    "history": target.finding in c.vocab.history,
                },
            )
        )
    matcher.add(rules)
    attrs = {
        "NEGATED_EXISTENCE": {"is_negated": True},
        "POSSIBLE_EXISTENCE": {"is_uncertain": True},
        "HEDGED_DENIAL": {"is_negated": True, "is_uncertain": True},
        "HISTORICAL": {"is_historical": True},
        "RESOLVED": {"is_resolved": True},
        "HYPOTHETICAL": {"is_hypothetical": True},
        "FAMILY": {"is_family": True},
    }
    context = nlp.add_pipe("medspacy_context", config={"rules": None, "span_attrs": attrs})
    crules = []
    for cue in c.lexicon.cues.cues:
        pattern = (
            expand(cue.pattern, c.macro, cue.literal) if cue.pattern else literal_regex(cue.literal)
        )
        crules.append(
            ConTextRule(
                cue.literal,
                MEDSPACY_CATEGORY[cue.category],
                pattern=pattern,
                direction=cue.direction.upper(),
                max_scope=cue.max_scope or c.default_max_scope,
            )
        )
    # the clause ends of cues.yaml, as terminating rules
    crules.append(
        ConTextRule(
            "clause end",
            "TERMINATE",
            pattern=c.lexicon.cues.clause_break.replace("\n", ""),
            direction="TERMINATE",
        )
    )
    context.add(crules)
    assert EFFECTS  # the same cue kinds; their effects are applied below as pregback applies them

    def read(message: str) -> dict[str, str]:
        doc = nlp(fold(message))
        said: dict[str, list[str]] = {}
        for ent in doc.ents:
            meta = ent._.target_rule.metadata or {}
            if ent._.is_hypothetical or ent._.is_family:
                continue
            negated = ent._.is_negated
            for i, (sid, value) in enumerate(meta.get("sets", ())):
                if sid not in c.vocab.symptoms or (i > 0 and negated):
                    continue
                if i == 0 and meta.get("negated_only") and not negated:
                    continue
                if negated:
                    value = "absent" if value == "present" else "present"
                if ent._.is_resolved:
                    value = "absent"
                if ent._.is_historical and sid not in c.vocab.history:
                    continue
                said.setdefault(sid, []).append(value)
        return {
            sid: (
                "absent"
                if sid in c.vocab.protective and "absent" in v
                else "present"
                if "present" in v
                else "absent"
            )
            for sid, v in said.items()
        }

    return read, f"medspaCy {medspacy.__version__} (spaCy {spacy.__version__}, blank English)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "cases", nargs="?", type=Path, help="a JSON-lines file of cases (default: the dev cases)"
    )
    ap.add_argument(
        "--seconds", type=float, default=6.0, help="CPU seconds per reader for the speed run"
    )
    args = ap.parse_args(argv)
    cases, where = load_cases(args.cases)
    messages = [c["message"] for c in cases]
    print(f"cases: {len(cases)} messages from {where}")
    print(f"{'reader':<12} {'symptom F1':>10} {'msgs/s':>10}")
    ours = pregback_reader()
    theirs, label = medspacy_reader()
    speed = rates([ours] if theirs is None else [ours, theirs], messages, args.seconds)
    print(f"{'pregback':<12} {symptom_f1(cases, ours):>10.3f} {speed[0]:>10.0f}")
    if theirs is None:
        print(f"{'medspaCy':<12} {'-':>10} {'-':>10}   {label}")
    else:
        print(f"{'medspaCy':<12} {symptom_f1(cases, theirs):>10.3f} {speed[1]:>10.0f}   {label}")
        print(f"pregback reads {speed[0] / speed[1]:.1f} times as many messages per second")
    print(
        "msgs/s: messages per CPU second on one core (best of three); F1: symptoms against gold findings"
    )
    print(
        f"this core: {calibration():.2f} CPU s for 10 million Python additions (about 0.4 s idle)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
