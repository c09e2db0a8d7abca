"""Does the trainer console show the group's answers only with its code and from three answers?"""

from __future__ import annotations

from pathlib import Path

import pytest

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.ui.trainer_app import TrainerApp
from hoiku_lib.workshop.store import WorkshopStore

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"
CASES = load_cases(GOOD)


@pytest.fixture
def store(tmp_path: Path) -> WorkshopStore:
    s = WorkshopStore.for_content(tmp_path / "ws.sqlite")
    yield s
    s.dispose()


def page_text(widget: object) -> str:
    """Every string value shown anywhere in a widget tree."""
    own = getattr(widget, "value", "")
    text = own if isinstance(own, str) else ""
    return text + "".join(page_text(c) for c in getattr(widget, "children", ()))


def opened(store: WorkshopStore) -> TrainerApp:
    a = TrainerApp(lang="en", cases=CASES, store=store)
    a.case_select.value = "fx_adult_labour"
    a.open_button.click()
    assert a.trainer_code is not None
    return a


def test_open_shows_join_code_and_code_once(store: WorkshopStore) -> None:
    a = opened(store)
    assert a.join_code in a.join_display.value
    assert a.trainer_code in a.fresh_code.value
    a.hide_code_button.click()
    assert a.fresh_code.value == "" and a.trainer_code not in page_text(a.widget)


def test_bars_only_from_three_answers(store: WorkshopStore) -> None:
    a = opened(store)
    for n in range(3):
        a.refresh_button.click()
        assert "hoiku-too-few" in a.bars.value and "data-count" not in a.bars.value
        store.submit(
            a.join_code, 0, ["exp_work_accidents"] + (["ctl_threats"] if n else []), ["urgent_care"]
        )
    a.refresh_button.click()
    assert 'data-item="exp_work_accidents" data-count="3"' in a.bars.value
    assert 'data-item="ctl_threats" data-count="2"' in a.bars.value
    assert "hoiku-bar-key" not in a.bars.value  # the key is not revealed yet
    a.reveal_button.click()
    assert a.revealed and "Care first." in a.key.value
    assert 'class="hoiku-bar-row hoiku-bar-key" data-item="exp_work_accidents"' in a.bars.value


def test_stepping_hides_the_key_and_is_remembered(store: WorkshopStore) -> None:
    a = opened(store)
    a.reveal_button.click()
    a.next_button.click()
    assert a.stage == 1 and not a.revealed and a.key.value == ""
    a.next_button.click()
    assert a.stage == 1  # clamped at the last stage
    info = store.session_info(a.trainer_code)
    assert (info.current_stage, info.revealed) == (1, False)
    again = TrainerApp(lang="en", cases=CASES, store=store)
    again.code_input.value = a.trainer_code
    again.enter_button.click()
    assert again.stage == 1 and again.code_input.value == ""


def test_wrong_code_gets_nothing(store: WorkshopStore) -> None:
    real = opened(store)
    for _ in range(3):
        store.submit(real.join_code, 0, ["exp_work_accidents"], [])
    a = TrainerApp(lang="en", cases=CASES, store=store)
    for code in ("WRONG", real.join_code, ""):
        a.code_input.value = code
        a.enter_button.click()
        assert a.trainer_code is None and "not valid" in a.message.value
    # Crafted clicks on hidden buttons do nothing without a valid code.
    for button in (a.reveal_button, a.refresh_button, a.export_button, a.next_button):
        button.click()
    a.delete_confirm.value = True
    a.delete_button.click()
    assert a.key.value == "" and a.bars.value == "" and a.export_link.value == ""
    assert store.aggregates(real.trainer_code, 0).answers == 3


def test_export_and_delete(store: WorkshopStore) -> None:
    a = opened(store)
    for _ in range(3):
        store.submit(a.join_code, 0, ["exp_work_accidents"], ["urgent_care"])
    a.export_button.click()
    assert "data:text/csv;base64," in a.export_link.value
    code = a.trainer_code
    a.delete_button.click()
    assert a.trainer_code == code and "Confirm" in a.message.value  # needs the tick
    a.delete_confirm.value = True
    a.delete_button.click()
    assert a.trainer_code is None and "deleted" in a.message.value
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        store.session_info(code)


def test_deleted_elsewhere_leaves_the_session(store: WorkshopStore) -> None:
    a = opened(store)
    store.delete_session(a.trainer_code)
    a.refresh_button.click()
    assert a.trainer_code is None and a.session_panel.layout.display == "none"


def test_hoiku_classes(store: WorkshopStore) -> None:
    a = TrainerApp(lang="fi", cases=CASES, store=store)
    for widget, css in (
        (a.code_input, "hoiku-trainer-code"),
        (a.reveal_button, "hoiku-reveal"),
        (a.bars, "hoiku-bars"),
        (a.case_select, "hoiku-case-select"),
        (a.open_button, "hoiku-open-session"),
        (a.export_button, "hoiku-export"),
        (a.delete_button, "hoiku-delete"),
        (a.refresh_button, "hoiku-refresh"),
    ):
        assert css in widget._dom_classes


def test_revealing_closes_the_stage_for_good(store: WorkshopStore) -> None:
    """The note under the reveal button says what revealing does, then that it was done;
    hiding the key again clears the screen but the stage stays closed."""
    from hoiku_lib.workshop.store import StageClosed

    a = opened(store)
    assert "on their own device" in a.reveal_note.value
    a.reveal_button.click()
    assert "has been shown" in a.reveal_note.value
    a.reveal_button.click()  # hide it on the projector
    assert a.key.value == "" and "has been shown" in a.reveal_note.value
    with pytest.raises(StageClosed):
        store.submit(a.join_code, 0, ["exp_work_accidents"], [])
    a.next_button.click()
    assert "on their own device" in a.reveal_note.value
