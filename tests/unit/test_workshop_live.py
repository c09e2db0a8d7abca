"""Live counts and the trainer's pace in the workshop store (issue 13), on SQLite and PostgreSQL.

The counts are of people, never of what they answered, so they come out below three; the
joins are kept under the same salted hash as the answers, once a day per participant.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from hoiku_lib.workshop.db import resolve_url
from hoiku_lib.workshop.store import (
    InvalidAnswer,
    PermissionDenied,
    UnknownJoinCode,
    WorkshopStore,
    answers,
    joins,
    participant_hash,
    sessions,
)

BACKENDS = ["sqlite", "postgresql"]
P = [f"browser-{n:02d}-0123456789abcdef" for n in range(8)]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return resolve_url(tmp_path / "ws.sqlite")


@pytest.fixture
def store(db: str) -> WorkshopStore:
    s = WorkshopStore(db, valid_signs={"a", "b"}, valid_actions={"x"})
    yield s
    s.dispose()


def _join_rows(store: WorkshopStore, join_code: str) -> list:
    with store.engine.connect() as conn:
        sid = conn.execute(
            select(sessions.c.id).where(sessions.c.join_code == join_code)
        ).scalar_one()
        return list(conn.execute(select(joins).where(joins.c.session_id == sid)).all())


def test_joined_and_answered_are_counted_from_one(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 2)
    live = store.live_counts(codes.trainer_code)
    assert (live.joined, live.answered, live.current_stage) == (0, {}, 0)
    store.record_join(codes.join_code, P[0])
    assert store.live_counts(codes.trainer_code).joined == 1  # no k >= 3 for a head count
    store.record_join(codes.join_code, P[1])
    store.submit(codes.join_code, 0, ["a"], [], participant=P[1])
    live = store.live_counts(codes.trainer_code)
    assert (live.joined, live.answered_at(0), live.answered_at(1)) == (2, 1, 0)


def test_joining_again_the_same_day_is_one_row_and_one_person(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 1)
    for _ in range(3):
        store.record_join(codes.join_code.lower(), P[0])
    rows = _join_rows(store, codes.join_code)
    assert len(rows) == 1
    assert rows[0].day == dt.datetime.now(dt.UTC).date()
    assert P[0] not in str(tuple(rows[0]))  # only the salted hash is kept
    assert store.live_counts(codes.trainer_code).joined == 1


def test_a_join_on_another_day_is_recorded_but_counts_once(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 1)
    store.record_join(codes.join_code, P[0])
    (row,) = _join_rows(store, codes.join_code)
    with store.engine.begin() as conn:
        conn.execute(joins.update().values(day=row.day - dt.timedelta(days=1)))
    store.record_join(codes.join_code, P[0])
    assert len(_join_rows(store, codes.join_code)) == 2
    assert store.live_counts(codes.trainer_code).joined == 1


def test_someone_who_answered_without_a_recorded_join_counts_as_joined(
    store: WorkshopStore,
) -> None:
    codes = store.open_session("case_one", 1)
    store.record_join(codes.join_code, P[0])
    store.submit(codes.join_code, 0, [], [], participant=P[0])
    store.submit(codes.join_code, 0, [], [], participant=P[1])  # an answer from before joins
    assert store.live_counts(codes.trainer_code).joined == 2


def test_the_trainers_stage_reaches_the_participant(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 3)
    assert store.record_join(codes.join_code, P[0]).current_stage == 0
    store.set_stage(codes.trainer_code, 2)
    assert store.participant_view(codes.join_code).current_stage == 2
    assert store.live_counts(codes.trainer_code).current_stage == 2


def test_counts_need_the_trainer_code_and_joins_a_real_code(store: WorkshopStore) -> None:
    codes = store.open_session("case_one", 1)
    for bad in (None, "", codes.join_code, "AAAA-BBBB-CCCC-DDDD"):
        with pytest.raises(PermissionDenied):
            store.live_counts(bad)
    for bad in (None, "", "ABC", "ZZZZZZ"):
        with pytest.raises(UnknownJoinCode):
            store.record_join(bad, P[0])
    for bad in ("", "short", "x" * 200, "with space 0123456789"):
        with pytest.raises(InvalidAnswer):
            store.record_join(codes.join_code, bad)


def test_sessions_do_not_share_joins_and_delete_removes_them(store: WorkshopStore) -> None:
    one, two = store.open_session("case_one", 1), store.open_session("case_one", 1)
    store.record_join(one.join_code, P[0])
    store.record_join(two.join_code, P[0])
    hashes = {_join_rows(store, c.join_code)[0].token for c in (one, two)}
    assert len(hashes) == 2  # the same browser cannot be linked across sessions
    store.delete_session(one.trainer_code)
    with store.engine.connect() as conn:
        left = conn.execute(select(func.count()).select_from(joins)).scalar_one()
    assert left >= 1 and _join_rows(store, two.join_code)
    assert store.live_counts(two.trainer_code).joined == 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=st.lists(
        st.tuples(st.sampled_from(["join", "answer"]), st.integers(0, 7), st.integers(0, 1)),
        max_size=25,
    )
)
def test_counts_are_the_distinct_people(tmp_path: Path, events: list) -> None:
    """For any mix of joins and answers: joined = everyone seen, answered = per stage."""
    s = WorkshopStore(tmp_path / f"h{abs(hash(tuple(events)))}.sqlite", valid_signs={"a"})
    codes = s.open_session("case_one", 2)
    seen: set[int] = set()
    answered: dict[int, set[int]] = {}
    for kind, who, stage in events:
        seen.add(who)
        if kind == "join":
            s.record_join(codes.join_code, P[who])
        else:
            s.submit(codes.join_code, stage, ["a"], [], participant=P[who])
            answered.setdefault(stage, set()).add(who)
    live = s.live_counts(codes.trainer_code)
    assert live.joined == len(seen)
    assert live.answered == {stage: len(people) for stage, people in answered.items()}
    s.dispose()


def test_an_older_database_gets_the_joins_table(tmp_path: Path) -> None:
    """A workshop file from before issue 13 (no hoiku_joins) opens, and its session counts."""
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE hoiku_sessions (id INTEGER PRIMARY KEY, join_code VARCHAR(16) NOT NULL
          UNIQUE, trainer_hash VARCHAR(64) NOT NULL UNIQUE, case_id VARCHAR(64) NOT NULL,
          n_stages INTEGER NOT NULL, current_stage INTEGER NOT NULL, revealed BOOLEAN NOT NULL,
          created_at DATETIME NOT NULL);
        INSERT INTO hoiku_sessions VALUES (1, 'ABCDEF', 'h', 'case_one', 2, 1, 0,
          '2026-12-01 10:00:00');
        """
    )
    con.close()
    store = WorkshopStore(path)
    assert store.record_join("ABCDEF", P[0]).current_stage == 1
    (row,) = _join_rows(store, "ABCDEF")
    with store.engine.connect() as conn:
        salt = conn.execute(select(sessions.c.participant_salt)).scalar_one()
    assert row.token == participant_hash(salt, P[0])
    store.submit("ABCDEF", 1, [], [], participant=P[0])  # the same salt: the same person
    with store.engine.connect() as conn:
        tokens = {r.token for r in conn.execute(select(answers.c.token))}
    assert tokens == {row.token}
    store.dispose()
