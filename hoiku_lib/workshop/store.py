"""The anonymous workshop answer store (SQLAlchemy 2 core).

What is stored: a session (case id, a short join code, the SHA-256 of the trainer code) and,
per stage, each answer's ticked sign and action ids under a random opaque token that lets a
participant replace their own answer. No name, device id or IP address is ever stored.

Permissions are checked here, on every call, never by the UI: counts come out only with the
right trainer code and only for a stage that at least ``K_MIN`` participants answered.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from hoiku_lib.workshop.db import make_engine

K_MIN = 3
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_LEN = 6
TRAINER_LEN = 16
MAX_IDS = 100
CSV_FIELDS = ("case_id", "stage", "kind", "item_id", "count", "answers")

metadata = MetaData()
sessions = Table(
    "hoiku_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("trainer_hash", String(64), nullable=False, unique=True),
    Column("case_id", String(64), nullable=False),
    Column("n_stages", Integer, nullable=False),
    Column("current_stage", Integer, nullable=False, default=0),
    Column("revealed", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
)
answers = Table(
    "hoiku_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "session_id", Integer, ForeignKey("hoiku_sessions.id", ondelete="CASCADE"), nullable=False
    ),
    Column("stage", Integer, nullable=False),
    Column("token", String(64), nullable=False),
    Column("signs", Text, nullable=False),
    Column("actions", Text, nullable=False),
    UniqueConstraint("session_id", "stage", "token", name="uq_hoiku_answer"),
)


class WorkshopError(Exception):
    """Base of the store's refusals; ``key`` names the UI message (``cases.po``)."""

    key = "ws.error"


class UnknownJoinCode(WorkshopError):
    key = "ws.unknown_join_code"


class PermissionDenied(WorkshopError):
    key = "ws.permission_denied"


class InvalidAnswer(WorkshopError):
    key = "ws.invalid_answer"


@dataclass(frozen=True)
class SessionCodes:
    join_code: str
    trainer_code: str


@dataclass(frozen=True)
class SessionInfo:
    join_code: str
    case_id: str
    n_stages: int
    current_stage: int
    revealed: bool


@dataclass(frozen=True)
class StageAggregate:
    """Counts of one stage; ``signs``/``actions`` are None below the ``K_MIN`` threshold."""

    stage: int
    answers: int
    signs: dict[str, int] | None
    actions: dict[str, int] | None

    @property
    def shown(self) -> bool:
        return self.signs is not None


def normalise_code(code: str | None) -> str:
    """Upper-case, without spaces and dashes, so '  abc-def ' and 'ABCDEF' match."""
    return "".join(ch for ch in str(code or "").upper() if ch.isalnum())


def _new_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def _hash(trainer_code: str) -> str:
    return hashlib.sha256(normalise_code(trainer_code).encode("ascii", "ignore")).hexdigest()


def format_trainer_code(code: str) -> str:
    """'ABCDEFGHJKMNPQRS' → 'ABCD-EFGH-JKMN-PQRS' (easier to read aloud and type)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _clean_ids(ids: Iterable[str], allowed: frozenset[str] | None) -> list[str]:
    out = sorted({str(i) for i in ids})
    if len(out) > MAX_IDS or (allowed is not None and not set(out) <= allowed):
        raise InvalidAnswer()
    return out


class WorkshopStore:
    """All reads and writes of workshop sessions and answers."""

    def __init__(
        self,
        url: str | os.PathLike[str] | None = None,
        *,
        engine: Engine | None = None,
        valid_signs: Iterable[str] | None = None,
        valid_actions: Iterable[str] | None = None,
    ) -> None:
        self.engine = engine or make_engine(url)
        self.valid_signs = frozenset(valid_signs) if valid_signs is not None else None
        self.valid_actions = frozenset(valid_actions) if valid_actions is not None else None
        with self.engine.begin() as conn:
            metadata.create_all(conn)

    @classmethod
    def for_content(cls, url: str | os.PathLike[str] | None = None) -> WorkshopStore:
        """A store that refuses sign and action ids not in the content files."""
        from hoiku_lib.content import load_content

        content = load_content()
        return cls(url, valid_signs=content.indicators, valid_actions=content.actions)

    def dispose(self) -> None:
        self.engine.dispose()

    # -- trainer -------------------------------------------------------------------------

    def open_session(self, case_id: str, n_stages: int) -> SessionCodes:
        """A new session; the trainer code is returned once and only its hash is kept."""
        if not 1 <= int(n_stages) <= 10:
            raise InvalidAnswer()
        for _ in range(20):
            codes = SessionCodes(_new_code(JOIN_LEN), _new_code(TRAINER_LEN))
            row = {
                "join_code": codes.join_code,
                "trainer_hash": _hash(codes.trainer_code),
                "case_id": str(case_id),
                "n_stages": int(n_stages),
                "current_stage": 0,
                "revealed": False,
                "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            }
            try:
                with self.engine.begin() as conn:
                    conn.execute(insert(sessions).values(**row))
            except IntegrityError:
                continue  # a code collided: draw again
            return SessionCodes(codes.join_code, format_trainer_code(codes.trainer_code))
        raise WorkshopError()

    def _session_by_trainer(self, conn: Any, trainer_code: str | None) -> Any:
        code = normalise_code(trainer_code)
        if len(code) != TRAINER_LEN:
            raise PermissionDenied()
        row = conn.execute(select(sessions).where(sessions.c.trainer_hash == _hash(code))).first()
        if row is None or not hmac.compare_digest(row.trainer_hash, _hash(code)):
            raise PermissionDenied()
        return row

    def session_info(self, trainer_code: str | None) -> SessionInfo:
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
        return SessionInfo(
            row.join_code, row.case_id, row.n_stages, row.current_stage, bool(row.revealed)
        )

    def set_stage(self, trainer_code: str | None, stage: int, revealed: bool = False) -> None:
        """Record which stage the trainer shows and whether its key is revealed."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            if not 0 <= int(stage) < row.n_stages:
                raise InvalidAnswer()
            conn.execute(
                update(sessions)
                .where(sessions.c.id == row.id)
                .values(current_stage=int(stage), revealed=bool(revealed))
            )

    def aggregates(self, trainer_code: str | None, stage: int) -> StageAggregate:
        """Counts per sign and action at ``stage``; counts only from ``K_MIN`` answers up."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            rows = conn.execute(
                select(answers.c.signs, answers.c.actions).where(
                    answers.c.session_id == row.id, answers.c.stage == int(stage)
                )
            ).all()
        if len(rows) < K_MIN:
            return StageAggregate(int(stage), len(rows), None, None)
        signs: Counter[str] = Counter()
        acts: Counter[str] = Counter()
        for r in rows:
            signs.update(json.loads(r.signs))
            acts.update(json.loads(r.actions))
        return StageAggregate(int(stage), len(rows), dict(signs), dict(acts))

    def answer_count(self, trainer_code: str | None) -> dict[int, int]:
        """How many answered each stage (no content), for the trainer's progress line."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            rows = conn.execute(
                select(answers.c.stage, func.count())
                .where(answers.c.session_id == row.id)
                .group_by(answers.c.stage)
            ).all()
        return {int(stage): int(n) for stage, n in rows}

    def export_csv(self, trainer_code: str | None, out: Path | str) -> int:
        """Write the session's aggregate counts (stages with ``K_MIN``+ answers) atomically."""
        info = self.session_info(trainer_code)
        out = Path(out)
        rows: list[dict[str, object]] = []
        for stage in range(info.n_stages):
            agg = self.aggregates(trainer_code, stage)
            if not agg.shown:
                continue
            for kind, counts in (("sign", agg.signs), ("action", agg.actions)):
                for item_id, count in sorted((counts or {}).items()):
                    rows.append(
                        {
                            "case_id": info.case_id,
                            "stage": stage + 1,
                            "kind": kind,
                            "item_id": item_id,
                            "count": count,
                            "answers": agg.answers,
                        }
                    )
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
                writer.writeheader()
                writer.writerows(rows)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return len(rows)

    def delete_session(self, trainer_code: str | None) -> None:
        """Remove the session and every answer in it."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            conn.execute(delete(answers).where(answers.c.session_id == row.id))
            conn.execute(delete(sessions).where(sessions.c.id == row.id))

    # -- participant ---------------------------------------------------------------------

    def join(self, join_code: str | None) -> tuple[str, int]:
        """The case id and stage count of a session; UnknownJoinCode when there is none."""
        code = normalise_code(join_code)
        with self.engine.begin() as conn:
            row = conn.execute(
                select(sessions.c.case_id, sessions.c.n_stages).where(sessions.c.join_code == code)
            ).first()
        if row is None or len(code) != JOIN_LEN:
            raise UnknownJoinCode()
        return row.case_id, row.n_stages

    def submit(
        self,
        join_code: str | None,
        stage: int,
        signs: Iterable[str],
        actions: Iterable[str],
        token: str | None = None,
    ) -> str:
        """Store (or replace, with the same token) one anonymous answer; returns the token."""
        sign_ids = _clean_ids(signs, self.valid_signs)
        action_ids = _clean_ids(actions, self.valid_actions)
        token = token or secrets.token_hex(16)
        if not (0 < len(token) <= 64) or not isinstance(stage, int):
            raise InvalidAnswer()
        code = normalise_code(join_code)
        with self.engine.begin() as conn:
            row = conn.execute(
                select(sessions.c.id, sessions.c.n_stages).where(sessions.c.join_code == code)
            ).first()
            if row is None:
                raise UnknownJoinCode()
            if not 0 <= stage < row.n_stages:
                raise InvalidAnswer()
            values = {
                "session_id": row.id,
                "stage": stage,
                "token": token,
                "signs": json.dumps(sign_ids),
                "actions": json.dumps(action_ids),
            }
            conn.execute(self._upsert(values))
        return token

    def _upsert(self, values: dict[str, object]) -> Any:
        name = self.engine.dialect.name
        if name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        elif name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise WorkshopError()
        stmt = dialect_insert(answers).values(**values)
        return stmt.on_conflict_do_update(
            index_elements=["session_id", "stage", "token"],
            set_={"signs": stmt.excluded.signs, "actions": stmt.excluded.actions},
        )
