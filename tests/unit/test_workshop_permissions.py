"""Is a workshop database HOIKU creates readable by its owner only, whatever the umask?"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoiku_lib.i18n import t
from hoiku_lib.workshop import db
from hoiku_lib.workshop.store import WorkshopStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common default: without HOIKU's care, files would be -rw-r--r--."""
    old = os.umask(0o022)
    db._warned.clear()
    try:
        yield
    finally:
        os.umask(old)


def _use(store: WorkshopStore) -> None:
    codes = store.open_session("case", 2)
    store.submit(codes.join_code, 0, ["s"], ["a"])


def test_new_folders_and_files_are_the_owners_only(tmp_path: Path) -> None:
    base = tmp_path / "shared"
    base.mkdir(mode=0o755)
    os.chmod(base, 0o755)
    path = base / "new" / "deeper" / "ws.sqlite"
    store = WorkshopStore(path)
    try:
        _use(store)
        side_files = [p for p in path.parent.iterdir() if p != path]
        assert {p.name for p in side_files} >= {"ws.sqlite-wal", "ws.sqlite-shm"}
        for p in (path, *side_files):
            assert mode(p) == 0o600, p.name
    finally:
        store.dispose()
    assert mode(base / "new") == 0o700
    assert mode(base / "new" / "deeper") == 0o700
    assert mode(base) == 0o755  # a folder that was there is left as it was


def test_a_sqlite_url_gets_the_same_care(tmp_path: Path) -> None:
    path = tmp_path / "via-url" / "ws.sqlite"
    store = WorkshopStore(f"sqlite:///{path}")
    try:
        _use(store)
    finally:
        store.dispose()
    assert mode(path.parent) == 0o700 and mode(path) == 0o600


def test_the_default_location_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOIKU_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    store = WorkshopStore()
    store.dispose()
    assert mode(tmp_path / "xdg") == 0o700
    assert mode(tmp_path / "xdg" / "hoiku") == 0o700
    assert mode(tmp_path / "xdg" / "hoiku" / "workshop.sqlite") == 0o600


def test_an_existing_readable_file_is_kept_but_named_in_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOIKU_LANG", "en")
    path = tmp_path / "old.sqlite"
    WorkshopStore(path).dispose()
    os.chmod(path, 0o644)
    with caplog.at_level(logging.WARNING, logger="hoiku_lib.workshop.db"):
        WorkshopStore(path).dispose()
        WorkshopStore(path).dispose()  # said once, not every time a kernel opens it
    assert mode(path) == 0o644  # the owner's choice is not changed behind their back
    said = [r.getMessage() for r in caplog.records]
    assert said == [t("ws.db_readable", "en", path=path, mode="644")]
    assert "chmod 600" in said[0]


def test_a_private_existing_file_says_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mine.sqlite"
    WorkshopStore(path).dispose()
    os.chmod(path, 0o640)  # group-readable is the owner's own arrangement
    with caplog.at_level(logging.WARNING, logger="hoiku_lib.workshop.db"):
        WorkshopStore(path).dispose()
    assert caplog.records == []


def test_other_databases_are_not_files() -> None:
    assert db.sqlite_file("postgresql://u@h/db") is None
    assert db.sqlite_file("sqlite://") is None
    assert db.sqlite_file("sqlite:///:memory:") is None
    assert db.sqlite_file("sqlite:////tmp/x.sqlite") == Path("/tmp/x.sqlite")
