"""The web pages through an in-process pages: every page, the interview, result, timer and knowledge.

The diary, sign-in and report are in test_web_diary.py; real Chromium is in test_web_browser.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pregback.core.findings import parse_findings
from pregback.core.interview import NONE, replay
from pregback.core.triage import assess
from pregback.interfaces.web import STATIC, TEMPLATES
from pregback.interfaces.web.present import PICTURES
from pregback.interfaces.web.state import Interview, unpack
from pregback.knowledge import KnowledgeBase
from tests.web_support import (
    ASK,
    STATE,
    VALUE,
    TestClient,
    answer_for,
    fields_of,
    level_label,
)

PAGES = [
    "/",
    "/assess",
    "/timer",
    "/learn",
    "/learn/sources",
    "/learn/search?q=sleep",
    "/learn/causes/sciatica",
    "/learn/advice/back_massage",
]


def _post_answer(
    pages: Any, html: str, do: str, values: tuple[str, ...] = (), **fields: Any
) -> Any:
    ask = ASK.search(html)
    data: dict[str, Any] = {"state": STATE.search(html).group(1), "do": do}  # type: ignore[union-attr]
    if ask:
        data["ask"] = ask.group(1)
    if values:
        data["value"] = list(values)
    data.update({f"f-{k}": v for k, v in fields.items()})
    return pages.post("/assess/answer", data=data)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_strict_and_accessible_in_shape(pages: Any, path: str) -> None:
    r = pages.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    html = r.text
    assert '<html lang="en-GB">' in html
    assert html.count("<h1") == 1
    assert '<meta name="viewport"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r"\sstyle=", html), "inline style"
    for control in re.findall(r'<(?:input|textarea|select)\b[^>]*\bid="([^"]+)"', html):
        assert f'for="{control}"' in html or control == "q", f"{path}: #{control} has no label"


def test_templates_and_scripts_have_no_inline_code() -> None:
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text()
        if path.name == "diary_report.html":
            continue  # a file she downloads: its own style, no script, its own policy
        assert "<style" not in text and " style=" not in text, path.name
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path.name
        assert not re.search(r"\son[a-z]+=", text), path.name
    for path in STATIC.glob("*.js"):
        assert "innerHTML" not in path.read_text(), path.name


def test_level_colours_come_from_the_knowledge_base_and_pass_contrast(
    pages: Any, kb: KnowledgeBase
) -> None:
    css = pages.get("/levels.css").text
    for level in kb.levels.values():
        assert f".level-{level.id}" in css and level.colour in css
        assert _contrast(level.colour, "#ffffff") >= 4.5, level.id


def _contrast(a: str, b: str) -> float:
    def lum(hexcolour: str) -> float:
        rgb = [int(hexcolour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_service_worker_is_served_from_the_root(pages: Any) -> None:
    r = pages.get("/sw.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert '"/timer"' in r.text


def test_first_question_is_the_week_then_the_danger_signs(pages: Any) -> None:
    r = pages.post("/assess", data={"do": "questions"})
    assert ASK.search(r.text).group(1) == "gestational_weeks"  # type: ignore[union-attr]
    assert fields_of(r.text) == ["gestational_weeks", "given_birth"]
    assert "a danger sign" not in r.text  # the week is not a danger sign
    r = _post_answer(pages, r.text, "next", gestational_weeks="30", given_birth="no")
    assert r.status_code == 200
    assert ASK.search(r.text).group(1) == "signs:emergency"  # type: ignore[union-attr]
    step = re.search(r'class="step">(.*?)</p>', r.text).group(1)  # type: ignore[union-attr]
    assert re.fullmatch(r"Question 2 of about \d+ · <strong>a danger sign</strong>", step), step


def _core_value(answer: Any, ask: Any) -> Any:
    """The core's answer for what `answer_for` presses on the page."""
    if answer.do == "skip":
        return None
    if answer.do == "none":
        return NONE
    if ask.kind == "symptoms":
        return list(answer.values)
    if ask.kind == "form":
        types = {f.id: f for f in ask.fields}
        out: dict[str, Any] = {}
        for name, raw in answer.fields:
            f = types[name]
            if f.type == "yesno":
                out[name] = raw == "yes"
            elif f.type == "list":
                out.setdefault(name, []).append(raw)
            else:
                out[name] = raw if f.type == "choice" else float(raw)
        return out
    if ask.type == "list":
        return list(answer.values)
    raw = answer.values[0]
    return raw if ask.type == "choice" else (int(raw) if ask.type == "integer" else float(raw))


def _interview_by_core(case: dict[str, Any], kb: KnowledgeBase) -> str:
    """The urgency the core's replay reaches when answered like `answer_for` does."""
    found, answers = parse_findings({}, kb), []
    while True:
        step = replay(found, answers, None, kb)
        if step.ask is None:
            return step.result.urgency
        ask = step.ask
        fields = [f.id for f in ask.fields] if ask.kind == "form" else None
        answer = answer_for(ask.id, [c.id for c in ask.items], case["findings"], fields)
        answers.append({"question": ask.id, "answer": _core_value(answer, ask)})


def test_interview_pages_reach_the_cores_urgency_for_dev_cases(
    pages: Any, dev_cases: list[dict[str, Any]], kb: KnowledgeBase
) -> None:
    checked = 0
    for case in dev_cases[::3]:
        if case.get("episodes"):
            continue
        r = pages.post("/assess", data={"do": "questions"})
        for _ in range(40):
            ask = ASK.search(r.text)
            if not ask:
                break
            answer = answer_for(
                ask.group(1), VALUE.findall(r.text), case["findings"], fields_of(r.text)
            )
            data = {"state": STATE.search(r.text).group(1), "ask": ask.group(1), **answer.form()}  # type: ignore[union-attr]
            r = pages.post("/assess/answer", data=data)
            assert r.status_code == 200, (case["id"], ask.group(1), answer)
        expected = kb.levels[_interview_by_core(case, kb)].label
        assert level_label(r.text) == expected, case["id"]
        checked += 1
    assert checked >= 20


def test_result_page_shows_the_cores_result_for_every_dev_case(
    pages: Any, dev_cases: list[dict[str, Any]], kb: KnowledgeBase
) -> None:
    for case in dev_cases:
        state = Interview(base=case["findings"], done=True).pack()
        r = pages.post("/assess/answer", data={"state": state, "do": "finish"})
        assert r.status_code == 200
        core = assess(case["findings"], None, kb)
        assert level_label(r.text) == core.label, case["id"]
        assert core.action.split(".")[0] in r.text.replace("&#39;", "'")
        for rule in core.fired:
            assert rule.title.replace("'", "&#39;") in r.text, (case["id"], rule.id)
        for cause in core.causes:
            assert f"/learn/causes/{cause.id}" in r.text
        if core.urgency == "emergency":
            assert 'href="tel:999"' in r.text


def test_urgent_result_calls_the_unit_number_when_configured(
    pages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings = {"gestational_weeks": 30, "symptoms": {"vaginal_bleeding": "present"}}
    state = Interview(base=findings, done=True).pack()
    r = pages.post("/assess/answer", data={"state": state, "do": "finish"})
    assert "Urgent" in (level_label(r.text) or "")
    # Without the unit's number: the locale's advice line, for when the unit does not answer
    # (TRIAGE 3.2's fallback), and the page says the unit's number is in her notes.
    buttons = r.text.split('class="level-action"')[1].split("</section>")[0]
    assert 'href="tel:111"' in buttons and "does not answer" in buttons
    assert "phone number is in your pregnancy notes" in r.text
    monkeypatch.setenv("PREGBACK_UNIT_PHONE", "0123 456 7890")
    r = pages.post("/assess/answer", data={"state": state, "do": "finish"})
    assert 'href="tel:01234567890"' in r.text and "Call your maternity unit" in r.text


def test_a_wrong_answer_is_explained_and_asked_again(pages: Any) -> None:
    r = pages.post("/assess", data={"do": "questions"})
    for bad, words in (("abc", "from 1 to 45"), ("99", "from 1 to 45"), ("", "fill in what")):
        again = _post_answer(pages, r.text, "next", gestational_weeks=bad)
        assert again.status_code == 422
        assert 'role="alert"' in again.text and words in again.text.lower()
        assert ASK.search(again.text).group(1) == "gestational_weeks"  # type: ignore[union-attr]


def test_back_skip_and_finish(pages: Any, kb: KnowledgeBase) -> None:
    r = pages.post("/assess", data={"message": "my lower back is sore", "do": "read"})
    assert "What we understood from your message" in r.text and not ASK.search(r.text)
    checked = _post_answer(pages, r.text, "correct")
    r = _post_answer(pages, checked.text, "next", gestational_weeks="12")
    assert unpack(STATE.search(r.text).group(1)).findings(kb).weeks == 12  # type: ignore[union-attr]
    back = _post_answer(pages, r.text, "back")
    assert ASK.search(back.text).group(1) == "gestational_weeks"  # type: ignore[union-attr]
    again = _post_answer(pages, back.text, "back")
    assert "What we understood from your message" in again.text
    first = _post_answer(pages, again.text, "back")
    assert "Tell us about your back pain" in first.text and "my lower back is sore" in first.text
    skipped = _post_answer(pages, r.text, "skip")
    assert ASK.search(skipped.text).group(1) != ASK.search(r.text).group(1)  # type: ignore[union-attr]
    done = _post_answer(pages, r.text, "finish")
    assert level_label(done.text) and "before the end" in done.text
    more = _post_answer(pages, done.text, "continue")
    assert ASK.search(more.text)


def test_a_damaged_form_asks_to_start_again(pages: Any) -> None:
    for state in ("not-base64!", "eJzLSM3JyQcABiwCFQ", "A" * 70000):
        r = pages.post("/assess/answer", data={"state": state, "do": "next"})
        assert r.status_code == 400 and "start the check again" in r.text
    bad_findings = Interview(base={"gestational_weeks": 500}).pack()
    assert pages.post("/assess/answer", data={"state": bad_findings}).status_code == 400


def test_message_spans_are_marked_and_listed(pages: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import pregback.core.reading

    class Fake:
        findings = parse_findings(
            {"gestational_weeks": 23, "symptoms": {"vaginal_bleeding": "absent"}}
        )
        evidence = (
            {"start": 0, "end": 8, "text": "23 weeks", "finding": "gestational_weeks", "value": 23},
            {
                "start": 10,
                "end": 21,
                "text": "no bleeding",
                "finding": "symptoms.vaginal_bleeding",
                "value": "absent",
                "uncertain": False,
            },
        )

    monkeypatch.setattr(
        pregback.core.reading, "read", lambda message, kb=None, today=None: Fake(), raising=False
    )
    r = pages.post("/assess", data={"message": "23 weeks, no bleeding <b>", "do": "read"})
    assert "<mark>23 weeks</mark>, <mark>no bleeding</mark> &lt;b&gt;" in r.text
    assert "Weeks pregnant: 23" in r.text and "<legend>Bleeding from the vagina" in r.text
    assert re.search(r'name="c-vaginal_bleeding" value="no" id="[^"]+" checked', r.text)
    first = _post_answer(pages, r.text, "correct")
    assert ASK.search(first.text).group(1) != "gestational_weeks"  # type: ignore[union-attr]


def test_timer_verdict_alerts_on_a_preterm_pattern(pages: Any) -> None:
    start = datetime(2026, 3, 1, 10, 0)
    waves = [
        {
            "start": (start + timedelta(minutes=8 * i)).isoformat(),
            "end": (start + timedelta(minutes=8 * i, seconds=40)).isoformat(),
        }
        for i in range(5)
    ]
    r = pages.post("/timer/verdict", json={"episodes": waves, "weeks": 32, "first_pregnancy": True})
    body = r.json()
    assert r.status_code == 200 and body["alert"] and body["urgency"] in ("urgent", "emergency")
    assert body["reasons"] and body["summary"]["count"] == 5
    calm = pages.post("/timer/verdict", json={"episodes": waves[:1], "weeks": 32}).json()
    assert calm["urgency"] == assess({"gestational_weeks": 32}, waves[:1]).urgency
    assert pages.post("/timer/verdict", json={"episodes": waves, "weeks": 99}).status_code == 422
    broken = pages.post("/timer/verdict", content=b"[1,")
    assert broken.status_code == 400
    assert broken.headers["content-type"].startswith("application/problem+json")
    overlap = [waves[0], {"start": waves[0]["start"], "end": waves[1]["end"]}]
    assert pages.post("/timer/verdict", json={"episodes": overlap}).status_code == 422


def test_timer_verdict_matches_the_core_for_timed_dev_cases(
    pages: Any, dev_cases: list[dict[str, Any]], kb: KnowledgeBase
) -> None:
    for case in [c for c in dev_cases if c.get("episodes")]:
        f = case["findings"]
        first = f.get("symptoms", {}).get("first_pregnancy")
        body = {
            "episodes": case["episodes"],
            "weeks": f.get("gestational_weeks"),
            "first_pregnancy": None if first is None else first == "present",
        }
        given: dict[str, Any] = {}
        if f.get("gestational_weeks") is not None:
            given["gestational_weeks"] = f["gestational_weeks"]
        if first is not None:
            given["symptoms"] = {"first_pregnancy": first}
        got = pages.post("/timer/verdict", json=body).json()
        assert got["urgency"] == assess(given, case["episodes"], kb).urgency, case["id"]


def test_knowledge_pages_and_search(pages: Any, kb: KnowledgeBase) -> None:
    hits = pages.get("/learn/search?q=sleep pillow").text
    assert "/learn/advice/sleep_side_pillows" in hits
    assert "0 pages found" in pages.get("/learn/search?q=zzzqqq").text
    for cid, cause in kb.causes.items():
        page = pages.get(f"/learn/causes/{cid}").text
        assert cause.sources[0] in page or kb.source_label(cause.sources[0]).split(",")[0] in page
    for aid in kb.advice:
        assert pages.get(f"/learn/advice/{aid}").status_code == 200
    assert pages.get("/learn/causes/nothing_here").status_code == 404
    sources = pages.get("/learn/sources").text
    assert all(f'id="src-{sid}"' in sources for sid in kb.sources)


def test_every_picture_exists_and_is_keyed_by_known_advice(kb: KnowledgeBase) -> None:
    for key, (name, alt) in PICTURES.items():
        assert (STATIC / "pictures" / name).exists(), name
        assert key in kb.advice or any(a.picture == key for a in kb.advice.values()), key
        assert len(alt) > 20
    for item in kb.advice.values():
        if item.picture:
            assert item.picture in PICTURES, item.id


def test_importing_the_web_package_loads_no_server() -> None:
    code = "import pregback.interfaces.web, sys; print('fastapi' in sys.modules, 'jinja2' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["False", "False"]


def test_docs_name_every_page() -> None:
    from pregback.interfaces.web.routes import router

    docs = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text()
    for route in router.routes:
        path = getattr(route, "path", "")
        methods = getattr(route, "methods", set())
        if "GET" in methods and "{" not in path:
            assert f"`{path}`" in docs, path


def test_the_pages_alone_serve_the_pages_and_their_files() -> None:
    """Every other test here uses the session's app (the pages inside the API's, as `pregback
    serve` runs them); this one builds the app of the pages alone, which the browser tests run."""
    from pregback.interfaces.web.app import create_web_app

    with TestClient(create_web_app()) as c:
        assert c.get("/").status_code == 200
        assert c.get("/static/app.css").status_code == 200
        assert c.get("/openapi.json").status_code == 404  # no API of its own
