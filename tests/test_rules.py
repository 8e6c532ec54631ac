"""Every rule of TRIAGE.md: a case that fires it and a near-miss that does not (tests/cases/rules.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pregback.knowledge.schema import URGENCY_LEVELS
from pregback.triage import assess

CASES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "cases" / "rules.yaml").read_text())
RANK = {level: i for i, level in enumerate(URGENCY_LEVELS)}
# Rule ids of TRIAGE.md section 3: E1-E17, U1-U23, S1-S13, R1-R3 and T.
TRIAGE_IDS = (
    [f"E{i}" for i in range(1, 18)]
    + [f"U{i}" for i in range(1, 24)]
    + [f"S{i}" for i in range(1, 14)]
    + ["R1", "R2", "R3", "T"]
)


def test_every_triage_rule_is_in_the_knowledge_base(kb: Any) -> None:
    assert sorted(kb.rules) == sorted(TRIAGE_IDS)


def test_every_rule_has_a_firing_case_and_a_near_miss(kb: Any) -> None:
    assert sorted(CASES) == sorted(kb.rules)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_case(rule_id: str, kb: Any) -> None:
    case = CASES[rule_id]
    result = assess(case["fire"], case.get("episodes"), kb=kb)
    fired = [r.id for r in result.fired]
    assert rule_id in fired
    assert RANK[result.urgency] >= RANK[kb.rules[rule_id].urgency]


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_does_not_fire_on_its_near_miss(rule_id: str, kb: Any) -> None:
    case = CASES[rule_id]
    result = assess(case["miss"], case.get("episodes"), kb=kb)
    assert rule_id not in [r.id for r in result.fired]


def test_every_rule_and_advice_item_has_a_known_source(kb: Any) -> None:
    for record in [*kb.rules.values(), *kb.advice.values(), *kb.causes.values()]:
        assert record.sources, record.id
        assert all(s in kb.sources for s in record.sources), record.id


def test_fired_rules_carry_reason_and_sources(kb: Any) -> None:
    result = assess({"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}}, kb=kb)
    (u2,) = [r for r in result.fired if r.id == "U2"]
    assert u2.reason and u2.sources == tuple(kb.rules["U2"].sources)
