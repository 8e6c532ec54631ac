"""The reading lexicon as data: records load, check, compile, and say what they match."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from pregback.errors import KnowledgeError
from pregback.reading.compiled import compile_lexicon, compiled_for
from pregback.reading.lexicon import LEXICON, load_lexicon
from pregback.reading.prefilter import factors, prefixes
from pregback.reading.text import fold
from pregback.reading.vocabulary import vocabulary_from

EN = LEXICON / "en"


@pytest.fixture(scope="module")
def compiled():  # type: ignore[no-untyped-def]
    return compiled_for()


def test_every_contract_id_has_phrases(compiled) -> None:  # type: ignore[no-untyped-def]
    lex = compiled.lexicon
    assert set(lex.symptoms.symptoms) == set(compiled.vocab.symptoms)
    assert set(lex.locations.locations) == set(compiled.vocab.locations)
    assert set(lex.patterns.pattern) == set(compiled.vocab.choices["pattern"])
    assert set(lex.patterns.onset) == set(compiled.vocab.choices["onset"])


def test_every_literal_is_matched_by_its_own_pattern(compiled) -> None:  # type: ignore[no-untyped-def]
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


def test_the_vocabulary_comes_from_findings_yaml_or_a_kb(kb) -> None:  # type: ignore[no-untyped-def]
    alone, with_kb = vocabulary_from(None), vocabulary_from(kb)
    assert alone.symptoms == with_kb.symptoms and alone.locations == with_kb.locations
    assert alone.history == with_kb.history and alone.protective == {"first_pregnancy"}


def test_the_prefilter_never_hides_a_match(compiled) -> None:  # type: ignore[no-untyped-def]
    """Every literal is found by its regex, so each regex's required strings must be in the literal."""
    for g in compiled.groups:
        literal = fold(g.target.phrase.literal)
        need = factors(g.regex)
        if need is not None:
            assert any(f in literal for f in need), (literal, sorted(need)[:5])
        starts = prefixes(g.regex)
        if starts is not None:
            m = g.regex.search(literal)
            assert m is not None and literal[m.start() : m.start() + 3] in starts


@pytest.mark.parametrize(
    ("regex", "text"),
    [
        (r"\b(?:lower|low)\s*back\b", "my low back"),
        (r"(?:a|b)?c{2,}d", "ccd"),
        (r"\bno\b", "no"),
        (r"(?:x\s*){0,3}bleed(?:ing)?", "bleed"),
        (r"(?<!\d)(?P<n>\d{1,2})\s*/\s*10", "7/10"),
    ],
)
def test_prefilter_strings_are_necessary(regex: str, text: str) -> None:
    rx = re.compile(regex)
    assert rx.search(text)
    need = factors(rx)
    assert need is None or any(f in text for f in need)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "en"
    shutil.copytree(EN, folder)
    return folder


def _edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load((folder / name).read_text())
    change(data)
    (folder / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_a_copy_loads_and_compiles_like_the_bundled_one(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    lex = load_lexicon(folder)
    c = compile_lexicon(lex, vocabulary_from(None))
    assert len(c.groups) == len(compiled_for().groups)


def test_an_unknown_key_is_rejected_naming_the_allowed_keys(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"polarity": "absent"}),
    )
    with pytest.raises(KnowledgeError) as err:
        load_lexicon(folder)
    msg = str(err.value)
    assert "symptoms.yaml" in msg and "fever" in msg and "polarity" in msg
    assert "allowed keys: literal, pattern, value, also" in msg


def test_an_unknown_cue_key_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "cues.yaml", lambda d: d["cues"][0].update({"scope": 3}))
    with pytest.raises(
        KnowledgeError, match=r"cues\.yaml .*'scope'.*allowed keys: literal, category, direction"
    ):
        load_lexicon(folder)


def test_a_bad_category_names_what_is_allowed(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "cues.yaml", lambda d: d["cues"][0].update({"category": "negative"}))
    with pytest.raises(KnowledgeError, match=r"'negative'.*allowed: 'negated'"):
        load_lexicon(folder)


def test_an_unknown_symptom_id_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"also": {"pyrexia": "present"}}),
    )
    with pytest.raises(KnowledgeError, match=r"symptoms\.yaml record fever phrase #0 .*'pyrexia'"):
        compile_lexicon(load_lexicon(folder), vocabulary_from(None))


def test_a_symptom_not_in_the_contract_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "symptoms.yaml",
        lambda d: d["symptoms"].update({"backache": {"phrases": [{"literal": "backache"}]}}),
    )
    with pytest.raises(KnowledgeError, match=r"unknown symptom id 'backache'"):
        compile_lexicon(load_lexicon(folder), vocabulary_from(None))


def test_an_unknown_location_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder, "locations.yaml", lambda d: d["locations"].update({"neck": [{"literal": "neck"}]})
    )
    with pytest.raises(
        KnowledgeError, match=r"unknown location id 'neck' \(allowed: flank, leg_radiating"
    ):
        compile_lexicon(load_lexicon(folder), vocabulary_from(None))


def test_a_bad_regex_is_rejected_naming_the_record(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"pattern": "(unclosed"}),
    )
    with pytest.raises(
        KnowledgeError,
        match=r"record fever phrase #0 \('fever'\): field 'pattern': not a valid regex",
    ):
        compile_lexicon(load_lexicon(folder), vocabulary_from(None))


def test_an_unknown_macro_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"pattern": "{{nope}}"}),
    )
    with pytest.raises(KnowledgeError, match=r"unknown macro \{\{nope\}\}"):
        compile_lexicon(load_lexicon(folder), vocabulary_from(None))


def test_weeks_below_needs_a_weeks_group(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "symptoms.yaml",
        lambda d: d["symptoms"]["fever"]["phrases"][0].update({"weeks_below": 37}),
    )
    with pytest.raises(KnowledgeError, match=r"'weeks_below' needs .*group named 'weeks'"):
        compile_lexicon(load_lexicon(folder), vocabulary_from(None))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "cues.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"cues\.yaml: file not found"):
        load_lexicon(folder)
