"""Settings of the HTTP service, read from the environment so that every worker agrees.

Owns: the limits, quotas and rate limits, the host names the service answers to, the database
URL, CORS origins and the public URL. Never: secrets in defaults, or state that differs between
processes (every worker builds the same Settings).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pregback.core.reading.reader import MAX_MESSAGE

ENV_PREFIX = "PREGBACK_"
#: The names of this machine's loopback address: a personal install answers only to these (and to
#: PREGBACK_ALLOWED_HOSTS), so that a web page she visits cannot reach it through DNS rebinding.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_HOST = re.compile(r"(\*|\[?[0-9a-fA-F:.]+\]?|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)")


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
    #: Whether the service holds many people's diaries, each behind sign-in (PREGBACK_MULTI_USER).
    multi_user: bool = False
    #: Host names besides the loopback ones that requests may name (PREGBACK_ALLOWED_HOSTS,
    #: comma-separated; "*" for any). A personal install answers only to these and loopback; a
    #: multi-user one checks the Host only when this is set.
    allowed_hosts: tuple[str, ...] = ()
    #: All request headers together, in bytes (PREGBACK_MAX_HEADER_BYTES); 431 above it.
    max_header_bytes: int = 16 * 1024
    #: Requests per minute from one client address, per worker process (PREGBACK_RATE_LIMIT; 0: no
    #: limit). Bursts of up to a tenth of a minute's worth pass at once.
    rate_limit: int = 600
    #: Sign-ups per hour from one client address, per worker process (PREGBACK_SIGNUP_RATE; 0: no
    #: limit), over the API and the sign-in page alike.
    signup_rate: int = 10
    #: Most diary entries, timed waves and saved assessments one person may keep
    #: (PREGBACK_QUOTA_ENTRIES, PREGBACK_QUOTA_WAVES, PREGBACK_QUOTA_ASSESSMENTS).
    quota_entries: int = 20_000
    quota_waves: int = 20_000
    quota_assessments: int = 5_000
    #: Seconds one request may spend reading a message, waiting included (PREGBACK_READ_SECONDS).
    read_seconds: float = 10.0
    #: Messages read at once by one worker process (PREGBACK_READERS), off its event loop.
    readers: int = 1
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
        hosts = env.get(ENV_PREFIX + "ALLOWED_HOSTS", "")
        values["allowed_hosts"] = tuple(
            _host(ENV_PREFIX + "ALLOWED_HOSTS", h.strip()) for h in hosts.split(",") if h.strip()
        )
        numbers = {
            "max_body_bytes": "MAX_BODY_BYTES",
            "max_message_chars": "MAX_MESSAGE_CHARS",
            "max_episodes": "MAX_EPISODES",
            "max_answers": "MAX_ANSWERS",
            "max_header_bytes": "MAX_HEADER_BYTES",
            "quota_entries": "QUOTA_ENTRIES",
            "quota_waves": "QUOTA_WAVES",
            "quota_assessments": "QUOTA_ASSESSMENTS",
            "readers": "READERS",
        }
        for key, name in numbers.items():
            raw = env.get(ENV_PREFIX + name, "").strip()
            if raw:
                values[key] = _positive(ENV_PREFIX + name, raw)
        for key, name in {"rate_limit": "RATE_LIMIT", "signup_rate": "SIGNUP_RATE"}.items():
            raw = env.get(ENV_PREFIX + name, "").strip()
            if raw:
                values[key] = _positive(ENV_PREFIX + name, raw, zero=True)
        raw = env.get(ENV_PREFIX + "READ_SECONDS", "").strip()
        if raw:
            values["read_seconds"] = _seconds(ENV_PREFIX + "READ_SECONDS", raw)
        for key, name in {"signup": "SIGNUP", "docs": "DOCS", "multi_user": "MULTI_USER"}.items():
            raw = env.get(ENV_PREFIX + name, "").strip()
            if raw:
                values[key] = _flag(ENV_PREFIX + name, raw)
        return cls(**values).checked()

    def checked(self) -> Settings:
        """These settings with the message limit capped at the batch limit."""
        if self.max_message_chars > MAX_MESSAGE:
            return replace(self, max_message_chars=MAX_MESSAGE)
        return self

    def hosts(self) -> frozenset[str] | None:
        """The host names requests may name, lower case; None when any may (a multi-user service
        without PREGBACK_ALLOWED_HOSTS, or "*" among them)."""
        if "*" in self.allowed_hosts or (self.multi_user and not self.allowed_hosts):
            return None
        named = {h.lower().strip("[]") for h in self.allowed_hosts}
        if self.public_url:
            from urllib.parse import urlsplit

            public = urlsplit(self.public_url).hostname
            if public:
                named.add(public.lower())
        return frozenset({*LOOPBACK_HOSTS, *named})


def _positive(name: str, raw: str, zero: bool = False) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name}: {raw[:40]!r} is not a whole number") from None
    if value < 0 or (value == 0 and not zero) or value > 10**12:
        least = "0 or more" if zero else "more than 0"
        raise ValueError(f"{name}: {raw!r} must be {least} (and at most 10^12)")
    return value


def _seconds(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}: {raw[:40]!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise ValueError(f"{name}: {raw!r} must be more than 0 and at most 3600 seconds")
    return value


def _host(name: str, raw: str) -> str:
    """A host name or address as PREGBACK_ALLOWED_HOSTS takes it (no scheme, port or path)."""
    if not _HOST.fullmatch(raw):
        raise ValueError(
            f"{name}: {raw[:80]!r} is not a host name (allowed: names like pregback.example.org or "
            "192.168.1.20, comma-separated, without http:// or a port; * for any)"
        )
    return raw.lower()


def _flag(name: str, raw: str) -> bool:
    low = raw.lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}: {raw!r} is not one of 1, 0, true, false, yes, no, on, off")
