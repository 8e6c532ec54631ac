"""codes.yaml: standard codes are data, checked when the knowledge base loads, and docs/api.md
lists them as they are."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from pregback.errors import KnowledgeError
from pregback.knowledge import DATA, KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parents[1]


def with_codes(tmp_path: Path, change: Any) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(DATA, folder)
    path = folder / "codes.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def first(**changes: Any) -> Any:
    return lambda d: d["codes"][0].update(changes)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (first(id="headache"), "codes.yaml id headache: not a symptom, cause or scalar id"),
        (first(system="icd10"), "field 'system'"),
        (first(code="11884"), "is not a loinc code"),
        (lambda d: d["codes"][2].update(code="28953x006"), "is not a snomed code"),
        (first(meaning="x"), "allowed keys: id, system, code, display"),
        (lambda d: d["codes"].append(dict(d["codes"][2], code="123456")), "two snomed codes"),
        (lambda d: d["systems"].pop("loinc"), "'systems' must map exactly snomed, loinc"),
        (lambda d: d.update(extra=1), "unknown top-level key 'extra'"),
    ],
)
def test_bad_codes_are_rejected_when_loaded(tmp_path: Path, change: Any, message: str) -> None:
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        load_knowledge(with_codes(tmp_path, change))


def test_a_copy_without_codes_loads_with_none(tmp_path: Path) -> None:
    folder = with_codes(tmp_path, lambda d: None)
    (folder / "codes.yaml").unlink()
    assert load_knowledge(folder).codes == {}


def test_the_codes_table_in_the_api_docs_is_the_data(kb: KnowledgeBase) -> None:
    doc = (ROOT / "docs" / "api.md").read_text()
    rows = set(
        re.findall(r"^\| `(\w+)` \| \w+ \| (SNOMED CT|LOINC) \| `([\d-]+)` \| (.+?) \|$", doc, re.M)
    )
    names = {"http://snomed.info/sct": "SNOMED CT", "http://loinc.org": "LOINC"}
    data = {(rid, names[c.system], c.code, c.display) for rid, cs in kb.codes.items() for c in cs}
    assert rows == data
    none = doc.split("so these have none yet:")[1].split("A reviewer")[0]
    for rid in re.findall(r"`(\w+)`", none):  # each listed as uncoded exists and has no code
        assert (rid in kb.symptoms or rid in kb.causes) and rid not in kb.codes, rid
