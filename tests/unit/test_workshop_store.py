"""Does the workshop store keep answers anonymous, durable and behind the trainer code?

Every test runs on SQLite and on a real PostgreSQL server: a throw-away one started for the
test session (tests/unit/conftest.py), or the database of ``HOIKU_TEST_DATABASE_URL``
(the tests only read their own sessions, so a shared database is fine).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select, text

from hoiku_lib.workshop.db import resolve_url
from hoiku_lib.workshop.store import (
    ALPHABET,
    K_MIN,
    InvalidAnswer,
    PermissionDenied,
    StageClosed,
    UnknownJoinCode,
    WorkshopStore,
    answers,
    sessions,
)

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL: a fresh SQLite file, or the test session's PostgreSQL."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return resolve_url(tmp_path / "ws.sqlite")


@pytest.fixture
def store(db: str) -> WorkshopStore:
    s = WorkshopStore(db, valid_signs={"a", "b", "c"}, valid_actions={"x", "y"})
    yield s
    s.dispose()


def _rows(store: WorkshopStore, table, join_code: str | None = None) -> list:  # noqa: ANN001
    with store.engine.connect() as conn:
        query = select(table)
        if join_code is not None and table is sessions:
            query = query.where(sessions.c.join_code == join_code)
        return list(conn.execute(query).all())


def _session_answers(store: WorkshopStore, join_code: str) -> list:
    with store.engine.connect() as conn:
        sid = conn.execute(
            select(sessions.c.id).where(sessions.c.join_code == join_code)
        ).scalar_one()
        return list(conn.execute(select(answers).where(answers.c.session_id == sid)).all())


def test_codes_are_short_unambiguous_and_secret(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 3)
    assert len(codes.join_code) == 6 and set(codes.join_code) <= set(ALPHABET)
    assert len(codes.trainer_code.replace("-", "")) == 16
    raw = _rows(store, sessions, codes.join_code)
    assert codes.trainer_code.replace("-", "") not in repr(raw)  # only a hash is kept


def test_wal_and_busy_timeout_are_set(store: WorkshopStore) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_below_three_answers_no_counts(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 2)
    for n in range(K_MIN):
        agg = store.aggregates(codes.trainer_code, 0)
        assert agg.answers == n and agg.signs is None and agg.actions is None
        store.submit(codes.join_code, 0, ["a"], ["x"])
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.shown and agg.signs == {"a": 3} and agg.actions == {"x": 3}
    assert not store.aggregates(codes.trainer_code, 1).shown


def test_replacing_an_answer_does_not_count_twice(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 1)
    ids = [store.submit(codes.join_code, 0, ["a"], []) for _ in range(3)]
    store.submit(codes.join_code, 0, ["b"], ["y"], participant=ids[0])
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.answers == 3 and agg.signs == {"a": 2, "b": 1} and agg.actions == {"y": 1}


def test_one_participant_counts_once_however_often_they_answer(store: WorkshopStore) -> None:
    """Five reloads of one browser (same participant id) answering = one answer, the last."""
    codes = store.open_session("case_one", 2)
    me = "browser-one-0123456789"
    for n in range(5):
        store.submit(codes.join_code, 0, ["a"] if n < 4 else ["b"], [], participant=me)
    others = ["browser-two-0123456789", "browser-three-012345678"]
    for other in others:
        store.submit(codes.join_code, 0, ["a"], ["x"], participant=other)
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.answers == 3 and agg.signs == {"a": 2, "b": 1} and agg.actions == {"x": 2}
    assert store.answer_count(codes.trainer_code) == {0: 3}
    store.submit(codes.join_code, 1, ["c"], [], participant=me)  # another stage: its own
    assert store.answer_count(codes.trainer_code) == {0: 3, 1: 1}
    assert len(_session_answers(store, codes.join_code)) == 4


def test_distinct_participants_below_three_show_nothing(store: WorkshopStore) -> None:
    """Two browsers answering ten times between them are two, not ten: no bars yet."""
    codes = store.open_session("case_one", 1)
    for n in range(10):
        store.submit(codes.join_code, 0, ["a"], [], participant=f"browser-{n % 2}-0123456789")
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.answers == 2 and not agg.shown


def test_participant_id_is_stored_only_as_a_salted_hash(store: WorkshopStore) -> None:
    """The raw id never reaches the database; the same id hashes apart in two sessions."""
    one, two = store.open_session("case_one", 1), store.open_session("case_one", 1)
    me = "browser-one-0123456789"
    store.submit(one.join_code, 0, ["a"], [], participant=me)
    store.submit(two.join_code, 0, ["a"], [], participant=me)
    raw = repr(_rows(store, answers)) + repr(_rows(store, sessions))
    assert me not in raw
    (h1,) = [r.token for r in _session_answers(store, one.join_code)]
    (h2,) = [r.token for r in _session_answers(store, two.join_code)]
    assert h1 != h2 and len(h1) == 64


@pytest.mark.parametrize("bad", ["short", "x" * 129, "has space in it 0123", "ä" * 20])
def test_a_crafted_participant_id_is_refused(store: WorkshopStore, bad: str) -> None:
    codes = store.open_session("case_one", 1)
    with pytest.raises(InvalidAnswer):
        store.submit(codes.join_code, 0, ["a"], [], participant=bad)


def test_answers_after_the_reveal_are_refused(store: WorkshopStore) -> None:
    """Once the key of a stage is shown, its answers stay as they were: new and changed
    answers are refused, also after the trainer hides the key or moves on."""
    codes = store.open_session("case_one", 2)
    me = "browser-one-0123456789"
    store.submit(codes.join_code, 0, ["a"], [], participant=me)
    view = store.participant_view(codes.join_code)
    assert view.current_stage == 0 and not view.revealed(0)
    store.set_stage(codes.trainer_code, 0, revealed=True)
    assert store.participant_view(codes.join_code).revealed(0)
    for who in (me, "browser-late-0123456789"):
        with pytest.raises(StageClosed):
            store.submit(codes.join_code, 0, ["b"], [], participant=who)
    store.set_stage(codes.trainer_code, 0, revealed=False)  # hidden on the projector again
    store.set_stage(codes.trainer_code, 1, revealed=False)
    view = store.participant_view(codes.join_code)
    assert view.revealed(0) and not view.revealed(1) and view.current_stage == 1
    with pytest.raises(StageClosed):
        store.submit(codes.join_code, 0, ["b"], [], participant=me)
    store.submit(codes.join_code, 1, ["b"], [], participant=me)  # the next stage is open
    assert store.answer_count(codes.trainer_code) == {0: 1, 1: 1}
    assert store.session_info(codes.trainer_code).revealed_stages == frozenset({0})


def test_participant_view_needs_a_real_join_code(store: WorkshopStore) -> None:
    for bad in ("", None, "ZZZZZZ", "ABC"):
        with pytest.raises(UnknownJoinCode):
            store.participant_view(bad)


def test_an_older_database_gets_the_new_columns(tmp_path: Path) -> None:
    """A workshop file made before participant salts and revealed stages still works."""
    import sqlite3

    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE hoiku_sessions (id INTEGER PRIMARY KEY, join_code VARCHAR(16) NOT NULL
          UNIQUE, trainer_hash VARCHAR(64) NOT NULL UNIQUE, case_id VARCHAR(64) NOT NULL,
          n_stages INTEGER NOT NULL, current_stage INTEGER NOT NULL, revealed BOOLEAN NOT NULL,
          created_at DATETIME NOT NULL);
        INSERT INTO hoiku_sessions VALUES (1, 'ABCDEF', 'h', 'case_one', 1, 0, 0,
          '2026-12-01 10:00:00');
        """
    )
    con.close()
    store = WorkshopStore(path)
    store.submit("ABCDEF", 0, ["a"], [], participant="browser-one-0123456789")
    store.submit("ABCDEF", 0, ["b"], [], participant="browser-one-0123456789")
    assert len(_session_answers(store, "ABCDEF")) == 1
    assert not store.participant_view("ABCDEF").revealed(0)
    store.dispose()


def test_wrong_trainer_code_gets_nothing(store: WorkshopStore) -> None:
    one = store.open_session("case_one", 1)
    two = store.open_session("case_two", 1)
    for _ in range(3):
        store.submit(one.join_code, 0, ["a"], [])
    for bad in ("", None, "WRONG", two.trainer_code.replace("A", "B") + "X", one.join_code):
        with pytest.raises(PermissionDenied):
            store.aggregates(bad, 0)
    assert store.aggregates(two.trainer_code, 0).answers == 0  # another session's code


def test_join_code_cannot_read_or_delete(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 1)
    with pytest.raises(PermissionDenied):
        store.aggregates(codes.join_code, 0)
    with pytest.raises(PermissionDenied):
        store.answer_count(codes.join_code)
    with pytest.raises(PermissionDenied):
        store.delete_session(codes.join_code)
    with pytest.raises(PermissionDenied):
        store.set_stage(codes.join_code, 0, revealed=True)


def test_crafted_answers_are_refused(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 2)
    with pytest.raises(UnknownJoinCode):
        store.submit("ZZZZZZ", 0, ["a"], [])
    for stage, signs, actions in ((2, ["a"], []), (-1, [], []), (0, ["nope"], []), (0, [], ["a"])):
        with pytest.raises(InvalidAnswer):
            store.submit(codes.join_code, stage, signs, actions)


def test_join_is_case_and_dash_insensitive(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 4)
    code = codes.join_code
    assert store.join(f" {code[:3].lower()}-{code[3:]} ") == ("case_one", 4)
    with pytest.raises(UnknownJoinCode):
        store.join(code[:5])


def test_restart_keeps_answers(db: str) -> None:
    first = WorkshopStore(db)
    codes = first.open_session("case_one", 1)
    for _ in range(3):
        first.submit(codes.join_code, 0, ["a"], ["x"])
    first.dispose()
    second = WorkshopStore(db)
    assert second.aggregates(codes.trainer_code, 0).signs == {"a": 3}
    second.dispose()


def test_export_is_aggregate_only_and_delete_removes_all(
    store: WorkshopStore, tmp_path: Path
) -> None:
    codes = store.open_session("case_one", 2)
    for _ in range(3):
        store.submit(codes.join_code, 0, ["a", "b"], ["x"])
    store.submit(codes.join_code, 1, ["c"], [])  # one answer: stays out of the export
    out = tmp_path / "agg.csv"
    assert store.export_csv(codes.trainer_code, out) == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["stage"], r["kind"], r["item_id"], r["count"]) for r in rows} == {
        ("1", "sign", "a", "3"),
        ("1", "sign", "b", "3"),
        ("1", "action", "x", "3"),
    }
    assert list(rows[0]) == ["case_id", "stage", "kind", "item_id", "count", "answers"]
    assert not list(tmp_path.glob(".*.tmp"))
    with store.engine.connect() as conn:
        sid = conn.execute(
            select(sessions.c.id).where(sessions.c.join_code == codes.join_code)
        ).scalar_one()
    store.delete_session(codes.trainer_code)
    with pytest.raises(PermissionDenied):
        store.aggregates(codes.trainer_code, 0)
    with store.engine.connect() as conn:
        left = conn.execute(
            text("select count(*) from hoiku_answers where session_id = :sid"), {"sid": sid}
        ).scalar_one()
    assert left == 0


def test_no_identifying_columns(store: WorkshopStore) -> None:
    from hoiku_lib.workshop.store import answers

    assert set(answers.c.keys()) == {"id", "session_id", "stage", "token", "signs", "actions"}


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOIKU_DB", str(tmp_path / "env.sqlite"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.sqlite'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"
    monkeypatch.delenv("HOIKU_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_url().endswith("xdg/hoiku/workshop.sqlite")
