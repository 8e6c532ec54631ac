"""The knowledge base loads, and the loader fails loudly, naming the file and record, on any bad record."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from pregback.errors import KnowledgeError
from pregback.knowledge import DATA, load_knowledge

CONTRACT_CAUSES = {
    "mechanical_back_pain",
    "upper_back_strain",
    "pelvic_girdle_pain",
    "sciatica",
    "diastasis_recti",
    "term_labour",
    "preterm_labour",
    "rupture_of_membranes",
    "miscarriage",
    "ectopic_pregnancy",
    "placental_abruption",
    "urinary_tract_infection",
    "pyelonephritis",
    "kidney_stone",
    "preeclampsia",
    "cauda_equina_syndrome",
    "pulmonary_embolism",
    "deep_vein_thrombosis",
    "aortic_dissection",
    "serious_spinal_pathology",
    "vertebral_fracture",
}


def test_bundled_knowledge_covers_the_contract(kb: Any) -> None:
    assert set(kb.causes) >= CONTRACT_CAUSES
    assert set(kb.locations) == {
        "lower_back",
        "mid_back",
        "upper_back",
        "pelvic_girdle",
        "flank",
        "leg_radiating",
    }
    # P4: first_pregnancy and given_birth are the protective findings (TRIAGE 2026-12-06).
    assert {s.id for s in kb.symptoms.values() if s.protective} == {
        "first_pregnancy",
        "given_birth",
    }
    for sym in kb.symptoms.values():
        assert "?" in sym.question and sym.label, sym.id


def test_symptoms_match_the_contract_readme(kb: Any) -> None:
    from tests.conftest import contract_file

    readme = contract_file("README.md").read_text()
    table = readme.split("`symptoms`:")[1].split("## Causes")[0]
    ids = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    assert ids == set(kb.symptoms)


def edit(tmp_path: Path, name: str, change: Any) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(DATA, folder)
    path = folder / f"{name}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("rules", lambda d: d["rules"][0].update(when={"present": "headache"}), "rules.yaml id E1"),
        ("rules", lambda d: d["rules"][0].update(sources=[]), "sources"),
        ("rules", lambda d: d["rules"][0].update(sources=["NOWHERE-2020"]), "NOWHERE-2020"),
        ("rules", lambda d: d["rules"][0].update(causes=["gout"]), "gout"),
        ("rules", lambda d: d["rules"][0].update(severity="high"), "allowed keys"),
        ("rules", lambda d: d["rules"][0].update(when={"not_present": "fever"}), "protective"),
        (
            "rules",
            lambda d: d["rules"][0].update(when={"at_least": {"temperature": 38}}),
            "temperature",
        ),
        ("rules", lambda d: d["rules"].append(d["rules"][0]), "used twice"),
        (
            "advice",
            lambda d: d["advice"][0].update(supine=True, never_from_week=None),
            "lying on the back",
        ),
        ("advice", lambda d: d["advice"][0].update(nsaid=True, never_from_week=24), "NSAID"),
        (
            "causes",
            lambda d: d["causes"][0].update(
                features=[{"when": {"present": "fever"}, "weight": -1}]
            ),
            "positive",
        ),
        ("findings", lambda d: d["symptoms"][0].pop("question"), "question"),
        (
            "findings",
            lambda d: d["ask_groups"][0]["members"].append("headache"),
            "ask_groups id labour_signs members: unknown symptom 'headache'",
        ),
        (
            "findings",
            lambda d: d["ask_groups"][0]["members"].append("first_pregnancy"),
            "'first_pregnancy' is her history",
        ),
        (
            "findings",
            lambda d: d["ask_groups"][1]["members"].append("fluid_leak"),
            "'fluid_leak' is already in group 'labour_signs'",
        ),
        (
            "findings",
            lambda d: d["ask_groups"][0].update(id="fever"),
            "'fever' is a symptom id",
        ),
        (
            "findings",
            lambda d: d["ask_groups"][0].update(members=["fever"]),
            "ask_groups",
        ),
    ],
)
def test_loader_rejects_bad_records_with_a_clear_message(
    tmp_path: Path, name: str, change: Any, message: str
) -> None:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(edit(tmp_path, name, change))
    assert message in str(err.value)
    assert f"{name}.yaml" in str(err.value) or name in str(err.value)


def test_a_reviewer_copy_loads_through_the_same_path(tmp_path: Path) -> None:
    folder = edit(tmp_path, "rules", lambda d: None)
    assert len(load_knowledge(folder).rules) == len(load_knowledge().rules)


# ------------------------------------------------------------ decisions in data (issue 15.1)
def _copy(tmp_path: Any) -> Any:
    import shutil

    from pregback.knowledge import DATA

    folder = tmp_path / "kb"
    shutil.copytree(DATA, folder)
    return folder


def test_the_emergency_number_follows_the_locale() -> None:
    from pregback.core.triage import assess
    from pregback.knowledge import load_knowledge

    emergency = {"gestational_weeks": 30, "symptoms": {"chest_pain": "present"}}
    for locale, number in (("uk", "999"), ("us", "911"), ("eu", "112")):
        kb = load_knowledge(locale=locale)
        action = assess(emergency, kb=kb).action
        assert action.startswith(f"Call {number} (your local emergency number)"), action
        assert "{" not in action
    assert load_knowledge(locale="us").version != load_knowledge(locale="uk").version


def test_an_unknown_locale_or_placeholder_is_refused(tmp_path: Any) -> None:
    from pregback.errors import KnowledgeError
    from pregback.knowledge import load_knowledge

    with pytest.raises(KnowledgeError, match="'xx' is not a locale"):
        load_knowledge(locale="xx")
    folder = _copy(tmp_path)
    rules = folder / "rules.yaml"
    rules.write_text(
        rules.read_text().replace("reason to call {emergency}", "reason to call {ambulance}")
    )
    with pytest.raises(KnowledgeError, match=r"unknown placeholder \{ambulance\}"):
        load_knowledge(folder)


def test_u9s_five_minutes_is_data(tmp_path: Any) -> None:
    """Change 5-1-1's interval (and the threshold 'held' is measured at) in a copy: U9 follows."""
    from pregback.core.triage import assess
    from pregback.errors import KnowledgeError
    from pregback.knowledge import load_knowledge

    first_labour = {
        "gestational_weeks": 39,
        "episode_interval_min": 5,
        "episode_duration_s": 60,
        "pattern_hours": 1.5,
        "symptoms": {"first_pregnancy": "present"},
    }
    assert assess(first_labour).urgency == "urgent"
    folder = _copy(tmp_path)
    rules = folder / "rules.yaml"
    text = rules.read_text()
    u9 = text.index("- id: U9\n")
    rules.write_text(
        text[:u9] + text[u9:].replace("at_most: {interval_min: 5}", "at_most: {interval_min: 4}", 1)
    )
    with pytest.raises(KnowledgeError, match="held_threshold_min"):
        load_knowledge(folder)  # the two must agree
    levels = folder / "levels.yaml"
    levels.write_text(levels.read_text().replace("held_threshold_min: 5", "held_threshold_min: 4"))
    kb = load_knowledge(folder)
    assert assess(first_labour, kb=kb).urgency == "self_care"
    assert assess({**first_labour, "episode_interval_min": 4}, kb=kb).urgency == "urgent"


def _source(data: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in data["sources"] if s["id"] == sid)


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "sources",
            lambda d: _source(d, "NICE-NG59").pop("url"),
            "sources.yaml id NICE-NG59: field 'url': a public source needs a url",
        ),
        ("sources", lambda d: _source(d, "NICE-NG59").pop("access"), "field 'access'"),
        (
            "sources",
            lambda d: _source(d, "NICE-NG59").update(access="skimmed"),
            "field 'access'",
        ),
        ("sources", lambda d: _source(d, "NICE-NG59").pop("checked"), "field 'checked'"),
        (
            "sources",
            lambda d: _source(d, "NICE-NG59").update(checked="last winter"),
            "field 'checked'",
        ),
        (
            "rules",
            lambda d: d["rules"][0].update(sources=["ACOG-BACK"]),
            "rules.yaml id E1: field 'sources': every source is not_retrieved (ACOG-BACK)",
        ),
        (
            "advice",
            lambda d: d["advice"][0].update(sources=["ACOG-BACK", "NICE-NG192"]),
            "field 'sources': every source is not_retrieved (ACOG-BACK, NICE-NG192)",
        ),
        (
            "causes",
            lambda d: d["causes"][0].update(sources=["ESC-2018"]),
            "field 'sources': every source is not_retrieved (ESC-2018)",
        ),
    ],
)
def test_loader_refuses_sources_that_cannot_be_audited(
    tmp_path: Path, name: str, change: Any, message: str
) -> None:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(edit(tmp_path, name, change))
    assert message in str(err.value)
    assert f"{name}.yaml" in str(err.value)


def test_near_misses_of_the_source_checks_load(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        _source(d, "NICE-NG59").update(url=None, public=False)  # no address at all: allowed

    def sources(d: dict[str, Any]) -> None:
        # a source never read is fine beside one that was read
        d["rules"][0]["sources"] = [*d["rules"][0]["sources"], "ACOG-BACK"]

    assert load_knowledge(edit(tmp_path / "a", "sources", change)).sources["NICE-NG59"].url is None
    assert "ACOG-BACK" in load_knowledge(edit(tmp_path / "b", "rules", sources)).rules["E1"].sources


def test_every_bundled_source_is_auditable(kb: Any) -> None:
    for s in kb.sources.values():
        assert s.url or not s.public, s.id
        assert s.url is None or s.url.startswith("https://"), s.id
        assert s.access in ("primary", "secondary", "not_retrieved"), s.id
        assert s.checked.year >= 2026, s.id
    never_read = {s.id for s in kb.sources.values() if s.access == "not_retrieved"}
    for kind in (kb.rules, kb.advice, kb.causes):
        for rec in kind.values():
            assert not set(rec.sources) <= never_read, rec.id


def test_every_source_of_triage_section_11_is_in_the_bibliography(kb: Any) -> None:
    import re

    from tests.conftest import contract_file

    text = contract_file("TRIAGE.md").read_text()
    section = text.split("## 11. Sources")[1].split("## 12.")[0]
    ids = set(re.findall(r"^- \*\*\[([A-Za-z0-9-]+)\]\*\*", section, flags=re.MULTILINE))
    assert len(ids) > 90
    assert ids <= set(kb.sources), sorted(ids - set(kb.sources))


def test_a_changed_copy_changes_what_the_terminal_says(tmp_path: Any) -> None:
    """`pregback --knowledge COPY` (or PREGBACK_KNOWLEDGE) assesses with a reviewer's copy: U9's
    5 minutes made 4 turns 5-minute waves of a first labour from urgent to early labour; and
    PREGBACK_LOCALE=us calls 911."""
    import json

    from typer.testing import CliRunner

    from pregback.interfaces.cli.app import app
    from pregback.knowledge import default_knowledge

    folder = _copy(tmp_path)
    rules = folder / "rules.yaml"
    text = rules.read_text()
    u9 = text.index("- id: U9\n")
    rules.write_text(
        text[:u9] + text[u9:].replace("at_most: {interval_min: 5}", "at_most: {interval_min: 4}", 1)
    )
    levels = folder / "levels.yaml"
    levels.write_text(levels.read_text().replace("held_threshold_min: 5", "held_threshold_min: 4"))
    labour = json.dumps(
        {
            "gestational_weeks": 39,
            "episode_interval_min": 5,
            "episode_duration_s": 60,
            "pattern_hours": 1.5,
            "symptoms": {"first_pregnancy": "present"},
        }
    )
    runner = CliRunner()
    try:
        bundled = runner.invoke(app, ["assess", "--findings", "-", "--json"], input=labour)
        copied = runner.invoke(
            app, ["--knowledge", str(folder), "assess", "--findings", "-", "--json"], input=labour
        )
        assert json.loads(bundled.output)["urgency"] == "urgent"
        assert json.loads(copied.output)["urgency"] == "self_care", copied.output
        bad = runner.invoke(app, ["--knowledge", str(tmp_path / "none"), "assess", "--help"])
        assert bad.exit_code == 2 and "--knowledge" in bad.output
    finally:
        import os

        os.environ.pop("PREGBACK_KNOWLEDGE", None)
        default_knowledge.cache_clear()
    chest = json.dumps({"gestational_weeks": 30, "symptoms": {"chest_pain": "present"}})
    default_knowledge.cache_clear()
    us = runner.invoke(
        app, ["assess", "--findings", "-", "--json"], input=chest, env={"PREGBACK_LOCALE": "us"}
    )
    default_knowledge.cache_clear()
    assert json.loads(us.output)["action"].startswith("Call 911 (your local emergency number)")


def test_knowledge_check_lists_what_is_due_for_review(tmp_path: Any) -> None:
    from datetime import date

    from pregback.knowledge import load_knowledge, overdue

    assert overdue(load_knowledge(), date(2026, 12, 6)) == []
    folder = _copy(tmp_path)
    rules = folder / "rules.yaml"
    text = rules.read_text()
    e1 = text.index("- id: E1\n")
    rules.write_text(
        text[:e1] + text[e1:].replace("reviewed: 2026-12-06", "reviewed: 2024-01-01", 1)
    )
    assert overdue(load_knowledge(folder), date(2026, 12, 6)) == [
        "rules.yaml E1 (reviewed 2024-01-01)"
    ]
    # Every record falls due a year after its review: the date, not a test, says when.
    kb = load_knowledge()
    assert len(overdue(kb, date(2028, 1, 1))) == len(kb.rules) + len(kb.advice)
