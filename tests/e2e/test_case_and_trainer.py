"""A participant's whole case, keyboard-only use, and a live workshop with a trainer."""

from __future__ import annotations

import time

import pytest
from e2e_support import (
    DESKTOP,
    PHONE,
    WIDGET_TIMEOUT_MS,
    assert_accessible,
    has_notebook,
    screenshot,
)

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.i18n import t
from hoiku_lib.workshop.store import WorkshopStore

pytestmark = pytest.mark.skipif(
    not has_notebook("dashboards/case.ipynb"), reason="case dashboard not landed"
)


def _css(item_id: str) -> str:
    return item_id.replace("_", "-")


def _open_case(page, server, lang: str = "fi") -> None:  # noqa: ANN001
    page.goto(server.dashboard("case", lang))
    page.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)


def _choose_case(page, cases, index: int = 0):  # noqa: ANN001, ANN202
    """Pick a case in the dropdown (options follow load_cases() order, as in the app)."""
    page.select_option(".hoiku-case-select select", index=index)
    return list(cases.values())[index]


def _answer_stage(page, case, stage: int) -> None:  # noqa: ANN001
    """Tick the key's signs and actions of one stage, submit, check the record entry."""
    key = case.stages[stage].key
    for sign in key.signs:
        page.check(f".hoiku-sign-{_css(sign.id)} input")
    for action in key.actions:
        page.check(f".hoiku-action-{_css(action.id)} input")
    page.click(".hoiku-submit")
    page.wait_for_selector(".hoiku-feedback .widget-html-content > *")
    if key.record is not None:
        page.locator(".hoiku-record-options .widget-radio-box label").first.click()
        page.click(".hoiku-record-check")
        page.wait_for_selector(".hoiku-record-feedback .widget-html-content > *")


def _wait_for_full_pool(server, notebook: str, timeout_s: float = 180) -> None:  # noqa: ANN001
    """Until Voilà's log says the notebook's pool is filled after its last kernel was taken."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        lines = [
            line
            for line in server.log_lines()
            if notebook in line and ("is filled" in line or "Using pre-heated" in line)
        ]
        if lines and "is filled" in lines[-1]:
            return
        time.sleep(0.5)
    raise AssertionError(f"the pool of {notebook} did not fill in {timeout_s} s")


def test_query_language_reaches_a_preheated_kernel(server, new_page) -> None:
    """?lang=en must work even though the kernel ran before the request existed.

    The case pages' pool is waited for first: other test files on the same server (in the
    same test worker) may have just taken its kernels.
    """
    _wait_for_full_pool(server, "dashboards/case.ipynb")
    page = new_page(locale="fi-FI")
    _open_case(page, server, "en")
    assert t("case.start", "en") in page.inner_text(".hoiku-start")
    log = "\n".join(server.log_lines())
    assert "Using pre-heated kernel" in log and "dashboards/case.ipynb" in log


def test_participant_works_through_a_whole_case(server, new_page) -> None:
    """Start → every stage answered with feedback → finish, back to the case list."""
    cases = load_cases()
    page = new_page()
    _open_case(page, server)
    case = _choose_case(page, cases)
    page.click(".hoiku-start")
    page.wait_for_selector(".hoiku-stage-text .widget-html-content > *")
    for stage in range(len(case.stages)):
        _answer_stage(page, case, stage)
        if stage == 0:
            screenshot(page, "case-feedback-desktop")
        if stage + 1 < len(case.stages):
            page.click(".hoiku-next-stage")
            page.wait_for_function(
                "() => !document.querySelector('.hoiku-feedback').innerText.trim()"
            )
    assert page.is_hidden(".hoiku-next-stage")
    page.click(".hoiku-restart")
    page.wait_for_selector(".hoiku-start", state="visible")


def test_language_switch_relabels_the_case_dashboard(server, new_page) -> None:
    """Does the in-page fi/sv/en switch change the texts without reloading?"""
    page = new_page()
    _open_case(page, server, "fi")
    assert t("case.start", "fi") in page.inner_text(".hoiku-start")
    page.locator(".hoiku-lang button", has_text=t("ui.language_name", "sv")).click()
    page.wait_for_function(
        "text => document.querySelector('.hoiku-start').innerText.includes(text)",
        arg=t("case.start", "sv"),
    )


def test_a_case_can_be_done_with_the_keyboard_only(server, new_page) -> None:
    """Tab to the start button, Space to start, Tab to a sign, Space to tick it, submit."""
    page = new_page()
    _open_case(page, server)
    _choose_case(page, load_cases())
    page.locator(".hoiku-case-select select").focus()

    def tab_to(selector: str, limit: int = 200) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(
                "sel => !!document.activeElement && !!document.activeElement.closest(sel)",
                selector,
            ):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to(".hoiku-start")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hoiku-stage-text .widget-html-content > *")
    tab_to(".hoiku-sign")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked") is True
    tab_to(".hoiku-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hoiku-feedback .widget-html-content > *")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_case_dashboard_is_accessible(server, new_page, size: str) -> None:
    """No serious or critical WCAG 2.1 AA violation, on the start and a stage."""
    cases = load_cases()
    page = new_page(viewport=DESKTOP if size == "desktop" else PHONE)
    _open_case(page, server)
    screenshot(page, f"case-start-{size}")
    assert_accessible(page, "case")
    case = _choose_case(page, cases)
    page.click(".hoiku-start")
    page.wait_for_selector(".hoiku-stage-text .widget-html-content > *")
    _answer_stage(page, case, 0)
    screenshot(page, f"case-stage-{size}")
    assert_accessible(page, "case")


def _open_workshop(server, new_page, cases, index: int = 1):  # noqa: ANN001, ANN202
    """The trainer's page with a new workshop open: (page, case, join code)."""
    trainer = new_page()
    trainer.goto(server.dashboard("trainer", "fi"))
    trainer.wait_for_selector(".hoiku-trainer .hoiku-open-session", timeout=WIDGET_TIMEOUT_MS)
    case = _choose_case(trainer, cases, index)
    trainer.click(".hoiku-open-session")
    trainer.wait_for_selector(".hoiku-joincode-big")
    join_code = trainer.inner_text(".hoiku-joincode-big").strip()
    assert join_code
    return trainer, case, join_code


def _join(page, server, join_code: str) -> None:  # noqa: ANN001
    _open_case(page, server)
    page.fill(".hoiku-join-code input", join_code)
    page.click(".hoiku-join")
    page.wait_for_selector(".hoiku-stage-text .widget-html-content > *")


def _key_on_page(page) -> bool:  # noqa: ANN001
    """Anything of the key: feedback items, a score or the record-keeping exercise."""
    return page.evaluate(
        """() => !!document.querySelector(
               '.hoiku-feedback [data-kind], .hoiku-feedback .hoiku-score,'
               + ' .hoiku-record-feedback .widget-html-content > *')
           || [...document.querySelectorAll('.hoiku-record-options')]
                .some(e => e.offsetParent !== null)"""
    )


@pytest.mark.skipif(
    not has_notebook("dashboards/trainer.ipynb"), reason="trainer dashboard not landed"
)
def test_three_participants_answer_and_the_trainer_sees_their_bars(server, new_page) -> None:
    """Trainer opens a workshop; three browsers join with its code; bars show 3 answers.
    The phones show no key until the trainer reveals it, then each its own feedback."""
    cases = load_cases()
    trainer, case, join_code = _open_workshop(server, new_page, cases)
    screenshot(trainer, "trainer-session-desktop")
    assert_accessible(trainer, "trainer")

    sign = case.stages[0].key.signs[0].id
    phones = []
    for n in range(3):
        page = new_page(viewport=PHONE if n == 0 else DESKTOP)
        _join(page, server, join_code)
        page.check(f".hoiku-sign-{_css(sign)} input")
        page.click(".hoiku-submit")
        page.wait_for_selector(".hoiku-wait .widget-html-content > *")
        assert not _key_on_page(page)  # saved, waiting: no key before the reveal
        phones.append(page)
    screenshot(phones[0], "case-workshop-waiting-phone")
    assert_accessible(phones[0], "case")

    trainer.click(".hoiku-refresh")
    bar = trainer.wait_for_selector(f'.hoiku-bars [data-item="{sign}"]')
    assert bar.get_attribute("data-count") == "3"
    time.sleep(2.5)  # a look-up round on the phones: still nothing
    assert not any(_key_on_page(p) for p in phones)
    trainer.click(".hoiku-reveal")
    trainer.wait_for_selector(".hoiku-key .widget-html-content > *")
    trainer.wait_for_selector(f'.hoiku-bars .hoiku-bar-key[data-item="{sign}"]')
    for page in phones:  # the key reaches every phone by itself within a few seconds
        page.wait_for_selector(".hoiku-feedback [data-kind]", timeout=10_000)
        assert page.inner_text(".hoiku-wait").strip() == ""
    screenshot(phones[0], "case-workshop-phone")
    screenshot(trainer, "trainer-bars-desktop")
    trainer.set_viewport_size(PHONE)
    screenshot(trainer, "trainer-bars-phone")

    # A late answer after the reveal is refused with a message and does not count.
    late = new_page(viewport=PHONE)
    _join(late, server, join_code)
    late.click(".hoiku-submit")
    late.wait_for_function(
        "text => document.querySelector('.hoiku-message').innerText.includes(text)",
        arg=t("ws.stage_closed", "fi"),
    )
    trainer.click(".hoiku-refresh")
    trainer.wait_for_selector(f'.hoiku-bars [data-item="{sign}"][data-count="3"]')


@pytest.mark.skipif(
    not has_notebook("dashboards/trainer.ipynb"), reason="trainer dashboard not landed"
)
def test_five_reloads_each_followed_by_an_answer_count_once(server, new_page) -> None:
    """The same browser reloading and rejoining replaces its answer; others add theirs."""
    cases = load_cases()
    trainer, case, join_code = _open_workshop(server, new_page, cases, 2)
    signs = [s.id for s in case.stages[0].key.signs]
    me = new_page(viewport=PHONE)
    for n in range(5):  # each _join loads the page anew: a reload, a new kernel
        _join(me, server, join_code)
        if n == 4 and len(signs) > 1:
            me.check(f".hoiku-sign-{_css(signs[1])} input")
        me.check(f".hoiku-sign-{_css(signs[0])} input")
        me.click(".hoiku-submit")
        me.wait_for_selector(".hoiku-wait .widget-html-content > *")
    store = WorkshopStore.for_content(server.db)  # two others answer (as the store sees it)
    for other in ("other-browser-one-0123", "other-browser-two-0123"):
        store.submit(join_code, 0, [signs[0]], [], participant=other)
    store.dispose()
    trainer.click(".hoiku-refresh")
    trainer.wait_for_selector(f'.hoiku-bars [data-item="{signs[0]}"]')
    assert trainer.get_attribute(f'.hoiku-bars [data-item="{signs[0]}"]', "data-count") == "3"
    assert t("trainer.answers_n", "fi", n=3) in trainer.inner_text(".hoiku-answer-count")
    if len(signs) > 1:  # the last of the five answers is the one counted
        count = trainer.get_attribute(f'.hoiku-bars [data-item="{signs[1]}"]', "data-count")
        assert count == "1"
