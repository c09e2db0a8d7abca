"""The knowledge test under `hoiku serve`: alone with feedback on a phone, and a workshop's
pre- and post-test with the trainer's figures. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest
from e2e_support import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    WIDGET_TIMEOUT_MS,
    assert_accessible,
    has_notebook,
    screenshot,
)

from hoiku_lib.i18n import t
from hoiku_lib.quiz.load import load_items
from hoiku_lib.workshop.quiz_store import QuizStore
from hoiku_lib.workshop.store import WorkshopStore

pytestmark = pytest.mark.skipif(
    not has_notebook("dashboards/quiz.ipynb"), reason="quiz dashboard not landed"
)
ITEMS = load_items()


def _open_quiz(page, server, lang: str = "fi", query: str = "") -> None:  # noqa: ANN001
    page.goto(server.dashboard("quiz", lang) + query)
    # attached: a page that joins a workshop at once hides its start panel
    page.wait_for_selector(
        ".hoiku-quiz .hoiku-quiz-start", state="attached", timeout=WIDGET_TIMEOUT_MS
    )


def test_alone_an_answer_gets_feedback_on_a_phone(server, new_page) -> None:
    page = new_page(viewport=PHONE)
    _open_quiz(page, server)
    assert t("quiz.page.start", "fi") in page.inner_text(".hoiku-quiz-start")
    screenshot(page, "quiz-start-phone")
    assert_accessible(page, "quiz")
    label = t("quiz.section.children", "fi")
    page.select_option(".hoiku-quiz-section select", label=label)
    page.click(".hoiku-quiz-start")
    first = page.locator(".hoiku-quiz-item").first
    first.wait_for(timeout=WIDGET_TIMEOUT_MS)
    assert_accessible(page, "quiz questions")
    first.locator("input[type=radio]").first.check()
    page.click(".hoiku-quiz-submit")
    page.wait_for_selector(".hoiku-quiz-fb", timeout=WIDGET_TIMEOUT_MS)
    verdicts = page.eval_on_selector_all(".hoiku-quiz-fb", "els => els.map(e => e.dataset.verdict)")
    assert verdicts[0] in ("right", "wrong") and set(verdicts[1:]) == {"unanswered"}
    assert t("quiz.page.right_answer", "fi") in first.inner_text()
    assert "HOIKU-opas (2017)" in first.inner_text()
    # nothing wider than the phone: no sideways scrolling
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    page.locator(".hoiku-quiz-summary").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "quiz-feedback-phone-viewport.png"))
    screenshot(page, "quiz-feedback-phone")
    assert_accessible(page, "quiz feedback")


def test_workshop_pre_and_post_reach_the_trainer(server, new_page) -> None:
    """The trainer opens the pre-test; one participant answers on the page (?join=), two
    more as the store sees them; then the post-test; the console shows the figures."""
    trainer = new_page(viewport={"width": 1280, "height": 720})
    trainer.goto(server.dashboard("trainer", "en"))
    trainer.wait_for_selector(".hoiku-trainer .hoiku-open-session", timeout=WIDGET_TIMEOUT_MS)
    trainer.click(".hoiku-open-session")
    trainer.wait_for_selector(".hoiku-joincode-big")
    join_code = trainer.inner_text(".hoiku-joincode-big").strip()
    trainer.click(".hoiku-hide-code")
    trainer.click(".hoiku-quiz-open-pre")
    trainer.wait_for_function(
        "text => document.querySelector('.hoiku-quiz-status').innerText.includes(text)",
        arg="pre-test",
    )
    phone = new_page(viewport=PHONE)
    _open_quiz(phone, server, "fi", f"&join={join_code}")
    phone.wait_for_selector(".hoiku-pairing-code input", timeout=WIDGET_TIMEOUT_MS)
    assert join_code in phone.inner_text(".hoiku-banner")
    assert "Älä käytä nimeäsi" in phone.inner_text(".hoiku-quiz")
    first_id = next(iter(ITEMS))
    item = ITEMS[first_id]
    right = item.options.index(next(o for o in item.options if o.id in item.correct))
    phone.locator(".hoiku-quiz-item").first.locator("input[type=radio]").nth(right).check()
    phone.fill(".hoiku-pairing-code input", "Mustikka 42")
    phone.click(".hoiku-quiz-submit")
    phone.wait_for_selector('.hoiku-quiz-fb[data-verdict="right"]', timeout=WIDGET_TIMEOUT_MS)
    assert t("quiz.page.saved", "fi") in phone.inner_text(".hoiku-message")
    screenshot(phone, "quiz-workshop-phone")
    assert_accessible(phone, "quiz workshop")

    ws = WorkshopStore(server.db)
    quiz = QuizStore(ws, ITEMS)
    wrong = next(o.id for o in item.options if o.id not in item.correct)
    for code in ("kettu7", "pollo8"):
        quiz.submit(join_code, "pre", {first_id: [wrong]}, None, code)
    trainer.click(".hoiku-quiz-open-post")
    trainer.wait_for_function(
        "text => document.querySelector('.hoiku-quiz-status').innerText.includes(text)",
        arg="post-test",
    )
    for code in ("mustikka42", "KETTU 7", "pollo-8"):
        quiz.submit(join_code, "post", {first_id: list(item.correct)}, None, code)
    ws.dispose()
    trainer.click(".hoiku-quiz-refresh")
    row = f'.hoiku-quiz-figures tr[data-item="{first_id}"]'
    trainer.wait_for_function(  # pre, post and the change: all three shown
        "sel => document.querySelectorAll(sel).length === 3",
        arg=f'{row} td[data-shown="1"]',
        timeout=WIDGET_TIMEOUT_MS,
    )
    means = trainer.eval_on_selector_all(f"{row} td", "els => els.map(e => e.dataset.mean)")
    assert means == ["0.3333", "1.0000", "0.6667"]  # pre 1/3, post 3/3, paired change +2/3
    trainer.locator(".hoiku-quiz-results").scroll_into_view_if_needed()
    trainer.locator(".hoiku-quiz-status").evaluate("e => e.scrollIntoView({block: 'start'})")
    ARTIFACTS.mkdir(exist_ok=True)
    trainer.screenshot(path=str(ARTIFACTS / "trainer-quiz-results-1280x720.png"))
    screenshot(trainer, "trainer-quiz-results-desktop")
    assert_accessible(trainer, "trainer with the quiz")
    assert DESKTOP["width"] == 1280
