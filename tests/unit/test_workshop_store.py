"""Does the workshop store keep answers anonymous, durable and behind the trainer code?"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from hoiku_lib.workshop.db import resolve_url
from hoiku_lib.workshop.store import (
    ALPHABET,
    K_MIN,
    InvalidAnswer,
    PermissionDenied,
    UnknownJoinCode,
    WorkshopStore,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ws.sqlite"


@pytest.fixture
def store(db: Path) -> WorkshopStore:
    s = WorkshopStore(db, valid_signs={"a", "b", "c"}, valid_actions={"x", "y"})
    yield s
    s.dispose()


def test_codes_are_short_unambiguous_and_secret(store: WorkshopStore, db: Path) -> None:
    codes = store.open_session("case_one", 3)
    assert len(codes.join_code) == 6 and set(codes.join_code) <= set(ALPHABET)
    assert len(codes.trainer_code.replace("-", "")) == 16
    raw = sqlite3.connect(db).execute("select * from hoiku_sessions").fetchall()
    assert codes.trainer_code.replace("-", "") not in repr(raw)  # only a hash is kept


def test_wal_and_busy_timeout_are_set(store: WorkshopStore) -> None:
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
    tokens = [store.submit(codes.join_code, 0, ["a"], []) for _ in range(3)]
    store.submit(codes.join_code, 0, ["b"], ["y"], token=tokens[0])
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.answers == 3 and agg.signs == {"a": 2, "b": 1} and agg.actions == {"y": 1}


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


def test_restart_keeps_answers(db: Path) -> None:
    first = WorkshopStore(db)
    codes = first.open_session("case_one", 1)
    for _ in range(3):
        first.submit(codes.join_code, 0, ["a"], ["x"])
    first.dispose()
    second = WorkshopStore(resolve_url(db))
    assert second.aggregates(codes.trainer_code, 0).signs == {"a": 3}
    second.dispose()


def test_export_is_aggregate_only_and_delete_removes_all(
    store: WorkshopStore, db: Path, tmp_path: Path
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
    store.delete_session(codes.trainer_code)
    with pytest.raises(PermissionDenied):
        store.aggregates(codes.trainer_code, 0)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from hoiku_answers").fetchone() == (0,)


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
