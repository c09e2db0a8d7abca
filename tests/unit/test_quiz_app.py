"""Does the test page give the right feedback alone, and store a workshop sheet once?"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoiku_lib.i18n import t
from hoiku_lib.quiz.load import load_items, references
from hoiku_lib.quiz.schema import SECTIONS
from hoiku_lib.quiz.score import score_answer
from hoiku_lib.ui.quiz_app import ALL, QuizApp, ordered
from hoiku_lib.workshop.quiz_store import QuizStore
from hoiku_lib.workshop.store import WorkshopStore

ITEMS = load_items()


@pytest.fixture
def quiz(tmp_path: Path) -> QuizStore:
    ws = WorkshopStore(tmp_path / "ws.sqlite")
    yield QuizStore(ws, ITEMS)
    ws.dispose()


def answer(app: QuizApp, item_id: str, ids: list[str]) -> None:
    if item_id in app.radios:
        app.radios[item_id].value = ids[0]
    else:
        for option, box in app.boxes[item_id].items():
            box.value = option in ids


def wrong(item_id: str) -> list[str]:
    item = ITEMS[item_id]
    return [next(o.id for o in item.options if o.id not in item.correct)]


def test_alone_a_topic_gives_feedback_per_item() -> None:
    app = QuizApp(lang="fi", items=ITEMS)
    app.section_select.value = "children"
    app.start_button.click()
    assert app.asked == [i for i in ITEMS if ITEMS[i].section == "children"]
    first, second, third = app.asked[:3]
    answer(app, first, list(ITEMS[first].correct))
    answer(app, second, wrong(second))
    app.submit_button.click()
    assert app.scores is not None
    fb = {i: app.feedbacks[i].value for i in app.asked}
    assert 'data-verdict="right"' in fb[first] and t("quiz.page.right", "fi") in fb[first]
    assert 'data-verdict="wrong"' in fb[second]
    assert 'data-verdict="unanswered"' in fb[third]
    for item_id in (first, second):
        item = ITEMS[item_id]
        right_text = next(o.text["fi"] for o in item.options if o.id in item.correct)
        assert right_text in fb[item_id]
        assert item.explanation["fi"].split()[0] in fb[item_id]
        for ref in references(item, "fi"):
            assert ref.split(",")[0] in fb[item_id]
    assert t("quiz.page.score", "fi", n=1, total=len(app.asked)) in app.summary.value
    app.set_lang("sv")  # a switch relabels, the answers and the feedback stay
    assert t("quiz.page.right", "sv") in app.feedbacks[first].value
    assert app.chosen()[first] == list(ITEMS[first].correct)
    app.again_button.click()
    assert app.scores is None and app.chosen() == {}
    assert all(app.feedbacks[i].value == "" for i in app.asked)


def test_nothing_answered_is_not_scored() -> None:
    app = QuizApp(lang="en", items=ITEMS)
    app.start_button.click()
    assert app.asked == ordered(ITEMS, ALL) and len(app.asked) == len(ITEMS)
    app.submit_button.click()
    assert app.scores is None and t("quiz.page.answer_first", "en") in app.message.value


def test_a_critical_choice_is_named() -> None:
    item_id, option = next(
        (i, o.id) for i, x in ITEMS.items() if x.kind == "single" for o in x.options if o.critical
    )
    app = QuizApp(lang="fi", items=ITEMS)
    app.section_select.value = ITEMS[item_id].section
    app.start_button.click()
    answer(app, item_id, [option])
    app.submit_button.click()
    assert t("quiz.page.critical", "fi") in app.feedbacks[item_id].value


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_verdict_is_the_score(data: st.DataObject) -> None:
    """Whatever is ticked, each item's verdict is what score_answer says."""
    app = QuizApp(lang="en", items=ITEMS)
    app.section_select.value = data.draw(st.sampled_from(SECTIONS))
    app.start_button.click()
    picked = {}
    for item_id in app.asked:
        item = ITEMS[item_id]
        ids = [o.id for o in item.options]
        if item.kind == "single":
            choice = data.draw(st.sampled_from([None, *ids]))
            chosen = [choice] if choice else []
        else:
            chosen = data.draw(st.lists(st.sampled_from(ids), unique=True))
        answer(app, item_id, chosen or ([] if item.kind == "multiple" else [None]))
        if chosen:
            picked[item_id] = chosen
    app.submit_button.click()
    if not picked:
        assert app.scores is None
        return
    for item_id in app.asked:
        html = app.feedbacks[item_id].value
        if item_id not in picked:
            assert 'data-verdict="unanswered"' in html
            continue
        s = score_answer(ITEMS[item_id], picked[item_id])
        verdict = "right" if s.right else ("partly" if s.partial > 0 else "wrong")
        assert f'data-verdict="{verdict}"' in html


def test_workshop_sheet_is_stored_once_with_the_pairing_code(quiz: QuizStore) -> None:
    codes = quiz.workshop.open_session("fx_case", 1)
    app = QuizApp(lang="fi", items=ITEMS, store=quiz)
    app.join(codes.join_code)
    assert app.phase is None and t("quiz.page.not_open", "fi") in app.message.value
    asked = ordered(ITEMS)[:4]
    quiz.open_phase(codes.trainer_code, "pre", asked)
    app.join_input.value = codes.join_code.lower()
    app.join_button.click()
    assert app.phase == "pre" and app.asked == asked
    assert app.pairing_box.layout.display == "flex"
    assert "Älä käytä nimeäsi" in app.pairing_help.value
    assert codes.join_code in app.banner.value
    answer(app, asked[0], list(ITEMS[asked[0]].correct))
    app.pairing_input.value = "Mustikka 42"
    app.submit_button.click()
    assert (
        app.sent
        and app.scores is not None
        and 'data-verdict="right"' in (app.feedbacks[asked[0]].value)
    )
    assert quiz.phase_states(codes.trainer_code)["pre"].sheets == 1
    assert all(r.disabled for i, r in app.radios.items() if i in asked)
    app.submit()  # a second try (a crafted click) is refused
    assert t("quiz.page.already_sent", "fi") in app.message.value
    assert quiz.phase_states(codes.trainer_code)["pre"].sheets == 1
    # the same browser on a reloaded page: the store refuses the second sheet too
    again = QuizApp(lang="fi", items=ITEMS, store=quiz)
    again.participant = app.participant
    again.join(codes.join_code)
    answer(again, asked[0], wrong(asked[0]))
    again.submit_button.click()
    assert again.sent and t("quiz.page.already_sent", "fi") in again.message.value
    assert quiz.phase_states(codes.trainer_code)["pre"].sheets == 1


def test_closed_phase_and_wrong_codes(quiz: QuizStore) -> None:
    codes = quiz.workshop.open_session("fx_case", 1)
    quiz.open_phase(codes.trainer_code, "post", ordered(ITEMS)[:2])
    app = QuizApp(lang="en", items=ITEMS, store=quiz)
    app.join(codes.join_code)
    answer(app, app.asked[0], list(ITEMS[app.asked[0]].correct))
    quiz.close_phase(codes.trainer_code)
    app.submit_button.click()
    assert not app.sent and app.scores is None
    assert t("quiz.ws.phase_closed", "en") in app.message.value
    for _ in range(5):
        app.join("ZZZZZZ")
    assert "ZZZZZZ" not in app.message.value
    app.join(codes.join_code)  # locked after five wrong codes, the right one too
    assert "too many times" in app.message.value and app.phase == "post"
