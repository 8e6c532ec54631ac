"""Her data through the repository: what she writes comes back the same, and every bad input (a bad
date, an overlapping or negative wave, an unknown id) is a clear error that changes nothing.
Runs over SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from pregback.errors import PregbackError
from pregback.store.db import Store
from pregback.store.repository import EntryError, NotFoundError, Repository


def snapshot(store: Store) -> dict[str, Any]:
    """Every row of her data, to show that a failed change left it exactly as it was."""
    with store.session() as s:
        repo = Repository(s)
        p = repo.person()
        if p is None:
            return {}
        return {
            "profile": (p.due_date, repo.facts(p)),
            "entries": [e.to_dict() for e in repo.entries(p)],
            "episodes": [w.to_dict() for w in repo.episodes(p, closed_only=False)],
        }


def fails_and_changes_nothing(store: Store, action: Any, match: str) -> PregbackError:
    before = snapshot(store)
    with pytest.raises(PregbackError, match=match) as err, store.session() as s:
        action(Repository(s))
    assert snapshot(store) == before
    return err.value


def test_an_entry_comes_back_exactly_as_she_wrote_it(store: Store) -> None:
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    with store.session() as s:
        repo = Repository(s)
        entry = repo.add_entry(
            repo.ensure_person(),
            {
                "at": at,
                "pain": 6,
                "locations": ["lower_back", "pelvic_girdle"],
                "symptoms": ["sleep_disturbed"],
                "helped": ["warm bath", "pelvic_tilts"],
                "notes": "Worse after the school run — ünïcode ✓",
            },
        )
        entry_id = entry.id
    with store.session() as s:
        repo = Repository(s)
        got = repo.entry(repo.require_person(), entry_id)
        assert got.at == at and got.at.tzinfo is not None
        assert (got.pain, got.locations, got.symptoms) == (
            6,
            ["lower_back", "pelvic_girdle"],
            ["sleep_disturbed"],
        )
        assert got.helped == ["warm bath", "pelvic_tilts"]
        assert got.notes == "Worse after the school run — ünïcode ✓"


def test_a_time_she_types_without_a_zone_is_her_local_time(store: Store) -> None:
    with store.session() as s:
        repo = Repository(s)
        entry = repo.add_entry(repo.ensure_person(), {"at": "2026-01-05 14:30", "pain": 2})
        assert entry.at.astimezone().strftime("%Y-%m-%d %H:%M") == "2026-01-05 14:30"


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"pain": 4, "at": "2026-02-30 10:00"}, "at: '2026-02-30 10:00' is not a date or time"),
        ({"pain": 4, "at": "next tuesday"}, "is not a date or time"),
        (
            {"pain": 4, "at": (datetime.now(UTC) + timedelta(days=2)).isoformat()},
            "is in the future",
        ),
        ({"pain": 4, "at": "1999-12-31"}, "is too long ago"),
        ({"pain": 11}, r"pain: 11 \(allowed: a whole number from 0"),
        ({"pain": -1}, "pain: -1"),
        ({"pain": True}, "pain: True"),
        ({"pain": 4, "locations": ["knee"]}, "'knee' is not a place of pain"),
        ({"pain": 4, "symptoms": ["hiccups"]}, "'hiccups' is not a symptom id"),
        ({"pain": 4, "helped": ["x" * 201]}, "helped"),
        ({"pain": 4, "mood": "fine"}, "mood: 'fine' is not a diary field"),
    ],
)
def test_a_bad_entry_is_refused_with_the_field_named_and_nothing_saved(
    store: Store, fields: dict[str, Any], match: str
) -> None:
    with store.session() as s:
        repo = Repository(s)
        repo.add_entry(repo.ensure_person(), {"pain": 1})
    err = fails_and_changes_nothing(
        store, lambda repo: repo.add_entry(repo.require_person(), fields), match
    )
    assert err.code == "invalid_entry"


def test_every_bad_field_is_named_at_once(store: Store) -> None:
    with pytest.raises(EntryError) as err, store.session() as s:
        repo = Repository(s)
        repo.add_entry(repo.ensure_person(), {"pain": 12, "at": "soon", "locations": ["elbow"]})
    assert [p.field for p in err.value.problems] == ["at", "pain", "locations"]
    with store.session() as s:
        assert Repository(s).person() is None  # even the new profile was rolled back


def test_an_edit_with_a_bad_value_changes_nothing(store: Store) -> None:
    with store.session() as s:
        repo = Repository(s)
        entry_id = repo.add_entry(repo.ensure_person(), {"pain": 5, "notes": "kept"}).id
    fails_and_changes_nothing(
        store,
        lambda repo: repo.edit_entry(
            repo.require_person(), entry_id, {"pain": 3, "at": "2026-13-01"}
        ),
        "is not a date or time",
    )
    with store.session() as s:
        repo = Repository(s)
        repo.edit_entry(repo.require_person(), entry_id, {"pain": 3})
        assert repo.entry(repo.require_person(), entry_id).notes == "kept"


def test_unknown_ids_are_not_found_and_change_nothing(store: Store) -> None:
    with store.session() as s:
        repo = Repository(s)
        mine = repo.add_entry(repo.ensure_person(), {"pain": 5}).id
        theirs = repo.add_entry(repo.ensure_person("sister"), {"pain": 2}).id
    for action in (
        lambda repo: repo.entry(repo.require_person(), 9999),
        lambda repo: repo.edit_entry(repo.require_person(), 9999, {"pain": 1}),
        lambda repo: repo.delete_entry(repo.require_person(), 9999),
        lambda repo: repo.delete_entry(
            repo.require_person(), theirs
        ),  # someone else's entry is not hers
        lambda repo: repo.delete_episode(repo.require_person(), 4242),
    ):
        err = fails_and_changes_nothing(store, action, "is not one of your")
        assert err.code == "not_found"
    with pytest.raises(NotFoundError, match="has no profile"), store.session() as s:
        Repository(s).require_person("nobody")
    with store.session() as s:
        repo = Repository(s)
        repo.delete_entry(repo.require_person(), mine)
        assert repo.entries(repo.require_person()) == []


def test_waves_are_saved_as_they_happen_and_read_back_in_order(store: Store) -> None:
    t0 = datetime.now(UTC) - timedelta(minutes=30)
    with store.session() as s:
        repo = Repository(s)
        me = repo.ensure_person()
        repo.add_episode(me, t0 + timedelta(minutes=10), t0 + timedelta(minutes=11))
        repo.add_episode(me, t0, t0 + timedelta(seconds=50))
        repo.start_wave(me, t0 + timedelta(minutes=20))
    with store.session() as s:
        repo = Repository(s)
        me = repo.require_person()
        assert repo.open_wave(me) is not None
        repo.end_wave(me, t0 + timedelta(minutes=21))
    with store.session() as s:
        repo = Repository(s)
        waves = repo.episodes(repo.require_person())
        assert [w.started_at for w in waves] == [
            t0,
            t0 + timedelta(minutes=10),
            t0 + timedelta(minutes=20),
        ]
        assert [w.seconds for w in waves] == [50, 60, 60]


@pytest.mark.parametrize(
    ("start_min", "end_min", "match", "code"),
    [
        (5, 4, "is not after the start", "invalid_episodes"),  # negative
        (5, 5, "is not after the start", "invalid_episodes"),  # zero length
        # A clash with the waves she has: the wave itself is well formed.
        (0.5, 2, "overlaps a wave already recorded", "conflict"),  # overlaps the first
        (-1, 0.5, "overlaps a wave already recorded", "conflict"),
        (-0.5, 12, "overlaps a wave already recorded", "conflict"),  # contains both
    ],
)
def test_overlapping_or_negative_waves_are_refused_and_change_nothing(
    store: Store, start_min: float, end_min: float, match: str, code: str
) -> None:
    t0 = datetime.now(UTC) - timedelta(minutes=30)
    with store.session() as s:
        repo = Repository(s)
        me = repo.ensure_person()
        repo.add_episode(me, t0, t0 + timedelta(minutes=1))
        repo.add_episode(me, t0 + timedelta(minutes=10), t0 + timedelta(minutes=11))
    err = fails_and_changes_nothing(
        store,
        lambda repo: repo.add_episode(
            repo.require_person(),
            t0 + timedelta(minutes=start_min),
            t0 + timedelta(minutes=end_min),
        ),
        match,
    )
    assert err.code == code


def test_only_one_wave_can_be_going_on_even_for_two_writers(store: Store) -> None:
    t0 = datetime.now(UTC) - timedelta(minutes=5)
    with store.session() as s:
        repo = Repository(s)
        repo.start_wave(repo.ensure_person(), t0)
    fails_and_changes_nothing(
        store,
        lambda repo: repo.start_wave(repo.require_person(), t0 + timedelta(minutes=1)),
        "a wave is already going on",
    )
    fails_and_changes_nothing(
        store,
        lambda repo: repo.end_wave(repo.require_person(), t0 - timedelta(seconds=1)),
        "is not after the start",
    )
    # The database enforces it too, for a writer that skips the repository's check.
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO episode (person_id, started_at, created_at) "
                "SELECT id, :t, :t FROM person"
            ),
            {"t": datetime(2026, 1, 1, 12)},
        )


def test_the_profile_gives_her_week_and_rejects_an_impossible_due_date(store: Store) -> None:
    from datetime import date

    with store.session() as s:
        repo = Repository(s)
        p = repo.set_profile(due_date="2026-06-30", first_pregnancy=True, today=date(2026, 3, 1))
        assert (p.due_date, repo.facts(p)) == (date(2026, 6, 30), {"first_pregnancy": "present"})
    for bad, match in (
        ("2026-06-31", "is not a date"),
        ("2024-01-01", "is not the due date of a pregnancy going on today"),
    ):
        fails_and_changes_nothing(
            store,
            lambda repo, bad=bad: repo.set_profile(due_date=bad, today=date(2026, 3, 1)),
            match,
        )


def test_saved_assessments_keep_inputs_result_and_knowledge_version(store: Store) -> None:
    from pregback.core.triage import assess

    result = assess({"gestational_weeks": 30, "pattern": "rhythmic"}).to_dict()
    with store.session() as s:
        repo = Repository(s)
        me = repo.ensure_person()
        repo.save_assessment(
            me, {"given": {"pain_severity": 2}}, assess({"pain_severity": 2}).to_dict()
        )
        repo.save_assessment(
            me, {"given": {"gestational_weeks": 30, "pattern": "rhythmic"}}, result
        )
    with store.session() as s:
        repo = Repository(s)
        latest = repo.latest_assessment(repo.require_person())
        assert latest is not None
        assert latest.urgency == "urgent" and latest.result == result
        assert latest.inputs == {"given": {"gestational_weeks": 30, "pattern": "rhythmic"}}
        assert latest.knowledge_version == result["knowledge_version"]


def test_erasing_her_data_leaves_other_people_alone(store: Store) -> None:
    with store.session() as s:
        repo = Repository(s)
        repo.add_entry(repo.ensure_person(), {"pain": 5})
        repo.add_entry(repo.ensure_person("sister"), {"pain": 2})
    with store.session() as s:
        repo = Repository(s)
        counts = repo.erase_person(repo.require_person())
        assert counts == {"entries": 1, "episodes": 0, "assessments": 0}
    store.compact()
    with store.session() as s:
        repo = Repository(s)
        assert repo.person() is None
        assert [e.pain for e in repo.entries(repo.require_person("sister"))] == [2]


def test_the_stores_errors_name_fields_not_an_interface(store: Store) -> None:
    """Every interface shows these (the terminal, the API, the web pages), so they say what is
    wrong by the store's field names and leave the command to type to each interface (issue 15.3)."""
    with store.session() as s:
        repo = Repository(s)
        entry = repo.add_entry(repo.ensure_person(), {"pain": 3}).id
    errors = []
    for action in (
        lambda repo: repo.require_person("nobody"),
        lambda repo: repo.entry(repo.require_person(), 9999),
        lambda repo: repo.edit_entry(repo.require_person(), entry, {}),
    ):
        with pytest.raises(PregbackError) as err, store.session() as s:
            action(Repository(s))
        errors.append(err.value)
    assert [(e.code, [p.field for p in e.problems]) for e in errors] == [
        ("not_found", ["person"]),
        ("not_found", ["id"]),
        ("invalid_entry", ["changes"]),
    ]
    assert errors[2].problems[0].allowed == (
        "at least one of at, pain, locations, symptoms, helped, notes"
    )
    for e in errors:
        assert "pregback " not in str(e) and "--" not in str(e), str(e)
