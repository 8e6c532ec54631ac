"""What she reads carries no research-process notes and no bare abbreviations (issue 12, part 7).

A note on how a source was read ("secondary source", "not retrieved", "as reproduced at") belongs in
sources.yaml, never in a text shown to her; a source id in brackets is for reviewers too. An
abbreviation such as HELLP or PGP is explained in the same text, before it ("pelvic girdle pain
(PGP)") or after it ("HELLP (a severe form of pre-eclampsia)"). The lists below are the checks;
grow them when an audit finds a new one.
"""

from __future__ import annotations

import re

from pregback.knowledge import KnowledgeBase, default_knowledge

#: Words that belong to the research notes, not to her (regular expressions, case-insensitive).
RESEARCH_NOTES = (
    r"secondary",  # "secondary source", "secondary copy", "a secondary pharmacist source"
    r"retrieved",  # "not retrieved", "no retrieved source states it"
    r"knowledge base S\d+",
    r"clinical-knowledge",
    r"\bS\d\d\b",  # a research-note id such as S54
    r"as reproduced",
    r"as quoted",
    r"unconfirmed",
    r"mirror",
    r"check against",
    r"TRIAGE\.md",
    r"seed article",
)

#: Abbreviations she may not know, each to be explained in the text that uses it (case-sensitive).
ABBREVIATIONS = (
    "HELLP",
    "PGP",
    "SPD",
    "TENS",
    "NSAID",
    "NSAIDs",
    "UTI",
    "DVT",
    "PE",
    "CES",
    "GBS",
    "VBAC",
    "A&E",
    "ED",
    "CTG",
    "PPROM",
    "EPU",
    "VTE",
    "ADHD",
    "MRI",
    "CT",
    "ACOG",
    "RCOG",
    "POGP",
    "NICE",
    "WHO",
    "FDA",
    "MHRA",
    "EMA",
)


def explained(text: str, abbr: str) -> bool:
    """The words that say what `abbr` means stand beside it, in brackets, on either side."""
    a = re.escape(abbr)
    return bool(re.search(rf"\({a}\)", text) or re.search(rf"(?<![\w&]){a}\s*\([^)]{{4,}}\)", text))


def problems(text: str, source_ids: set[str] | frozenset[str] = frozenset()) -> list[str]:
    out = [
        f'research note "{m.group(0)}"'
        for p in RESEARCH_NOTES
        if (m := re.search(p, text, flags=re.IGNORECASE))
    ]
    out += [
        f"source id {sid}"
        for sid in sorted(source_ids)
        if re.search(rf"(?<![\w-]){re.escape(sid)}(?![\w-])", text)
    ]
    out += [
        f"abbreviation {a} not explained"
        for a in ABBREVIATIONS
        if re.search(rf"(?<![\w&]){re.escape(a)}(?![\w&])", text) and not explained(text, a)
    ]
    return out


def texts_for_her(kb: KnowledgeBase, files: tuple[str, ...]) -> dict[str, str]:
    """Every text shown to her from the named files, keyed 'file id field'."""
    out: dict[str, str] = {}
    if "levels" in files:
        for lvl in kb.levels.values():
            out[f"levels.yaml {lvl.id} action"] = lvl.action
            for i, variant in enumerate(lvl.variants):
                out[f"levels.yaml {lvl.id} variants[{i}]"] = variant.action
            if lvl.fallback:
                out[f"levels.yaml {lvl.id} fallback"] = lvl.fallback
    if "rules" in files:
        for rule in kb.rules.values():
            out[f"rules.yaml {rule.id} reason"] = rule.reason
            for i, note in enumerate(rule.notes):
                out[f"rules.yaml {rule.id} notes[{i}]"] = note.text
    if "causes" in files:
        for cause in kb.causes.values():
            out[f"causes.yaml {cause.id} explanation"] = cause.explanation
            out[f"causes.yaml {cause.id} meaning"] = cause.meaning
            for i, typical in enumerate(cause.typical):
                out[f"causes.yaml {cause.id} typical[{i}]"] = typical
    if "advice" in files:
        for item in kb.advice.values():
            here = f"advice.yaml {item.id}"
            out[f"{here} summary"] = item.summary
            for field in ("steps", "partner", "cautions"):
                for i, text in enumerate(getattr(item, field)):
                    out[f"{here} {field}[{i}]"] = text
            if item.never_reason:
                out[f"{here} never_reason"] = item.never_reason
            out[f"{here} evidence.summary"] = item.evidence.summary
    if "claims" in files:
        for claim in kb.claims.values():
            out[f"claims.yaml {claim.id} claim"] = claim.claim
            out[f"claims.yaml {claim.id} better_evidence"] = claim.better_evidence
    return out


def findings(kb: KnowledgeBase, files: tuple[str, ...]) -> dict[str, list[str]]:
    ids = set(kb.sources)
    found = {where: problems(text, ids) for where, text in texts_for_her(kb, files).items()}
    return {where: p for where, p in found.items() if p}


def test_the_check_tells_notes_and_bare_abbreviations_from_plain_words() -> None:
    assert problems("Warmth can help (secondary source).") == ['research note "secondary"']
    assert problems("No source for it was retrieved.") == ['research note "retrieved"']
    assert problems("Core temperature (knowledge base S54).") == [
        'research note "knowledge base S54"',
        'research note "S54"',
    ]
    assert problems("The NHS advises against it (NHS-EX).", {"NHS-EX"}) == ["source id NHS-EX"]
    assert problems("Severe pre-eclampsia includes HELLP.") == ["abbreviation HELLP not explained"]
    assert problems("It can be HELLP (a severe form of pre-eclampsia).") == []
    assert problems("Pelvic girdle pain (PGP) is common.") == []
    assert problems("Call 999 or go to A&E now.") == ["abbreviation A&E not explained"]
    assert problems("Go to A&E (the emergency department) now.") == []
    assert problems("The World Health Organization (WHO) lists it.") == []
    assert problems("Ask who can help; a pet is fine.") == []  # case and whole words matter
    assert problems("Call 999 (your local emergency number).") == []


def test_claims_she_reads_carry_no_research_notes_or_bare_abbreviations(
    kb: KnowledgeBase,
) -> None:
    assert findings(kb, ("claims",)) == {}


def test_rules_advice_causes_and_levels_she_reads_carry_no_research_notes_or_bare_abbreviations(
    kb: KnowledgeBase,
) -> None:
    assert findings(kb, ("levels", "rules", "causes", "advice")) == {}


def test_the_questions_and_hints_speak_to_her() -> None:
    """Issue 16: "you" throughout her texts; the finding's question, label and meaning (shown as the
    question's hint) never say "she" or "her"."""
    kb = default_knowledge()
    for sym in kb.symptoms.values():
        for field in ("question", "label", "meaning"):
            text = getattr(sym, field)
            assert not re.search(r"\b(she|her|hers)\b", text, re.I), (sym.id, field, text)
