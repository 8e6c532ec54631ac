"""The report for her midwife: her week, the latest assessment with its reasons and sources, a chart of
pain over time with the timed waves marked, the recent waves and the self-care she tried, in one to
two pages of PDF even with a year of diary. Runs over SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pregback.interfaces.cli.app import app
from pregback.interfaces.exports.report import ReportData, gather, render_html
from pregback.knowledge import default_knowledge
from pregback.store.db import Store
from pregback.store.repository import Repository

NOW = datetime.now(UTC).replace(microsecond=0)


def fill(store: Store, days: int, per_day: int = 3, waves: int = 6) -> None:
    with store.session() as s:
        repo = Repository(s)
        me = repo.set_profile(
            due_date=(NOW + timedelta(days=7 * 7 + 3)).date(),
            first_pregnancy=True,
            today=NOW.date(),
        )
        for d in range(days, 0, -1):
            for k in range(per_day):
                repo.add_entry(
                    me,
                    {
                        "at": NOW - timedelta(days=d, hours=4 * k),
                        "pain": min(10, 2 + (days - d) * 6 // max(days, 1) + k % 2),
                        "locations": ["lower_back"],
                        "helped": [["warm bath"], ["pelvic tilts", "warm bath"], []][k % 3],
                        "notes": "<script>alert('x')</script> & more",
                    },
                    now=NOW,
                )
        for i in range(waves):
            start = NOW - timedelta(minutes=9 * (waves - i))
            repo.add_episode(me, start, start + timedelta(seconds=50), now=NOW)


def report(store: Store) -> tuple[ReportData, str]:
    with store.session() as s:
        repo = Repository(s)
        data = gather(repo, repo.require_person(), now=NOW)
    return data, render_html(data)


def test_the_report_says_her_week_the_assessment_why_and_its_sources(store: Store) -> None:
    from pregback.services.assess import assess_with_store

    fill(store, days=20)
    result, _ = assess_with_store({"pain_severity": 5}, db=store.url, now=NOW)
    data, html = report(store)
    assert "week 32+4" in html and "<td>First baby</td><td><strong>yes</strong></td>" in html
    assert (
        result.urgency == "urgent"
        and data.assessment is not None
        and data.assessment["urgency"] == "urgent"
    )
    assert result.action in html and result.label in html
    listed = html.split("<h2>Sources</h2>")[1]
    for rule in result.fired:  # every reason, with its sources named in full, each document once
        assert rule.title in html and rule.reason in html
        for sid in rule.sources:
            assert re.search(rf"<li>\[[^\]]*\b{re.escape(sid)}\b", listed), sid
            assert listed.count(default_knowledge().source_label(sid)) == 1, sid
    for ref in data.sources:  # what kind of source each is, and a link when it is public
        assert f"({ref.kind})" in listed
        if ref.url:
            assert f'<a href="{ref.url}">' in listed
    assert "Your diary shows back pain since" in html
    assert "Assessed " in html and "Worked out for this report" not in html


def test_without_a_saved_assessment_one_is_worked_out_from_profile_and_diary(store: Store) -> None:
    fill(store, days=16, waves=0)
    data, html = report(store)
    assert data.assessment_computed
    assert "Worked out for this report from your profile and diary" in html
    assert data.assessment is not None and [r["id"] for r in data.assessment["rules"]] == [
        "R1"
    ]  # 16 days of pain


def test_the_chart_marks_every_entry_and_every_timed_wave(store: Store) -> None:
    fill(store, days=10, per_day=2, waves=7)
    data, html = report(store)
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None
    assert len(re.findall(r"<circle ", svg.group())) == 20
    assert len(re.findall(r'<line [^>]*stroke="#C2410C"', svg.group())) == 7
    assert "<polyline " in svg.group()  # the worst pain of each day, joined
    assert "Pain from 0 to 10 over time" in svg.group()


def test_the_recent_waves_and_the_self_care_she_tried_are_listed(store: Store) -> None:
    fill(store, days=5, waves=6)
    data, html = report(store)
    assert (
        len(data.waves) == 6
        and data.waves[1]["interval"] == "9 min"
        and data.waves[0]["length"] == "50 s"
    )
    assert data.tried[0] == ("warm bath", 10) and ("pelvic tilts", 5) in data.tried
    assert "warm bath (10 times)" in html


def test_what_she_wrote_is_shown_as_text_and_the_page_loads_nothing(store: Store) -> None:
    fill(store, days=3)
    with store.session() as s:
        repo = Repository(s)
        repo.add_entry(
            repo.require_person(), {"pain": 3, "helped": ["<img src=x onerror=alert(1)>"]}, now=NOW
        )
    _, html = report(store)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html.lower()
    # Nothing is loaded from elsewhere (links to the sources she may open are not loads).
    assert not re.search(r"""src\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"""<link[^>]*href\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"""url\(\s*["']?(https?:)?//""", html)


@pytest.mark.slow
def test_a_year_of_diary_fits_in_two_pages_of_pdf(store: Store, tmp_path: Path) -> None:
    pytest.importorskip(
        "weasyprint",
        reason="the PDF needs WeasyPrint (pip install '.[pdf]'; Debian: libpango-1.0-0 libpangoft2-1.0-0)",
    )
    from pregback.interfaces.exports.report import write_pdf

    fill(store, days=365, per_day=3, waves=12)
    _, html = report(store)
    pages = write_pdf(html, tmp_path / "r.pdf")
    assert 1 <= pages <= 2
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


def test_the_report_command_writes_html_and_pdf(store: Store, tmp_path: Path) -> None:
    fill(store, days=4)
    runner = CliRunner()
    out = runner.invoke(
        app, ["report", "--db", store.url, "--out", str(tmp_path / "r"), "--no-pdf"]
    )
    assert out.exit_code == 0, out.output
    written = sorted(p.suffix for p in (tmp_path / "r").iterdir())
    assert written == [".html"]
    pytest.importorskip("weasyprint", reason="the PDF needs WeasyPrint (pip install '.[pdf]')")
    out = runner.invoke(app, ["report", "--db", store.url, "--out", str(tmp_path / "r")])
    assert out.exit_code == 0, out.output
    assert re.search(r"\.pdf \([12] pages?\)", out.output)
    out = runner.invoke(app, ["report", "--db", store.url, "--person", "nobody"])
    assert out.exit_code == 2 and "has no profile" in out.output
