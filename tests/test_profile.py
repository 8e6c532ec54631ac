"""Her risk profile, asked once: which findings are profile facts (data, checked on load), the
migration that keeps them (up, down, the first profile's answers carried over), facts that expire,
every assessment filling its unknowns from them (what she says now wins), a fact given in an
assessment remembered, no week after the birth, `pregback profile --fact`, and the report.
Runs over SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, inspect, text
from typer.testing import CliRunner

from pregback.core.profile import (
    ABSENT,
    AFTER_BIRTH_WEEK,
    PRESENT,
    Fact,
    check_fact,
    fact_ids,
    in_force,
)
from pregback.errors import KnowledgeError, PregbackError
from pregback.interfaces.cli.app import app
from pregback.knowledge import default_knowledge, load_knowledge
from pregback.store.db import HEAD, current_revision, downgrade, make_engine, migrate, open_store
from pregback.store.models import UTCDateTime
from pregback.store.repository import Repository

runner = CliRunner()
PROFILE_FACTS = {
    "previous_caesarean",
    "multiple_pregnancy",
    "low_lying_placenta",
    "cervical_risk",
    "sickle_cell_disease",
    "aortic_condition",
    "first_pregnancy",
    "previous_preterm_birth",
    "call_early_in_labour",
    "given_birth",
    "recent_spinal_procedure",
}
KNOWLEDGE = Path(__file__).resolve().parents[1] / "src" / "pregback" / "knowledge" / "data"


def run(db: str, *args: str, code: int = 0) -> Any:
    out = runner.invoke(app, [*args, "--db", db])
    assert out.exit_code == code, out.output
    return out


def set_profile(db: str, **changes: Any) -> None:
    store = open_store(db)
    try:
        with store.session() as s:
            Repository(s).set_profile(**changes)
    finally:
        store.close()


def her_facts(db: str) -> dict[str, str]:
    store = open_store(db)
    try:
        with store.session() as s:
            repo = Repository(s)
            return repo.facts(repo.require_person())
    finally:
        store.close()


def due_for(weeks: int, today: date | None = None) -> date:
    return (today or date.today()) + timedelta(days=280 - weeks * 7)


# ------------------------------------------------------------------ the knowledge base


def test_which_findings_are_profile_facts_is_data() -> None:
    kb = default_knowledge()
    assert set(fact_ids(kb)) == PROFILE_FACTS
    assert kb.symptoms["recent_spinal_procedure"].lasts_days == 42
    assert all(kb.symptoms[f].history for f in PROFILE_FACTS)
    assert not kb.symptoms["prior_back_pain"].profile  # history, but not asked once


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  - id: stress_anxiety\n",
            "  - id: stress_anxiety\n    profile: true\n",
            "stress_anxiety: field 'profile': a profile fact is a fact about her history",
        ),
        (
            "  - id: prior_back_pain\n",
            "  - id: prior_back_pain\n    lasts_days: 10\n",
            "prior_back_pain: field 'lasts_days': only a profile fact expires",
        ),
    ],
)
def test_a_profile_flag_that_does_not_fit_is_refused_on_load(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, copy)
    findings = copy / "findings.yaml"
    findings.write_text(findings.read_text().replace(old, new, 1))
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(copy)


# ------------------------------------------------------------------ answers and expiry


def test_answers_in_words_and_clear_errors() -> None:
    kb, today = default_knowledge(), date(2026, 12, 6)
    assert check_fact(kb, "previous_caesarean", "Yes", today) == Fact(PRESENT, today)
    assert check_fact(kb, "previous_caesarean", False, today) == Fact(ABSENT, today)
    assert check_fact(kb, "previous_caesarean", "not sure", today) is None
    assert check_fact(kb, "recent_spinal_procedure", "2026-11-30", today) == Fact(
        PRESENT, date(2026, 11, 30)
    )
    with pytest.raises(PregbackError, match=r"previous_caesarean: 'maybe' is not an answer"):
        check_fact(kb, "previous_caesarean", "maybe", today)
    with pytest.raises(PregbackError, match=r"is not a fact of her profile \(allowed: "):
        check_fact(kb, "fever", "yes", today)  # a symptom now, never a profile fact
    with pytest.raises(PregbackError, match="is not in the last 42 days"):
        check_fact(kb, "recent_spinal_procedure", "2026-09-01", today)


def test_an_epidural_counts_for_six_weeks_and_a_no_to_it_for_the_day_only() -> None:
    kb, done = default_knowledge(), date(2026, 11, 1)
    saved = {"recent_spinal_procedure": Fact(PRESENT, done), "multiple_pregnancy": Fact(PRESENT)}
    assert in_force(kb, saved, done + timedelta(days=41))["recent_spinal_procedure"] == PRESENT
    later = in_force(kb, saved, done + timedelta(days=42))
    assert "recent_spinal_procedure" not in later and later["multiple_pregnancy"] == PRESENT
    no = {"recent_spinal_procedure": Fact(ABSENT, done)}
    assert in_force(kb, no, done) == {"recent_spinal_procedure": ABSENT}
    assert in_force(kb, no, done + timedelta(days=1)) == {}


# ------------------------------------------------------------------ the migration


def test_migration_0005_carries_the_first_profiles_answers_over_and_back(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine, "0004")
    old = MetaData()
    person = Table(
        "person",
        old,
        Column("id", Integer),
        Column("uid", String),
        Column("name", String),
        Column("first_pregnancy", Boolean),
        Column("previous_preterm_birth", Boolean),
        Column("multiple_pregnancy", Boolean),
        Column("created_at", UTCDateTime()),
        Column("updated_at", UTCDateTime()),
    )
    now = datetime.now(UTC)
    rows = [
        (1, "me", True, None, False),
        (2, "sam", None, True, True),
        (3, "kim", None, None, None),
    ]
    with engine.begin() as conn:
        conn.execute(
            person.insert(),
            [
                {
                    "id": i,
                    "uid": f"u-{i}",
                    "name": name,
                    "first_pregnancy": a,
                    "previous_preterm_birth": b,
                    "multiple_pregnancy": c,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, name, a, b, c in rows
            ],
        )
        conn.execute(
            text(
                "INSERT INTO diary_entry (person_id, at, day, pain, locations, symptoms, helped, "
                "notes, created_at, updated_at) VALUES (1, :at, 1, 4, '[]', '[]', '[]', 'kept', "
                ":at, :at)"
            ).bindparams(at=now.replace(tzinfo=None)),
        )
    migrate(engine)
    assert current_revision(engine) == HEAD == "0005"
    assert "first_pregnancy" not in {c["name"] for c in inspect(engine).get_columns("person")}
    engine.dispose()
    store = open_store(db_url)
    try:
        with store.session() as s:
            repo = Repository(s)
            me, sam, kim = (repo.require_person(n) for n in ("me", "sam", "kim"))
            assert repo.facts(me) == {"multiple_pregnancy": ABSENT, "first_pregnancy": PRESENT}
            assert repo.facts(sam) == {
                "previous_preterm_birth": PRESENT,
                "multiple_pregnancy": PRESENT,
            }
            assert repo.facts(kim) == {}
            assert [e.notes for e in repo.entries(me)] == ["kept"]  # nothing cascaded away
            repo.set_profile("sam", facts={"previous_caesarean": "yes"})
        downgrade(store.engine, "0004")
        with store.engine.connect() as conn:
            back = conn.execute(
                text(
                    "SELECT name, first_pregnancy, previous_preterm_birth, multiple_pregnancy "
                    "FROM person ORDER BY id"
                )
            ).all()
            assert [(r[0], r[1], r[2], r[3]) for r in back] == [
                ("me", True, None, False),
                ("sam", None, True, True),
                ("kim", None, None, None),
            ]
            assert conn.execute(text("SELECT notes FROM diary_entry")).scalar() == "kept"
        assert "profile_fact" not in inspect(store.engine).get_table_names()
        migrate(store.engine)
        with store.session() as s:
            repo = Repository(s)
            assert repo.facts(repo.require_person("me"))["first_pregnancy"] == PRESENT
    finally:
        store.close()


def test_erasing_her_profile_erases_her_facts(store: Any) -> None:
    with store.session() as s:
        repo = Repository(s)
        repo.set_profile(facts={"previous_caesarean": "yes", "sickle_cell_disease": "no"})
    with store.session() as s:
        repo = Repository(s)
        repo.erase_person(repo.require_person())
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM profile_fact")).scalar() == 0


# ------------------------------------------------------------------ assessments


def test_a_stored_previous_caesarean_with_signs_of_labour_is_u24_without_saying_it_again(
    db_url: str,
) -> None:
    from pregback.services.assess import assess_with_store

    labour = {"symptoms": {"abdominal_tightening": "present"}, "pattern": "rhythmic"}
    set_profile(db_url, due_date=due_for(39), first_pregnancy=True)
    before, _ = assess_with_store(labour, db=db_url, save=False)
    assert "U24" not in [r.id for r in before.fired]  # the near miss: nothing of a caesarean yet
    run(db_url, "profile", "--fact", "previous_caesarean=yes")
    result, _ = assess_with_store(labour, db=db_url)
    assert result.urgency == "urgent" and "U24" in [r.id for r in result.fired]
    assert result.findings.symptoms["previous_caesarean"] == PRESENT
    said_no, _ = assess_with_store(
        {**labour, "symptoms": {**labour["symptoms"], "previous_caesarean": "absent"}},
        db=db_url,
        save=False,
    )
    assert "U24" not in [r.id for r in said_no.fired]  # what she says now wins


def test_a_fact_given_in_an_assessment_is_remembered(db_url: str) -> None:
    from pregback.services.assess import assess_with_store

    set_profile(db_url, due_date=due_for(38))
    not_kept, _ = assess_with_store(
        {"symptoms": {"multiple_pregnancy": "present"}}, db=db_url, save=False
    )
    assert not any("Kept in your profile" in n for n in not_kept.notes)
    first, _ = assess_with_store({"symptoms": {"multiple_pregnancy": "present"}}, db=db_url)
    assert (
        "Kept in your profile, so you will not be asked again: Twins or more: yes." in first.notes
    )
    assert her_facts(db_url) == {"multiple_pregnancy": PRESENT}
    later, _ = assess_with_store({"symptoms": {"abdominal_tightening": "present"}}, db=db_url)
    assert "U25" in [r.id for r in later.fired]  # twins at term with tightenings, not asked again
    assert not any("Kept in your profile" in n for n in later.notes)  # nothing new to keep


def test_after_the_birth_her_due_date_gives_no_week(db_url: str) -> None:
    from pregback.services.assess import WEEK_OVER_BIRTH, assess_with_store

    run(db_url, "profile", "--weeks", "30", "--fact", "given_birth=yes")
    result, _ = assess_with_store({"symptoms": {"abdominal_tightening": "present"}}, db=db_url)
    assert "gestational_weeks" not in result.findings.scalars
    assert AFTER_BIRTH_WEEK in result.notes and not any(r.id == "U4" for r in result.fired)
    assert "after the birth: no week of pregnancy" in run(db_url, "profile").output
    assert json.loads(run(db_url, "profile", "--json").output)["week"] is None
    again, _ = assess_with_store({"gestational_weeks": 30}, db=db_url, save=False)
    assert "given_birth" not in again.findings.symptoms and WEEK_OVER_BIRTH in again.notes


# ------------------------------------------------------------------ the terminal


def test_pregback_profile_sets_and_lists_her_facts(db_url: str) -> None:
    out = run(
        db_url,
        "profile",
        "--weeks",
        "30",
        "--fact",
        "previous_caesarean=yes",
        "--fact",
        "sickle_cell_disease=no",
    )
    assert "An earlier caesarean or womb surgery:" in out.output
    line = next(x for x in out.output.splitlines() if "[previous_caesarean]" in x)
    assert line.split(":", 1)[1].split()[0] == "yes"
    assert "Low-lying placenta:" in out.output and "not said   [low_lying_placenta]" in out.output
    data = json.loads(run(db_url, "profile", "--json").output)
    assert data["facts"]["previous_caesarean"] == "present"
    assert data["facts"]["sickle_cell_disease"] == "absent"
    assert data["facts"]["low_lying_placenta"] is None
    run(db_url, "profile", "--fact", "sickle_cell_disease=not-sure")
    assert (
        json.loads(run(db_url, "profile", "--json").output)["facts"]["sickle_cell_disease"] is None
    )


@pytest.mark.parametrize(
    ("fact", "says"),
    [
        ("previous_caesarian=yes", "--fact previous_caesarian: 'previous_caesarian' is not a fact"),
        (
            "previous_caesarean=maybe",
            "--fact previous_caesarean: 'maybe' is not an answer (allowed: yes, no or not sure)",
        ),
        ("previous_caesarean", "is not a fact and an answer (allowed: FACT=ANSWER"),
        ("recent_spinal_procedure=2001-01-01", "is not in the last 42 days"),
    ],
)
def test_a_bad_fact_names_the_field_the_value_and_what_is_allowed(
    db_url: str, fact: str, says: str
) -> None:
    run(db_url, "profile", "--fact", "multiple_pregnancy=yes")
    out = run(db_url, "profile", "--fact", fact, "--fact", "first_pregnancy=yes", code=2)
    assert says in out.output
    assert json.loads(run(db_url, "profile", "--json").output)["facts"]["first_pregnancy"] is None


# ------------------------------------------------------------------ the report


def test_the_report_lists_her_risk_profile_in_plain_words(store: Any) -> None:
    from pregback.interfaces.exports.report import gather, render_html

    with store.session() as s:
        repo = Repository(s)
        me = repo.set_profile(
            due_date=due_for(33), facts={"previous_caesarean": "yes", "low_lying_placenta": "no"}
        )
        html = render_html(gather(repo, me))
    assert "<h2>Your risk profile</h2>" in html
    assert "<td>An earlier caesarean or womb surgery</td><td><strong>yes</strong></td>" in html
    assert "<td>Low-lying placenta</td><td><strong>no</strong></td>" in html
    assert "Not said: An earlier baby born early;" in html


def test_saying_now_she_has_had_the_baby_drops_the_week_of_her_due_date(db_url: str) -> None:
    from pregback.services.assess import assess_with_store

    set_profile(db_url, due_date=due_for(30))
    result, _ = assess_with_store({"symptoms": {"given_birth": "present"}}, db=db_url)
    assert not any(n.startswith("Week 30+") for n in result.notes)
    assert her_facts(db_url) == {"given_birth": PRESENT}  # kept: asked once
    assert "after the birth" in run(db_url, "profile").output
