"""The anonymous participant id: drawn by the server, kept in the browser, hashed in the store.

Stdlib only: the server (to set the cookie) and a participant kernel (to read it) import this
without loading SQLAlchemy.
"""

from __future__ import annotations

import re
import secrets

#: The cookie that keeps the id in the browser, and the request header by which HOIKU's
#: render handler hands it to the page's kernel (``$HTTP_X_HOIKU_PARTICIPANT``).
COOKIE = "hoiku_participant"
HEADER = "X-Hoiku-Participant"
ENV = "HTTP_X_HOIKU_PARTICIPANT"
#: A workshop day: the same browser rejoining the same day is the same participant.
MAX_AGE_S = 24 * 3600

_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,128}")


def new_participant_id() -> str:
    """A fresh random id (128 bits, URL-safe): says nothing about the person or device."""
    return secrets.token_urlsafe(16)


def valid_participant_id(value: object) -> bool:
    """Only what the server draws (bounded URL-safe text) is accepted anywhere."""
    return isinstance(value, str) and _PATTERN.fullmatch(value) is not None
