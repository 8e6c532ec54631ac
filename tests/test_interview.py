"""The interview: emergency first, then as few screens as safety allows (TRIAGE P2).

Every test plays her part truthfully, as a user would, through `replay` (the one path the API,
the web pages and the terminal use)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pregback.core.findings import parse_findings
from pregback.core.interview import (
    NONE,
    PATTERN_CHECK,
    Answer,
    AnswerError,
    Step,
    apply_answer,
    correct,
    next_step,
    replay,
)
from pregback.core.triage import assess
from pregback.knowledge import DATA, KnowledgeBase, default_knowledge, load_knowledge
from pregback.knowledge.conditions import AFTER_BIRTH, Context, Vocabulary, dnf, holds
from pregback.knowledge.schema import URGENCY_LEVELS

KB = default_knowledge()
RANK = {level: i for i, level in enumerate(URGENCY_LEVELS)}


def _truthful(ask: Any, truth: dict[str, Any]) -> Any:
    """Her answer to a screen, from the whole truth (symptoms not in it are absent)."""
    symptoms = truth.get("symptoms", {})
    if ask.kind == "symptoms":
        # An item that stands for a group of signs: she ticks it if she has any of them.
        ticked = [
            c.id
            for c in ask.items
            if any(symptoms.get(m) == "present" for m in c.members or (c.id,))
        ]
        return ticked or NONE
    if ask.kind == "form":
        values = {
            f.id: (symptoms.get(f.id) == "present") if f.type == "yesno" else truth.get(f.id)
            for f in ask.fields
        }
        return None if all(v is None for v in values.values()) else values
    return truth.get("pattern" if ask.id == PATTERN_CHECK else ask.id)


def _play(start: dict[str, Any], truth: dict[str, Any], kb: KnowledgeBase = KB) -> Step:
    answers: list[Answer] = []
    found = parse_findings(start, kb)
    for _ in range(40):
        step = replay(found, answers, kb=kb)
        if step.ask is None:
            return step
        answers.append(Answer(step.ask.id, _truthful(step.ask, truth)))
    raise AssertionError("the interview did not end")


# --------------------------------------------------------------------------- emergency first
def test_an_emergency_in_her_message_asks_nothing_more(kb: Any) -> None:
    """30 weeks, numb between the legs and unable to pee: nothing can raise it above emergency."""
    found = parse_findings(
        {
            "gestational_weeks": 30,
            "symptoms": {"saddle_numbness": "present", "bladder_bowel_dysfunction": "present"},
        },
        kb,
    )
    step = next_step(found, kb=kb)
    assert step.done and step.result.urgency == "emergency"
    assert step.progress == (0, 0)


def test_after_an_emergency_a_few_questions_for_the_crew_are_offered_never_required(
    kb: Any,
) -> None:
    found = parse_findings({"symptoms": {"saddle_numbness": "present"}}, kb)
    step = next_step(found, kb=kb)
    assert step.done and step.optional is not None and step.optional.id == "gestational_weeks"
    assert "ambulance crew" in step.optional.why
    answers = [Answer("gestational_weeks", {"gestational_weeks": 30, "given_birth": False})]
    step = replay(found, answers, kb=kb)
    assert step.done and step.findings.get("gestational_weeks") == 30
    assert step.optional is not None and step.optional.id == "about_pain"
    step = replay(found, [*answers, Answer("about_pain", None)], kb=kb)
    assert step.done and step.optional is None and step.result.urgency == "emergency"
    with pytest.raises(AnswerError, match="answers no open question"):
        replay(found, [*answers, Answer("about_pain", None), Answer("about_pain", None)], kb=kb)


def test_corrections_meet_the_answers_in_replay(kb: Any) -> None:
    read = parse_findings({"gestational_weeks": 30, "symptoms": {"saddle_numbness": "present"}}, kb)
    assert replay(read, [], kb=kb).result.urgency == "emergency"
    step = replay(read, [], kb=kb, corrections={"saddle_numbness": "absent"})
    assert not step.done and step.findings.status("saddle_numbness") == "absent"
    assert step.ask is not None and "saddle_numbness" not in step.ask.answers
    with pytest.raises(AnswerError, match="corrections.saddle_numbness"):
        replay(read, [], kb=kb, corrections={"saddle_numbness": "maybe"})
    with pytest.raises(AnswerError, match="corrections.symptoms"):
        replay(read, [], kb=kb, corrections={"symptoms": {"saddle_numbness": "absent"}})


def test_once_urgent_only_what_could_make_it_an_emergency_is_asked(kb: Any) -> None:
    found = parse_findings(
        {"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}}, kb
    )
    step = next_step(found, kb=kb)
    assert step.result.urgency == "urgent"
    seen = 0
    answers: list[Answer] = []
    while step.ask is not None:
        assert step.ask.could_raise_to == "emergency", step.ask
        answers.append(Answer(step.ask.id, None if step.ask.kind == "form" else NONE))
        step = replay(found, answers, kb=kb)
        seen += 1
    assert 1 <= seen <= 5 and step.result.urgency == "urgent"


def test_a_danger_sign_ticked_ends_the_interview_at_once(kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    step = next_step(found, kb=kb)
    assert step.ask is not None and step.ask.id == "signs:emergency" and step.ask.danger
    step = replay(found, [Answer(step.ask.id, ["chest_pain"])], kb=kb)
    assert step.done and step.result.urgency == "emergency"


# --------------------------------------------------------------------------- grouped signs
def _to_urgent_screen(kb: Any) -> tuple[Any, list[Answer], Any]:
    """30 weeks, no emergency sign, pain not known: play on to the screen of urgent signs."""
    found = parse_findings({"gestational_weeks": 30, "pain_severity": 4}, kb)
    answers: list[Answer] = []
    step = replay(found, answers, kb=kb)
    while step.ask is not None and step.ask.id != "signs:urgent":
        answers.append(Answer(step.ask.id, None if step.ask.kind == "form" else NONE))
        step = replay(found, answers, kb=kb)
    assert step.ask is not None, "no screen of urgent signs"
    return found, answers, step.ask


def test_emergency_signs_are_each_named_never_grouped(kb: Any) -> None:
    ask = next_step(parse_findings({"gestational_weeks": 30}, kb), kb=kb).ask
    assert ask is not None and ask.id == "signs:emergency"
    assert all(not c.members and c.id in kb.symptoms for c in ask.items)
    assert {"chest_pain", "shortness_of_breath", "saddle_numbness"} <= {c.id for c in ask.items}


def test_urgent_signs_of_one_kind_are_one_tick_and_none_answers_them_all(kb: Any) -> None:
    found, answers, ask = _to_urgent_screen(kb)
    group = next(c for c in ask.items if c.id == "group:preeclampsia_signs")
    assert {"severe_headache", "visual_disturbance", "high_blood_pressure"} <= set(group.members)
    assert "Severe headache" in group.meaning  # each sign is still named, in plain words
    assert ask.danger  # a screen of warning signs
    step = replay(found, [*answers, Answer(ask.id, NONE)], kb=kb)
    assert all(step.findings.status(m) == "absent" for m in group.members)
    assert set(group.members) <= set(ask.answers)  # skipped together, listed as unanswered


def test_a_ticked_group_asks_next_which_signs_she_has(kb: Any) -> None:
    found, answers, ask = _to_urgent_screen(kb)
    group = next(c for c in ask.items if c.id == "group:preeclampsia_signs")
    answers.append(Answer(ask.id, [group.id]))
    step = replay(found, answers, kb=kb)
    assert step.result.urgency != "urgent"  # nothing is taken as present from the tick alone
    assert all(step.findings.status(m) == "unknown" for m in group.members)
    assert step.ask is not None and step.ask.id == "which"
    assert [c.id for c in step.ask.items] == list(group.members)  # each on its own
    # The others on the screen were answered "no".
    others = [c.id for c in ask.items if not c.members]
    assert others and all(step.findings.status(o) == "absent" for o in others)
    answers.append(Answer("which", ["severe_headache"]))
    step = replay(found, answers, kb=kb)
    assert step.result.urgency == "urgent"
    assert step.findings.status("severe_headache") == "present"
    assert step.findings.status("visual_disturbance") == "absent"
    assert "preeclampsia" in step.result.cause_ids


def test_a_ticked_group_is_asked_even_when_it_can_no_longer_change_the_level(kb: Any) -> None:
    """She ticks a sign that makes it urgent and a group: which of the group she has is still
    asked (the result and the unit need to know), unless it is an emergency."""
    found, answers, ask = _to_urgent_screen(kb)
    single = next(c.id for c in ask.items if not c.members and c.id == "trauma")
    answers.append(Answer(ask.id, [single, "group:preeclampsia_signs"]))
    step = replay(found, answers, kb=kb)
    assert step.result.urgency == "urgent"
    assert step.ask is not None and step.ask.id == "which"


def test_a_group_is_never_the_whole_screen(kb: Any) -> None:
    from pregback.core.screens import choices_for

    alone = choices_for(kb, ["severe_headache", "visual_disturbance"], grouped=True)
    assert [c.id for c in alone] == ["severe_headache", "visual_disturbance"]
    mixed = choices_for(kb, ["severe_headache", "trauma", "visual_disturbance"], grouped=True)
    assert [c.id for c in mixed] == ["group:preeclampsia_signs", "trauma"]


# --------------------------------------------------------------------------- answers
def test_an_empty_answer_is_refused_and_none_means_no(kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    ask = next_step(found, kb=kb).ask
    assert ask is not None and ask.kind == "symptoms"
    with pytest.raises(AnswerError, match="none"):
        apply_answer(found, ask, [], kb)
    after = apply_answer(found, ask, NONE, kb)
    assert all(after.status(c.id) == "absent" for c in ask.items)


def test_a_bad_answer_names_where_it_is(kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    with pytest.raises(AnswerError) as err:
        replay(found, [Answer("signs:emergency", ["not_a_symptom"])], kb=kb)
    assert err.value.problems[0].field == "answers[0].answer"
    with pytest.raises(AnswerError) as err:
        replay(found, [Answer("gestational_weeks", 30)], kb=kb)
    assert "answers[0].question" in str(err.value)


def test_skipping_a_screen_leaves_its_items_unknown_and_listed(kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    ask = next_step(found, kb=kb).ask
    assert ask is not None
    step = replay(found, [Answer(ask.id, None)], kb=kb)
    assert step.ask is None or step.ask.id != ask.id
    assert set(ask.answers) <= step.skipped
    unanswered = {q.id for q in step.result.unanswered}
    assert {"chest_pain", "saddle_numbness"} <= unanswered


# --------------------------------------------------------------------------- order and screens
def test_the_week_comes_first_when_unknown_and_never_after_the_birth(kb: Any) -> None:
    assert next_step(parse_findings({}, kb), kb=kb).ask.id == "gestational_weeks"  # type: ignore[union-attr]
    after = parse_findings({"symptoms": {"given_birth": "present"}}, kb)
    asks = []
    step = next_step(after, kb=kb)
    answers: list[Answer] = []
    while step.ask is not None:
        asks.append(step.ask.id)
        answers.append(Answer(step.ask.id, None))
        step = replay(after, answers, kb=kb)
    assert "gestational_weeks" not in asks


def test_wave_timings_with_on_and_off_pain_ask_whether_they_come_in_a_rhythm(kb: Any) -> None:
    found = parse_findings(
        {"gestational_weeks": 30, "pattern": "intermittent", "episode_interval_min": 25}, kb
    )
    assert next_step(found, kb=kb).ask.id == PATTERN_CHECK  # type: ignore[union-attr]
    step = replay(found, [Answer(PATTERN_CHECK, "rhythmic")], kb=kb)
    assert step.findings.get("pattern") == "rhythmic" and step.result.urgency == "urgent"
    # Asked once: the same answer again does not bring the question back.
    step = replay(found, [Answer(PATTERN_CHECK, "intermittent")], kb=kb)
    assert step.ask is None or step.ask.id != PATTERN_CHECK


def test_waves_are_not_asked_about_when_she_has_none(kb: Any) -> None:
    step = _play({"gestational_weeks": 28, "pattern": "constant"}, {"gestational_weeks": 28})
    assert "waves" not in step.asked


def test_a_previous_caesarean_is_asked_when_labour_has_started(kb: Any) -> None:
    start: dict[str, Any] = {
        "gestational_weeks": 39,
        "pattern": "rhythmic",
        "episode_interval_min": 8,
        "symptoms": {"first_pregnancy": "absent"},
    }
    truth = {**start, "symptoms": {"first_pregnancy": "absent", "previous_caesarean": "present"}}
    step = _play(start, truth)
    # U10 already makes it urgent, and the scar alone cannot make it an emergency: not asked.
    assert step.result.urgency == "urgent" and "history" not in step.asked
    start["episode_interval_min"] = 12
    start["symptoms"] = {"first_pregnancy": "present"}
    truth = {**start, "symptoms": {"first_pregnancy": "present", "previous_caesarean": "present"}}
    step = _play(start, truth)
    assert "history" in step.asked and "U24" in [r.id for r in step.result.fired]


def test_progress_counts_screens(kb: Any) -> None:
    found = parse_findings({"gestational_weeks": 30}, kb)
    step = next_step(found, kb=kb)
    first, about = step.progress
    assert first == 1 and 2 <= about <= 8
    step = replay(found, [Answer(step.ask.id, NONE)], kb=kb)  # type: ignore[union-attr]
    assert step.progress[0] == 2


def test_a_correction_replaces_the_reading(kb: Any) -> None:
    read = parse_findings(
        {"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}}, kb
    )
    fixed = correct(read, {"vaginal_bleeding": "absent", "pain_severity": 4}, kb)
    assert fixed.status("vaginal_bleeding") == "absent" and fixed.get("pain_severity") == 4
    unsure = correct(read, {"vaginal_bleeding": "unknown"}, kb)
    assert unsure.status("vaginal_bleeding") == "unknown"
    with pytest.raises(AnswerError, match="corrections.pain_severity"):
        correct(read, {"pain_severity": 12}, kb)


# --------------------------------------------------------------------------- the stopping rule
def _shuffled_kb(tmp: Path, seed: int) -> KnowledgeBase:
    folder = tmp / f"kb-{seed}"
    shutil.copytree(DATA, folder)
    data = yaml.safe_load((folder / "rules.yaml").read_text())
    random.Random(seed).shuffle(data["rules"])
    (folder / "rules.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return load_knowledge(folder)


_SHUFFLED: dict[int, KnowledgeBase] = {}


def _kb_in_order(which: int, tmp: Path) -> KnowledgeBase:
    """0: the bundled rules; 1, 2: the same rules in two shuffled orders."""
    if which == 0:
        return KB
    if which not in _SHUFFLED:
        _SHUFFLED[which] = _shuffled_kb(tmp, which)
    return _SHUFFLED[which]


def _plain_level(kb: KnowledgeBase, truth: dict[str, Any]) -> str:
    """A plain evaluator: every rule's condition checked on its own against the truth."""
    found = parse_findings(truth, kb)
    vocab = Vocabulary(
        kb.symptoms,
        kb.locations,
        {k: list(kb.scalars[k].choices) for k in ("onset", "pattern")},
        [s for s in kb.symptoms if kb.symptoms[s].protective],
        {t: kb.plain[("term", t)] for t in kb.terms},
        [t.id for t in kb.terms.values() if t.protective],
    )
    after = "given_birth" in found.present
    facts = {
        k: float(v)  # type: ignore[arg-type]
        for k, v in found.scalars.items()
        if k in ("gestational_weeks", "pain_severity", "pain_duration_days")
        and not (after and k == "gestational_weeks")
    }
    renamed = {
        "episode_interval_min": "interval_min",
        "episode_duration_s": "wave_duration_s",
        "episodes_last_hour": "waves_last_hour",
        "pattern_hours": "held_hours",
    }
    for key, fact in renamed.items():
        if key in found.scalars:
            facts[fact] = float(found.scalars[key])  # type: ignore[arg-type]
    if "episode_duration_s" in found.scalars:
        facts["longest_wave_s"] = float(found.scalars["episode_duration_s"])  # type: ignore[arg-type]
    facts["waves_recorded"] = 0.0
    weeks = facts.get("gestational_weeks")
    ctx = Context(
        found.present,
        found.locations,
        {k: str(v) for k in ("onset", "pattern") if (v := found.get(k)) is not None},
        facts,
        AFTER_BIRTH if after else None if weeks is None else min(45, int(weeks)),
    )
    level = 0
    for rule in kb.rules.values():
        if rule.when is not None and holds(dnf(rule.when, vocab, rule.id), ctx):
            level = max(level, RANK[rule.urgency])
    return URGENCY_LEVELS[level]


@st.composite
def truths(draw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["gestational_weeks"] = draw(st.integers(4, 42))
    if draw(st.booleans()):
        out["pain_severity"] = draw(st.integers(0, 10))
    if draw(st.booleans()):
        out["pain_duration_days"] = draw(st.sampled_from([0.25, 0.5, 1, 3, 20]))
    if draw(st.booleans()):
        out["pain_locations"] = draw(st.lists(st.sampled_from(sorted(KB.locations)), unique=True))
    for key in ("onset", "pattern"):
        if draw(st.booleans()):
            out[key] = draw(st.sampled_from(KB.scalars[key].choices))
    if draw(st.booleans()):
        # Someone who can time her waves says, when asked, that the pain comes in waves or on and
        # off (the waves screen is asked only then: findings.yaml ask_when).
        out["episode_interval_min"] = draw(st.sampled_from([2, 4, 8, 12, 25]))
        if out.get("pattern") not in ("rhythmic", "intermittent"):
            out["pattern"] = draw(st.sampled_from(["rhythmic", "intermittent"]))
    present = draw(st.lists(st.sampled_from(sorted(KB.symptoms)), max_size=4, unique=True))
    for sid in list(present):  # heavy bleeding is bleeding: the truth is consistent
        present += [i for i in KB.symptoms[sid].implies if i not in present]
    out["symptoms"] = dict.fromkeys(present, "present")
    if "given_birth" in present:  # after the birth she tells no week of pregnancy (TRIAGE 9)
        out.pop("gestational_weeks", None)
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(truth=truths(), which=st.sampled_from([0, 1, 2]))
def test_a_truthful_patient_reaches_her_true_level_whatever_the_order_of_the_rules(
    truth: dict[str, Any], which: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """She starts with nothing said (or with her week and pain) and answers truthfully: the
    interview must not stop while something unanswered could still change the level, so it ends at
    the level a plain evaluator gives for the whole truth, with the rules in any order."""
    kb = _kb_in_order(which, tmp_path_factory.getbasetemp())
    expected = _plain_level(kb, truth)
    assert assess(truth, kb=kb).urgency == expected  # the engine agrees with the plain evaluator
    start = {k: v for k, v in truth.items() if k in ("gestational_weeks", "pain_severity")}
    step = _play(start, truth, kb)
    assert step.result.urgency == expected, (step.asked, step.findings)
