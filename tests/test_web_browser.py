"""The web app in real Chromium (Debian's, driven by Playwright): clicking through the check for
development cases, with and without JavaScript, the timer through a preterm pattern, the diary,
reloads, a 360 px screen, keyboard use and axe-core. Screenshots go to artifacts/screenshots/.

Runs only with PREGBACK_BROWSER=1 and /usr/bin/chromium (scripts/browser-setup installs it).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.web_support import answer_for

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
UNIT_PHONE = "01234567890"
#: Development cases clicked through, one per level: their expected urgency is what the page must show.
CLICKED = ("d001", "d002", "d003", "d004", "d007")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("PREGBACK_BROWSER") != "1" or not CHROMIUM.exists(),
        reason="browser tests need PREGBACK_BROWSER=1 and /usr/bin/chromium (run scripts/browser-setup)",
    ),
]


def _serve(tmp: Path, factory: str, extra_env: dict[str, str]) -> Iterator[str]:
    """An app under uvicorn on a free port of 127.0.0.1, with its own SQLite file in `tmp`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "PREGBACK_DATABASE_URL": str(tmp / "web.db"),
        "PREGBACK_UNIT_PHONE": UNIT_PHONE,
        **extra_env,
    }
    if "PREGBACK_MULTI_USER" not in extra_env:
        env.pop("PREGBACK_MULTI_USER", None)
    log_path = tmp / "server.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            factory,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.close()
                raise RuntimeError(f"the server did not start: {log_path.read_text()}") from None
            time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web pages on a personal install: one local profile, no sign-in."""
    yield from _serve(
        tmp_path_factory.mktemp("personal"), "pregback.interfaces.web.app:create_web_app", {}
    )


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole service as `pregback serve` runs it for many people (PREGBACK_MULTI_USER=1)."""
    yield from _serve(
        tmp_path_factory.mktemp("shared"),
        "pregback.interfaces.api.app:create_app",
        {"PREGBACK_MULTI_USER": "1"},
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page whose console errors (such as a Content-Security-Policy refusal) are kept."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def phone(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(**PHONE)
    watched = Watched(context)
    yield watched
    context.close()
    assert not [
        e for e in watched.errors if "Content Security Policy" in e or "Refused" in e
    ], watched.errors


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def click_through(page: Any, findings: dict[str, Any]) -> str:
    """Answer every question as the case would, by clicking and typing; returns the level shown."""
    for _ in range(80):
        ask = page.locator('input[name="ask"]')
        if ask.count() == 0:
            break
        ask_id = ask.get_attribute("value")
        items = [
            el.get_attribute("value")
            for el in page.locator('input[name="value"], button[name="value"]').all()
        ]
        answer = answer_for(ask_id, items, findings)
        if answer.do == "skip":
            page.get_by_role("button", name="I don't know").click()
        elif page.locator("#value").count():
            page.fill("#value", answer.values[0])
            page.get_by_role("button", name="Next").click()
        elif page.get_by_role("button", name="Yes").count():
            page.get_by_role("button", name="Yes" if answer.values else "No").click()
        else:
            for value in answer.values:
                page.locator(f'label[for="v-{value}"]').click()
            if answer.values or not ask_id.startswith("group:"):
                page.get_by_role("button", name="Next").click()
            else:
                page.get_by_role("button", name="None of these").click()
        page.wait_for_load_state()
    return str(page.locator(".level-label").first.inner_text()).strip()


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
            serious = [v["id"] for v in _axe(page) if v["impact"] in ("serious", "critical")]
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


def _axe(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return list(result["violations"])


def test_axe_finds_no_serious_violations(server: str, phone: Watched, browser: Any) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run scripts/browser-setup")
    report: dict[str, Any] = {}
    pages: list[tuple[str, Any]] = []
    desktop = browser.new_context(**DESKTOP)
    for label, context_page in (("phone", phone.page), ("desktop", desktop.new_page())):
        for path in PAGES:
            context_page.goto(server + path)
            pages.append((f"{label} {path}", _axe(context_page)))
        context_page.goto(server + "/assess")
        context_page.get_by_role("button", name="Answer questions instead").click()
        pages.append((f"{label} question", _axe(context_page)))
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
            pages.append((f"{label} result {urgency}", _axe(context_page)))
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
        page.fill("#value", "28")
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
