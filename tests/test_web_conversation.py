"""The conversation on the web pages (issue 13), in process: an emergency first, the urgent level
with its call button above the next question, checking what was read from her message, an empty
answer refused, and the call buttons from the knowledge base. Real Chromium is in
test_web_conversation_browser.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from pregback.interfaces.web.state import Interview
from pregback.knowledge import DATA
from tests.web_support import ASK, STATE, level_label

EMERGENCY = "30 weeks, back pain and now numb between my legs and i cant pee"
URGENT = "30 weeks pregnant, some bleeding and my lower back aches"


def press(pages: Any, html: str, do: str, **data: Any) -> Any:
    form: dict[str, Any] = {"state": STATE.search(html).group(1), "do": do}  # type: ignore[union-attr]
    ask = ASK.search(html)
    if ask:
        form["ask"] = ask.group(1)
    form.update(data)
    return pages.post("/assess/answer", data=form)


def test_an_emergency_message_shows_the_emergency_at_once(pages: Any, kb: Any) -> None:
    r = pages.post("/assess", data={"message": EMERGENCY, "do": "read"})
    assert r.status_code == 200 and level_label(r.text) == kb.levels["emergency"].label
    assert not ASK.search(r.text)  # no question stands before the answer
    banner = r.text.split('class="level level-emergency"')[1].split("</section>")[0]
    assert 'href="tel:999"' in banner and "Call 999" in banner
    assert "Numbness" in r.text or "nerves at the base of your spine" in r.text  # why (E6)
    assert "While you wait for help" in r.text
    assert r.text.index("While you wait") < r.text.index("What could be going on")
    assert "For the ambulance crew or the unit" in r.text and "You do not have to" in r.text
    assert "What we understood from your message" in r.text  # she can still correct it


def test_the_questions_for_the_crew_are_optional(pages: Any, kb: Any) -> None:
    result = pages.post("/assess", data={"message": EMERGENCY, "do": "read"})
    q = press(pages, result.text, "extra")
    assert ASK.search(q.text).group(1) == "about_pain"  # type: ignore[union-attr]
    assert "you do not have to answer" in q.text and 'href="tel:999"' in q.text
    assert "a danger sign" not in q.text
    skipped = press(pages, q.text, "skip")  # nothing more to ask: back to the result
    assert not ASK.search(skipped.text) and level_label(skipped.text) == "Emergency"
    answered = press(pages, q.text, "next", **{"f-pain_severity": "8"})
    assert level_label(answered.text) == "Emergency" and "8 out of 10" in answered.text
    back = press(pages, q.text, "finish")  # "Back to my result"
    assert not ASK.search(back.text) and level_label(back.text) == "Emergency"


def test_urgent_shows_its_call_button_above_the_next_question(
    pages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREGBACK_UNIT_PHONE", "0123 456 7890")
    check = pages.post("/assess", data={"message": URGENT, "do": "read"})
    assert "What we understood from your message" in check.text
    assert check.text.index('href="tel:01234567890"') < check.text.index('id="reading-h"')
    q = press(pages, check.text, "correct")
    assert ASK.search(q.text).group(1) == "signs:emergency"  # type: ignore[union-attr]
    assert level_label(q.text) == "Urgent - call now"
    assert q.text.index('href="tel:01234567890"') < q.text.index('name="ask"')
    assert q.text.index('class="level level-urgent level-compact"') < q.text.index('id="q"')


def test_a_correction_of_what_was_read_changes_the_result(pages: Any, kb: Any) -> None:
    r = pages.post("/assess", data={"message": EMERGENCY, "do": "read"})
    assert re.search(r'name="c-saddle_numbness" value="yes" id="[^"]+" checked', r.text)
    fixed = press(
        pages,
        r.text,
        "correct",
        **{"c-saddle_numbness": "no", "c-bladder_bowel_dysfunction": "unsure"},
    )
    assert fixed.status_code == 200 and ASK.search(fixed.text)  # no longer an emergency: asked
    done = press(pages, fixed.text, "finish")
    assert level_label(done.text) != "Emergency"
    assert re.search(r'name="c-saddle_numbness" value="no" id="[^"]+" checked', done.text)


def test_next_with_nothing_ticked_is_refused_never_taken_as_no(pages: Any) -> None:
    state = Interview(base={"gestational_weeks": 30}, checked=True).pack()
    q = pages.post("/assess/answer", data={"state": state, "do": "continue"})
    assert ASK.search(q.text).group(1) == "signs:emergency"  # type: ignore[union-attr]
    refused = press(pages, q.text, "next")
    assert refused.status_code == 422 and 'role="alert"' in refused.text
    assert "None of these" in refused.text.split('role="alert"')[1].split("</p>")[0]
    assert ASK.search(refused.text).group(1) == "signs:emergency"  # type: ignore[union-attr]
    none = press(pages, q.text, "none")
    assert ASK.search(none.text).group(1) != "signs:emergency"  # type: ignore[union-attr]


def test_a_ticked_group_of_signs_asks_next_which_one(pages: Any) -> None:
    state = Interview(base={"gestational_weeks": 30, "pain_severity": 4}, checked=True).pack()
    r = pages.post("/assess/answer", data={"state": state, "do": "continue"})
    for _ in range(8):
        ask = ASK.search(r.text).group(1)  # type: ignore[union-attr]
        if ask == "signs:urgent":
            break
        r = press(pages, r.text, "none" if ask.startswith("signs:") else "skip")
    assert 'value="group:preeclampsia_signs"' in r.text and "Severe headache" in r.text
    which = press(pages, r.text, "next", value="group:preeclampsia_signs")
    assert ASK.search(which.text).group(1) == "which"  # type: ignore[union-attr]
    assert "Which ones do you have now?" in which.text
    assert 'value="severe_headache"' in which.text and 'value="high_blood_pressure"' in which.text
    done = press(pages, which.text, "next", value="severe_headache")
    assert level_label(done.text) == "Urgent - call now"


def test_a_danger_sign_is_labelled_only_on_red_flag_screens(pages: Any) -> None:
    r = pages.post("/assess", data={"do": "questions"})
    seen = {}
    for _ in range(12):
        ask = ASK.search(r.text)
        if not ask:
            break
        step = re.search(r'class="step">(.*?)</p>', r.text).group(1)  # type: ignore[union-attr]
        seen[ask.group(1)] = "a danger sign" in step
        assert re.match(r"Question \d+( of about \d+)?", step), step
        if ask.group(1) == "gestational_weeks":
            r = press(pages, r.text, "next", **{"f-gestational_weeks": "30"})
        elif ask.group(1).startswith(("signs:", "history")):
            r = press(pages, r.text, "none")
        else:
            r = press(pages, r.text, "skip")
    assert seen["signs:emergency"] and not seen["gestational_weeks"]
    assert not seen.get("about_pain", False) and not seen.get("history", False)


def test_call_buttons_come_from_the_knowledge_base(
    pages: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kb: Any
) -> None:
    same_day = {"gestational_weeks": 30, "symptoms": {"dysuria": "present"}}
    state = Interview(base=same_day, done=True).pack()
    r = pages.post("/assess/answer", data={"state": state, "do": "finish"})
    assert level_label(r.text) == kb.levels["same_day"].label
    assert f'href="tel:{kb.locale.advice_number}"' in r.text
    assert f"Call {kb.locale.advice_line}" in r.text
    emergency = Interview(base={"symptoms": {"saddle_numbness": "present"}}).pack()
    monkeypatch.setenv("PREGBACK_EMERGENCY_PHONE", "112")
    r = pages.post("/assess/answer", data={"state": emergency, "do": "finish"})
    assert 'href="tel:112"' in r.text and 'href="tel:999"' not in r.text
    monkeypatch.delenv("PREGBACK_EMERGENCY_PHONE")
    copy = tmp_path / "kb"
    shutil.copytree(DATA, copy)
    levels = copy / "levels.yaml"
    text = levels.read_text()
    at = text.index("- level: same_day")
    levels.write_text(text[:at] + text[at:].replace("call: advice_line", "call: none", 1))
    monkeypatch.setenv("PREGBACK_KNOWLEDGE", str(copy))
    r = pages.post("/assess/answer", data={"state": state, "do": "finish"})
    assert level_label(r.text) == kb.levels["same_day"].label
    assert f'href="tel:{kb.locale.advice_number}"' not in r.text.split("</section>")[0]


def test_an_answer_for_the_crew_that_ends_the_emergency_brings_the_questions_back(
    pages: Any,
) -> None:
    """Shoulder-tip pain with bleeding is an emergency while the week is unknown (E4, the first 12
    weeks); her week for the crew (30) makes it urgent, so the questions that could make it an
    emergency again are asked as usual: required, with the urgent banner."""
    found = {"symptoms": {"shoulder_tip_pain": "present", "vaginal_bleeding": "present"}}
    state = Interview(base=found, checked=True).pack()
    result = pages.post("/assess/answer", data={"state": state, "do": "continue"})
    assert level_label(result.text) == "Emergency" and not ASK.search(result.text)
    crew = press(pages, result.text, "extra")
    assert ASK.search(crew.text).group(1) == "gestational_weeks"  # type: ignore[union-attr]
    after = press(pages, crew.text, "next", **{"f-gestational_weeks": "30", "f-given_birth": "no"})
    assert ASK.search(after.text) and "you do not have to answer" not in after.text
    assert level_label(after.text) == "Urgent - call now" and "Show my result now" in after.text
    # A danger sign then: the emergency result again, not a question for the crew.
    assert ASK.search(after.text).group(1) == "signs:emergency"  # type: ignore[union-attr]
    again = press(pages, after.text, "next", value=["saddle_numbness"])
    assert level_label(again.text) == "Emergency" and not ASK.search(again.text)
