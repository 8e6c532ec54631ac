"""The conversation in real Chromium at 360 x 640 (issue 13): an emergency message goes straight to
the emergency with a call button and no required question; an urgent one shows its call button
above the next question; correcting what was read changes the result; Next with nothing ticked is
refused in words; the question is on the first screen without scrolling; axe-core finds nothing.

Runs only with PREGBACK_BROWSER=1 and /usr/bin/chromium (scripts/browser-setup installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser_helpers import (
    AXE,
    BROWSER,
    PHONE,
    UNIT_PHONE,
    Watched,
    axe_violations,
    no_sideways_scroll,
    shot,
)

pytestmark = BROWSER

#: A small phone: the question must be on the first screen.
SMALL = {**PHONE, "viewport": {"width": 360, "height": 640}}
EMERGENCY = "30 weeks, back pain and now numb between my legs and i cant pee"
URGENT = "30 weeks pregnant, some bleeding and my lower back aches"


@pytest.fixture
def small(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(**SMALL)
    watched = Watched(context)
    yield watched
    context.close()
    assert not [e for e in watched.errors if "Content Security Policy" in e], watched.errors


def send(page: Any, server: str, message: str) -> None:
    page.goto(server + "/assess")
    page.fill("#message", message)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def on_first_screen(page: Any, selector: str) -> bool:
    """The element is wholly inside the viewport with the page not scrolled."""
    page.evaluate("window.scrollTo(0, 0)")
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_an_emergency_message_goes_straight_to_the_emergency(server: str, small: Watched) -> None:
    page = small.page
    send(page, server, EMERGENCY)
    assert page.locator(".level-label").first.inner_text().strip() == "Emergency"
    assert page.locator('input[name="ask"]').count() == 0  # no question stands in the way
    call = page.locator('.level a[href="tel:999"]')
    assert call.count() == 1 and on_first_screen(page, '.level a[href="tel:999"]')
    assert page.locator("#why-h").count() == 1 and page.locator("#plan-h").count() == 1
    assert "While you wait" in page.locator("#plan-h").inner_text()
    assert page.get_by_role("button", name="Answer a few questions for them").count() == 1
    assert no_sideways_scroll(page)
    shot(page, "conversation-emergency-360")


def test_an_urgent_message_shows_its_call_button_above_the_next_question(
    server: str, small: Watched
) -> None:
    page = small.page
    send(page, server, URGENT)
    unit = f'.level-compact a[href="tel:{UNIT_PHONE}"]'
    assert page.locator(unit).count() == 1
    assert on_first_screen(page, unit) and on_first_screen(page, "h1#reading-h")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.locator('input[name="ask"]').get_attribute("value") == "signs:emergency"
    call_box = page.locator(unit).bounding_box()
    question_box = page.locator("#q").bounding_box()
    assert call_box["y"] < question_box["y"]
    assert on_first_screen(page, unit) and on_first_screen(page, "#q")
    assert "a danger sign" in page.locator(".step").inner_text()
    assert no_sideways_scroll(page)
    shot(page, "conversation-urgent-question-360")


def test_correcting_what_was_read_changes_the_result(server: str, small: Watched) -> None:
    page = small.page
    send(page, server, EMERGENCY)
    assert page.locator("#c-saddle_numbness-yes").is_checked()
    page.locator('label[for="c-saddle_numbness-no"]').click()
    page.locator('label[for="c-bladder_bowel_dysfunction-unsure"]').click()
    page.get_by_role("button", name="Update my result").click()
    page.wait_for_load_state()
    assert page.locator('input[name="ask"]').count() == 1  # no longer an emergency: she is asked
    page.get_by_role("button", name="Show my result now").click()
    page.wait_for_load_state()
    assert page.locator(".level-label").first.inner_text().strip() != "Emergency"
    assert page.locator("#c-saddle_numbness-no").is_checked()


def test_next_with_nothing_ticked_is_refused_in_words(server: str, small: Watched) -> None:
    page = small.page
    page.goto(server + "/assess")
    page.get_by_role("button", name="Answer questions instead").click()
    assert on_first_screen(page, "#q")
    page.fill("#f-gestational_weeks", "30")
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state()
    assert page.locator('input[name="ask"]').get_attribute("value") == "signs:emergency"
    assert on_first_screen(page, "#q")
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "None of these" in alert.inner_text() and on_first_screen(page, "[role=alert]")
    assert page.locator('input[name="ask"]').get_attribute("value") == "signs:emergency"
    shot(page, "conversation-refused-360")
    page.get_by_role("button", name="None of these").click()
    page.wait_for_load_state()
    assert page.locator('input[name="ask"]').get_attribute("value") != "signs:emergency"


def to_the_urgent_signs(page: Any, server: str) -> None:
    """32 weeks, an ache of 4: answer "none" and skip values up to the screen of urgent signs."""
    send(page, server, "32 weeks and my lower back aches, about a 4")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    for _ in range(8):
        ask = page.locator('input[name="ask"]').get_attribute("value")
        if ask == "signs:urgent":
            return
        name = "None of these" if ask.startswith("signs:") else "I don't know"
        page.get_by_role("button", name=name).click()
        page.wait_for_load_state()
    pytest.fail("no screen of urgent signs")


def test_a_ticked_group_of_signs_asks_which_next(server: str, small: Watched) -> None:
    page = small.page
    to_the_urgent_signs(page, server)
    group = page.get_by_label("Signs of pre-eclampsia (a blood pressure problem of pregnancy)")
    assert "Severe headache" in page.locator("#m-group\\:preeclampsia_signs").inner_text()
    group.check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state()
    assert page.locator('input[name="ask"]').get_attribute("value") == "which"
    assert "Which ones do you have now?" in page.locator("#q").inner_text()
    shot(page, "conversation-which-360")
    page.get_by_label("Problems with eyesight").check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state()
    assert page.locator(".level-label").first.inner_text().strip() == "Urgent - call now"


def test_axe_finds_no_violations_in_the_conversation(server: str, small: Watched) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run scripts/browser-setup")
    page = small.page
    found: dict[str, list[Any]] = {}
    send(page, server, EMERGENCY)
    found["emergency result"] = axe_violations(page)
    page.get_by_role("button", name="Answer a few questions for them").click()
    page.wait_for_load_state()
    found["question for the crew"] = axe_violations(page)
    send(page, server, URGENT)
    found["what we understood"] = axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    found["urgent question"] = axe_violations(page)
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state()
    found["refused answer"] = axe_violations(page)
    page.goto(server + "/assess")
    page.get_by_role("button", name="Answer questions instead").click()
    found["week form"] = axe_violations(page)
    to_the_urgent_signs(page, server)
    found["signs with a group"] = axe_violations(page)
    bad = {
        name: [(v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations]
        for name, violations in found.items()
        if violations
    }
    assert not bad, bad
