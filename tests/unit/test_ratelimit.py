"""Does the code limiter hold a guesser to its figures, whatever the sequence of tries?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.i18n import t, tn
from hoiku_lib.ui.case_app import CaseApp
from hoiku_lib.ui.trainer_app import TrainerApp
from hoiku_lib.workshop.ratelimit import (
    BASE_LOCK_S,
    MAX_LOCK_S,
    MAX_WRONG,
    WINDOW_S,
    CodeLimiter,
    wait_text,
)
from hoiku_lib.workshop.store import WorkshopStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def drive(
    tries: list[tuple[float | None, bool]],
) -> tuple[list[float], list[tuple[float, bool, float]]]:
    """Run (gap before the try, is it wrong) through a limiter the way the apps use it:
    a try while ``wait()`` is above 0 is refused, whether its code is right or wrong.
    Returns the times of the admitted wrong tries, and (time, wrong, wait) of each refusal."""
    clock = Clock()
    limiter = CodeLimiter(clock=clock)
    admitted: list[float] = []
    refused: list[tuple[float, bool, float]] = []
    for gap, wrong in tries:
        clock.now += limiter.wait() if gap is None else gap  # None: as soon as allowed
        wait = limiter.wait()
        if wait > 0:
            refused.append((clock.now, wrong, wait))
            continue
        if wrong:
            admitted.append(clock.now)
            limiter.wrong()
    return admitted, refused


def most_in_a_window(times: list[float], span: float) -> int:
    """The most of ``times`` inside any half-open window of length ``span``."""
    return max((sum(1 for u in times if t <= u < t + span) for t in times), default=0)


gaps = st.one_of(
    st.none(),  # a greedy guesser: the next try the moment the lock ends
    st.just(0.0),
    st.floats(0, 5),
    st.floats(0, BASE_LOCK_S * 1.5),
    st.floats(0, MAX_LOCK_S * 1.2),
    st.floats(0, WINDOW_S * 1.2),
)
tries = st.lists(st.tuples(gaps, st.booleans() | st.just(True)), max_size=200)


@settings(max_examples=300, deadline=None)
@given(tries)
def test_never_more_than_max_wrong_in_the_base_lock_window(
    seq: list[tuple[float | None, bool]],
) -> None:
    admitted, _ = drive(seq)
    assert most_in_a_window(admitted, BASE_LOCK_S) <= MAX_WRONG


@settings(max_examples=300, deadline=None)
@given(tries)
def test_at_most_five_locks_worth_in_ten_minutes(seq: list[tuple[float | None, bool]]) -> None:
    """Locks of 30, 60, 120 and 240 s fit in 10 minutes before the 300 s one: 5 x 5 tries."""
    admitted, _ = drive(seq)
    assert most_in_a_window(admitted, WINDOW_S) <= MAX_WRONG * 5


def test_a_greedy_guesser_gets_exactly_the_figures() -> None:
    """Trying again the moment each lock ends: 25 wrong tries in the first 10 minutes, then
    5 per 5 minutes for as long as it goes on."""
    admitted, _ = drive([(None, True)] * 400)
    assert most_in_a_window(admitted, WINDOW_S) == MAX_WRONG * 5
    late = [t for t in admitted if t >= admitted[0] + WINDOW_S]
    assert late and most_in_a_window(late, MAX_LOCK_S) == MAX_WRONG


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, MAX_LOCK_S), min_size=0, max_size=60))
def test_once_at_its_longest_five_tries_per_five_minutes(extra: list[float]) -> None:
    """A steady guesser: after four locks every further 300 s admits at most 5 wrong tries."""
    start = [(0.0, True)] * (MAX_WRONG * 5)  # each batch waits out its lock below
    seq: list[tuple[float | None, bool]] = []
    for i, (gap, wrong) in enumerate(start):
        seq.append((MAX_LOCK_S if i and i % MAX_WRONG == 0 else gap, wrong))
    seq += [(gap, True) for gap in extra]
    admitted, _ = drive(seq)
    late = [t for t in admitted if t >= admitted[MAX_WRONG * 4]]
    assert most_in_a_window(late, MAX_LOCK_S) <= MAX_WRONG


@settings(max_examples=200, deadline=None)
@given(tries)
def test_a_refused_try_is_refused_right_or_wrong_and_says_how_long(
    seq: list[tuple[float | None, bool]],
) -> None:
    _, refused = drive(seq)
    for _time, _wrong, wait in refused:
        assert 0 < wait <= MAX_LOCK_S


def test_the_figures() -> None:
    """5 wrong → 30 s; each further lock doubles: 60, 120, 240, then 300 s at most."""
    clock = Clock()
    limiter = CodeLimiter(clock=clock)
    for lock in (30, 60, 120, 240, 300, 300):
        for _ in range(MAX_WRONG - 1):
            limiter.wrong()
            assert limiter.wait() == 0
        limiter.wrong()
        assert limiter.wait() == lock
        clock.now += lock - 1
        assert limiter.wait() == 1  # the right code would be refused as well
        clock.now += 1
        assert limiter.wait() == 0


def test_a_quiet_spell_brings_the_short_lock_back_and_old_tries_expire() -> None:
    clock = Clock()
    limiter = CodeLimiter(clock=clock)
    for _ in range(2 * MAX_WRONG):  # two locks: 30 s then 60 s
        limiter.wrong()
        clock.now += limiter.wait()
    clock.now += WINDOW_S
    for _ in range(MAX_WRONG - 1):
        limiter.wrong()
        clock.now += WINDOW_S / (MAX_WRONG - 1)  # spread out: the oldest drops out
    limiter.wrong()
    assert limiter.wait() == 0
    for _ in range(MAX_WRONG):
        limiter.wrong()
    assert limiter.wait() == BASE_LOCK_S


def test_wait_text_rounds_up_and_says_minutes_from_90_s() -> None:
    assert wait_text(29.2, "fi") == tn("ws.wait_seconds", 30, "fi") == "30 sekunnin kuluttua"
    assert wait_text(0.01, "en") == "in 1 second"
    assert wait_text(89, "sv") == "om 89 sekunder"
    assert wait_text(90, "en") == "in 2 minutes"
    assert wait_text(300, "sv") == "om 5 minuter"


# -- wired into the pages ---------------------------------------------------------------------

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    s = WorkshopStore.for_content(tmp_path / "ws.sqlite")
    yield s
    s.dispose()


def page_text(widget: object) -> str:
    own = getattr(widget, "value", "")
    text = own if isinstance(own, str) else ""
    return text + "".join(page_text(c) for c in getattr(widget, "children", ()))


def test_the_case_page_pauses_after_five_wrong_join_codes(store: WorkshopStore) -> None:
    codes = store.open_session("fx_adult_labour", 2)
    clock = Clock()
    app = CaseApp(lang="en", cases=load_cases(GOOD), store=store)
    app.poll_seconds = 0
    app.join_limiter = CodeLimiter(clock=clock)
    for _ in range(MAX_WRONG - 1):
        app.join_input.value = "WRONG2"
        app.join_button.click()
        assert t("ws.unknown_join_code", "en") in app.message.value
    app.join_input.value = "WRONG2"
    app.join_button.click()  # the fifth: the pause starts, and the page says for how long
    locked = t("ws.locked_join", "en", wait="in 30 seconds")
    assert locked in app.message.value
    clock.now += 10
    app.join_input.value = codes.join_code  # the right code is refused during the pause
    app.join_button.click()
    assert t("ws.locked_join", "en", wait="in 20 seconds") in app.message.value
    assert app.join_code is None and app.case is None
    clock.now += 20
    app.join_input.value = codes.join_code
    app.join_button.click()
    assert app.join_code is not None and app.case is not None
    assert t("ws.locked_join", "en", wait="")[:20] not in app.message.value


def test_the_trainer_console_pauses_after_five_wrong_codes_and_shows_nothing(
    store: WorkshopStore,
) -> None:
    cases = load_cases(GOOD)
    codes = store.open_session("fx_adult_labour", 2)
    for _ in range(3):  # enough answers for the bars to show to the right code
        store.submit(codes.join_code, 0, ["exp_work_accidents"], ["urgent_care"])
    clock = Clock()
    app = TrainerApp(lang="en", cases=cases, store=store)
    app.live_seconds = 0
    app.code_limiter = CodeLimiter(clock=clock)
    for n in range(1, MAX_WRONG):
        app.code_input.value = f"ABCD-EFGH-JKMN-PQR{n + 1}"
        app.enter_button.click()
        shown = page_text(app.widget)
        assert t("ws.permission_denied", "en") in app.message.value, n
        assert app.trainer_code is None and app.case is None
        assert "data-count" not in shown and codes.join_code not in shown  # no answers seen
        assert app.session_panel.layout.display == "none"
    app.code_input.value = "ABCD-EFGH-JKMN-PQRS"
    app.enter_button.click()
    assert t("ws.locked_trainer", "en", wait="in 30 seconds") in app.message.value
    app.code_input.value = codes.trainer_code  # right, but during the pause
    app.enter_button.click()
    assert t("ws.locked_trainer", "en", wait="in 30 seconds") in app.message.value
    assert app.trainer_code is None and "data-count" not in page_text(app.widget)
    assert app.code_input.value == ""  # the typed code is not kept on the page
    clock.now += BASE_LOCK_S
    app.code_input.value = codes.trainer_code
    app.enter_button.click()
    assert app.trainer_code == codes.trainer_code
    assert 'data-item="exp_work_accidents" data-count="3"' in app.bars.value


def test_opening_a_new_workshop_is_not_held_up_by_the_pause(store: WorkshopStore) -> None:
    """The pause is for guessing; the code a new workshop hands out is known to be right."""
    clock = Clock()
    app = TrainerApp(lang="en", cases=load_cases(GOOD), store=store)
    app.live_seconds = 0
    app.code_limiter = CodeLimiter(clock=clock)
    for _ in range(MAX_WRONG):
        app.code_input.value = "ABCD-EFGH-JKMN-PQRS"
        app.enter_button.click()
    assert app.code_limiter.wait() > 0
    app.case_select.value = "fx_adult_labour"
    app.open_button.click()
    assert app.trainer_code is not None and app.session_panel.layout.display == "flex"
