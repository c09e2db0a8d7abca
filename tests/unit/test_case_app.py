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


def app(store: WorkshopStore | None = None, lang: str = "en", poll: float = 0) -> CaseApp:
    a = CaseApp(lang=lang, cases=CASES, store=store)
    a.poll_seconds = poll  # 0: no background look-ups, the test calls poll()
    return a


def joined(store: WorkshopStore, join_code: str, participant: str | None = None) -> CaseApp:
    a = app(store)
    a.participant = participant
    a.join_input.value = join_code
    a.join_button.click()
    assert a.case is not None
    return a


def shows_key(a: CaseApp) -> bool:
    """Anything of the key on the page: feedback items or the record exercise."""
    return bool(a.feedback.value) or a.record_box.layout.display != "none"


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
    assert "IV.4" in fb  # the guide place of the police report
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
        # one banner: the workshop, what is stored, the training-aid notice
        assert codes.join_code in a.banner.value and "stored anonymously" in a.banner.value
        assert "not a diagnostic instrument" in a.banner.value and a.message.value == ""
        a.case_select.value = "fx_child_begging"
        a.start_button.click()  # cannot switch case while in a workshop
        assert a.case.id == "fx_adult_labour"
        answer(a, ["exp_work_accidents"], ["urgent_care"])
    apps[0].sign_boxes["ctl_threats"].value = True
    apps[0].submit_button.click()  # resubmitting replaces, does not add
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.answers == 3
    assert agg.signs == {"exp_work_accidents": 3, "ctl_threats": 1}


def test_workshop_feedback_waits_for_the_reveal(store: WorkshopStore) -> None:
    """A submitted answer says 'saved, wait'; the key comes when the trainer reveals."""
    codes = store.open_session("fx_adult_labour", 2)
    a = joined(store, codes.join_code)
    answer(a, ["exp_work_accidents"], ["urgent_care"])
    assert a.result is not None and not shows_key(a)
    assert "Wait for the trainer" in a.wait_note.value
    # Crafted clicks cannot pull the key out early.
    a.record_options.value = 0
    a.record_button.click()
    assert a.record_feedback.value == ""
    a.next_button.click()
    assert a.stage == 0 and "when the trainer does" in a.message.value
    # Before the reveal the answer may change (it replaces the stored one).
    a.sign_boxes["ctl_threats"].value = True
    a.submit_button.click()
    assert not shows_key(a)
    store.set_stage(codes.trainer_code, 0, revealed=True)
    a.poll()
    assert a.wait_note.value == "" and 'data-kind="found"' in a.feedback.value
    assert "stored anonymously" in a.feedback.value  # the last answer submitted
    assert 'data-sign="ctl_threats"' in a.feedback.value  # …with the second tick
    assert a.record_box.layout.display == "flex"
    a.record_options.value = 0
    a.record_button.click()
    assert 'data-safe="true"' in a.record_feedback.value
    a.next_button.click()
    assert a.stage == 0  # the reveal does not let a phone go ahead of the trainer
    store.set_stage(codes.trainer_code, 1)
    a.poll()
    assert a.stage == 1 and not shows_key(a)


def test_after_the_reveal_answers_are_refused_with_a_message(store: WorkshopStore) -> None:
    """A late answer does not enter the bars; the page says why and shows the key."""
    codes = store.open_session("fx_adult_labour", 2)
    store.set_stage(codes.trainer_code, 0, revealed=True)
    late = joined(store, codes.join_code)
    answer(late, ["exp_work_accidents"], [])
    assert "already shown" in late.message.value
    assert late.feedback.value and "stored anonymously" not in late.feedback.value
    assert store.answer_count(codes.trainer_code) == {}
    late.next_button.click()
    assert late.stage == 0
    store.set_stage(codes.trainer_code, 1)
    late.poll()
    assert late.stage == 1


def test_the_page_follows_the_trainers_stage(store: WorkshopStore) -> None:
    """The trainer moves on (without the key): the phone follows, the ticks stay; back again,
    the answered stage still has its answer."""
    codes = store.open_session("fx_adult_labour", 2)
    a = joined(store, codes.join_code)
    answer(a, ["exp_work_accidents"], [])
    assert a.next_button.disabled and a.next_button.layout.display == "none"
    store.set_stage(codes.trainer_code, 1, revealed=False)
    a.poll()
    assert a.stage == 1 and a.result is None and not shows_key(a)
    assert "Stage 2 of 2" in a.stage_text.value
    assert a.sign_boxes["exp_work_accidents"].value  # the signs accumulate
    store.set_stage(codes.trainer_code, 0, revealed=True)
    a.poll()
    assert a.stage == 0 and a.result is not None and shows_key(a)


def test_the_page_learns_of_the_reveal_by_itself(store: WorkshopStore) -> None:
    """The background look-up (no event loop here: it updates the widgets itself)."""
    import time

    codes = store.open_session("fx_adult_labour", 2)
    a = app(store, poll=0.05)
    a.join_input.value = codes.join_code
    a.join_button.click()
    answer(a, ["exp_work_accidents"], [])
    assert not shows_key(a)
    store.set_stage(codes.trainer_code, 0, revealed=True)
    deadline = time.monotonic() + 30  # returns as soon as it arrives; generous under load
    while not a.feedback.value and time.monotonic() < deadline:
        time.sleep(0.05)
    assert a.feedback.value and a.wait_note.value == ""
    a.restart_button.click()  # leaving stops the look-ups
    assert a._stop_polling is None


def test_the_same_browser_rejoining_replaces_its_answer(store: WorkshopStore) -> None:
    """Five reloads (five apps, one participant id) and an answer each: counted once."""
    codes = store.open_session("fx_adult_labour", 2)
    me = "browser-cookie-0123456789"
    for n in range(5):
        a = joined(store, codes.join_code, participant=me)
        answer(a, ["exp_work_accidents"] + (["ctl_threats"] if n == 4 else []), [])
    for other in ("browser-two-0123456789", "browser-three-012345678"):
        answer(joined(store, codes.join_code, participant=other), ["exp_work_accidents"], [])
    agg = store.aggregates(codes.trainer_code, 0)
    assert agg.answers == 3 and agg.signs == {"exp_work_accidents": 3, "ctl_threats": 1}


def test_the_participant_id_comes_from_the_request(
    store: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served by HOIKU, the kernel reads the browser's id from $HTTP_X_HOIKU_PARTICIPANT."""
    from hoiku_lib.ui import request

    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("HTTP_X_HOIKU_PARTICIPANT", "from-the-cookie-0123456789")
    codes = store.open_session("fx_adult_labour", 2)
    a = joined(store, codes.join_code)
    assert a.participant == "from-the-cookie-0123456789"
    monkeypatch.setenv("HTTP_X_HOIKU_PARTICIPANT", "not valid!")
    assert request.participant_id() is None


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
