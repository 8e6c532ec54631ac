"""Reading benchmark: the reader's speed targets, and pregback beside a medspaCy pipeline.

    .venv/bin/python bench/reading.py [CASES.jsonl] [--seconds N]

Prints (1) the first read() in a fresh process (knowledge base loaded, lexicon compiled); (2) the
time to read a 600-character and a 10,000-character message, median and p99 over many runs, and how
the time grows with length (CPU time of this process on one core, so other load on the machine
counts less); (3) messages read per second and symptom F1 against the cases' gold findings, for
pregback and for a medspaCy TargetMatcher + ConText pipeline built from the same lexicon records.
medspaCy is an optional benchmark dependency (`pip install medspacy`, spaCy's blank English
pipeline; no model download): without it the script says so and prints pregback's figures alone.
Targets (issue 11): first read < 0.5 s; 600 characters < 5 ms and 10,000 < 100 ms at p99; linear.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
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
    "past": "HISTORICAL",  # (medspaCy has no "earlier in this pregnancy": the nearest kind)
    "ongoing": "PSEUDO",
    "resolved": "RESOLVED",
    "resolved_before": "RESOLVED",  # (medspaCy has no "the finding told before": the nearest kind)
    "hypothetical": "HYPOTHETICAL",
    "advice": "HYPOTHETICAL",
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


FIRST_READ = (
    "import time, pregback.core.reading as r; t = time.process_time(); "
    "r.read('33 weeks, lower back pain every 5 minutes, no bleeding'); "
    "print(time.process_time() - t)"
)


def first_read() -> float:
    """CPU seconds for the first read() in a fresh process (the median of three processes), like
    the other figures: other load on the machine counts less."""
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST_READ], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    return statistics.median(runs)


def text_of(messages: list[str], size: int, shift: int) -> str:
    """A message of `size` characters made of the cases' own messages, from a different start."""
    joined = " ".join(messages[shift % len(messages) :] + messages[: shift % len(messages)])
    while len(joined) < size:
        joined += " " + joined
    return joined[:size]


def latency(messages: list[str], size: int, runs: int) -> tuple[float, float]:
    """Median and p99 CPU milliseconds to read a message of `size` characters."""
    from pregback.core.reading import read

    times = []
    for i in range(runs):
        text = text_of(messages, size, i)
        start = time.process_time()
        read(text)
        times.append((time.process_time() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def pregback_reader() -> Callable[[str], dict[str, str]]:
    from pregback.core.reading import read

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
    from pregback.core.reading.compiled import compiled_for
    from pregback.core.reading.context import EFFECTS
    from pregback.core.reading.normal import fold
    from pregback.knowledge.lexicon_load import expand, literal_regex

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
    print(f"first read() in a fresh process: {first_read():.3f} s (target < 0.5 s)")
    pregback_reader()(messages[0])
    for size, runs, target in ((600, 2000, 5), (10_000, 150, 100)):
        median, p99 = latency(messages, size, runs)
        print(
            f"{size:>6} characters: median {median:6.2f} ms, p99 {p99:6.2f} ms (target p99 < {target} ms)"
        )
    per_k = [
        latency(messages, size, 20)[0] / (size / 1000) for size in (1_000, 2_500, 5_000, 10_000)
    ]
    print("ms per 1,000 characters at 1k, 2.5k, 5k, 10k: " + ", ".join(f"{v:.2f}" for v in per_k))
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
