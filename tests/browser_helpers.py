"""Helpers for the browser tests (their fixtures are in tests/browser_support.py): the settings of
Chromium and the phone, a page that keeps console errors, screenshots, clicking through the check
as a case would, and axe-core.

Runs only with PREGBACK_BROWSER=1 and /usr/bin/chromium (scripts/browser-setup installs it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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
#: The marks of every browser test module: `pytestmark = BROWSER`.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("PREGBACK_BROWSER") != "1" or not CHROMIUM.exists(),
        reason="browser tests need PREGBACK_BROWSER=1 and /usr/bin/chromium (run scripts/browser-setup)",
    ),
]


class Watched:
    """A page whose console errors (such as a Content-Security-Policy refusal) are kept."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def click_through(page: Any, findings: dict[str, Any]) -> str:
    """Answer every question as the case would, by clicking and typing (after checking what was
    read from a message, as it was read); returns the level shown."""
    for _ in range(40):
        if page.locator("h1#reading-h").count():  # what we understood: as read
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()
            continue
        ask = page.locator('input[name="ask"]')
        if ask.count() == 0:
            break
        ask_id = ask.get_attribute("value")
        items = [
            el.get_attribute("value")
            for el in page.locator('input[name="value"], button[name="value"]').all()
        ]
        fields = list(
            dict.fromkeys(
                str(el.get_attribute("name"))[2:] for el in page.locator('input[name^="f-"]').all()
            )
        )
        answer = answer_for(ask_id, items, findings, fields)
        answer_on_page(page, answer)
        page.wait_for_load_state()
    return str(page.locator(".level-label").first.inner_text()).strip()


def answer_on_page(page: Any, answer: Any) -> None:
    """Press what `answer` (tests.web_support.Answer) says, as she would."""
    if answer.do == "skip":
        page.get_by_role("button", name="I don't know").click()
    elif answer.fields:
        for name, value in answer.fields:
            box = page.locator(f'input[type="text"][name="f-{name}"]')
            if box.count():
                box.fill(value)
            else:
                page.locator(f'label[for="f-{name}-{value}"]').click()
        page.get_by_role("button", name="Next").click()
    elif page.locator("#value").count():
        page.fill("#value", answer.values[0])
        page.get_by_role("button", name="Next").click()
    elif page.get_by_role("button", name="Yes", exact=True).count():
        page.get_by_role("button", name="Yes" if answer.values else "No", exact=True).click()
    elif answer.do == "none":
        page.get_by_role("button", name="None of these").click()
    else:
        for value in answer.values:
            page.locator(f'label[for="v-{value}"]').click()
        page.get_by_role("button", name="Next").click()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return list(result["violations"])
