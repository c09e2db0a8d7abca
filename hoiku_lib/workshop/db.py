"""Where the workshop database lives, and an engine that is safe for many writers.

SQLite is the embedded default (one file, WAL, a busy timeout, and write transactions that
take the write lock at BEGIN so two processes never deadlock on a lock upgrade). A
PostgreSQL URL works unchanged for a hosted deployment.

The answers are anonymous, but a workshop database is still nobody else's business on a
shared machine: a folder HOIKU creates for it is 0700 and a file it creates is 0600 whatever
the umask (SQLite gives its ``-wal``, ``-shm`` and ``-journal`` files the database file's own
mode, so they follow). A file that already exists keeps its mode; one that others may read
gets a warning once (``ws.db_readable``), naming the file and the command that fixes it.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 30_000
DIR_MODE = 0o700
FILE_MODE = 0o600
log = logging.getLogger(__name__)
_warned: set[Path] = set()


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
    make_private_dirs(path.parent)
    return f"sqlite:///{path.resolve()}"


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each 0700 (existing ones are left alone)."""
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for new in reversed(missing):
        try:
            new.mkdir(mode=DIR_MODE)
        except FileExistsError:  # another kernel made it a moment ago
            continue
        os.chmod(new, DIR_MODE)  # the umask may have taken bits off; never adds any


def prepare_sqlite_file(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it; warn if an existing one is
    readable by others (its mode is the owner's choice, so it is not changed)."""
    make_private_dirs(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        _warn_if_readable(path)
        return
    os.close(fd)
    os.chmod(path, FILE_MODE)


def _warn_if_readable(path: Path) -> None:
    mode = path.stat().st_mode
    if not mode & (stat.S_IROTH | stat.S_IWOTH) or path.resolve() in _warned:
        return
    _warned.add(path.resolve())
    from hoiku_lib.i18n import resolve_lang, t

    lang = resolve_lang()  # $HOIKU_LANG, else Finnish: the system locale never counts
    log.warning(t("ws.db_readable", lang, path=path, mode=f"{stat.S_IMODE(mode):o}"))


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if str(parsed.database).startswith("file:"):
        return None  # a URI filename: SQLite's own options decide
    return Path(parsed.database).expanduser()


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
        path = sqlite_file(url)
        if path is not None:
            prepare_sqlite_file(path)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_hooks(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)
