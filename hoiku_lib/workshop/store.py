"""The anonymous workshop answer store (SQLAlchemy 2 core).

What is stored: a session (case id, a short join code, the SHA-256 of the trainer code and of
its presenter key, a random salt, which stages the trainer has shown and the key of which has
been revealed) and, per stage, each answer's ticked sign and action ids under a participant
hash: the HMAC-SHA-256 of the browser's anonymous participant id keyed with the session's
salt. The same browser therefore replaces its own answer (one participant, one answer per
stage), and its hashes in two sessions cannot be linked. No name, device id, IP address or
raw participant id is ever stored.

Permissions are checked here, on every call, never by the UI: counts come out only with the
right trainer code and only for a stage that at least ``K_MIN`` distinct participants
answered; an answer to a stage whose key has been revealed is refused (``StageClosed``).
The presenter key (``presenter_key``) opens a read-only view of the trainer's current stage
for the projector: what the room may see, never the other stages, never a change.
"""

from __future__ import annotations

import base64
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
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    union,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from hoiku_lib.spreadsheet_safety import csv_text
from hoiku_lib.workshop.db import make_engine
from hoiku_lib.workshop.ids import new_participant_id, valid_participant_id

K_MIN = 3
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_LEN = 6
TRAINER_LEN = 16
#: Characters of the presenter key (base32 of 15 HMAC bytes: 120 bits).
VIEW_LEN = 24
_VIEW_CONTEXT = b"hoiku presenter view"
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
    # Added in 2026-12 (issue 15); _migrate adds them to an older database.
    Column("participant_salt", String(32), nullable=True),
    Column("revealed_stages", Integer, nullable=False, default=0),  # bit n = stage n shown
    # Added in 2026-12 (issue 13): SHA-256 of the presenter key (derived from the trainer code).
    Column("view_hash", String(64), nullable=True),
)
#: Looked up by the projector every few seconds; made by _migrate on older databases too.
view_index = Index("ix_hoiku_sessions_view_hash", sessions.c.view_hash)
#: Columns added after the first release: name → DDL type and default.
_ADDED_SESSION_COLUMNS = {
    "participant_salt": "VARCHAR(32)",
    "revealed_stages": "INTEGER NOT NULL DEFAULT 0",
    "view_hash": "VARCHAR(64)",
}
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
#: Who joined a session (issue 13, for the trainer's live count): the same salted participant
#: hash as the answers, and the day, so a participant is recorded once a day. A new table, so
#: ``create_all`` adds it to an older database; nothing else changes.
joins = Table(
    "hoiku_joins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "session_id", Integer, ForeignKey("hoiku_sessions.id", ondelete="CASCADE"), nullable=False
    ),
    Column("token", String(64), nullable=False),
    Column("day", Date, nullable=False),
    UniqueConstraint("session_id", "token", "day", name="uq_hoiku_join"),
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


class StageClosed(WorkshopError):
    """The trainer has revealed this stage's key: its answers no longer change."""

    key = "ws.stage_closed"


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
    revealed_stages: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ParticipantView:
    """What a participant may know of the session: the trainer's stage and the revealed
    stages (never any count or answer)."""

    case_id: str
    n_stages: int
    current_stage: int
    revealed_stages: frozenset[int]

    def revealed(self, stage: int) -> bool:
        return stage in self.revealed_stages


@dataclass(frozen=True)
class LiveCounts:
    """How many have joined the session and answered each stage: counts of people, never
    of answers' content, so they need no ``K_MIN`` threshold."""

    joined: int
    answered: dict[int, int]
    current_stage: int

    def answered_at(self, stage: int) -> int:
        return self.answered.get(int(stage), 0)


@dataclass(frozen=True)
class PresenterView:
    """What the projector shows, by the presenter key: the public join code, the trainer's
    stage and whether its key is on the screen, how many joined and answered it, and that
    stage's counts (``aggregate.signs`` None below ``K_MIN``). No other stage, no code."""

    join_code: str
    case_id: str
    n_stages: int
    current_stage: int
    revealed: bool
    joined: int
    answered: int
    aggregate: StageAggregate


@dataclass(frozen=True)
class StageAggregate:
    """Counts of one stage; ``signs``/``actions`` are None below the ``K_MIN`` threshold.

    ``answers`` is the number of distinct participants who answered the stage.
    """

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


def participant_hash(salt: str, participant: str) -> str:
    """The stored form of a participant id: HMAC-SHA-256 keyed with the session's salt."""
    return hmac.new(salt.encode("ascii"), participant.encode("ascii"), hashlib.sha256).hexdigest()


def view_key_for(trainer_code: str) -> str:
    """The presenter key of the session that ``trainer_code`` opens: an HMAC of the code, so
    the trainer can always make the projector's link again, while the key tells nothing
    about the code (the store keeps only the key's SHA-256)."""
    code = normalise_code(trainer_code).encode("ascii", "ignore")
    digest = hmac.new(code, _VIEW_CONTEXT, hashlib.sha256).digest()
    return base64.b32encode(digest[:15]).decode("ascii").lower()


def _view_hash(view_key: str | None) -> str:
    return hashlib.sha256(str(view_key or "").strip().lower().encode("ascii", "ignore")).hexdigest()


def _mask_stages(mask: int | None) -> frozenset[int]:
    mask = int(mask or 0)
    return frozenset(n for n in range(mask.bit_length()) if mask >> n & 1)


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
        self._migrate()

    def _migrate(self) -> None:
        """Add the columns a database made by an older HOIKU lacks (idempotent; many
        kernels may open the store at once, so a column another one just added is fine)."""
        for name, ddl in _ADDED_SESSION_COLUMNS.items():
            with self.engine.connect() as conn:
                have = {c["name"] for c in inspect(conn).get_columns(sessions.name)}
            if name in have:
                continue
            try:
                with self.engine.begin() as conn:
                    conn.execute(text(f"ALTER TABLE {sessions.name} ADD COLUMN {name} {ddl}"))
            except DBAPIError:
                with self.engine.connect() as conn:
                    have = {c["name"] for c in inspect(conn).get_columns(sessions.name)}
                if name not in have:
                    raise
        try:
            with self.engine.begin() as conn:
                view_index.create(conn, checkfirst=True)
        except DBAPIError:  # another kernel made it at the same moment
            pass

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
                "participant_salt": secrets.token_hex(16),
                "revealed_stages": 0,
                "view_hash": _view_hash(view_key_for(codes.trainer_code)),
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
            row.join_code,
            row.case_id,
            row.n_stages,
            row.current_stage,
            bool(row.revealed),
            _mask_stages(row.revealed_stages),
        )

    def set_stage(self, trainer_code: str | None, stage: int, revealed: bool = False) -> None:
        """Record which stage the trainer shows and whether its key is on the screen.

        Revealing is for good: once the room has seen a stage's key, the stage stays
        revealed for the participants (their feedback appears, new answers are refused)
        even when the trainer hides the key again or moves on.
        """
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            if not 0 <= int(stage) < row.n_stages:
                raise InvalidAnswer()
            mask = int(row.revealed_stages or 0)
            if revealed:
                mask |= 1 << int(stage)
            conn.execute(
                update(sessions)
                .where(sessions.c.id == row.id)
                .values(current_stage=int(stage), revealed=bool(revealed), revealed_stages=mask)
            )

    def aggregates(self, trainer_code: str | None, stage: int) -> StageAggregate:
        """Counts per sign and action at ``stage``; counts only from ``K_MIN`` answers up."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            return self._aggregate(conn, row.id, stage)

    @staticmethod
    def _aggregate(conn: Any, session_id: int, stage: int) -> StageAggregate:
        rows = conn.execute(
            select(answers.c.token, answers.c.signs, answers.c.actions)
            .where(answers.c.session_id == session_id, answers.c.stage == int(stage))
            .order_by(answers.c.id)
        ).all()
        # One answer per participant (the unique key guarantees it; counted here as well).
        latest = {r.token: r for r in rows}
        if len(latest) < K_MIN:
            return StageAggregate(int(stage), len(latest), None, None)
        signs: Counter[str] = Counter()
        acts: Counter[str] = Counter()
        for r in latest.values():
            signs.update(set(json.loads(r.signs)))
            acts.update(set(json.loads(r.actions)))
        return StageAggregate(int(stage), len(latest), dict(signs), dict(acts))

    def answer_count(self, trainer_code: str | None) -> dict[int, int]:
        """How many distinct participants answered each stage (no content)."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            rows = conn.execute(
                select(answers.c.stage, func.count(answers.c.token.distinct()))
                .where(answers.c.session_id == row.id)
                .group_by(answers.c.stage)
            ).all()
        return {int(stage): int(n) for stage, n in rows}

    def live_counts(self, trainer_code: str | None) -> LiveCounts:
        """Joined participants (distinct, over the session's days), distinct answerers per
        stage and the trainer's stage, for the console's live count (no content)."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            return self._live(conn, row)

    @staticmethod
    def _live(conn: Any, row: Any) -> LiveCounts:
        # Whoever answered has joined too (an answer from before joins were recorded).
        people = union(
            select(joins.c.token).where(joins.c.session_id == row.id),
            select(answers.c.token).where(answers.c.session_id == row.id),
        ).subquery()
        joined = conn.execute(select(func.count()).select_from(people)).scalar_one()
        rows = conn.execute(
            select(answers.c.stage, func.count(answers.c.token.distinct()))
            .where(answers.c.session_id == row.id)
            .group_by(answers.c.stage)
        ).all()
        return LiveCounts(
            int(joined), {int(stage): int(n) for stage, n in rows}, int(row.current_stage)
        )

    # -- presenter (the projector) ---------------------------------------------------------

    def presenter_key(self, trainer_code: str | None) -> str:
        """The read-only key of the projector's link, for the trainer (a session opened
        before presenter keys existed gets its key's hash now)."""
        with self.engine.begin() as conn:
            row = self._session_by_trainer(conn, trainer_code)
            key = view_key_for(normalise_code(trainer_code))
            if row.view_hash != _view_hash(key):
                conn.execute(
                    update(sessions)
                    .where(sessions.c.id == row.id)
                    .values(view_hash=_view_hash(key))
                )
        return key

    def presenter_view(self, view_key: str | None) -> PresenterView:
        """What the projector may show of the trainer's current stage, by the presenter key.

        PermissionDenied for any other key. The counts are those the trainer's console
        shows the room (``K_MIN`` applies), of the current stage only.
        """
        key = str(view_key or "").strip().lower()
        if len(key) != VIEW_LEN:
            raise PermissionDenied()
        wanted = _view_hash(key)
        with self.engine.begin() as conn:
            row = conn.execute(select(sessions).where(sessions.c.view_hash == wanted)).first()
            if row is None or not hmac.compare_digest(row.view_hash, wanted):
                raise PermissionDenied()
            live = self._live(conn, row)
            agg = self._aggregate(conn, row.id, row.current_stage)
        return PresenterView(
            row.join_code,
            row.case_id,
            int(row.n_stages),
            int(row.current_stage),
            bool(row.revealed),
            live.joined,
            live.answered_at(row.current_stage),
            agg,
        )

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
                # case and item ids are text a spreadsheet must not run (CWE-1236)
                writer.writerows({k: csv_text(v) for k, v in row.items()} for row in rows)
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
            conn.execute(delete(joins).where(joins.c.session_id == row.id))
            conn.execute(delete(sessions).where(sessions.c.id == row.id))

    # -- participant ---------------------------------------------------------------------

    def join(self, join_code: str | None) -> tuple[str, int]:
        """The case id and stage count of a session; UnknownJoinCode when there is none."""
        view = self.participant_view(join_code)
        return view.case_id, view.n_stages

    def participant_view(self, join_code: str | None) -> ParticipantView:
        """The trainer's stage and the revealed stages, by the join code (no counts)."""
        code = normalise_code(join_code)
        if len(code) != JOIN_LEN:
            raise UnknownJoinCode()
        with self.engine.connect() as conn:
            row = conn.execute(
                select(
                    sessions.c.case_id,
                    sessions.c.n_stages,
                    sessions.c.current_stage,
                    sessions.c.revealed_stages,
                ).where(sessions.c.join_code == code)
            ).first()
        if row is None:
            raise UnknownJoinCode()
        return ParticipantView(
            row.case_id, row.n_stages, row.current_stage, _mask_stages(row.revealed_stages)
        )

    def record_join(self, join_code: str | None, participant: str) -> ParticipantView:
        """Note that ``participant`` joined (once a day, under the session's salted hash) and
        return what a participant may know of the session."""
        if not valid_participant_id(participant):
            raise InvalidAnswer()
        code = normalise_code(join_code)
        if len(code) != JOIN_LEN:
            raise UnknownJoinCode()
        with self.engine.begin() as conn:
            row = conn.execute(select(sessions).where(sessions.c.join_code == code)).first()
            if row is None:
                raise UnknownJoinCode()
            salt = self._session_salt(conn, row.id, row.participant_salt)
            values = {
                "session_id": row.id,
                "token": participant_hash(salt, participant),
                "day": dt.datetime.now(dt.UTC).date(),
            }
            conn.execute(self._insert_ignore(joins, values, ["session_id", "token", "day"]))
        return ParticipantView(
            row.case_id, row.n_stages, row.current_stage, _mask_stages(row.revealed_stages)
        )

    @staticmethod
    def _session_salt(conn: Any, session_id: int, salt: str | None) -> str:
        """The session's salt, drawn now for a session opened before salts existed (the
        first writer wins when two kernels draw at once)."""
        if salt:
            return salt
        conn.execute(
            update(sessions)
            .where(sessions.c.id == session_id, sessions.c.participant_salt.is_(None))
            .values(participant_salt=secrets.token_hex(16))
        )
        return conn.execute(
            select(sessions.c.participant_salt).where(sessions.c.id == session_id)
        ).scalar_one()

    def _insert_ignore(self, table: Table, values: dict[str, object], keys: list[str]) -> Any:
        """INSERT … ON CONFLICT DO NOTHING in the engine's dialect."""
        name = self.engine.dialect.name
        if name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        elif name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise WorkshopError()
        return dialect_insert(table).values(**values).on_conflict_do_nothing(index_elements=keys)

    def submit(
        self,
        join_code: str | None,
        stage: int,
        signs: Iterable[str],
        actions: Iterable[str],
        participant: str | None = None,
    ) -> str:
        """Store one anonymous answer, replacing this participant's earlier answer to the
        stage; returns the participant id (a new random one when none was given).

        Refused with ``StageClosed`` once the trainer has revealed the stage's key.
        """
        sign_ids = _clean_ids(signs, self.valid_signs)
        action_ids = _clean_ids(actions, self.valid_actions)
        participant = participant or new_participant_id()
        if not valid_participant_id(participant) or not isinstance(stage, int):
            raise InvalidAnswer()
        code = normalise_code(join_code)
        with self.engine.begin() as conn:
            row = conn.execute(
                select(
                    sessions.c.id,
                    sessions.c.n_stages,
                    sessions.c.participant_salt,
                    sessions.c.revealed_stages,
                ).where(sessions.c.join_code == code)
            ).first()
            if row is None:
                raise UnknownJoinCode()
            if not 0 <= stage < row.n_stages:
                raise InvalidAnswer()
            if stage in _mask_stages(row.revealed_stages):
                raise StageClosed()
            salt = row.participant_salt
            if not salt:  # a session opened before salts existed
                salt = secrets.token_hex(16)
                conn.execute(
                    update(sessions)
                    .where(sessions.c.id == row.id, sessions.c.participant_salt.is_(None))
                    .values(participant_salt=salt)
                )
                salt = conn.execute(
                    select(sessions.c.participant_salt).where(sessions.c.id == row.id)
                ).scalar_one()
            values = {
                "session_id": row.id,
                "stage": stage,
                "token": participant_hash(salt, participant),
                "signs": json.dumps(sign_ids),
                "actions": json.dumps(action_ids),
            }
            conn.execute(self._upsert(values))
        return participant

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
