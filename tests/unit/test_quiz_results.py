"""Does the trainer's test panel show the right figures, only with the trainer code and only
from three participants (or pairs) up? Participants answer through the test page itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hoiku_lib import formatting
from hoiku_lib.cases.schema import load_cases
from hoiku_lib.i18n import t
from hoiku_lib.quiz.load import load_items
from hoiku_lib.quiz.score import K_MIN
from hoiku_lib.ui.quiz_app import QuizApp, ordered
from hoiku_lib.ui.quiz_results import QuizResults
from hoiku_lib.ui.trainer_app import TrainerApp
from hoiku_lib.workshop.quiz_store import QuizStore
from hoiku_lib.workshop.store import WorkshopStore

ITEMS = load_items()
CASES = load_cases(Path(__file__).resolve().parents[1] / "fixtures" / "cases_good")
ASKED = [i for i in ordered(ITEMS) if ITEMS[i].kind == "single"][:3]
EXTRA = next(i for i in ordered(ITEMS) if ITEMS[i].kind == "multiple")


@pytest.fixture
def store(tmp_path: Path) -> WorkshopStore:
    s = WorkshopStore.for_content(tmp_path / "ws.sqlite")
    yield s
    s.dispose()


def right(item_id: str) -> str:
    return ITEMS[item_id].correct[0]


def wrong(item_id: str) -> str:
    return next(o.id for o in ITEMS[item_id].options if o.id not in ITEMS[item_id].correct)


def participant(store: WorkshopStore, join: str, code: str, n_right: int) -> QuizApp:
    """One participant on their own page: the first ``n_right`` asked items right."""
    app = QuizApp(lang="en", items=ITEMS, store=QuizStore(store, ITEMS))
    app.join_input.value = join
    app.join_button.click()
    for n, item_id in enumerate(i for i in app.asked if i in ASKED):
        app.radios[item_id].value = right(item_id) if n < n_right else wrong(item_id)
    app.pairing_input.value = code
    app.submit_button.click()
    assert app.sent, app.message.value
    return app


def figures(html: str, item: str) -> list[tuple[str, str | None]]:
    """(shown, mean) of each figure cell in the row of ``item``."""
    row = re.search(rf'<tr[^>]*data-item="{item}".*?</tr>', html, re.S)
    assert row, item
    return re.findall(r'data-shown="(\d)"(?: data-mean="([0-9.-]+)")?', row.group(0))


def opened_console(store: WorkshopStore) -> TrainerApp:
    console = TrainerApp(lang="en", cases=CASES, store=store)
    console.live_seconds = 0
    console.case_select.value = "fx_adult_labour"
    console.open_button.click()
    assert console.trainer_code is not None
    return console


def test_three_pre_and_post_give_the_figures_a_wrong_code_nothing(store: WorkshopStore) -> None:
    console = opened_console(store)
    panel = console.quiz_results
    assert panel.widget.layout.display == "flex"
    # as the button does, with the items chosen: three answered, one nobody answers
    panel.quiz.open_phase(console.trainer_code, "pre", [*ASKED, EXTRA])
    panel.refresh_button.click()
    assert "Open now: pre-test" in panel.status.value
    # pre: 0, 1 and 2 of 3 right; post: all right
    for code, n in (("owl 1", 0), ("fox-2", 1), ("Elk3", 2)):
        participant(store, console.join_code, code, n)
    panel.open_buttons["post"].click()
    assert "Open now: post-test" in panel.status.value
    for code in ("OWL1", "fox2", "elk 3"):
        participant(store, console.join_code, code, 3)
    panel.refresh_button.click()
    html = panel.table.value
    # overall: pre mean (0 + 1/3 + 2/3) / 3 = 1/3, post 1, change +2/3
    assert figures(html, "overall") == [("1", "0.3333"), ("1", "1.0000"), ("1", "0.6667")]
    # item 1: right for 2 of 3 before (fox, elk), 3 of 3 after; item 3: nobody before
    assert figures(html, ASKED[0]) == [("1", "0.6667"), ("1", "1.0000"), ("1", "0.3333")]
    assert figures(html, ASKED[2]) == [("1", "0.0000"), ("1", "1.0000"), ("1", "1.0000")]
    assert f'data-item="{EXTRA}"' not in html  # nobody answered it: no row of zeros
    pct = formatting.percent(2 / 3, "en")
    assert pct in html and formatting.interval(0.2077, 0.9385, "en") in html
    assert "3 participants answered" in panel.status.value
    # Finnish numbers: the comma and the no-break space before the percent sign
    panel.set_lang("fi")
    assert formatting.percent(1 / 3, "fi") in panel.table.value and "\u00a0%" in panel.table.value

    # a fourth person with a wrong trainer code sees nothing: not in the console...
    other = TrainerApp(lang="en", cases=CASES, store=store)
    other.code_input.value = "ABCD-EFGH-JKMN-PQRS"
    other.enter_button.click()
    assert other.trainer_code is None
    assert other.quiz_results.widget.layout.display == "none"
    assert other.quiz_results.table.value == "" and other.quiz_results.status.value == ""
    # ...nor with the panel itself, nor with the join code in the trainer code's place
    for bad in ("ABCD-EFGH-JKMN-PQRS", console.join_code, ""):
        alone = QuizResults("en", ITEMS)
        alone.show(store, bad)
        alone.open_buttons["follow_up"].click()
        alone.export_button.click()
        assert alone.table.value == alone.status.value == alone.export_link.value == ""
        assert alone.widget.layout.display == "none"
    assert "follow_up" not in panel.quiz.phase_states(console.trainer_code)


def test_fewer_than_three_show_no_figures(store: WorkshopStore) -> None:
    console = opened_console(store)
    panel = console.quiz_results
    panel.quiz.open_phase(console.trainer_code, "pre", ASKED)
    for code, n in (("a1", 3), ("b2", 0)):
        participant(store, console.join_code, code, n)
    panel.refresh_button.click()
    html = panel.table.value
    assert K_MIN == 3
    for item in ("overall", *ASKED):
        assert figures(html, item) == [("0", "")]
    assert "data-mean" not in html and "%" not in html.split("</p>", 1)[1]
    assert t("quiz.results.too_few_short", "en") in html
    # a third answers: the figures appear; the post-test's pairs are still too few
    participant(store, console.join_code, "c3", 3)
    panel.open_buttons["post"].click()
    for code in ("a1", "b2"):
        participant(store, console.join_code, code, 3)
    panel.refresh_button.click()
    assert figures(panel.table.value, "overall") == [("1", "0.6667"), ("0", ""), ("0", "")]


def test_close_leave_and_export(store: WorkshopStore) -> None:
    console = opened_console(store)
    panel = console.quiz_results
    panel.quiz.open_phase(console.trainer_code, "pre", ASKED)
    for code, n in (("a1", 3), ("b2", 0), ("c3", 1)):
        participant(store, console.join_code, code, n)
    panel.close_button.click()
    assert t("quiz.results.none_open", "en") in panel.status.value and panel.close_button.disabled
    late = QuizApp(lang="en", items=ITEMS, store=QuizStore(store, ITEMS))
    late.join(console.join_code)
    assert t("quiz.page.not_open", "en") in late.message.value
    panel.export_button.click()
    assert 'download="hoiku-knowledge-test-' in panel.export_link.value
    console.leave_button.click()
    assert panel.widget.layout.display == "none" and panel.table.value == ""


def test_an_open_test_gets_its_qr_code(store: WorkshopStore) -> None:
    """While a phase is open the panel shows a QR code of /quiz?join=CODE with the server's
    passcode, the typed address without it; none when closed or the address is unknown."""
    from urllib.parse import parse_qs, urlsplit

    from hoiku_lib.ui._case_html import join_qr_html
    from hoiku_lib.ui.quiz_results import quiz_link

    console = TrainerApp(
        lang="en", cases=CASES, store=store, public_url="http://10.0.0.5:8866/", passcode="pw7k"
    )
    console.live_seconds = 0
    console.case_select.value = "fx_adult_labour"
    console.open_button.click()
    panel = console.quiz_results
    assert panel.join_qr.value == ""
    panel.open_buttons["pre"].click()
    link = quiz_link(console.join_code, "http://10.0.0.5:8866/", "pw7k")
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("10.0.0.5:8866", "/quiz")
    assert parse_qs(parts.query) == {"join": [console.join_code], "token": ["pw7k"]}
    typed = quiz_link(console.join_code, "http://10.0.0.5:8866/")
    assert panel.join_qr.value == join_qr_html(link, typed, "en") and "pw7k" not in typed
    panel.close_button.click()
    assert panel.join_qr.value == ""
    assert quiz_link("ABCDEF", "") == ""
