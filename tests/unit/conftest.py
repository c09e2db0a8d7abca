"""Fixtures shared by the unit tests: a real PostgreSQL server for the workshop store."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pg_server
import pytest


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a real PostgreSQL database for this test session.

    ``HOIKU_TEST_DATABASE_URL`` names an existing server; otherwise a throw-away server is
    started on a free port (tests/pg_server.py) and stopped at the end. Not installed is a
    failure with a plain instruction, never a silent skip: the hosted set-up must stay tested.
    """
    given = os.environ.get("HOIKU_TEST_DATABASE_URL")
    if given:
        yield given
        return
    if not pg_server.available():
        pytest.fail(
            "PostgreSQL is needed for the workshop store's tests: run scripts/ensure-postgres.sh "
            "(as root) and install the test extra (psycopg)."
        )
    with pg_server.postgres_server() as url:
        yield url


@pytest.fixture(autouse=True)
def _own_content_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """``hoiku --content DIR`` sets $HOIKU_CONTENT for the whole process (and its kernels);
    a test that runs it must not hand its folder to the tests after it. Set, then removed,
    so that whatever a test leaves there is undone."""
    monkeypatch.setenv("HOIKU_CONTENT", "")
    monkeypatch.delenv("HOIKU_CONTENT")
