"""The landing page: what a participant sees first, in their language, offline."""

from __future__ import annotations

import pytest
from e2e_support import DESKTOP, PHONE, axe_serious, screenshot

from hoiku_lib.i18n import t
from hoiku_lib.serve.options import DASHBOARDS


def _listed(page) -> list[str]:  # noqa: ANN001
    page.wait_for_selector(".hoiku-landing")
    return page.eval_on_selector_all(
        ".hoiku-landing-item", "els => els.map(e => e.dataset.dashboard)"
    )


def test_lists_the_dashboards_that_exist_with_one_line_each(server, new_page) -> None:
    """Does the page list each served dashboard with its title and summary?"""
    page = new_page()
    page.goto(server.url + "?lang=fi")
    listed = _listed(page)
    expected = [key for key, rel in DASHBOARDS if (server.notebooks / rel).is_file()]
    assert listed[: len(expected)] == expected
    for key in listed:
        item = page.locator(f'.hoiku-landing-item[data-dashboard="{key}"]')
        assert t(f"serve.dashboard.{key}.title", "fi") in item.inner_text()
        assert t(f"serve.dashboard.{key}.summary", "fi") in item.inner_text()
        assert "lang=fi" in item.locator("a").get_attribute("href")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_query_parameter_chooses_the_language(server, new_page, lang: str) -> None:
    """Does ?lang= win over the browser's language?"""
    page = new_page(locale="de-DE")
    page.goto(f"{server.url}?lang={lang}")
    page.wait_for_selector(".hoiku-landing")
    assert page.get_attribute("html", "lang") == lang
    assert page.inner_text("h1") == t("serve.landing.title", lang)


@pytest.mark.parametrize(("locale", "lang"), [("sv-FI", "sv"), ("en-GB", "en"), ("de-DE", "fi")])
def test_browser_language_is_used_when_none_is_asked(server, new_page, locale, lang) -> None:
    """Without ?lang=, does Accept-Language decide, and Finnish otherwise?"""
    page = new_page(locale=locale)
    page.goto(server.url)
    page.wait_for_selector(".hoiku-landing")
    assert page.get_attribute("html", "lang") == lang


def test_language_links_switch_the_page(server, new_page) -> None:
    """Can a participant switch language with the links alone?"""
    page = new_page()
    page.goto(server.url + "?lang=fi")
    page.click('.hoiku-lang-link[data-lang="sv"]')
    page.wait_for_selector('html[lang="sv"]')
    assert page.inner_text("h1") == t("serve.landing.title", "sv")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_landing_is_accessible_and_offline(server, new_page, size: str) -> None:
    """No serious WCAG 2.1 AA violation; every request stays on this server."""
    page = new_page(viewport=DESKTOP if size == "desktop" else PHONE)
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(server.url + "?lang=fi")
    page.wait_for_selector(".hoiku-landing")
    screenshot(page, f"landing-{size}")
    assert axe_serious(page) == []
    assert all(url.startswith(server.url) or url.startswith("data:") for url in requests)
