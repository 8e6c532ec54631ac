"""The words she reads are plain: a reader of 12 to 13 years can follow them (issue 6).

Every text of the knowledge base that is shown to her (the action of each level, the reason of
each rule, each cause's explanation and what it means for her, each piece of advice, each question)
scores at most grade 8 on Flesch-Kincaid, and grade 6 or less on average. The sources and the
evidence notes are written for clinicians and are not measured.
"""

from __future__ import annotations

from statistics import mean
from typing import Any

import pytest

from pregback.knowledge import KnowledgeBase
from tests.readability import grade

MOST = 8.0
AVERAGE = 6.0


def texts_for_her(kb: KnowledgeBase) -> dict[str, str]:
    out: dict[str, str] = {}
    for level in kb.levels.values():
        out[f"levels.yaml {level.id} action"] = level.action
    for rule in kb.rules.values():
        out[f"rules.yaml {rule.id} reason"] = rule.reason
    for cause in kb.causes.values():
        out[f"causes.yaml {cause.id} explanation + meaning"] = (
            f"{cause.explanation}\n{cause.meaning}"
        )
    for item in kb.advice.values():
        parts = [item.title, item.summary, *item.steps, *item.partner, *item.cautions]
        out[f"advice.yaml {item.id}"] = "\n".join(parts)
    for finding in [*kb.scalars.values(), *kb.symptoms.values()]:
        question = getattr(finding, "question", None)
        if question:
            out[f"findings.yaml {finding.id} question"] = question
    return out


def test_the_measure_tells_plain_from_dense() -> None:
    assert grade("Lie on your side. Put a pillow between your knees.") < 4
    dense = (
        "Pyelonephritis necessitates expeditious intravenous antimicrobial administration "
        "considering the considerable maternal and fetal morbidity associated with bacteraemia."
    )
    assert grade(dense) > 16
    assert grade("") == 0.0


def test_every_text_she_reads_is_plain(kb: KnowledgeBase) -> None:
    scores = {name: grade(text) for name, text in texts_for_her(kb).items()}
    hard = {name: round(g, 1) for name, g in scores.items() if g > MOST}
    assert not hard, f"above grade {MOST}: {hard}"
    assert mean(scores.values()) <= AVERAGE, round(mean(scores.values()), 2)


@pytest.mark.parametrize("path", ["/", "/assess", "/timer", "/diary", "/learn", "/signin"])
def test_the_pages_own_words_are_plain(path: str, pages: Any) -> None:
    from html.parser import HTMLParser

    class Main(HTMLParser):
        """The text inside <main>, a line for each block."""

        def __init__(self) -> None:
            super().__init__()
            self.inside = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.inside += tag == "main"
            self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            self.inside -= tag == "main"

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.parts.append(data)

    page = Main()
    page.feed(pages.get(path).text)
    assert grade("".join(page.parts)) <= MOST, path
