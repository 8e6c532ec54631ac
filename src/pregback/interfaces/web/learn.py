"""The knowledge pages: each cause and advice item with its sources, the sources, and search.

Owns: presenting the knowledge base to read, and a small word search over it. Never: words of
its own about a cause or advice (everything shown comes from the knowledge files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pregback.interfaces.plain import source_refs
from pregback.interfaces.web import present
from pregback.interfaces.web.templating import SecureRoute, knowledge, render
from pregback.knowledge import KnowledgeBase

router = APIRouter(route_class=SecureRoute, include_in_schema=False)  # pages, not API

MAX_QUERY = 200
CATEGORY_WORDS = {
    "posture": "Posture",
    "sleep": "Sleep",
    "heat": "Warmth",
    "massage": "Massage",
    "support": "Support",
    "exercise": "Exercise",
    "physiotherapy": "Physiotherapy and other treatments",
    "medicine": "Medicines",
    "rest": "Rest and moving",
    "footwear": "Shoes",
    "lifting": "Lifting",
    "weight": "Weight",
    "labour": "In labour",
    "wellbeing": "Your wellbeing",
    "while_waiting": "While you wait for help",
}
VERDICT_WORDS = {
    "unsupported": "Not supported by evidence",
    "contested": "Not agreed",
    "false": "Not true",
    "misstated": "Not quite right",
    "partly_true": "Partly true",
}


@dataclass(frozen=True)
class Doc:
    kind: str  # "cause", "advice" or "claim"
    id: str
    title: str
    summary: str
    text: str
    href: str


@router.get("/learn", response_class=HTMLResponse)
async def index(request: Request) -> HTMLResponse:
    kb = knowledge()
    groups: dict[str, list[object]] = {}
    for item in kb.advice.values():
        groups.setdefault(CATEGORY_WORDS.get(item.category, item.category), []).append(item)
    return render(
        request,
        "learn_index.html",
        title="Learn",
        section="learn",
        groups=groups,
        claims=list(kb.claims.values()),
        claim_sources={m.id: present.sources(kb, m.sources) for m in kb.claims.values()},
        verdicts=VERDICT_WORDS,
        query="",
    )


@router.get("/learn/causes/{cause_id}", response_class=HTMLResponse)
async def cause(request: Request, cause_id: str) -> HTMLResponse:
    kb = knowledge()
    item = kb.causes.get(cause_id)
    if item is None:
        return _missing(request)
    advice = [a for a in kb.advice.values() if cause_id in a.causes]
    return render(
        request,
        "learn_cause.html",
        title=item.name,
        section="learn",
        c=item,
        sources=present.sources(kb, item.sources),
        advice=advice,
    )


@router.get("/learn/advice/{advice_id}", response_class=HTMLResponse)
async def advice(request: Request, advice_id: str) -> HTMLResponse:
    kb = knowledge()
    item = kb.advice.get(advice_id)
    if item is None:
        return _missing(request)
    return render(
        request,
        "learn_advice.html",
        title=item.title,
        section="learn",
        item=item,
        sources=present.sources(kb, item.sources),
        picture=present.picture_for(kb, item.id),
        strength=present.STRENGTH_WORDS.get(item.evidence.strength, item.evidence.strength),
        causes=[kb.causes[c] for c in item.causes if c in kb.causes],
        locations=[kb.locations[loc].label for loc in item.locations if loc in kb.locations],
    )


@router.get("/learn/sources", response_class=HTMLResponse)
async def sources(request: Request) -> HTMLResponse:
    kb = knowledge()
    return render(
        request,
        "learn_sources.html",
        title="Sources",
        section="learn",
        sources=source_refs(kb, sorted(kb.sources)),
    )


@router.get("/learn/search", response_class=HTMLResponse)
async def search_page(request: Request, q: str = "") -> HTMLResponse:
    query = q.strip()[:MAX_QUERY]
    hits = search(knowledge(), query) if query else []
    return render(
        request,
        "learn_search.html",
        title=f"Search: {query}" if query else "Search",
        section="learn",
        query=query,
        hits=hits,
    )


def _missing(request: Request) -> HTMLResponse:
    return render(
        request,
        "problem.html",
        status=404,
        title="Page not found",
        detail="We could not find that page.",
        back_href="/learn",
        back_label="Back to Learn",
    )


WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@lru_cache(maxsize=4)
def documents(kb: KnowledgeBase) -> tuple[Doc, ...]:
    """Everything a search can find: causes, advice items and claims."""
    docs = [
        Doc(
            "cause",
            c.id,
            c.name,
            c.explanation,
            " ".join([c.explanation, c.meaning, c.when_in_pregnancy, *c.typical]),
            f"/learn/causes/{c.id}",
        )
        for c in kb.causes.values()
    ]
    docs += [
        Doc(
            "advice",
            a.id,
            a.title,
            a.summary,
            " ".join(
                [
                    a.summary,
                    *a.steps,
                    *a.partner,
                    *a.cautions,
                    a.evidence.summary,
                    CATEGORY_WORDS.get(a.category, ""),
                ]
            ),
            f"/learn/advice/{a.id}",
        )
        for a in kb.advice.values()
    ]
    docs += [
        Doc("claim", m.id, m.claim, m.better_evidence, m.better_evidence, f"/learn#claim-{m.id}")
        for m in kb.claims.values()
    ]
    return tuple(docs)


def search(kb: KnowledgeBase, query: str, limit: int = 20) -> list[Doc]:
    """Pages whose words start with every word of the query; title matches first."""
    terms = [t for t in words(query) if len(t) > 1 or t.isdigit()]
    if not terms:
        return []
    scored = []
    for doc in documents(kb):
        title, body = words(doc.title), words(doc.text)
        score = 0.0
        for term in terms:
            in_title = any(w.startswith(term) for w in title)
            in_body = sum(1 for w in body if w.startswith(term))
            if not in_title and not in_body:
                score = -1
                break
            score += 5 * in_title + min(in_body, 5)
        if score > 0:
            scored.append((-score, doc.title, doc))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [d for _, _, d in scored[:limit]]
