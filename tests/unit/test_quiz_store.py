"""Does the knowledge test's store keep sheets anonymous, behind the trainer code, and give
the figures ``score.report`` gives? Every test runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from hoiku_lib.quiz.load import load_items
from hoiku_lib.quiz.score import Estimate, TooFew
from hoiku_lib.workshop.db import resolve_url
from hoiku_lib.workshop.quiz_store import (
    AlreadyAnswered,
    InvalidPairingCode,
    OpenPhase,
    PhaseClosed,
    QuizStore,
    phases,
    quiz_answers,
)
from hoiku_lib.workshop.store import (
    InvalidAnswer,
    PermissionDenied,
    UnknownJoinCode,
    WorkshopStore,
    sessions,
)

ITEMS = load_items()
SINGLE = [i for i, x in ITEMS.items() if x.kind == "single"][:2]
MULTI = next(i for i, x in ITEMS.items() if x.kind == "multiple")
ASKED = [*SINGLE, MULTI]


def right(item_id: str) -> list[str]:
    return list(ITEMS[item_id].correct)


def wrong(item_id: str) -> list[str]:
    item = ITEMS[item_id]
    return [next(o.id for o in item.options if o.id not in item.correct)]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return resolve_url(tmp_path / "ws.sqlite")


@pytest.fixture
def quiz(db: str) -> QuizStore:
    ws = WorkshopStore(db)
    q = QuizStore(ws, ITEMS)
    yield q
    ws.dispose()


def opened(quiz: QuizStore) -> tuple[str, str]:
    codes = quiz.workshop.open_session("fx_case", 2)
    return codes.join_code, codes.trainer_code


def test_tables_are_added_to_an_older_database(tmp_path: Path) -> None:
    url = resolve_url(tmp_path / "old.sqlite")
    ws = WorkshopStore(url)  # a database as HOIKU made it before the test existed
    codes = ws.open_session("fx_case", 1)
    q = QuizStore(ws, ITEMS)
    q.open_phase(codes.trainer_code, "pre", ASKED)
    assert q.open_for(codes.join_code).phase == "pre"
    QuizStore(ws, ITEMS)  # a second kernel opening the store changes nothing
    assert q.open_for(codes.join_code).item_ids == tuple(ASKED)
    ws.dispose()


def test_three_pre_and_post_sheets_give_the_figures(quiz: QuizStore) -> None:
    join, trainer = opened(quiz)
    quiz.open_phase(trainer, "pre", ASKED)
    # pre: A right on one item of three, B on none, C on all
    quiz.submit(
        join, "pre", {SINGLE[0]: right(SINGLE[0]), SINGLE[1]: wrong(SINGLE[1])}, None, "A-1"
    )
    quiz.submit(join, "pre", {SINGLE[0]: wrong(SINGLE[0])}, None, "b 2")
    quiz.submit(join, "pre", {i: right(i) for i in ASKED}, None, "C3")
    quiz.open_phase(trainer, "post")  # closes pre; asks the pre-test's items
    assert quiz.open_for(join) == OpenPhase("post", tuple(ASKED))
    with pytest.raises(PhaseClosed):
        quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])})
    for code in ("a1", "B2", "c-3"):  # case and punctuation do not matter
        quiz.submit(join, "post", {i: right(i) for i in ASKED}, None, code)
    rep = quiz.report(trainer)
    first = rep.items[SINGLE[0]]
    assert isinstance(first["pre"].right, Estimate) and first["pre"].right.n == 3
    assert first["pre"].right.mean == pytest.approx(2 / 3)
    assert first["post"].right.mean == 1.0
    assert isinstance(rep.items[MULTI]["pre"].right, TooFew)  # one answer only
    pre = rep.overall["pre"]
    assert isinstance(pre, Estimate)
    assert pre.mean == pytest.approx((0.5 + 0.0 + 1.0) / 3)
    gain = rep.gains[("pre", "post")]
    assert isinstance(gain, Estimate) and gain.n == 3
    assert gain.mean == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert isinstance(rep.overall["follow_up"], TooFew)
    states = quiz.phase_states(trainer)
    assert [(s.phase, s.is_open, s.sheets) for s in states.values()] == [
        ("pre", False, 3),
        ("post", True, 3),
    ]


def test_nothing_without_the_trainer_code(quiz: QuizStore) -> None:
    join, trainer = opened(quiz)
    quiz.open_phase(trainer, "pre", ASKED)
    for code in ("x1", "x2", "x3"):
        quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, None, code)
    other = quiz.workshop.open_session("fx_case", 1).trainer_code
    assert quiz.report(other).answered["pre"] == 0  # another workshop's code: its own data
    for bad in (None, "", "ABCD-EFGH-JKMN-PQRS", join):
        for call in (quiz.report, quiz.phase_states, quiz.close_phase, quiz.export_rows):
            with pytest.raises(PermissionDenied):
                call(bad)
        with pytest.raises(PermissionDenied):
            quiz.open_phase(bad, "post")


def test_what_is_stored_is_no_code_as_typed(quiz: QuizStore) -> None:
    join, trainer = opened(quiz)
    quiz.open_phase(trainer, "pre", ASKED)
    page = quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, None, "Mustikka 42")
    with quiz.engine.connect() as conn:
        sid = conn.execute(select(sessions.c.id).where(sessions.c.join_code == join)).scalar_one()
        rows = conn.execute(select(quiz_answers).where(quiz_answers.c.session_id == sid)).all()
    assert len(rows) == 1
    stored = " ".join(str(v) for v in rows[0])
    for typed in ("Mustikka", "mustikka42", page):
        assert typed not in stored
    assert len(rows[0].sheet) == 64 and len(rows[0].pairing) == 64


def test_a_page_sends_one_sheet_a_phase(quiz: QuizStore) -> None:
    join, trainer = opened(quiz)
    quiz.open_phase(trainer, "pre", ASKED)
    page = quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, None, "k1")
    with pytest.raises(AlreadyAnswered):  # after the feedback: no second, better sheet
        quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, page, "k1")
    assert quiz.phase_states(trainer)["pre"].sheets == 1
    for code in ("k2", "k3"):
        quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, None, code)
    assert quiz.report(trainer).items[SINGLE[0]]["pre"].right.mean == 1.0


def test_bad_answers_are_refused(quiz: QuizStore) -> None:
    join, trainer = opened(quiz)
    with pytest.raises(PhaseClosed):  # nothing open yet
        quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])})
    assert quiz.open_for(join) is None
    quiz.open_phase(trainer, "pre", SINGLE)
    bad_answers = [
        {},
        {MULTI: right(MULTI)},  # not asked in this phase
        {"no_such_item": ["a"]},
        {SINGLE[0]: ["zz"]},
        {SINGLE[0]: []},
        {SINGLE[0]: [o.id for o in ITEMS[SINGLE[0]].options]},  # several for a single choice
    ]
    for answers in bad_answers:
        with pytest.raises(InvalidAnswer):
            quiz.submit(join, "pre", answers)
    with pytest.raises(InvalidPairingCode):
        quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, None, "x" * 25)
    with pytest.raises(InvalidAnswer):
        quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, "not-a-page-id")
    with pytest.raises(UnknownJoinCode):
        quiz.submit("ZZZZZZ", "pre", {SINGLE[0]: right(SINGLE[0])})
    with pytest.raises(UnknownJoinCode):
        quiz.open_for("ZZZZZZ")
    for bad_phase, ids in (
        ("mid", None),
        ("pre", ["no_such_item"]),
        ("pre", []),
        ("pre", SINGLE * 2),
    ):
        with pytest.raises(InvalidAnswer):
            quiz.open_phase(trainer, bad_phase, ids)
    quiz.close_phase(trainer)
    assert quiz.open_for(join) is None


def test_reopening_keeps_the_items_and_follow_up_pairs(quiz: QuizStore) -> None:
    join, trainer = opened(quiz)
    quiz.open_phase(trainer, "pre", SINGLE)
    quiz.close_phase(trainer)
    quiz.open_phase(trainer, "pre", ASKED)  # reopened: the items it asked stay
    assert quiz.open_for(join).item_ids == tuple(SINGLE)
    for code in ("p1", "p2", "p3"):
        quiz.submit(join, "pre", {SINGLE[0]: wrong(SINGLE[0])}, None, code)
    quiz.open_phase(trainer, "follow_up", SINGLE)
    for code in ("p1", "p2", "p3"):
        quiz.submit(join, "follow_up", {SINGLE[0]: right(SINGLE[0])}, None, code)
    rep = quiz.report(trainer)
    assert rep.gains[("pre", "follow_up")].mean == 1.0
    assert isinstance(rep.gains[("pre", "post")], TooFew)


def test_deleting_the_workshop_deletes_the_test(quiz: QuizStore) -> None:
    join, trainer = opened(quiz)
    quiz.open_phase(trainer, "pre", SINGLE)
    quiz.submit(join, "pre", {SINGLE[0]: right(SINGLE[0])}, None, "d1")
    with quiz.engine.connect() as conn:
        sid = conn.execute(select(sessions.c.id).where(sessions.c.join_code == join)).scalar_one()
    quiz.workshop.delete_session(trainer)
    with quiz.engine.connect() as conn:
        for table in (phases, quiz_answers):
            assert conn.execute(select(table).where(table.c.session_id == sid)).all() == []


def test_export_rows_and_csv(quiz: QuizStore, tmp_path: Path) -> None:
    join, trainer = opened(quiz)
    quiz.open_phase(trainer, "pre", SINGLE)
    for n, code in enumerate(("e1", "e2", "e3")):
        answer = right(SINGLE[0]) if n else wrong(SINGLE[0])
        quiz.submit(join, "pre", {SINGLE[0]: answer}, None, code)
    quiz.open_phase(trainer, "post", SINGLE)
    for code in ("e1", "e2"):
        quiz.submit(join, "post", {SINGLE[0]: right(SINGLE[0])}, None, code)
    out = tmp_path / "quiz.csv"
    n = quiz.export_csv(trainer, out)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n
    by = {(r["scope"], r["measure"], r["phase"]): r for r in rows}
    pre = by[(SINGLE[0], "share_right", "pre")]
    assert (pre["n"], float(pre["mean"])) == ("3", pytest.approx(2 / 3, abs=1e-4))
    assert float(pre["low"]) < 2 / 3 < float(pre["high"])
    post = by[(SINGLE[0], "share_right", "post")]
    assert (post["n"], post["mean"], post["low"]) == ("2", "", "")  # too few: no figure
    assert by[("overall", "paired_gain", "post-pre")]["mean"] == ""
    assert not any(r["phase"] == "follow_up" for r in rows)  # never opened


def test_workshop_export_writes_the_test_beside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``hoiku workshop export`` writes summary-quiz.csv when the workshop opened a test,
    with formula-safe text, and nothing extra when it opened none."""
    from hoiku_lib.cli import main

    db = tmp_path / "ws.sqlite"
    ws = WorkshopStore(db)
    quiz = QuizStore(ws, ITEMS)
    plain = ws.open_session("fx_case", 1)
    out = tmp_path / "plain.csv"
    argv = ["--lang", "en", "workshop", "export", "--db", str(db), "--out"]
    assert main([*argv, str(out), plain.join_code, "--trainer-code", plain.trainer_code]) == 0
    assert out.is_file() and not (tmp_path / "plain-quiz.csv").exists()
    codes = ws.open_session("fx_case", 1)
    quiz.open_phase(codes.trainer_code, "pre", SINGLE)
    for code in ("=cmd|x", "b", "c"):  # a code is never written, only its hash
        quiz.submit(codes.join_code, "pre", {SINGLE[0]: right(SINGLE[0])}, None, code)
    out = tmp_path / "summary.csv"
    capsys.readouterr()
    assert main([*argv, str(out), codes.join_code, "--trainer-code", codes.trainer_code]) == 0
    written = tmp_path / "summary-quiz.csv"
    assert str(written) in capsys.readouterr().out
    text = written.read_text(encoding="utf-8")
    assert "cmd" not in text and f"{SINGLE[0]},share_right,pre,3,1.0," in text
    ws.dispose()


def _flat(rep) -> dict:  # noqa: ANN001
    """A report's figures, rounded (the store and the test may add in another order)."""

    def fig(s) -> tuple:  # noqa: ANN001
        return (
            type(s).__name__,
            s.n,
            *(round(getattr(s, k), 9) for k in ("mean", "low", "high") if hasattr(s, k)),
        )

    out = {("overall", p): fig(s) for p, s in rep.overall.items()}
    out |= {("gain", g): fig(s) for g, s in rep.gains.items()}
    for i, by in rep.items.items():
        out |= {(i, p, "right"): fig(x.right) for p, x in by.items()}
        out |= {(i, p, "partial"): fig(x.partial) for p, x in by.items()}
    for i, by in rep.item_gains.items():
        out |= {(i, g): fig(s) for g, s in by.items()}
    return out | {"ambiguous": rep.ambiguous_codes, "answered": tuple(rep.answered.items())}


def test_the_store_reports_what_score_reports(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whatever sheets are sent, the store's figures are score.report's over the same
    sheets: hashing the codes pairs exactly what the codes as typed pair."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from hoiku_lib.quiz.score import Sheet, report

    ws = WorkshopStore(tmp_path_factory.mktemp("prop") / "ws.sqlite")
    quiz = QuizStore(ws, ITEMS)
    asked = {i: ITEMS[i] for i in ASKED}
    answer = st.one_of(
        *[
            st.lists(st.sampled_from([o.id for o in ITEMS[i].options]), min_size=1, unique=True)
            .filter(lambda xs, i=i: ITEMS[i].kind == "multiple" or len(xs) == 1)
            .map(lambda xs, i=i: (i, xs))
            for i in ASKED
        ]
    )
    sheet = st.tuples(
        st.sampled_from([None, "a1", "A 1", "b2", "c3", "d4"]),
        st.lists(answer, min_size=1, max_size=3).map(dict),
    )

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(sheet, max_size=6), st.lists(sheet, max_size=6))
    def check(pre: list, post: list) -> None:  # noqa: ANN001
        codes = ws.open_session("fx_case", 1)
        sent = []
        for phase, sheets in (("pre", pre), ("post", post)):
            quiz.open_phase(codes.trainer_code, phase, ASKED)
            for code, answers in sheets:
                quiz.submit(codes.join_code, phase, answers, None, code)
                sent.append(Sheet(phase, {i: frozenset(c) for i, c in answers.items()}, code))
        assert _flat(quiz.report(codes.trainer_code)) == _flat(report(asked, sent))

    check()
    ws.dispose()
