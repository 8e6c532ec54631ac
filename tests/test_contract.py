"""The development cases of the contract, structured run: the bars of the core issue.

These read ../shared/contract when it is beside the repository and skip with a reason otherwise.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from pregback.core.eval import evaluate_cases
from tests.conftest import contract_file


def test_structured_run_meets_the_bar(dev_cases: list[dict[str, Any]]) -> None:
    report = evaluate_cases(dev_cases, text=False)
    s = report["structured"]
    assert s.severe_under_triaged == 0, [m.id for m in s.misses]
    assert s.agreement >= 0.95, [(m.id, m.expected, m.got) for m in s.misses]
    assert s.cause_recall_at_3 >= 0.95, [(m.id, m.causes[:3]) for m in s.cause_misses]


def test_the_contract_score_script_runs_against_the_batch_command(
    dev_cases: list[dict[str, Any]],
) -> None:
    score = contract_file("score.py")
    exe = Path(sys.executable).parent / "pregback"
    command = str(exe) if exe.exists() else shutil.which("pregback")
    assert command, "the pregback command is installed"
    out = subprocess.run(
        [
            sys.executable,
            str(score),
            str(contract_file("dev-cases.jsonl")),
            "--cmd",
            f"{command} batch -",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(out.stdout)
    assert report["exit_codes"]["structured"] == 0
    assert report["structured"]["severe_under_triaged"] == 0
    assert report["structured"]["no_result"] == 0
