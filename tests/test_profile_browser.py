"""Her profile and the timer that knows her week, in real Chromium: she answers her risk profile by
tapping yes / no / not sure, and the timer page then shows her week and only the rules of that
week; a preterm pattern raises the alert with a tel: button of the locale. Runs only with
PREGBACK_BROWSER=1 and /usr/bin/chromium (scripts/browser-setup installs it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from pregback.knowledge import default_knowledge
from tests.browser_helpers import CHROMIUM, Watched, no_sideways_scroll, shot
from tests.browser_support import _serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("PREGBACK_BROWSER") != "1" or not CHROMIUM.exists(),
        reason="browser tests need PREGBACK_BROWSER=1 and /usr/bin/chromium (run scripts/browser-setup)",
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A personal install of its own: her profile here changes no other browser test."""
    yield from _serve(
        tmp_path_factory.mktemp("profile"),
        "pregback.interfaces.web.app:create_web_app",
        {"PREGBACK_UNIT_PHONE": ""},
    )


def test_she_answers_her_profile_and_the_timer_watches_her_week(
    server: str, phone: Watched
) -> None:
    page = phone.page
    page.goto(server + "/profile")
    page.fill("#due", (date.today() + timedelta(days=280 - 31 * 7)).isoformat())
    page.locator('label[for="fact-previous_caesarean-no"]').click()
    page.locator('label[for="fact-first_pregnancy-yes"]').click()
    page.get_by_role("button", name="Save my profile").click()
    page.wait_for_load_state()
    assert "Your profile is saved." in page.inner_text("main")
    assert page.is_checked("#fact-previous_caesarean-no")
    assert page.is_checked("#fact-low_lying_placenta-not_sure")
    assert no_sideways_scroll(page)
    shot(page, "profile-saved-phone")

    page.clock.install(time=datetime(2026, 3, 1, 9, 0))
    page.goto(server + "/timer")
    assert "31+0 weeks (from your due date)" in page.inner_text("#watch")
    watching = page.inner_text("#watching")
    assert "Frequent waves before 37 weeks" in watching and "5-1-1" not in watching
    assert page.is_checked("#first-yes")  # from her profile
    button = page.locator("#wave-button")
    for _ in range(3):
        button.click()
        page.clock.fast_forward("00:40")
        button.click()
        page.clock.fast_forward("07:20")
    page.locator("#alert .level-label").wait_for()
    kb = default_knowledge()
    assert page.locator(f'#alert a[href="tel:{kb.locale.advice_number}"]').count() == 1
    shot(page, "timer-profile-alert-phone")
