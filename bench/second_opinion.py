"""A statistical second opinion for the reader (issue 11), measured: is it worth keeping?

    pip install scikit-learn && .venv/bin/python bench/second_opinion.py

A classifier trained on the development writing (tests/cases/real/real-*.jsonl, the probe sets and
the contract's development cases): TF-IDF of words (1-2) and characters (3-5), one logistic
regression per symptom said present. It may only raise: a symptom it proposes at probability >= the
threshold that the rules did not read would be "possibly mentioned". Printed:

1. on the development writing, 5-fold cross-validation (trained without the fold): how many of the
   symptoms the rules missed it proposes, and its precision, per threshold;
2. on the held-back batches (tests/cases/heldback/, never used to grow the reader), the same, and
   whether counting its proposals as said (P5: a hedged mention counts) would change severe
   under-triage and agreement with TRIAGE.md.

Asserts nothing; scikit-learn is not a dependency of pregback (the second opinion was not kept:
docs/reading.md says why).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
DEV = ROOT.parent / "shared" / "contract" / "dev-cases.jsonl"
LEVELS = ("self_care", "routine", "same_day", "urgent", "emergency")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
VENV = ROOT / ".venv" / "bin" / "pregback"
PREGBACK = [str(VENV)] if VENV.exists() else [sys.executable, "-m", "pregback"]


def load(paths: list[Path]) -> list[dict[str, Any]]:
    return [
        c
        for p in paths
        if p.exists()
        for c in map(json.loads, p.read_text().splitlines())
        if "message" in c and "findings" in c
    ]


def present(case: dict[str, Any]) -> set[str]:
    return {k for k, v in case["findings"].get("symptoms", {}).items() if v == "present"}


def batch(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    text = "".join(json.dumps(x) + "\n" for x in lines)
    out = subprocess.run(
        [*PREGBACK, "batch", "-"], input=text, capture_output=True, text=True, check=False
    ).stdout
    return {r["id"]: r for r in map(json.loads, out.splitlines())}


def proposals(train: list[dict[str, Any]], test: list[dict[str, Any]]) -> dict[str, list[float]]:
    import numpy as np
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    x_train = hstack(
        [
            words.fit_transform([c["message"] for c in train]),
            chars.fit_transform([c["message"] for c in train]),
        ]
    ).tocsr()
    x_test = hstack(
        [
            words.transform([c["message"] for c in test]),
            chars.transform([c["message"] for c in test]),
        ]
    ).tocsr()
    out = {}
    for label in sorted({k for c in train for k in present(c)}):
        y = np.array([label in present(c) for c in train])
        if y.sum() >= 3:
            model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
            out[label] = list(model.fit(x_train, y).predict_proba(x_test)[:, 1])
    return out


def tally(
    test: list[dict[str, Any]],
    read: dict[str, dict[str, Any]],
    probs: dict[str, list[float]],
    counts: dict[float, list[int]],
) -> int:
    missed = 0
    for i, c in enumerate(test):
        said = set(read[c["id"]]["findings"].get("symptoms", {}))
        missed += len(present(c) - said)
        for t in THRESHOLDS:
            for label, p in probs.items():
                if p[i] >= t and label not in said:
                    counts[t][0] += 1
                    counts[t][1] += label in present(c)
    return missed


def report(name: str, missed: int, counts: dict[float, list[int]]) -> None:
    print(f"{name}: symptoms said present that the rules did not read: {missed}")
    for t, (n, hit) in counts.items():
        print(f"  threshold {t}: proposals {n}, correct {hit} (precision {hit / max(n, 1):.2f})")


def main() -> None:
    from sklearn.model_selection import KFold

    real = load(sorted((CASES / "real").glob("real-*.jsonl")))
    other = load([*sorted(CASES.glob("probes-*.jsonl")), DEV])
    held = load(sorted((CASES / "heldback").glob("*.jsonl")))
    read = batch([{"id": c["id"], "message": c["message"]} for c in real + held])
    counts = {t: [0, 0] for t in THRESHOLDS}
    missed = 0
    for train_i, test_i in KFold(5, shuffle=True, random_state=0).split(real):
        test = [real[i] for i in test_i]
        probs = proposals([real[i] for i in train_i] + other, test)
        missed += tally(test, read, probs, counts)
    report(f"development writing ({len(real)} messages, 5-fold)", missed, counts)
    if not held:
        return
    probs = proposals(real + other, held)
    counts = {t: [0, 0] for t in THRESHOLDS}
    report(f"held-back batches ({len(held)} messages)", tally(held, read, probs, counts), counts)
    for t in THRESHOLDS:
        lines = []
        for i, c in enumerate(held):
            findings = json.loads(json.dumps(read[c["id"]]["findings"]))
            symptoms = findings.setdefault("symptoms", {})
            for label, p in probs.items():
                if p[i] >= t and label not in symptoms:
                    symptoms[label] = "present"
            lines.append({"id": c["id"], "findings": findings})
        raised = batch(lines)

        def severe_under(res: dict[str, dict[str, Any]]) -> int:
            return sum(
                1
                for c in held
                if LEVELS.index(c["expected"]["urgency"]) >= 3
                and LEVELS.index(res[c["id"]]["urgency"]) < LEVELS.index(c["expected"]["urgency"])
            )

        def agreement(res: dict[str, dict[str, Any]]) -> float:
            return sum(res[c["id"]]["urgency"] == c["expected"]["urgency"] for c in held) / len(
                held
            )

        print(
            f"  threshold {t}, proposals counted as said: severe under-triage "
            f"{severe_under(read)} -> {severe_under(raised)}, agreement "
            f"{agreement(read):.3f} -> {agreement(raised):.3f}"
        )


if __name__ == "__main__":
    main()
