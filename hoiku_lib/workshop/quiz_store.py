"""The knowledge test's answers in a workshop (SQLAlchemy 2 core, next to ``store.py``).

A test phase (``pre``, ``post`` or ``follow_up``) belongs to a workshop session: the trainer
opens it with the session's trainer code, the participants answer it with the join code, and
the trainer closes it (and may reopen the workshop weeks later for the follow-up).

What is stored: per phase, whether it is open and which items it asks; per answer, the item,
the chosen option ids, the day, a sheet id (the HMAC-SHA-256 of this page's random id keyed
with the session's salt, so one page sends one sheet a phase) and, when the participant gave
one, the pairing code they made up themselves, also only as its salted HMAC after case,
spaces and punctuation are folded: the same code pairs a participant's pre, post and follow-up
sheets, and what they typed is never kept. No name, device id or address is stored.

Permissions are checked here on every call: figures come out only with the right trainer
code and only through ``score.report`` (which shows no figure below ``K_MIN`` answers or
pairs); single sheets never leave the store.
"""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
    update,
)

from hoiku_lib.quiz.schema import PHASES, Item
from hoiku_lib.quiz.score import GAINS, Estimate, QuizReport, Sheet, Summary, report
from hoiku_lib.quiz.score import normalise_code as normalise_pairing
from hoiku_lib.spreadsheet_safety import csv_text
from hoiku_lib.workshop.ids import new_participant_id, valid_participant_id
from hoiku_lib.workshop.store import (
    JOIN_LEN,
    InvalidAnswer,
    UnknownJoinCode,
    WorkshopError,
    WorkshopStore,
    normalise_code,
    participant_hash,
    sessions,
)

#: A pairing code longer than this (after folding) is refused: it is a memo, not a text.
MAX_PAIRING_LEN = 24
QUIZ_CSV_FIELDS = ("scope", "measure", "phase", "n", "mean", "low", "high")

metadata = MetaData()
phases = Table(
    "hoiku_quiz_phases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Integer, ForeignKey(sessions.c.id, ondelete="CASCADE"), nullable=False),
    Column("phase", String(16), nullable=False),
    Column("is_open", Boolean, nullable=False, default=False),
    Column("item_ids", Text, nullable=False),  # JSON list, in the order asked
    UniqueConstraint("session_id", "phase", name="uq_hoiku_quiz_phase"),
)
quiz_answers = Table(
    "hoiku_quiz_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Integer, ForeignKey(sessions.c.id, ondelete="CASCADE"), nullable=False),
    Column("phase", String(16), nullable=False),
    Column("sheet", String(64), nullable=False),  # salted HMAC of the page's random id
    Column("pairing", String(64), nullable=True),  # salted HMAC of the folded pairing code
    Column("item_id", String(64), nullable=False),
    Column("chosen", Text, nullable=False),  # JSON list of option ids
    Column("day", Date, nullable=False),
    UniqueConstraint("session_id", "phase", "sheet", "item_id", name="uq_hoiku_quiz_answer"),
)


class PhaseClosed(WorkshopError):
    """No test phase is open in this workshop, or not the one answered."""

    key = "quiz.ws.phase_closed"


class AlreadyAnswered(WorkshopError):
    """This page (browser) has sent its sheet for the phase: after the feedback a second
    one would no longer show what the participant knew."""

    key = "quiz.page.already_sent"


class InvalidPairingCode(WorkshopError):
    key = "quiz.ws.bad_pairing"


@dataclass(frozen=True)
class PhaseState:
    phase: str
    is_open: bool
    item_ids: tuple[str, ...]
    sheets: int  # how many answered (people, not content: no threshold)


@dataclass(frozen=True)
class OpenPhase:
    """What a participant may know: the open phase and its items."""

    phase: str
    item_ids: tuple[str, ...]


def pairing_hash(salt: str, code: str | None) -> str | None:
    """The stored form of a pairing code: folded ("Kissa 12" = "kissa12"), then HMAC'd
    with the session's salt; None for no code."""
    folded = normalise_pairing(code)
    if folded is None:
        return None
    if len(folded) > MAX_PAIRING_LEN:
        raise InvalidPairingCode()
    return hmac.new(salt.encode("ascii"), folded.encode("utf-8"), "sha256").hexdigest()


class QuizStore:
    """The test's reads and writes; shares the workshop store's engine and sessions."""

    def __init__(self, workshop: WorkshopStore, items: Mapping[str, Item]) -> None:
        self.workshop = workshop
        self.engine = workshop.engine
        self.items = dict(items)
        with self.engine.begin() as conn:
            metadata.create_all(conn)  # an older database gains the tables

    @classmethod
    def for_url(cls, url: str | os.PathLike[str] | None = None) -> QuizStore:
        """A store over the content's workshop database and the shipped (or HOIKU_QUIZ) items."""
        from hoiku_lib.quiz.load import load_items

        return cls(WorkshopStore.for_content(url), load_items())

    # -- trainer -------------------------------------------------------------------------

    def _trainer_session(self, conn: Any, trainer_code: str | None) -> Any:
        # the workshop store's own check (PermissionDenied on a wrong code)
        return self.workshop._session_by_trainer(conn, trainer_code)

    def open_phase(
        self, trainer_code: str | None, phase: str, item_ids: Iterable[str] | None = None
    ) -> None:
        """Open ``phase`` (closing any other open one). A phase opened before keeps the
        items it asked, so its answers stay comparable; a new phase asks ``item_ids``, by
        default the items of the session's first phase (all items for the first one)."""
        if phase not in PHASES:
            raise InvalidAnswer()
        ids = list(item_ids) if item_ids is not None else None
        if ids is not None and (
            not ids or any(i not in self.items for i in ids) or len(set(ids)) != len(ids)
        ):
            raise InvalidAnswer()
        with self.engine.begin() as conn:
            row = self._trainer_session(conn, trainer_code)
            if ids is None:
                first = conn.execute(
                    select(phases.c.item_ids)
                    .where(phases.c.session_id == row.id)
                    .order_by(phases.c.id)
                ).first()
                asked = json.loads(first.item_ids) if first is not None else list(self.items)
                ids = [i for i in asked if i in self.items] or list(self.items)
            conn.execute(update(phases).where(phases.c.session_id == row.id).values(is_open=False))
            existing = conn.execute(
                select(phases.c.id).where(phases.c.session_id == row.id, phases.c.phase == phase)
            ).first()
            if existing is None:
                conn.execute(
                    phases.insert().values(
                        session_id=row.id, phase=phase, is_open=True, item_ids=json.dumps(ids)
                    )
                )
            else:
                conn.execute(update(phases).where(phases.c.id == existing.id).values(is_open=True))

    def close_phase(self, trainer_code: str | None) -> None:
        """Close whatever phase is open: answers are refused from now on."""
        with self.engine.begin() as conn:
            row = self._trainer_session(conn, trainer_code)
            conn.execute(update(phases).where(phases.c.session_id == row.id).values(is_open=False))

    def phase_states(self, trainer_code: str | None) -> dict[str, PhaseState]:
        """Each phase opened so far: open or not, its items, how many answered."""
        with self.engine.begin() as conn:
            row = self._trainer_session(conn, trainer_code)
            rows = conn.execute(select(phases).where(phases.c.session_id == row.id)).all()
            counts = dict(
                conn.execute(
                    select(quiz_answers.c.phase, func.count(quiz_answers.c.sheet.distinct()))
                    .where(quiz_answers.c.session_id == row.id)
                    .group_by(quiz_answers.c.phase)
                ).all()
            )
        return {
            r.phase: PhaseState(
                r.phase, bool(r.is_open), tuple(json.loads(r.item_ids)), int(counts.get(r.phase, 0))
            )
            for r in sorted(rows, key=lambda r: PHASES.index(r.phase))
        }

    def report(self, trainer_code: str | None) -> QuizReport:
        """Per item and overall figures of every phase and the paired gains
        (``score.report``: no figure below ``K_MIN``), over the items the phases asked."""
        with self.engine.begin() as conn:
            row = self._trainer_session(conn, trainer_code)
            asked = conn.execute(
                select(phases.c.item_ids).where(phases.c.session_id == row.id)
            ).all()
            rows = conn.execute(
                select(quiz_answers).where(quiz_answers.c.session_id == row.id)
            ).all()
        ids: list[str] = []
        for (raw,) in asked:
            ids += [i for i in json.loads(raw) if i in self.items and i not in ids]
        order = [i for i in self.items if i in ids]
        grouped: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            if r.item_id not in self.items:
                continue  # an item retired since: not scored
            sheet = grouped.setdefault((r.phase, r.sheet), {"code": r.pairing, "answers": {}})
            sheet["answers"][r.item_id] = frozenset(json.loads(r.chosen))
        sheets = [
            Sheet(phase, s["answers"], s["code"]) for (phase, _), s in sorted(grouped.items())
        ]
        return report({i: self.items[i] for i in order}, sheets)

    # -- participant ---------------------------------------------------------------------

    def open_for(self, join_code: str | None) -> OpenPhase | None:
        """The phase open in the workshop of ``join_code`` (None: none is open)."""
        code = normalise_code(join_code)
        if len(code) != JOIN_LEN:
            raise UnknownJoinCode()
        with self.engine.connect() as conn:
            sid = conn.execute(
                select(sessions.c.id).where(sessions.c.join_code == code)
            ).scalar_one_or_none()
            if sid is None:
                raise UnknownJoinCode()
            row = conn.execute(
                select(phases.c.phase, phases.c.item_ids).where(
                    phases.c.session_id == sid, phases.c.is_open.is_(True)
                )
            ).first()
        if row is None:
            return None
        return OpenPhase(row.phase, tuple(json.loads(row.item_ids)))

    def submit(
        self,
        join_code: str | None,
        phase: str,
        answers: Mapping[str, Iterable[str]],
        participant: str | None = None,
        pairing_code: str | None = None,
    ) -> str:
        """Store one sheet; returns the page's participant id. Refused when ``phase`` is not
        the open one, an item is not asked in it, an option is not the item's, or this page
        has sent a sheet for the phase already (``AlreadyAnswered``)."""
        participant = participant or new_participant_id()
        if not valid_participant_id(participant):
            raise InvalidAnswer()
        clean: dict[str, list[str]] = {}
        for item_id, chosen in answers.items():
            item = self.items.get(str(item_id))
            picked = sorted({str(c) for c in chosen})
            if item is None or not picked or not set(picked) <= {o.id for o in item.options}:
                raise InvalidAnswer()
            if item.kind == "single" and len(picked) != 1:
                raise InvalidAnswer()
            clean[item.id] = picked
        if not clean:
            raise InvalidAnswer()
        code = normalise_code(join_code)
        with self.engine.begin() as conn:
            row = conn.execute(
                select(sessions.c.id, sessions.c.participant_salt).where(
                    sessions.c.join_code == code
                )
            ).first()
            if row is None:
                raise UnknownJoinCode()
            open_row = conn.execute(
                select(phases.c.item_ids).where(
                    phases.c.session_id == row.id,
                    phases.c.phase == phase,
                    phases.c.is_open.is_(True),
                )
            ).first()
            if open_row is None:
                raise PhaseClosed()
            if not set(clean) <= set(json.loads(open_row.item_ids)):
                raise InvalidAnswer()
            salt = WorkshopStore._session_salt(conn, row.id, row.participant_salt)
            sheet = participant_hash(salt, participant)
            pairing = pairing_hash(salt, pairing_code)
            done = conn.execute(
                select(quiz_answers.c.id).where(
                    quiz_answers.c.session_id == row.id,
                    quiz_answers.c.phase == phase,
                    quiz_answers.c.sheet == sheet,
                )
            ).first()
            if done is not None:
                raise AlreadyAnswered()
            day = dt.datetime.now(dt.UTC).date()
            conn.execute(
                quiz_answers.insert(),
                [
                    {
                        "session_id": row.id,
                        "phase": phase,
                        "sheet": sheet,
                        "pairing": pairing,
                        "item_id": item_id,
                        "chosen": json.dumps(chosen),
                        "day": day,
                    }
                    for item_id, chosen in clean.items()
                ],
            )
        return participant

    # -- export --------------------------------------------------------------------------

    def export_rows(self, trainer_code: str | None) -> list[dict[str, object]]:
        """The report as rows: per item and phase the share right (Wilson), per phase the
        mean score (t), and the paired gains; a group below ``K_MIN`` has its n and no
        figures. Only phases that were opened appear."""
        opened = self.phase_states(trainer_code)
        rep = self.report(trainer_code)
        rows: list[dict[str, object]] = []

        def add(scope: str, measure: str, phase: str, summary: Summary) -> None:
            shown = isinstance(summary, Estimate)
            rows.append(
                {
                    "scope": scope,
                    "measure": measure,
                    "phase": phase,
                    "n": summary.n,
                    "mean": round(summary.mean, 4) if shown else "",
                    "low": round(summary.low, 4) if shown else "",
                    "high": round(summary.high, 4) if shown else "",
                }
            )

        gains = [(a, b) for a, b in GAINS if a in opened and b in opened]
        for phase in (p for p in PHASES if p in opened):
            add("overall", "mean_score", phase, rep.overall[phase])
        for before, after in gains:
            add("overall", "paired_gain", f"{after}-{before}", rep.gains[(before, after)])
        for item_id, by_phase in rep.items.items():
            for phase in (p for p in PHASES if p in opened):
                add(item_id, "share_right", phase, by_phase[phase].right)
            for before, after in gains:
                add(
                    item_id,
                    "paired_gain",
                    f"{after}-{before}",
                    rep.item_gains[item_id][(before, after)],
                )
        return rows

    def export_csv(self, trainer_code: str | None, out: Path | str) -> int:
        """Write ``export_rows`` as CSV, atomically and formula-safe; returns the row count."""
        rows = self.export_rows(trainer_code)
        out = Path(out)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=QUIZ_CSV_FIELDS)
                writer.writeheader()
                writer.writerows({k: csv_text(v) for k, v in row.items()} for row in rows)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return len(rows)


def quiz_path(out: Path | str) -> Path:
    """Where ``hoiku workshop export --out summary.csv`` puts the test's figures:
    ``summary-quiz.csv`` beside it."""
    out = Path(out)
    return out.with_name(f"{out.stem}-quiz{out.suffix or '.csv'}")


def export_beside(
    workshop: WorkshopStore, trainer_code: str | None, out: Path | str
) -> tuple[int, Path] | None:
    """Write the test's figures beside the workshop's export (``quiz_path``), when the
    workshop opened a test phase; (rows, path), or None when it opened none."""
    from hoiku_lib.quiz.load import load_items

    quiz = QuizStore(workshop, load_items())
    if not quiz.phase_states(trainer_code):
        return None
    path = quiz_path(out)
    return quiz.export_csv(trainer_code, path), path
