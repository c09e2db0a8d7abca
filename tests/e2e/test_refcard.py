"""The indicator reference card in a real browser: search, and the child self-check."""

from __future__ import annotations

import pytest
from e2e_support import WIDGET_TIMEOUT_MS, assert_accessible, has_notebook, screenshot
from sample_signs import element, weakest

from hoiku_lib.content import load_content
from hoiku_lib.i18n import pick, t

pytestmark = pytest.mark.skipif(
    not has_notebook("dashboards/refcard.ipynb"), reason="refcard dashboard not landed"
)


def _open(page, server, lang: str = "fi") -> None:  # noqa: ANN001
    page.goto(server.dashboard("refcard", lang))
    page.wait_for_selector(".hoiku-refcard .hoiku-search input", timeout=WIDGET_TIMEOUT_MS)


def _exploitation_sign() -> str:
    content = load_content()
    return next(i for i, ind in content.indicators.items() if ind.category == "exploitation")


def test_search_narrows_the_list_to_matching_signs(server, new_page) -> None:
    """Does typing a word of a sign's label leave that sign in the list?"""
    content = load_content()
    sign = _exploitation_sign()
    label = pick(content.indicators[sign].label, "fi")
    word = max(label.split(), key=len)
    page = new_page()
    _open(page, server)
    total = page.locator(".hoiku-indicator-list option").count()
    page.fill(".hoiku-search input", word)
    page.wait_for_function(
        "n => document.querySelectorAll('.hoiku-indicator-list option').length < n", arg=total
    )
    options = [
        text.replace("\xa0", " ")
        for text in page.locator(".hoiku-indicator-list option").all_inner_texts()
    ]
    assert label in options
    page.select_option(".hoiku-indicator-list select", index=options.index(label))
    # the detail shows facts about trafficking until a sign is picked: wait for the sign's own
    page.locator(".hoiku-indicator-detail h3", has_text=label).wait_for()
    assert label in page.inner_text(".hoiku-indicator-detail")


def _tick(page, signs: list[str]) -> None:  # noqa: ANN001
    for sign in signs:
        box = page.locator(f".hoiku-sign-{sign.replace('_', '-')} input")
        box.scroll_into_view_if_needed()
        box.check()


def test_child_self_check_shows_the_duties_first_with_their_basis(server, new_page) -> None:
    """A 15-year-old with the exploitation element: are the child's duties shown first?"""
    page = new_page()
    _open(page, server, "en")
    page.locator(".hoiku-tabs .lm-TabBar-tab").nth(1).click()
    page.fill(".hoiku-age input", "15")
    _tick(page, element("exploitation"))
    page.wait_for_selector('.hoiku-result [data-action="police_report"]')
    result = page.locator(".hoiku-result")
    assert result.locator('[data-action="child_protection_notice"]').count() == 1
    assert result.locator(".hoiku-level").get_attribute("data-level") == "high"
    assert t("ui.duty", "en") in result.inner_text()
    assert t("assess.disclaimer", "en") in result.inner_text()
    citation = load_content().laws["lsl_25_3"].citation["en"]
    assert citation in page.inner_text(".hoiku-summary")
    screenshot(page, "refcard-selfcheck-child-desktop")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_on_a_phone_the_result_stays_in_view_while_ticking(server, new_page, lang) -> None:
    """One weak sign far down the list: the summary (level) is still on screen, nothing clipped."""
    from e2e_support import PHONE

    page = new_page(viewport=PHONE)
    _open(page, server, lang)
    page.locator(".hoiku-tabs .lm-TabBar-tab").nth(1).click()
    page.fill(".hoiku-age input", "15")
    _tick(page, [weakest("exploitation")])
    page.wait_for_selector('.hoiku-summary [data-level="low"]')
    box = page.locator(".hoiku-summary").bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] and box["height"] > 0
    screenshot(page, f"refcard-selfcheck-weak-phone-{lang}")
    _tick(page, element("exploitation"))
    page.wait_for_selector('.hoiku-summary [data-level="high"]')
    assert t("assess.duties_heading", lang) in page.inner_text(".hoiku-summary")
    screenshot(page, f"refcard-selfcheck-duties-phone-{lang}")
    width = page.evaluate("document.documentElement.clientWidth")
    clipped = page.evaluate(
        """w => [...document.querySelectorAll('.hoiku-refcard *')]
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.width > 0 && r.right > w + 1; })
        .length""",
        width,
    )
    assert clipped == 0


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_refcard_is_accessible(server, new_page, size: str) -> None:
    """No serious or critical WCAG 2.1 AA violation on either tab."""
    from e2e_support import DESKTOP, PHONE

    page = new_page(viewport=DESKTOP if size == "desktop" else PHONE)
    _open(page, server)
    screenshot(page, f"refcard-{size}")
    page.locator(".hoiku-tabs .lm-TabBar-tab").nth(1).click()
    page.wait_for_selector(".hoiku-sign input")
    screenshot(page, f"refcard-selfcheck-{size}")
    assert_accessible(page, "refcard")  # the self-check tab
    page.locator(".hoiku-tabs .lm-TabBar-tab").nth(0).click()
    page.wait_for_selector(".hoiku-search input")
    assert_accessible(page, "refcard")


@pytest.mark.parametrize(("locale", "lang"), [("en-GB", "en"), ("sv-FI", "sv")])
def test_opened_without_lang_it_speaks_the_browsers_language(
    server, new_page, locale: str, lang: str
) -> None:
    """A preheated dashboard opened by its short address, no ?lang=: Accept-Language decides."""
    page = new_page(locale=locale)
    page.goto(server.url + "refcard")
    page.wait_for_selector(".hoiku-refcard h2", timeout=WIDGET_TIMEOUT_MS)
    assert page.inner_text(".hoiku-refcard h2") == t("refcard.title", lang)
