"""Settings of the HTTP service, read from the environment so that every worker agrees.

Owns: the limits, the database URL, CORS origins and the public URL. Never: secrets in
defaults, or state that differs between processes (every worker builds the same Settings).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pregback.reading.reader import MAX_MESSAGE

ENV_PREFIX = "PREGBACK_"


@dataclass(frozen=True)
class Settings:
    """How one service runs. `Settings.from_env()` is what `pregback serve` workers use."""

    #: SQLAlchemy URL of the store (PREGBACK_DATABASE_URL); None: the store's own default.
    database_url: str | None = None
    #: Origins allowed to call the API from a browser (PREGBACK_CORS_ORIGINS, comma-separated).
    #: Empty: CORS is closed (no Access-Control-* headers at all).
    cors_origins: tuple[str, ...] = ()
    #: Largest request body, in bytes (PREGBACK_MAX_BODY_BYTES).
    max_body_bytes: int = 256 * 1024
    #: Longest message, in characters (PREGBACK_MAX_MESSAGE_CHARS); never more than the batch limit.
    max_message_chars: int = MAX_MESSAGE
    #: Most timed waves in one request (PREGBACK_MAX_EPISODES).
    max_episodes: int = 2000
    #: Most interview answers in one request (PREGBACK_MAX_ANSWERS).
    max_answers: int = 200
    #: A reviewer's knowledge folder (PREGBACK_KNOWLEDGE); None: the bundled knowledge base.
    knowledge_path: str | None = None
    #: The URL people reach the service at (PREGBACK_PUBLIC_URL), for links in CDS Hooks cards;
    #: None: taken from each request.
    public_url: str | None = None
    #: Whether anyone may sign up for a diary token over HTTP (PREGBACK_SIGNUP: 1/0).
    signup: bool = True
    #: Whether /docs and /openapi.json are published (PREGBACK_DOCS: 1/0).
    docs: bool = True
    #: Extra response headers, for a deployment's needs (not read from the environment).
    extra_headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from PREGBACK_* variables; a bad value raises ValueError naming the variable."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        text = {
            "database_url": "DATABASE_URL",
            "knowledge_path": "KNOWLEDGE",
            "public_url": "PUBLIC_URL",
        }
        for key, name in text.items():
            raw = env.get(ENV_PREFIX + name, "").strip()
            if raw:
                values[key] = raw
        origins = env.get(ENV_PREFIX + "CORS_ORIGINS", "")
        values["cors_origins"] = tuple(o.strip() for o in origins.split(",") if o.strip())
        numbers = {
            "max_body_bytes": "MAX_BODY_BYTES",
            "max_message_chars": "MAX_MESSAGE_CHARS",
            "max_episodes": "MAX_EPISODES",
            "max_answers": "MAX_ANSWERS",
        }
        for key, name in numbers.items():
            raw = env.get(ENV_PREFIX + name, "").strip()
            if raw:
                values[key] = _positive(ENV_PREFIX + name, raw)
        for key, name in {"signup": "SIGNUP", "docs": "DOCS"}.items():
            raw = env.get(ENV_PREFIX + name, "").strip()
            if raw:
                values[key] = _flag(ENV_PREFIX + name, raw)
        return cls(**values).checked()

    def checked(self) -> Settings:
        """These settings with the message limit capped at the batch limit."""
        if self.max_message_chars > MAX_MESSAGE:
            return replace(self, max_message_chars=MAX_MESSAGE)
        return self


def _positive(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name}: {raw!r} is not a whole number") from None
    if value <= 0:
        raise ValueError(f"{name}: {raw!r} must be more than 0")
    return value


def _flag(name: str, raw: str) -> bool:
    low = raw.lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}: {raw!r} is not one of 1, 0, true, false, yes, no, on, off")
