"""What the reader generalises to (issue 11): each capability, and a near miss that must not read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pregback.core.reading import read

TODAY = dt.date(2026, 12, 6)


def found(message: str, today: dt.date | None = TODAY) -> dict[str, Any]:
    return read(message, today=today).findings.to_dict()


def symptoms(message: str) -> dict[str, str]:
    return read(message, today=TODAY).findings.symptoms


# ---- inflections: lemmas, not lists of every form ----
def test_a_plural_named_by_a_frame_still_reads_as_its_word() -> None:
    """A frame that names "legs" beside "leg" must not stop "legs" reading as "leg" elsewhere."""
    from pregback.core.reading.frames import Lemmas
    from pregback.knowledge import default_knowledge

    lex = default_knowledge().lexicon
    assert lex is not None
    lemmas = Lemmas(lex.morphology, frozenset({"leg", "legs", "bub", "bubs"}))
    assert lemmas.base("legs") == "leg"
    assert lemmas.base("news") == "news"  # near miss: no such word named


@pytest.mark.parametrize(
    ("message", "sid"),
    [
        ("the baby kicked less today than usual", "reduced_fetal_movement"),
        ("baby has been less active all day", "reduced_fetal_movement"),
        ("she hasn't moved much since lunch, the baby I mean", "reduced_fetal_movement"),
        ("my leg keeps tingling", "leg_numbness_tingling"),
        ("my legs are going weak", "leg_weakness"),
        ("coughing hurts my back", "pain_on_breathing"),
    ],
)
def test_any_form_of_a_word_reads(message: str, sid: str) -> None:
    assert symptoms(message).get(sid) == "present", message


@pytest.mark.parametrize(
    "message",
    [
        "the baby kicks a lot, she's very active",  # near miss: active, not less active
        "baby hasn't stopped kicking all day",  # near miss: not stopped = moving
        "the baby kicks my belly all night",  # a baby's kick is not trauma
        "my hands keep tingling",  # hands, not legs
    ],
)
def test_near_misses_of_word_forms_read_nothing_of_the_kind(message: str) -> None:
    s = symptoms(message)
    assert s.get("reduced_fetal_movement") != "present", message
    assert "trauma" not in s and "leg_numbness_tingling" not in s, message


# ---- spelling mistakes and run-together words ----
@pytest.mark.parametrize(
    ("message", "sid"),
    [
        ("im having contarctions every 5 mins", "abdominal_tightening"),
        ("some bleding this morning", "vaginal_bleeding"),
        ("severe abdomnal pain", "abdominal_pain_severe"),
        ("numbnes between my legs", "saddle_numbness"),
        ("i feel dizzzy", "dizziness_fainting"),
    ],
)
def test_a_misspelt_word_reads_as_meant(message: str, sid: str) -> None:
    assert symptoms(message).get(sid) == "present", message


def test_run_together_words_split() -> None:
    assert found("lowerback ache for 2 days") == {
        "pain_duration_days": 2,
        "pain_locations": ["lower_back"],
    }


def test_evidence_points_at_her_own_spelling() -> None:
    r = read("some bleding this morning")
    e = next(e for e in r.evidence if e.finding == "vaginal_bleeding")
    assert e.text == "bleding"


@pytest.mark.parametrize(
    "message",
    [
        "we are breeding dogs, my back aches",  # a real word near "bleeding" is not corrected
        "I painted the nursery, back ache",  # near "fainted"
        "I'm spitting out my food",  # near "spotting"
    ],
)
def test_a_real_word_is_never_corrected(message: str) -> None:
    s = symptoms(message)
    assert not {"vaginal_bleeding", "collapse"} & set(s), message


# ---- numbers in words ----
@pytest.mark.parametrize(
    ("message", "key", "value"),
    [
        ("eight out of ten pain in my back", "pain_severity", 8),
        ("twenty nine weeks and back pain", "gestational_weeks", 29),
        ("thirty-three weeks, back pain", "gestational_weeks", 33),
        ("back pain for a couple of hours", "pain_duration_days", 0.083),
        ("my back has hurt for three days", "pain_duration_days", 3),
        ("contractions every five minutes with back pain", "episode_interval_min", 5),
    ],
)
def test_numbers_written_as_words(message: str, key: str, value: float) -> None:
    assert found(message)[key] == pytest.approx(value, abs=0.002)


def test_a_vague_count_is_not_an_interval() -> None:
    assert "episode_interval_min" not in found("contractions every few minutes, back ache")


# ---- dates and times ----
@pytest.mark.parametrize(
    ("message", "weeks"),
    [
        ("due in three weeks, back pain", 37),
        ("due in 10 days and my back hurts", 38),
        ("3 weeks to go, lower back pain", 37),
        ("due March 3rd, back ache", 27),  # 87 days before 2027-03-03
        ("due on the 3rd of March", 27),
        ("almost 31 weeks with back pain", 30),
        ("six and a half months pregnant", 28),
    ],
)
def test_the_week_from_a_date(message: str, weeks: int) -> None:
    assert found(message)["gestational_weeks"] == weeks


def test_a_date_that_needs_today_is_not_read_without_it() -> None:
    assert "gestational_weeks" not in found("due March 3rd, back ache", today=None)


def test_a_due_date_counted_from_now_needs_no_calendar() -> None:
    assert found("due in three weeks, back pain", today=None)["gestational_weeks"] == 37
    assert found("3 more weeks to go, back pain", today=None)["gestational_weeks"] == 37


def test_due_in_weeks_is_never_the_week_itself() -> None:
    assert found("due in 3 weeks", today=None) == {"gestational_weeks": 37}
    assert found("due in 3 days", today=None) == {"gestational_weeks": 39}


def test_clock_times_give_how_long() -> None:
    f = found("my back pain began about 9am and it's nearly 1pm now, comes in waves")
    assert f["pattern"] == "rhythmic"
    assert f["pain_duration_days"] == pytest.approx(4 / 24, abs=0.002)
    f = found("contractions started at 11pm with back pain each time, it's 2am now")
    assert f["pattern_hours"] == 3


def test_a_clock_time_without_now_gives_nothing() -> None:
    f = found("my appointment is at 9am, back ache")
    assert "pain_duration_days" not in f and "pattern_hours" not in f


@pytest.mark.parametrize(
    ("message", "days"),
    [
        ("lower back ache since this morning", 0.5),
        ("my back has ached all day", 0.5),
        ("back pain since lunch", 0.5),
        ("woke up with it this morning, lower back", 1),
        ("back pain since last night", 1),
    ],
)
def test_part_of_day_durations(message: str, days: float) -> None:
    assert found(message)["pain_duration_days"] == days


def test_a_part_of_day_that_dates_another_symptom_is_not_the_duration() -> None:
    assert "pain_duration_days" not in found("bleeding since this morning and my back aches")


# ---- blood pressure readings ----
@pytest.mark.parametrize(
    ("message", "value"),
    [
        ("148/96 at the pharmacy today", "present"),
        ("BP 150 over 100", "present"),
        ("my reading was 138/92", "present"),
        ("118/76 at the midwife", "absent"),
        ("bp 139/89", "absent"),
    ],
)
def test_blood_pressure_readings(message: str, value: str) -> None:
    assert symptoms(message).get("high_blood_pressure") == value


@pytest.mark.parametrize("message", ["pain 7/10 at 33/40", "on 12/10 my back started hurting"])
def test_other_slashes_are_not_blood_pressure(message: str) -> None:
    assert "high_blood_pressure" not in symptoms(message)


# ---- meaning built from parts ----
@pytest.mark.parametrize(
    ("message", "sid"),
    [
        ("the baby has been much quieter than normal", "reduced_fetal_movement"),
        ("haven't felt the baby kick since yesterday", "reduced_fetal_movement"),
        ("my pee looks like cola", "blood_in_urine"),
        ("urine is bright red", "blood_in_urine"),
        ("I can barely walk", "difficulty_walking"),
        ("walking is a real struggle", "difficulty_walking"),
        ("limping around the house", "unable_to_bear_weight"),
        ("we crashed the car yesterday", "trauma"),
        ("my toddler kicked me in the belly", "trauma"),
        ("sneezing gives me a sharp pain in my back", "pain_on_breathing"),
        ("it hurts when I breathe in", "pain_on_breathing"),
    ],
)
def test_meaning_from_parts(message: str, sid: str) -> None:
    assert symptoms(message).get(sid) == "present", message


@pytest.mark.parametrize(
    ("message", "sid"),
    [
        ("there is blood when I wipe after I pee", "blood_in_urine"),  # the wiping decides (12.6)
        ("I crashed on the sofa after work", "trauma"),
        ("walking makes it worse", "difficulty_walking"),  # worse_with_activity, not function
        ("I can't breathe properly, the pain is so bad", "pain_on_breathing"),
    ],
)
def test_near_misses_of_meaning_from_parts(message: str, sid: str) -> None:
    assert sid not in symptoms(message), message


# ---- narrative time (TRIAGE 12.15) ----
@pytest.mark.parametrize(
    ("message", "sid", "value"),
    [
        ("I had some spotting last week, nothing since, lower back ache", "vaginal_bleeding", None),
        ("last week I had a bad headache, my back hurts now", "severe_headache", None),
        ("I had breast cancer 5 years ago", "history_of_cancer", "present"),
        ("I had a c-section 2 years ago", "previous_caesarean", "present"),
        ("I fell down the stairs last week and my back has hurt since", "trauma", "present"),
        ("I was told last week my blood pressure was high", "high_blood_pressure", "present"),
        ("2 weeks ago I started bleeding and it hasn't stopped", "vaginal_bleeding", "present"),
        ("last week I had bleeding and I'm still bleeding", "vaginal_bleeding", "present"),
    ],
)
def test_what_happened_then_is_not_now(message: str, sid: str, value: str | None) -> None:
    assert symptoms(message).get(sid) == value, message


def test_a_stretch_of_time_is_not_a_past_time() -> None:
    assert found("my back has hurt since last week")["pain_duration_days"] == 7
    f = found("new mid back pain the past week that's a 5/10")
    assert f["pain_locations"] == ["mid_back"] and f["pain_severity"] == 5


# ---- severity words (TRIAGE 9 and 12.3), and nothing more ----
@pytest.mark.parametrize(
    ("message", "severity"),
    [
        ("mild lower back ache", 3),
        ("a bit sore in my lower back", 3),
        ("moderate back pain", 5),
        ("severe back pain", 7),
        ("horrible back pain", 7),
        ("excruciating back pain", 9),
        ("the worst back pain I've ever had", 9),
    ],
)
def test_severity_words(message: str, severity: int) -> None:
    assert found(message)["pain_severity"] == severity


@pytest.mark.parametrize(
    "message",
    ["my back really hurts", "my back hurts so much", "sore back", "my back is killing me"],
)
def test_words_without_a_clear_intensity_give_no_severity(message: str) -> None:
    assert "pain_severity" not in found(message)


# ---- negation: double negatives and contrasts keep a red flag's polarity ----
@pytest.mark.parametrize(
    ("message", "sid", "value"),
    [
        ("I'm not not bleeding", "vaginal_bleeding", "present"),
        ("I can't say there's no blood", "vaginal_bleeding", "present"),
        ("not heavy bleeding, just spotting", "vaginal_bleeding", "present"),
        ("it's not spotting, it's proper bleeding", "vaginal_bleeding", "present"),
        ("no bleeding, but I do have some spotting", "vaginal_bleeding", "present"),
        ("not dizzy, but I did faint", "collapse", "present"),
        ("neither fever nor chills", "fever", "absent"),
        ("no bleeding and I feel dizzy", "dizziness_fainting", "present"),
    ],
)
def test_double_negatives_and_contrasts(message: str, sid: str, value: str) -> None:
    assert symptoms(message).get(sid) == value, message


# ---- the risk profile (TRIAGE 9, 2026-12-06) ----
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("two previous sections", {"previous_caesarean": "present", "first_pregnancy": "absent"}),
        (
            "my first was born by c-section, hoping for a VBAC",
            {"previous_caesarean": "present", "first_pregnancy": "absent"},
        ),
        ("I had fibroids removed", {"previous_caesarean": "present"}),
        ("I was born by c-section myself", {}),  # her own birth is nothing
        ("booked for a c-section next week", {"call_early_in_labour": "present"}),
        ("I have a cervical cerclage", {"cervical_risk": "present"}),
        ("told my cervix is short", {"cervical_risk": "present"}),
        ("I lost a baby at 19 weeks", {"cervical_risk": "present"}),
        ("I lost a baby at 10 weeks", {}),  # before 14 weeks is not
        ("I have a stitch in my side from running", {}),
        ("I have SCD", {"sickle_cell_disease": "present"}),
        ("I have sickle cell trait", {"sickle_cell_disease": "absent"}),
        ("I have Marfan syndrome", {"aortic_condition": "present"}),
        ("I have hypermobile Ehlers-Danlos", {}),
        ("had a spinal block last week", {"recent_spinal_procedure": "present"}),
        ("I had an epidural with my first, 5 years ago", {}),
        ("the baby is bottom first", {"call_early_in_labour": "present"}),
        ("GBS positive", {"call_early_in_labour": "present"}),
        ("I have gestational diabetes", {"call_early_in_labour": "present"}),
    ],
)
def test_risk_profile(message: str, expected: dict[str, str]) -> None:
    assert symptoms(message) == expected, message


@pytest.mark.parametrize(
    "message",
    ["my son is 10 days old", "I had my baby 2 weeks ago at 39 weeks", "I'm 3 weeks postpartum"],
)
def test_after_the_birth_no_week_is_read(message: str) -> None:
    f = found(message)
    assert f["symptoms"]["given_birth"] == "present"
    assert "gestational_weeks" not in f


def test_an_older_child_is_an_earlier_birth_not_given_birth() -> None:
    assert symptoms("my son is 3 years old, 30 weeks now") == {"first_pregnancy": "absent"}


@pytest.mark.parametrize(
    ("message", "sid"),
    [
        ("Been peeing constantly and it burns", "dysuria"),
        ("getting in and out of the car is torture", "pain_on_one_leg"),
        ("my vision's gone a bit sparkly", "visual_disturbance"),
        ("my legs have gone all wobbly", "leg_weakness"),
        ("I'm coughing up pinkish phlegm", "coughing_blood"),
        ("a stabbing pain in my upper back that goes through to my chest", "chest_pain"),
    ],
)
def test_frames_across_a_clause_or_a_few_words(message: str, sid: str) -> None:
    assert symptoms(message).get(sid) == "present", message


def test_a_frame_is_read_in_each_clause_it_is_said() -> None:
    message = "the baby is moving fine. later: the baby has been much less active today"
    assert symptoms(message)["reduced_fetal_movement"] == "present"
    assert symptoms("leg isn't weak, but the other leg keeps going numb") == {
        "leg_numbness_tingling": "present",
        "leg_weakness": "absent",
    }


def test_heartburn_up_to_the_chest_is_not_chest_pain() -> None:
    assert "chest_pain" not in symptoms("heartburn that goes up to my chest after dinner")
