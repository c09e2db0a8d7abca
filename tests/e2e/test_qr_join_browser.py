"""Join by the trainer's QR code on a phone, live counts, and the phone following the trainer.

The link is read off the trainer's page (the text under the QR code; this server has no
passcode, so the code holds the same link) and the page's SVG is compared with segno's code
of that link; a phone-sized browser opens it and is in the workshop without typing.
"""

from __future__ import annotations

import re

import pytest
import segno
from e2e_support import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    WIDGET_TIMEOUT_MS,
    assert_accessible,
    has_notebook,
    screenshot,
    serve_process,
)

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.i18n import t
from hoiku_lib.ui._case_html import QR_SCALE

pytestmark = pytest.mark.skipif(
    not (has_notebook("dashboards/case.ipynb") and has_notebook("dashboards/trainer.ipynb")),
    reason="case or trainer dashboard not landed",
)


def _path_d(svg: str) -> str:
    return re.search(r' d="([^"]+)"', svg).group(1)


def _open_workshop(server, new_page):  # noqa: ANN001, ANN202
    trainer = new_page(viewport=DESKTOP)
    trainer.goto(server.dashboard("trainer", "fi"))
    trainer.wait_for_selector(".hoiku-trainer .hoiku-open-session", timeout=WIDGET_TIMEOUT_MS)
    trainer.select_option(".hoiku-case-select select", index=1)
    trainer.click(".hoiku-open-session")
    trainer.wait_for_selector(".hoiku-join-qr svg")
    join_code = trainer.inner_text(".hoiku-joincode-big").strip()
    return trainer, join_code


def test_a_phone_joins_by_the_qr_link_and_follows_the_trainer(server, new_page) -> None:
    cases = load_cases()
    case = list(cases.values())[1]
    trainer, join_code = _open_workshop(server, new_page)
    link = trainer.get_attribute(".hoiku-join-link a", "href")
    assert link == f"{server.url}case?join={join_code}"
    svg = trainer.inner_html(".hoiku-join-qr .hoiku-qr-code")
    expected = segno.make(link, error="m").svg_inline(scale=QR_SCALE, border=4, lineclass=None)
    assert _path_d(svg) == _path_d(expected)  # the code on the screen holds exactly the link
    trainer.wait_for_selector('.hoiku-live-joined[data-joined="0"]')
    trainer.click(".hoiku-hide-code")  # before the projector
    screenshot(trainer, "trainer-qr-desktop")
    assert_accessible(trainer, "trainer")

    phone = new_page(viewport=PHONE)
    phone.goto(link)
    phone.wait_for_selector(".hoiku-stage-text .widget-html-content > *", timeout=WIDGET_TIMEOUT_MS)
    assert join_code in phone.inner_text(".hoiku-banner")
    assert phone.is_hidden(".hoiku-join-code")  # in the workshop, no typing
    assert t("case.stage_of", "fi", n=1, total=len(case.stages)) in phone.inner_text(
        ".hoiku-stage-text"
    )
    screenshot(phone, "case-joined-by-qr-phone")
    assert_accessible(phone, "case")

    # the trainer's count comes by itself, from the first participant
    trainer.wait_for_selector('.hoiku-live-joined[data-joined="1"]', timeout=15_000)

    # submitting moves the page to the saved-answer note / feedback
    sign = case.stages[0].key.signs[0].id.replace("_", "-")
    phone.check(f".hoiku-sign-{sign} input")
    phone.click(".hoiku-submit")
    phone.wait_for_selector(".hoiku-wait .widget-html-content > *")
    phone.wait_for_function(
        "() => !!document.activeElement && !!document.activeElement.closest('.hoiku-feedback-box')"
    )
    # …and it is on the screen: the phone scrolled down to it
    top = phone.evaluate(
        "() => document.querySelector('.hoiku-feedback-box').getBoundingClientRect().top"
    )
    assert 0 <= top < PHONE["height"] / 4  # near the top, not just peeking in at the bottom
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "case-qr-after-submit-phone-screen.png"))
    trainer.wait_for_selector('.hoiku-live-current:has-text("1")', timeout=15_000)
    trainer.click(".hoiku-reveal")
    phone.wait_for_selector(".hoiku-feedback .hoiku-fb-summary", timeout=15_000)
    screenshot(phone, "case-qr-feedback-phone")

    # the trainer moves on: the phone follows without a click
    trainer.click(".hoiku-next-stage")
    phone.wait_for_function(
        "text => document.querySelector('.hoiku-stage-text').innerText.includes(text)",
        arg=t("case.stage_of", "fi", n=2, total=len(case.stages)),
        timeout=15_000,
    )
    phone.wait_for_function("() => !document.querySelector('.hoiku-feedback').innerText.trim()")
    assert phone.is_checked(f".hoiku-sign-{sign} input")  # the signs accumulate
    screenshot(trainer, "trainer-live-stage2-desktop")


def test_a_wrong_code_in_the_link_gets_the_plain_message(server, new_page) -> None:
    phone = new_page(viewport=PHONE)
    phone.goto(f"{server.url}case?join=ZZZZZZ")
    phone.wait_for_function(
        "text => (document.querySelector('.hoiku-message') || {innerText: ''})"
        ".innerText.includes(text)",
        arg=t("ws.unknown_join_code", "fi"),
        timeout=WIDGET_TIMEOUT_MS,
    )
    assert phone.is_visible(".hoiku-join-code")  # still on the start page, may type a code


def test_with_a_passcode_the_qr_code_logs_the_phone_in(tmp_path, browser) -> None:  # noqa: ANN001
    """The code holds the passcode (the text under it does not); a phone that has never
    given it opens the code's link and is in the workshop."""
    passcode = "qrpasscode42"
    with serve_process(tmp_path, "--token", passcode, pool=0) as srv:
        desk = browser.new_context(viewport=DESKTOP, locale="fi-FI")
        phone_ctx = browser.new_context(viewport=PHONE, locale="fi-FI")
        try:
            trainer = desk.new_page()
            trainer.goto(f"{srv.url}trainer?token={passcode}")
            trainer.wait_for_selector(".hoiku-open-session", timeout=WIDGET_TIMEOUT_MS)
            trainer.click(".hoiku-open-session")
            trainer.wait_for_selector(".hoiku-join-qr svg")
            join_code = trainer.inner_text(".hoiku-joincode-big").strip()
            typed = trainer.get_attribute(".hoiku-join-link a", "href")
            assert typed == f"{srv.url}case?join={join_code}"
            assert passcode not in trainer.inner_text(".hoiku-join-qr")
            screenshot(trainer, "trainer-qr-passcode-desktop")
            link = f"{typed}&token={passcode}"
            expected = segno.make(link, error="m").svg_inline(scale=QR_SCALE, border=4)
            assert _path_d(trainer.inner_html(".hoiku-qr-code")) == _path_d(expected)
            phone = phone_ctx.new_page()
            phone.goto(link)
            phone.wait_for_selector(
                ".hoiku-stage-text .widget-html-content > *", timeout=WIDGET_TIMEOUT_MS
            )
            assert join_code in phone.inner_text(".hoiku-banner")
            assert passcode not in phone.url  # the address bar keeps no passcode
            # typed by hand, the address asks for the passcode first, then joins
            typing = phone_ctx.browser.new_context(viewport=PHONE, locale="fi-FI")
            try:
                page = typing.new_page()
                page.goto(typed)
                page.fill("input[type=password]", passcode, timeout=WIDGET_TIMEOUT_MS)
                page.keyboard.press("Enter")
                page.wait_for_selector(
                    ".hoiku-stage-text .widget-html-content > *", timeout=WIDGET_TIMEOUT_MS
                )
                assert join_code in page.inner_text(".hoiku-banner")
            finally:
                typing.close()
        finally:
            for ctx in (desk, phone_ctx):
                ctx.close()
