"""Does the participant dashboard work without a browser: pick, tick, submit, feedback, workshop?

ipywidgets swallows exceptions raised in on_click handlers, so every test asserts on state.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.ui.case_app import CaseApp
from hoiku_lib.workshop.store import WorkshopStore

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"
CASES = load_cases(GOOD)


@pytest.fixture
def store(tmp_path: Path) -> WorkshopStore:
    s = WorkshopStore.for_content(tmp_path / "ws.sqlite")
    yield s
    s.dispose()


def app(store: WorkshopStore | None = None, lang: str = "en") -> CaseApp:
    return CaseApp(lang=lang, cases=CASES, store=store)


def answer(a: CaseApp, signs: list[str], actions: list[str]) -> None:
    for s in signs:
        a.sign_boxes[s].value = True
    for x in actions:
        a.action_boxes[x].value = True
    a.submit_button.click()


def test_self_study_walkthrough() -> None:
    a = app()
    assert a.start_panel.layout.display == "flex" and a.case_panel.layout.display == "none"
    a.case_select.value = "fx_child_begging"
    a.start_button.click()
    assert a.case is not None and a.case.id == "fx_child_begging" and a.stage == 0
    assert "Stage 1 of 2" in a.stage_text.value
    a.next_button.click()  # not answered yet: refused even if the button were enabled
    assert a.stage == 0 and "Submit this stage" in a.message.value
    answer(a, ["vul_economic_hardship"], [])
    assert a.result is not None and a.result.score == 1.0
    assert "training aid, not a diagnostic instrument" in a.feedback.value
    a.next_button.click()
    assert a.stage == 1 and a.result is None and a.feedback.value == ""
    assert a.sign_boxes["vul_economic_hardship"].value  # signs accumulate
    answer(a, ["exp_school_difficulties"], ["urgent_care"])
    fb = a.feedback.value
    assert 'class="hoiku-critical"' in fb and 'data-action="police_report"' in fb
    assert "Guide, section IV.4" in fb
    assert a.next_button.layout.display == "none"  # last stage


def test_record_exercise() -> None:
    a = app()
    a.case_select.value = "fx_adult_labour"
    a.start_button.click()
    assert a.record_box.layout.display == "none"  # only after the answer
    a.record_options.value = 1
    a.record_button.click()
    assert a.record_feedback.value == ""
    answer(a, ["exp_work_accidents"], ["urgent_care"])
    assert a.record_box.layout.display == "flex"
    a.record_options.value = 1
    a.record_button.click()
    assert 'data-safe="false"' in a.record_feedback.value
    a.record_options.value = 0
    a.record_button.click()
    assert 'data-safe="true"' in a.record_feedback.value


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_language_switch_relabels_and_keeps_state(lang: str) -> None:
    a = app()
    a.case_select.value = "fx_adult_labour"
    a.start_button.click()
    answer(a, ["exp_work_accidents"], [])
    a.lang_switch.value = lang
    assert a.lang == lang
    assert a.sign_boxes["exp_work_accidents"].value
    label = a.content.indicators["exp_work_accidents"].label[lang]
    assert a.sign_boxes["exp_work_accidents"].description == label
    assert CASES["fx_adult_labour"].stages[0].text[lang] in a.stage_text.value
    assert a.result is not None and a.feedback.value


def test_workshop_answers_are_stored_anonymously(store: WorkshopStore) -> None:
    codes = store.open_session("fx_adult_labour", 2)
    apps = [app(store) for _ in range(3)]
    for a in apps:
        a.join_input.value = codes.join_code.lower()
        a.join_button.click()
        assert a.case is not None and a.case.id == "fx_adult_labour"
        assert a.workshop_note.layout.display == "flex"
        a.case_select.value = "fx_child_begging"
        a.start_button.click()  # cannot switch case while in a workshop
        assert a.case.id == "fx_adult_labour"
        answer(a, ["exp_work_accidents"], ["urgent_care"])
    apps[0].sign_boxes["ctl_threats"].value = True
    apps[0].submit_button.click()  # resubmitting replaces, does not add
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.answers == 3
    assert agg.signs == {"exp_work_accidents": 3, "ctl_threats": 1}


def test_wrong_join_code(store: WorkshopStore) -> None:
    a = app(store)
    a.join_input.value = "ZZZZZZ"
    a.join_button.click()
    assert a.case is None and "No open workshop" in a.message.value


def test_submit_without_a_case_does_nothing() -> None:
    a = app()
    a.submit_button.click()
    a.record_button.click()
    a.next_button.click()
    assert a.case is None and a.result is None


def test_interactive_widgets_carry_hoiku_classes() -> None:
    a = app()
    assert "hoiku-case-select" in a.case_select._dom_classes
    assert "hoiku-sign-exp-work-accidents" in a.sign_boxes["exp_work_accidents"]._dom_classes
    assert "hoiku-action-police-report" in a.action_boxes["police_report"]._dom_classes
    for widget, css in (
        (a.submit_button, "hoiku-submit"),
        (a.next_button, "hoiku-next-stage"),
        (a.join_input, "hoiku-join-code"),
    ):
        assert css in widget._dom_classes


def test_participant_kernel_stays_lean() -> None:
    """Building the app loads no pandas, matplotlib or (before joining) SQLAlchemy."""
    code = (
        "import sys; from hoiku_lib.ui.case_app import CaseApp; CaseApp(lang='fi'); "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.strip() == "[]"
