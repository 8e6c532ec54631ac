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
