"""A statistical second opinion for the reader (issue 11), measured: is it worth keeping?

    python3 -m venv /tmp/sovenv && /tmp/sovenv/bin/pip install -q scikit-learn numpy
    /tmp/sovenv/bin/python bench/second_opinion.py [--model lr|lr-char|lr-plain|svc] [--no-cv]

(pregback itself is called through .venv/bin/pregback batch, so pregback's own venv stays as it is.)

A classifier trained on the development writing: the real messages (tests/cases/real/real-*.jsonl),
the written ones (tests/cases/written/written-*.jsonl), the probe sets (tests/cases/probes-*.jsonl)
and the contract's development cases. One binary classifier per symptom said present (at least 3
examples); models:

- lr (default, the one of 2026-12-07): TF-IDF of words (1-2) and characters (3-5), logistic
  regression, C=4, class_weight balanced;
- lr-char: the same on characters (2-5) only;
- lr-plain: the same features as lr, without class weights (fewer, surer proposals);
- svc: the same features as lr, a linear SVM (balanced) with sigmoid-calibrated probabilities.

It may only raise: a symptom it proposes at probability >= the threshold that the rules did not read
would be "possibly mentioned". Printed:

1. on the development writing, 5-fold cross-validation over the real and written messages (each fold
   trained on the other four, the probe sets and the development cases), given for the real and the
   written messages apart: how many of the symptoms said present the rules missed, how many it
   proposes, how many of those are right, and its precision, per threshold;
2. on the held-back batches (tests/cases/heldback/, never used to grow the reader; trained on all of
   the development writing), the same, and whether counting its proposals as said (P5: a hedged
   mention counts) would change severe under-triage (urgent or emergency cases triaged lower),
   agreement with TRIAGE.md and over-triage (cases triaged higher than expected).

Asserts nothing; scikit-learn is not a dependency of pregback (the second opinion was not kept:
docs/reading.md says why).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
DEV = ROOT.parent / "shared" / "contract" / "dev-cases.jsonl"
LEVELS = ("self_care", "routine", "same_day", "urgent", "emergency")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
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


def features(kind: str, train: list[str], test: list[str]) -> tuple[Any, Any]:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    if kind == "lr-char":
        vecs = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
        ]
    else:
        vecs = [
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True),
        ]
    x_train = hstack([v.fit_transform(train) for v in vecs]).tocsr()
    x_test = hstack([v.transform(test) for v in vecs]).tocsr()
    return x_train, x_test


def classifier(kind: str) -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if kind == "svc":
        return CalibratedClassifierCV(
            LinearSVC(C=0.5, class_weight="balanced"), method="sigmoid", cv=3
        )
    weight = None if kind == "lr-plain" else "balanced"
    return LogisticRegression(C=4.0, class_weight=weight, max_iter=2000)


def proposals(
    train: list[dict[str, Any]], test: list[dict[str, Any]], kind: str
) -> dict[str, list[float]]:
    import numpy as np

    x_train, x_test = features(kind, [c["message"] for c in train], [c["message"] for c in test])
    out = {}
    for label in sorted({k for c in train for k in present(c)}):
        y = np.array([label in present(c) for c in train])
        if y.sum() >= 3:
            out[label] = list(classifier(kind).fit(x_train, y).predict_proba(x_test)[:, 1])
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

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("lr", "lr-char", "lr-plain", "svc"), default="lr")
    parser.add_argument("--no-cv", action="store_true", help="the held-back batches only")
    args = parser.parse_args()
    kind = args.model

    real = load(sorted((CASES / "real").glob("real-*.jsonl")))
    written = load(sorted((CASES / "written").glob("written-*.jsonl")))
    other = load([*sorted(CASES.glob("probes-*.jsonl")), DEV])
    held = load(sorted((CASES / "heldback").glob("*.jsonl")))
    devel = real + written
    print(
        f"model {kind}; development writing: {len(real)} real, {len(written)} written, "
        f"{len(other)} probe and development cases; held back: {len(held)}"
    )
    read = batch([{"id": c["id"], "message": c["message"]} for c in devel + held])
    if not args.no_cv:
        counts = {s: {t: [0, 0] for t in THRESHOLDS} for s in ("real", "written")}
        missed = {"real": 0, "written": 0}
        n_real = len(real)
        for train_i, test_i in KFold(5, shuffle=True, random_state=0).split(devel):
            test = [devel[i] for i in test_i]
            probs = proposals([devel[i] for i in train_i] + other, test, kind)
            for part, keep in (("real", lambda i: i < n_real), ("written", lambda i: i >= n_real)):
                rows = [j for j, i in enumerate(test_i) if keep(i)]
                missed[part] += tally(
                    [test[j] for j in rows],
                    read,
                    {k: [v[j] for j in rows] for k, v in probs.items()},
                    counts[part],
                )
        report(f"real messages ({len(real)}, 5-fold)", missed["real"], counts["real"])
        report(f"written messages ({len(written)}, 5-fold)", missed["written"], counts["written"])
    if not held:
        return
    probs = proposals(devel + other, held, kind)
    counts_h = {t: [0, 0] for t in THRESHOLDS}
    report(
        f"held-back batches ({len(held)} messages)", tally(held, read, probs, counts_h), counts_h
    )

    def severe_under(res: dict[str, dict[str, Any]]) -> int:
        return sum(
            1
            for c in held
            if LEVELS.index(c["expected"]["urgency"]) >= 3
            and LEVELS.index(res[c["id"]]["urgency"]) < LEVELS.index(c["expected"]["urgency"])
        )

    def agreement(res: dict[str, dict[str, Any]]) -> float:
        return sum(res[c["id"]]["urgency"] == c["expected"]["urgency"] for c in held) / len(held)

    def over(res: dict[str, dict[str, Any]]) -> int:
        return sum(
            LEVELS.index(res[c["id"]]["urgency"]) > LEVELS.index(c["expected"]["urgency"])
            for c in held
        )

    urgent = sum(LEVELS.index(c["expected"]["urgency"]) >= 3 for c in held)
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
        print(
            f"  threshold {t}, proposals counted as said: severe under-triage "
            f"{severe_under(read)} -> {severe_under(raised)} of {urgent}, agreement "
            f"{agreement(read):.3f} -> {agreement(raised):.3f}, over-triage "
            f"{over(read)} -> {over(raised)}"
        )


if __name__ == "__main__":
    main()
