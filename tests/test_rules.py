"""Every rule of TRIAGE.md: a case that fires it and a near-miss that does not (tests/cases/rules.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pregback.core.triage import assess
from pregback.knowledge.schema import URGENCY_LEVELS

CASES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "cases" / "rules.yaml").read_text())
RANK = {level: i for i, level in enumerate(URGENCY_LEVELS)}
# Rule ids of TRIAGE.md section 3 (2026-12-06): E1-E22, U1-U27, S1-S15, R1-R3 and T.
TRIAGE_IDS = (
    [f"E{i}" for i in range(1, 23)]
    + [f"U{i}" for i in range(1, 28)]
    + [f"S{i}" for i in range(1, 16)]
    + ["R1", "R2", "R3", "T"]
)


def _each(found: Any) -> list[Any]:
    return found if isinstance(found, list) else [found]


def test_every_triage_rule_is_in_the_knowledge_base(kb: Any) -> None:
    assert sorted(kb.rules) == sorted(TRIAGE_IDS)


def test_every_rule_has_a_firing_case_and_a_near_miss(kb: Any) -> None:
    active = [r.id for r in kb.rules.values() if r.moved_to is None]
    assert sorted(CASES) == sorted(active)


def test_u22_is_kept_as_a_pointer_to_e22(kb: Any) -> None:
    """TRIAGE 3.2: U22 keeps its id so that older references resolve; it never fires itself."""
    assert kb.rules["U22"].moved_to == "E22"
    fired = assess(CASES["E22"]["fire"][0], kb=kb).fired
    assert "E22" in [r.id for r in fired] and "U22" not in [r.id for r in fired]


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_case(rule_id: str, kb: Any) -> None:
    case = CASES[rule_id]
    for found in _each(case["fire"]):
        result = assess(found, case.get("episodes"), kb=kb)
        fired = [r.id for r in result.fired]
        assert rule_id in fired, found
        assert RANK[result.urgency] >= RANK[kb.rules[rule_id].urgency], found


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_does_not_fire_on_its_near_miss(rule_id: str, kb: Any) -> None:
    case = CASES[rule_id]
    for found in _each(case["miss"]):
        result = assess(found, case.get("episodes"), kb=kb)
        assert rule_id not in [r.id for r in result.fired], found


def test_fired_rules_carry_reason_and_sources(kb: Any) -> None:
    result = assess({"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}}, kb=kb)
    (u2,) = [r for r in result.fired if r.id == "U2"]
    assert u2.reason and u2.sources == tuple(kb.rules["U2"].sources)
