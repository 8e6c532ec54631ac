"""Web sessions: what a signed-in phone's cookie opens, kept on the server so that it can end.

Owns: starting a session at sign-in (a random secret for the cookie, only its SHA-256 hash
stored), finding her by it until it expires, listing her sessions, and ending one, one by its
secret (sign-out), or all of them (erase). Never: store or log the secret itself, or let a
cookie outlive its session (a copied cookie opens nothing once the session has ended).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pregback.errors import Problem
from pregback.store.entries import NotFoundError, valid_id
from pregback.store.models import Person, WebSession, utcnow

#: A session lasts a week from sign-in; then she signs in again.
LIFETIME = timedelta(days=7)
#: How stale `last_seen_at` may be before a request writes it again (one write, not one a request).
SEEN_EVERY = timedelta(minutes=5)
#: A session secret: this prefix, then 43 URL-safe characters (32 random bytes).
PREFIX = "pbs_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def start(session: Session, person: Person, label: str = "", now: datetime | None = None) -> str:
    """A new session for her; returns the secret for her cookie (shown to nobody else)."""
    now = now or utcnow()
    secret = PREFIX + secrets.token_urlsafe(32)
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))  # tidy as we go
    session.add(
        WebSession(
            person_id=person.id,
            secret_hash=digest(secret),
            label=label[:80],
            created_at=now,
            last_seen_at=now,
            expires_at=now + LIFETIME,
        )
    )
    session.flush()
    return secret


def _live(session: Session, secret: str, now: datetime) -> WebSession | None:
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    return session.scalars(
        select(WebSession).where(
            WebSession.secret_hash == digest(secret), WebSession.expires_at > now
        )
    ).first()


def person_for(session: Session, secret: str, now: datetime | None = None) -> Person | None:
    """The person whose live session this secret is; None for an ended, expired or unknown one."""
    now = now or utcnow()
    found = _live(session, secret, now)
    if found is None:
        return None
    if now - found.last_seen_at > SEEN_EVERY:
        found.last_seen_at = now
    return session.get(Person, found.person_id)


def current_id(session: Session, secret: str) -> int | None:
    """The id of the live session this secret is (to mark "this device" in her list)."""
    found = _live(session, secret, utcnow())
    return None if found is None else found.id


def listed(session: Session, person: Person, now: datetime | None = None) -> list[WebSession]:
    """Her live sessions, the most recently used first."""
    now = now or utcnow()
    return list(
        session.scalars(
            select(WebSession)
            .where(WebSession.person_id == person.id, WebSession.expires_at > now)
            .order_by(WebSession.last_seen_at.desc(), WebSession.id.desc())
        )
    )


def as_dict(found: WebSession, current: int | None = None) -> dict[str, Any]:
    return {
        "id": found.id,
        "label": found.label,
        "created_at": found.created_at.isoformat(),
        "last_seen_at": found.last_seen_at.isoformat(),
        "expires_at": found.expires_at.isoformat(),
        "current": found.id == current,
    }


def end(session: Session, person: Person, session_id: int) -> None:
    """End one of her sessions; NotFoundError for another's or an unknown id (the same answer)."""
    found = session.get(WebSession, session_id) if valid_id(session_id) else None
    if found is None or found.person_id != person.id:
        raise NotFoundError(
            Problem(
                "session_id",
                session_id,
                "the id of one of your sessions (GET /v1/me/sessions)",
                "is not one of your sessions",
            )
        )
    session.delete(found)
    session.flush()


def end_secret(session: Session, secret: str) -> bool:
    """End the session this secret opens (sign-out); whether there was one."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return False
    result = session.execute(delete(WebSession).where(WebSession.secret_hash == digest(secret)))
    return bool(getattr(result, "rowcount", 0))


def end_all(session: Session, person_id: int) -> int:
    """End every session of hers (erase); how many there were, expired ones included."""
    result = session.execute(delete(WebSession).where(WebSession.person_id == person_id))
    return int(getattr(result, "rowcount", 0) or 0)


_BROWSERS = (
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux"),
)


def label_of(user_agent: str) -> str:
    """A coarse name for the device, such as "Firefox on Android", for her list of sessions."""
    browser = next((name for key, name in _BROWSERS if key in user_agent), "")
    system = next((name for key, name in _SYSTEMS if key in user_agent), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "A browser"
