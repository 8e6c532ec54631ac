"""The web app in real Chromium (Debian's, driven by Playwright): clicking through the check for
development cases, with and without JavaScript, the timer through a preterm pattern, the diary,
reloads, a 360 px screen, keyboard use and axe-core. Screenshots go to artifacts/screenshots/.

Runs only with PREGBACK_BROWSER=1 and /usr/bin/chromium (scripts/browser-setup installs it).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser_helpers import (
    AXE,
    BROWSER,
    DESKTOP,
    PHONE,
    ROOT,
    SHOTS,
    UNIT_PHONE,
    Watched,
    axe_violations,
    click_through,
    no_sideways_scroll,
    shot,
)

#: Development cases clicked through, one per level: their expected urgency is what the page must show.
CLICKED = ("d001", "d002", "d003", "d004", "d007")
pytestmark = BROWSER


def _cases(dev_cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in dev_cases}
    return [by_id[i] for i in CLICKED]


def test_the_check_by_clicking_shows_the_expected_urgency(
    server: str, phone: Watched, dev_cases: list[dict[str, Any]], kb: Any
) -> None:
    page = phone.page
    for case in _cases(dev_cases):
        page.goto(server + "/assess")
        page.get_by_role("button", name="Answer questions instead").click()
        shown = click_through(page, case["findings"])
        assert shown == kb.levels[case["expected"]["urgency"]].label, case["id"]
        assert no_sideways_scroll(page), case["id"]
        shot(page, f"result-{case['expected']['urgency']}-phone")
        if case["expected"]["urgency"] == "emergency":
            assert page.locator('.level a[href="tel:999"]').count() == 1


def test_the_check_works_with_javascript_turned_off(
    server: str, browser: Any, dev_cases: list[dict[str, Any]], kb: Any
) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    for case in _cases(dev_cases)[:3]:
        page.goto(server + "/assess")
        page.get_by_role("button", name="Answer questions instead").click()
        assert click_through(page, case["findings"]) == kb.levels[case["expected"]["urgency"]].label
    page.goto(server + "/timer")
    assert "needs JavaScript" in page.inner_text("main")
    context.close()


def test_a_typed_message_is_read_then_questions_follow(
    server: str, phone: Watched, dev_cases: list[dict[str, Any]], kb: Any
) -> None:
    page = phone.page
    by_id = {c["id"]: c for c in dev_cases}
    for case_id in ("d001", "d004"):
        case = by_id[case_id]
        page.goto(server + "/assess")
        page.fill("#message", case["message"])
        page.get_by_role("button", name="Continue").click()
        assert page.locator("#reading-h").inner_text() == "What we understood from your message"
        if case_id == "d001":
            shot(page, "question-after-message-phone")
        assert click_through(page, case["findings"]) == kb.levels[case["expected"]["urgency"]].label


def test_keyboard_alone_starts_the_check(server: str, phone: Watched) -> None:
    page = phone.page
    page.goto(server + "/assess")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the page"
    page.keyboard.press("Enter")
    page.locator("#message").focus()
    page.keyboard.type("My lower back aches")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past "Continue" to "Answer questions instead"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator('input[name="ask"]').get_attribute("value") == "gestational_weeks"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_the_timer_alerts_on_a_preterm_pattern_and_survives_a_reload(
    server: str, phone: Watched
) -> None:
    page = phone.page
    page.clock.install(time=datetime(2026, 3, 1, 9, 0))
    page.goto(server + "/timer")
    page.fill("#weeks", "32")
    page.locator("#weeks").blur()
    button = page.locator("#wave-button")
    for _ in range(4):
        button.click()
        page.clock.fast_forward("00:40")
        button.click()
        page.clock.fast_forward("07:20")
    alert = page.locator("#alert .level-label")
    alert.wait_for()
    assert "Urgent" in alert.inner_text()
    assert page.locator(f'#alert a[href="tel:{UNIT_PHONE}"]').count() == 1
    assert page.locator("#waves tbody tr").count() == 4
    assert no_sideways_scroll(page)
    shot(page, "timer-alert-phone")
    page.reload()
    page.locator("#alert .level-label").wait_for()
    assert page.locator("#waves tbody tr").count() == 4
    assert page.input_value("#weeks") == "32"


def test_the_timer_works_offline_once_loaded(server: str, phone: Watched) -> None:
    page = phone.page
    page.goto(server + "/timer")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    phone.context.set_offline(True)
    page.reload()
    page.locator("#wave-button").click()
    page.wait_for_timeout(1100)
    page.locator("#wave-button").click()
    page.locator("#wave-button").click()
    page.wait_for_timeout(1100)
    page.locator("#wave-button").click()
    page.locator("#offline").wait_for()
    assert "Offline" in page.inner_text("#verdict")
    shot(page, "timer-offline-phone")
    phone.context.set_offline(False)
    phone.errors.clear()  # the failed fetch while offline is expected


def test_diary_entries_chart_reload_and_report(server: str, phone: Watched) -> None:
    page = phone.page
    for pain, where in ((4, "lower_back"), (7, "pelvic_girdle")):
        page.goto(server + "/diary")
        page.locator(f'label[for="pain-{pain}"]').click()
        page.locator(f'label[for="loc-{where}"]').click()
        page.get_by_role("button", name="Save", exact=True).click()
        assert page.locator("p.notice").inner_text() == "Saved."
    page.reload()
    assert page.locator(".entries li").count() >= 2
    assert page.locator("svg.chart circle").count() >= 3
    assert "pain from 4 to 7" in (page.locator("svg.chart desc").text_content() or "")
    assert no_sideways_scroll(page)
    shot(page, "diary-phone")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a web page").click()
    text = Path(download.value.path()).read_text()
    assert "a summary for your midwife" in text and "2 diary entries" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")


def _sign_up(page: Any, server: str) -> str:
    page.goto(server + "/diary")
    assert page.url.endswith("/signin?next=/diary")
    page.get_by_role("button", name="Make my private diary").click()
    code = page.locator("#code code").inner_text().strip()
    assert code.startswith("pbk_")
    return code


def _add(page: Any, pain: int, note: str) -> None:
    page.locator(f'label[for="pain-{pain}"]').click()
    page.locator("summary", has_text="Add a note").click()
    page.fill("#notes", note)
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.locator("p.notice").inner_text() == "Saved."


def test_on_a_shared_server_each_person_signs_in_to_her_own_diary(
    shared_server: str, browser: Any
) -> None:
    far = "Pacific/Kiritimati"  # UTC+14: her clock differs from the server's by many hours
    ana_context = browser.new_context(timezone_id=far, **PHONE)
    bea_context = browser.new_context(**DESKTOP)
    ana, bea = ana_context.new_page(), bea_context.new_page()

    code = _sign_up(ana, shared_server)
    assert no_sideways_scroll(ana)
    shot(ana, "signup-code-phone")
    ana.get_by_role("link", name="Go to my diary").click()
    before = datetime.now(ZoneInfo(far))
    _add(ana, 6, "Ana: worse after the school run")
    after = datetime.now(ZoneInfo(far))
    when = ana.locator(".entries .entry-head").first.inner_text()
    assert any(t.strftime("%d %b %Y, %H:") in when for t in (before, after)), when

    _sign_up(bea, shared_server)
    bea.get_by_role("link", name="Go to my diary").click()
    assert "No entries yet." in bea.inner_text("main")
    assert "Ana" not in bea.inner_text("main")
    _add(bea, 3, "Bea: fine after a walk")

    ana.get_by_role("button", name="Sign out").click()
    assert "You are signed out" in ana.inner_text("main")
    ana.goto(shared_server + "/diary")
    assert "/signin" in ana.url  # the diary is closed until she signs in again
    assert no_sideways_scroll(ana)
    shot(ana, "signin-phone")
    ana.fill("#token", code)
    ana.get_by_role("button", name="Sign in").click()
    main = ana.inner_text("main")
    assert "Ana: worse after the school run" in main and "Bea" not in main
    ana.reload()
    assert "Ana: worse after the school run" in ana.inner_text("main")
    assert no_sideways_scroll(ana)
    shot(ana, "diary-signed-in-phone")

    if AXE.exists():
        for page in (ana, bea):
            page.goto(shared_server + "/signin")
            serious = [
                v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")
            ]
            assert not serious, serious
    ana_context.close()
    bea_context.close()


PAGES = [
    "/",
    "/assess",
    "/timer",
    "/diary",
    "/profile",
    "/learn",
    "/learn/search?q=sleep",
    "/learn/advice/sleep_side_pillows",
    "/learn/causes/pelvic_girdle_pain",
    "/learn/sources",
]


def test_no_page_scrolls_sideways_on_a_360_px_screen(server: str, phone: Watched) -> None:
    page = phone.page
    for path in PAGES:
        page.goto(server + path)
        assert no_sideways_scroll(page), path


def test_axe_finds_no_serious_violations(server: str, phone: Watched, browser: Any) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run scripts/browser-setup")
    report: dict[str, Any] = {}
    pages: list[tuple[str, Any]] = []
    desktop = browser.new_context(**DESKTOP)
    for label, context_page in (("phone", phone.page), ("desktop", desktop.new_page())):
        for path in PAGES:
            context_page.goto(server + path)
            pages.append((f"{label} {path}", axe_violations(context_page)))
        context_page.goto(server + "/assess")
        context_page.get_by_role("button", name="Answer questions instead").click()
        pages.append((f"{label} question", axe_violations(context_page)))
        for urgency, findings in (
            (
                "emergency",
                {
                    "gestational_weeks": 30,
                    "pain_locations": ["flank"],
                    "symptoms": {"colicky_pain": "present", "fever": "present"},
                },
            ),
            (
                "self_care",
                {"gestational_weeks": 23, "pain_severity": 3, "pain_locations": ["mid_back"]},
            ),
        ):
            context_page.goto(server + "/assess")
            context_page.get_by_role("button", name="Answer questions instead").click()
            click_through(context_page, findings)
            pages.append((f"{label} result {urgency}", axe_violations(context_page)))
    desktop.close()
    serious = []
    for name, violations in pages:
        report[name] = [
            {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations
        ]
        serious += [
            (name, v["id"], v["nodes"][0]["target"])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
    out = ROOT / "artifacts" / "axe.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    assert not serious, serious


SCREENS = [
    ("home", "/"),
    ("assess", "/assess"),
    ("learn", "/learn"),
    ("advice-side-lying", "/learn/advice/sleep_side_pillows"),
    ("advice-massage", "/learn/advice/back_massage"),
    ("search", "/learn/search?q=pillow"),
    ("timer", "/timer"),
    ("diary", "/diary"),
    ("profile", "/profile"),
]


def test_screenshots_of_each_page_at_phone_and_desktop_width(server: str, browser: Any) -> None:
    for width, options in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(**options)
        page = context.new_page()
        for name, path in SCREENS:
            page.goto(server + path)
            shot(page, f"{name}-{width}")
        page.goto(server + "/assess")
        page.get_by_role("button", name="Answer questions instead").click()
        page.fill("#f-gestational_weeks", "28")
        page.get_by_role("button", name="Next").click()
        shot(page, f"question-{width}")
        click_through(
            page,
            {
                "gestational_weeks": 28,
                "pain_severity": 4,
                "pain_locations": ["lower_back"],
                "symptoms": {"relieved_by_rest": "present", "worse_with_activity": "present"},
            },
        )
        shot(page, f"result-self-care-{width}")
        if (
            width == "phone"
        ):  # one screen, as the README shows it (docs/screenshots/result-phone.png)
            page.goto(server + "/assess")
            page.get_by_role("button", name="Answer questions instead").click()
            click_through(
                page,
                {
                    "gestational_weeks": 33,
                    "symptoms": {"vaginal_bleeding": "present", "heavy_bleeding": "absent"},
                },
            )
            page.screenshot(path=str(SHOTS / "readme-result-phone.png"))
        context.close()
    assert len(list(SHOTS.glob("*-desktop.png"))) >= len(SCREENS)


def test_the_api_docs_render_offline_from_this_server(shared_server: str, browser: Any) -> None:
    """/docs in Chromium with every other host cut off: Swagger UI still draws every operation, and
    the page breaks no rule of its Content-Security-Policy."""
    context = browser.new_context(**DESKTOP)
    watched = Watched(context)
    outside: list[str] = []

    def only_here(route: Any) -> None:
        if route.request.url.startswith(shared_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_here)
    watched.page.goto(shared_server + "/docs")
    watched.page.wait_for_selector(".opblock", timeout=30_000)
    assert watched.page.locator(".opblock").count() >= 20
    assert "pregback" in watched.page.locator(".title").first.inner_text()
    context.close()
    assert outside == []
    assert not [
        e for e in watched.errors if "Content Security Policy" in e or "Refused" in e
    ], watched.errors
