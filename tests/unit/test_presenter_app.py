"""Does the projector's view show only what the room may see, and follow the trainer live?"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import ipywidgets as w
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.i18n import t
from hoiku_lib.ui.common import esc
from hoiku_lib.ui.presenter_app import MAX_BARS, PresenterApp, bar_rows, presenter_link
from hoiku_lib.ui.trainer_app import TrainerApp
from hoiku_lib.workshop.db import resolve_url
from hoiku_lib.workshop.store import (
    K_MIN,
    PermissionDenied,
    WorkshopStore,
    normalise_code,
    sessions,
)

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"
CASES = load_cases(GOOD)
CASE = "fx_adult_labour"  # an adult, consent unknown: a police report is a critical error


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> WorkshopStore:
    url = (
        request.getfixturevalue("postgres_url")
        if request.param == "postgresql"
        else resolve_url(tmp_path / "ws.sqlite")
    )
    s = WorkshopStore.for_content(url)
    yield s
    s.dispose()


def page_text(widget: object) -> str:
    """Every string shown anywhere in a widget tree (values, labels, descriptions)."""
    parts = [
        str(getattr(widget, name, "") or "")
        for name in ("value", "description", "placeholder", "tooltip")
    ]
    return "".join(parts) + "".join(page_text(c) for c in getattr(widget, "children", ()))


def widgets(widget: object) -> list[object]:
    return [widget, *(x for c in getattr(widget, "children", ()) for x in widgets(c))]


def trainer(store: WorkshopStore) -> TrainerApp:
    a = TrainerApp(lang="en", cases=CASES, store=store)
    a.live_seconds = 0
    a.case_select.value = CASE
    a.open_button.click()
    assert a.trainer_code is not None and a.presenter_key
    return a


def presenter(store: WorkshopStore, key: str, lang: str = "en") -> PresenterApp:
    p = PresenterApp(lang=lang, cases=CASES, store=store, public_url="http://10.0.0.5:8866")
    p.poll_seconds = 0
    p.connect(key)
    return p


def answer(store: WorkshopStore, join: str, n: int, signs: list[str], actions: list[str]) -> None:
    for i in range(n):
        store.submit(join, 0, signs, actions, participant=f"browser-{i:04d}-0123456789ab")


def rows(p: PresenterApp) -> dict[str, str]:
    """item id → the classes of its label cell, as the projector shows them."""
    found = re.findall(r'class="hoiku-pbar-label ([^"]*)" data-item="([^"]+)"', p.screen.value)
    return {item: cls for cls, item in found}


def test_the_presenter_never_shows_the_trainer_code_nor_a_control(store: WorkshopStore) -> None:
    a = trainer(store)
    p = presenter(store, a.presenter_key)
    answer(store, a.join_code, 5, ["exp_work_accidents"], ["urgent_care"])
    p.poll()
    text = page_text(p.widget)
    code = normalise_code(a.trainer_code)
    assert a.join_code in text and "exp_work_accidents" in text
    assert code not in normalise_code(text) and a.trainer_code not in text
    assert code not in normalise_code(presenter_link(a.presenter_key, "http://x"))
    # nothing that could change the session: no button, tick, text box; only the languages
    controls = [
        x
        for x in widgets(p.widget)
        if isinstance(x, w.Button | w.Checkbox | w.Text | w.Password | w.Dropdown)
    ]
    assert controls == []
    assert {type(x) for x in widgets(p.widget) if isinstance(x, w.ValueWidget)} <= {
        w.HTML,
        w.ToggleButtons,
    }
    for word in ("trainer.delete", "trainer.export", "trainer.reveal", "trainer.next_stage"):
        assert t(word, "en") not in text


def test_bars_only_from_three_answers(store: WorkshopStore) -> None:
    a = trainer(store)
    p = presenter(store, a.presenter_key)
    for n in range(K_MIN):
        assert "data-count" not in p.screen.value and "hoiku-too-few" in p.screen.value
        assert f'data-answered="{n}"' in p.screen.value
        store.submit(a.join_code, 0, ["exp_work_accidents"], ["urgent_care"])
        p.poll()
    assert 'data-item="exp_work_accidents" data-count="3"' in p.screen.value
    assert "3 (100%)" in p.screen.value  # the count and the share, Babel-formatted (en)


def test_the_key_and_the_critical_errors_appear_after_the_reveal(store: WorkshopStore) -> None:
    a = trainer(store)
    p = presenter(store, a.presenter_key, lang="fi")
    answer(store, a.join_code, 10, ["exp_work_accidents", "ctl_threats"], ["police_report"])
    p.poll()
    before = rows(p)
    assert "hoiku-pbar-right" not in p.screen.value and "hoiku-pbar-critical" not in p.screen.value
    assert set(before) == {"exp_work_accidents", "ctl_threats", "police_report"}
    assert "10 (100\xa0%)" in p.screen.value  # Finnish: a no-break space before the sign
    a.reveal_button.click()  # the trainer's console, through the store
    p.poll()
    after = rows(p)
    assert "hoiku-pbar-right" in after["exp_work_accidents"]
    assert "hoiku-pbar-right" not in after["ctl_threats"]
    assert "hoiku-pbar-critical" in after["police_report"]
    # the key's items nobody chose get a bar (0) too, and every mark has its words
    assert 'data-item="urgent_care" data-count="0"' in p.screen.value
    assert "hoiku-pbar-right" in after["exp_excessive_hours"]
    assert 'aria-hidden="true">✓</span>' in p.screen.value  # a tick, and for a reader the word
    assert f'"hoiku-sr-only">{t("present.mark_right", "fi")}: ' in p.screen.value
    assert f"⚠ {t('present.mark_critical', 'fi')}" in p.screen.value
    assert t("present.legend", "fi") in p.screen.value
    a.reveal_button.click()  # hidden again: the projector is cleared of the key
    p.poll()
    assert "hoiku-pbar-right" not in p.screen.value


def test_the_presenter_follows_the_trainers_stage(store: WorkshopStore) -> None:
    a = trainer(store)
    p = presenter(store, a.presenter_key)
    case = CASES[CASE]
    assert case.stages[0].text.en in p.screen.value and "Stage 1 of 2" in p.heading.value
    a.next_button.click()
    p.poll()
    assert case.stages[1].text.en in p.screen.value and "Stage 2 of 2" in p.heading.value
    assert case.stages[0].text.en not in p.screen.value
    store.set_stage(a.trainer_code, 0)
    p.poll()
    assert "Stage 1 of 2" in p.heading.value


def test_a_wrong_key_or_a_deleted_session_shows_nothing(store: WorkshopStore) -> None:
    a = trainer(store)
    answer(store, a.join_code, 4, ["exp_work_accidents"], [])
    for bad in ("", "x" * 24, a.join_code, normalise_code(a.trainer_code).lower()):
        p = presenter(store, bad)
        assert p.screen.value == "" and esc(t("present.bad_key", "en")) in p.message.value
    p = presenter(store, a.presenter_key)
    join = a.join_code
    assert join in p.screen.value
    a.delete_confirm.value = True
    a.delete_button.click()
    assert p.poll() is False
    assert p.screen.value == "" and join not in page_text(p.widget)
    assert esc(t("present.bad_key", "en")) in p.message.value


def test_the_view_key_reads_only_the_current_stage(store: WorkshopStore) -> None:
    a = trainer(store)
    answer(store, a.join_code, 4, ["exp_work_accidents"], [])
    key = a.presenter_key
    # it is no trainer code: none of the trainer's calls take it
    for call in (store.session_info, store.live_counts, store.delete_session):
        with pytest.raises(PermissionDenied):
            call(key)
    view = store.presenter_view(key.upper())  # as typed off a screen
    assert (view.current_stage, view.answered, view.aggregate.answers) == (0, 4, 4)
    store.set_stage(a.trainer_code, 1)
    view = store.presenter_view(key)
    assert view.current_stage == 1 and not view.aggregate.shown  # stage 1: no answers yet
    assert store.presenter_key(a.trainer_code) == key  # the console can always make it again


def test_an_older_database_gets_a_presenter_key(tmp_path: Path) -> None:
    """A session opened before presenter keys existed gets one when the trainer comes back."""
    path = tmp_path / "old.sqlite"
    old = WorkshopStore(path)
    codes = old.open_session(CASE, 2)
    old.dispose()
    con = sqlite3.connect(path)  # as an older HOIKU left it: no view_hash column, no index
    con.executescript(
        "DROP INDEX ix_hoiku_sessions_view_hash; ALTER TABLE hoiku_sessions DROP COLUMN view_hash;"
    )
    con.close()
    store = WorkshopStore(path)
    with store.engine.connect() as conn:
        assert conn.execute(sessions.select()).first().view_hash is None
    key = store.presenter_key(codes.trainer_code)
    assert store.presenter_view(key).join_code == codes.join_code
    store.dispose()


def test_the_console_shows_the_presenter_link_and_hides_the_code(store: WorkshopStore) -> None:
    a = trainer(store)
    assert presenter_link(a.presenter_key) in a.presenter.value
    assert normalise_code(a.trainer_code) not in normalise_code(a.presenter.value)
    assert a.trainer_code in a.fresh_code.value  # shown once, on the console
    a.hide_code_button.click()
    assert a.trainer_code not in page_text(a.widget)
    assert a.show_code_button.layout.display == "flex"
    a.show_code_button.click()
    assert a.trainer_code in a.fresh_code.value
    again = TrainerApp(lang="en", cases=CASES, store=store)
    again.code_input.value = a.trainer_code
    again.enter_button.click()
    assert again.presenter_key == a.presenter_key and again.fresh_code.value == ""


@settings(max_examples=60, deadline=None)
@given(
    counts=st.dictionaries(
        st.sampled_from([f"i{n}" for n in range(12)]), st.integers(0, 40), max_size=12
    ),
    right=st.none() | st.sets(st.sampled_from([f"i{n}" for n in range(12)]), max_size=4),
    critical=st.sets(st.sampled_from([f"i{n}" for n in range(12)]), max_size=2),
)
def test_bar_rows_show_the_key_first_and_true_counts(
    counts: dict[str, int], right: set[str] | None, critical: set[str]
) -> None:
    answers = max(counts.values(), default=0) + 1
    html = bar_rows(counts, answers, {}, right, critical, "fi")
    shown = re.findall(r'data-item="([^"]+)" data-count="(\d+)"', html)
    for item, n in shown:
        assert int(n) == counts.get(item, 0)
    ids = [item for item, _ in shown]
    assert [int(n) for _, n in shown] == sorted((int(n) for _, n in shown), reverse=True)
    if right is not None:  # the whole key and every chosen critical error, however many
        must = right | {i for i in critical if counts.get(i)}
        assert must <= set(ids)
        assert len(shown) == max(len(must), min(MAX_BARS, len(set(counts) | right)))
    else:
        assert "hoiku-pmark" not in html
        assert len(shown) == min(MAX_BARS, len(counts))
        left_out = sorted(counts.values(), reverse=True)[len(shown) :]
        assert all(n <= min(counts[i] for i in ids) for n in left_out)  # the most chosen
