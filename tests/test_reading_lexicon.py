"""The reading lexicon as part of the knowledge base: records load, check, compile, and say what they
match; a reviewer's edited copy reads with its own lexicon; a bad record is named."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pregback.core.reading import read
from pregback.core.reading.compiled import Compiled, compiled_for
from pregback.core.reading.normal import fold
from pregback.errors import KnowledgeError
from pregback.interfaces.cli.app import app
from pregback.knowledge import DATA, load_knowledge
from pregback.knowledge.lexicon_load import alternation


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compiled_for()


def test_every_contract_id_has_phrases(compiled: Compiled) -> None:
    lex = compiled.lexicon
    assert set(lex.symptoms.symptoms) == set(compiled.vocab.symptoms)
    assert set(lex.locations.locations) == set(compiled.vocab.locations)
    assert set(lex.patterns.pattern) == set(compiled.vocab.choices["pattern"])
    assert set(lex.patterns.onset) == set(compiled.vocab.choices["onset"])


def test_every_literal_is_matched_by_its_own_pattern(compiled: Compiled) -> None:
    """A record's literal is a true example of what it reads, so the data documents itself."""
    wrong = [
        (g.target.finding, g.target.phrase.literal)
        for g in compiled.groups
        if not g.regex.search(fold(g.target.phrase.literal))
    ]
    wrong += [
        (r.cue.category, r.cue.literal)
        for r in compiled.cue_rules
        if r.cue.direction != "terminate" and not r.regex.search(fold(r.cue.literal))
    ]
    assert wrong == []


def test_every_frame_reads_its_own_literal(compiled: Compiled) -> None:
    for f in compiled.lexicon.frames.frames:
        reading = read(f.literal)
        assert reading.findings.symptoms.get(f.finding) == f.value, f.literal


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(DATA, folder)
    return folder


def _edit(folder: Path, name: str, change: Callable[[Any], Any]) -> Path:
    path = folder / "lexicon" / "en" / name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return folder


def test_a_copy_loads_and_reads_like_the_bundled_one(tmp_path: Path) -> None:
    kb = load_knowledge(_copy(tmp_path))
    message = "33 weeks, lower back pain every 5 minutes, no bleeding"
    assert read(message, kb).findings == read(message).findings
    assert len(compiled_for(kb).groups) == len(compiled_for().groups)


def test_an_edited_copy_reads_with_its_own_lexicon(tmp_path: Path) -> None:
    """`read(message, kb)` uses the knowledge it is given, and the version names what read it."""
    folder = _edit(
        _copy(tmp_path),
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"].append({"literal": "roasting"}),
    )
    kb = load_knowledge(folder)
    assert read("I'm roasting", kb).findings.symptoms == {"fever": "present"}
    assert read("I'm roasting").findings.symptoms == {}
    assert kb.version != load_knowledge().version


BAD: list[tuple[str, Callable[[Any], Any], str]] = [
    (
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"polarity": "absent"}),
        r"symptoms\.yaml record symptoms fever phrases #0 \('fever'\): field 'polarity'.*"
        r"allowed keys: literal, pattern, value, also",
    ),
    (
        "cues.yaml",
        lambda d: d["cues"][0].update({"scope": 3}),
        r"cues\.yaml .*'scope'.*allowed keys: literal, category, direction",
    ),
    (
        "cues.yaml",
        lambda d: d["cues"][0].update({"category": "negative"}),
        r"'negative'.*allowed: 'negated'",
    ),
    (
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"also": {"pyrexia": "present"}}),
        r"symptoms\.yaml record fever phrases #0 .*field 'also': unknown symptom id 'pyrexia'",
    ),
    (
        "symptoms.yaml",
        lambda d: d["symptoms"].update({"backache": {"phrases": [{"literal": "backache"}]}}),
        r"unknown symptom id 'backache'",
    ),
    (
        "symptoms.yaml",
        lambda d: d["symptoms"]["given_birth"].update({"told_of_then": {"primip": "absent"}}),
        r"symptoms\.yaml record given_birth: field 'told_of_then': unknown symptom id 'primip'",
    ),
    (
        "locations.yaml",
        lambda d: d["locations"].update({"neck": [{"literal": "neck"}]}),
        r"unknown location id 'neck' \(allowed: flank, leg_radiating",
    ),
    (
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"pattern": "(unclosed"}),
        r"record fever phrases #0 \('fever'\): field 'pattern': not a valid regex",
    ),
    (
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"pattern": "{{nope}}"}),
        r"field 'pattern': unknown macro \{\{nope\}\}",
    ),
    (
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"weeks_below": 37}),
        r"'weeks_below' needs .*group named 'weeks'",
    ),
    (
        "locations.yaml",
        lambda d: d["locations"]["lower_back"][0].update({"also": {"fever": "present"}}),
        r"locations\.yaml record lower_back #0 .*field 'also': 'fever'.*other location ids",
    ),
    (
        "frames.yaml",
        lambda d: d["frames"][0].update({"finding": "baby_quiet"}),
        r"frames\.yaml record frames #0 .*field 'finding': unknown symptom id 'baby_quiet'",
    ),
    (
        "frames.yaml",
        lambda d: d["frames"][0].update({"parts": [["@infant"], ["@move"]]}),
        r"frames\.yaml record frames #0 .*field 'parts': unknown concept '@infant'",
    ),
    (
        "quantities.yaml",
        lambda d: d["patterns"].update({"bp_bare": r"(\d+)/(\d+)"}),
        r"quantities\.yaml record patterns\.bp_bare: field 'pattern': needs a group named 's'",
    ),
    (
        "quantities.yaml",
        lambda d: d["patterns"].pop("clock"),
        r"quantities\.yaml record patterns\.clock: field 'patterns': missing",
    ),
    (
        "spelling.yaml",
        lambda d: d["edits"][0].update({"edits": 9}),
        r"spelling\.yaml .*field 'edits'",
    ),
]


@pytest.mark.parametrize(("name", "change", "message"), BAD)
def test_a_bad_lexicon_record_is_named(
    tmp_path: Path, name: str, change: Callable[[Any], Any], message: str
) -> None:
    folder = _edit(_copy(tmp_path), name, change)
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(folder)


def test_a_missing_lexicon_file_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "lexicon" / "en" / "cues.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"cues\.yaml: file not found"):
        load_knowledge(folder)


def test_knowledge_check_fails_on_a_bad_lexicon_naming_file_record_and_field(
    tmp_path: Path,
) -> None:
    folder = _edit(
        _copy(tmp_path),
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"pattern": "(unclosed"}),
    )
    result = CliRunner().invoke(app, ["knowledge", "check", "--path", str(folder)])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "symptoms.yaml" in out and "fever" in out and "'pattern'" in out


def test_a_key_given_twice_is_an_error_naming_file_and_key(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys without a word: a reviewer who adds a spelling that is
    already there (or a frame's setting twice) would change the reading unseen. The loader names the
    file and the key; `knowledge check --path` says so and exits 2. Near miss: the bundled knowledge
    has no such key."""
    folder = _copy(tmp_path)
    path = folder / "lexicon" / "en" / "spelling.yaml"
    path.write_text(path.read_text().replace("variants:\n", "variants:\n  tmrw: tomorrow\n", 1))
    with pytest.raises(KnowledgeError, match=r"spelling\.yaml.*'tmrw' is given twice"):
        load_knowledge(folder)
    result = CliRunner().invoke(app, ["knowledge", "check", "--path", str(folder)])
    assert result.exit_code == 2 and "'tmrw' is given twice" in result.output
    assert CliRunner().invoke(app, ["knowledge", "check"]).exit_code == 0


_WORD = st.text(alphabet="abn '.", min_size=1, max_size=6).map(" ".join).filter(str.strip)


@given(st.lists(_WORD, min_size=1, max_size=8), st.text(alphabet="abn '.\n", max_size=14))
def test_a_word_list_written_as_a_tree_matches_as_longest_first(
    words: list[str], text: str
) -> None:
    """The number words and units are written as a tree of their shared beginnings ("tw(?:o|elve)"),
    which is quicker to try; it matches exactly what the words written longest first do, at every
    place, and with what follows them too."""
    words = [" ".join(w.split()) for w in words]
    plain = "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )
    for tail in ("", r"\s*b"):
        tree = re.compile(f"(?:{alternation(words)}){tail}")
        longest = re.compile(f"(?:{plain}){tail}")
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in longest.finditer(text)]
