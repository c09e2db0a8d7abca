"""What every page says of itself, and what the server does with closed pages and a full room."""

from __future__ import annotations

import time

import pytest
from e2e_support import (
    PHONE,
    WIDGET_TIMEOUT_MS,
    close_like_a_person,
    has_notebook,
    page_kernel_id,
    screenshot,
    serve_process,
)

from hoiku_lib.i18n import t
from hoiku_lib.serve.page import page_title

#: Each dashboard once, the three languages among them (a page load each costs a kernel).
DASHBOARD_LANGS = [("case", "sv"), ("refcard", "en"), ("trainer", "fi"), ("audit", "en")]


@pytest.mark.parametrize(("key", "lang"), DASHBOARD_LANGS)
def test_a_dashboard_says_its_language_and_name(server, new_page, key: str, lang: str) -> None:
    """<html lang> is the page's language and the title names the page in it (WCAG 3.1.1)."""
    rel = "audit.ipynb" if key == "audit" else f"dashboards/{key}.ipynb"
    if not has_notebook(rel):
        pytest.skip(f"{key} not served")
    page = new_page(locale="de-DE")
    page.goto(server.dashboard(key, lang))
    page.wait_for_selector(".hoiku-app", timeout=WIDGET_TIMEOUT_MS)
    assert page.get_attribute("html", "lang") == lang
    assert page.title() == page_title(key, lang)


def test_the_language_buttons_change_lang_and_title(server, new_page) -> None:
    """Switching the page's language in the page itself updates <html lang> and the title."""
    page = new_page(locale="fi-FI")
    page.goto(server.dashboard("case", "fi"))
    page.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)
    assert page.get_attribute("html", "lang") == "fi"
    for lang in ("sv", "en"):
        page.locator(".hoiku-lang button", has_text=t("ui.language_name", lang)).click()
        page.wait_for_selector(f'html[lang="{lang}"]')
        assert page.title() == page_title("case", lang)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_start_page_says_its_language_and_name(server, new_page, lang: str) -> None:
    page = new_page(locale="de-DE")
    page.goto(f"{server.url}?lang={lang}")
    page.wait_for_selector(".hoiku-landing")
    assert page.get_attribute("html", "lang") == lang
    assert page.title() == t("serve.landing.title", lang)


def _wait_gone(server, kernel_id: str, seconds: float = 10) -> float:  # noqa: ANN001
    started = time.monotonic()
    while server.kernel_running(kernel_id):
        if time.monotonic() - started > seconds:
            raise AssertionError(f"kernel still running {seconds} s after the page closed")
        time.sleep(0.2)
    return time.monotonic() - started


def test_closing_a_tab_frees_its_kernel(server, new_page) -> None:
    """Voilà's unload beacon is accepted (the _xsrf cookie is set): the kernel goes at once."""
    page = new_page()
    page.goto(server.dashboard("case"))
    page.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)
    kernel_id = page_kernel_id(page)
    assert server.kernel_running(kernel_id)
    cookies = {c["name"] for c in page.context.cookies()}
    assert {"_xsrf", "hoiku_participant"} <= cookies
    close_like_a_person(page)
    assert _wait_gone(server, kernel_id) < 10


def test_past_the_ceiling_a_visitor_gets_the_room_is_full_page(
    browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A server sized for one page: the second visitor is told, in their language, to ask
    the trainer; once the first page is closed, the second gets in."""
    with serve_process(tmp_path_factory.mktemp("full"), "--max-pages", "1", pool=0) as small:
        first_ctx = browser.new_context(locale="fi-FI")
        second_ctx = browser.new_context(locale="sv-FI", viewport=PHONE)
        try:
            first = first_ctx.new_page()
            first.goto(small.dashboard("case", "fi"))
            first.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)
            second = second_ctx.new_page()
            response = second.goto(small.url + "case")  # no ?lang=: the browser's language
            assert response is not None and response.status == 503
            assert second.get_attribute("html", "lang") == "sv"
            assert second.inner_text("h1") == t("ws.full.title", "sv")
            assert t("ws.full.text", "sv") in second.inner_text("main")
            screenshot(second, "room-full-phone")
            retry = second.get_attribute(".hoiku-full-retry", "href")
            close_like_a_person(first)  # its kernel goes, and with it the full room
            deadline = time.monotonic() + 15
            while response.status == 503 and time.monotonic() < deadline:
                time.sleep(0.5)
                response = second.goto(small.url.rstrip("/") + retry)
            second.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)
            assert second.get_attribute("html", "lang") == "sv"
        finally:
            first_ctx.close()
            second_ctx.close()
