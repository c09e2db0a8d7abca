"""Where the workshop database lives, and an engine that is safe for many writers.

SQLite is the embedded default (one file, WAL, a busy timeout, and write transactions that
take the write lock at BEGIN so two processes never deadlock on a lock upgrade). A
PostgreSQL URL works unchanged for a hosted deployment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 30_000


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/hoiku/workshop.sqlite`` (default ``~/.local/share``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hoiku" / "workshop.sqlite"


def resolve_url(url_or_path: str | os.PathLike[str] | None = None) -> str:
    """A database URL from an argument, else ``HOIKU_DB``, else the default file.

    A value without ``://`` is a file path for SQLite.
    """
    value = str(url_or_path) if url_or_path else os.environ.get("HOIKU_DB", "")
    if "://" in value:
        return value
    path = Path(value).expanduser() if value else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def _sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url_or_path: str | os.PathLike[str] | None = None) -> Engine:
    """An engine for the workshop store (see module docstring)."""
    url = resolve_url(url_or_path)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_hooks(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)
