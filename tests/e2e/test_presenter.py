"""The projector's view in a real browser: one stage on one 16:9 screen, no trainer code."""

from __future__ import annotations

import random
import re

import pytest
from e2e_support import ARTIFACTS, WIDGET_TIMEOUT_MS, assert_accessible, has_notebook

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.content import load_content
from hoiku_lib.i18n import t
from hoiku_lib.ui.presenter_app import presenter_link
from hoiku_lib.workshop.store import WorkshopStore, normalise_code

pytestmark = pytest.mark.skipif(
    not has_notebook("dashboards/present.ipynb"), reason="presenter dashboard not landed"
)
CASE = "home_care_helper"  # an adult, consent unknown: a police report is a critical error
STAGE = 1  # its second stage: the most signs and actions of the shipped cases' keys
SCREENS = {"1280x720": {"width": 1280, "height": 720}, "1920x1080": {"width": 1920, "height": 1080}}


def _thirty_answers(store: WorkshopStore, join_code: str, case) -> None:  # noqa: ANN001
    """30 simulated participants: most find most of the key, some tick a wrong sign, a
    few choose the police report without the client's consent (a critical error)."""
    rng = random.Random(13)
    content = load_content()
    key_signs = case.signs_until(STAGE)
    key_actions = [a.id for a in case.stages[STAGE].key.actions]
    wrong_signs = [i for i in content.indicators if i not in key_signs][:3]
    for n in range(30):
        signs = [s for s in key_signs if rng.random() < 0.8]
        signs += [s for s in wrong_signs if rng.random() < 0.15]
        actions = [a for a in key_actions if rng.random() < 0.7]
        if n % 4 == 0:
            actions.append("police_report")
        store.submit(join_code, STAGE, signs, actions, participant=f"projector-{n:04d}-0123456789")


def _fits(page) -> dict:  # noqa: ANN001
    """Where the page's content ends, against the screen's height (nothing may scroll)."""
    return page.evaluate(
        """() => {
            const boxes = [...document.querySelectorAll('.hoiku-present *')]
                .filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect());
            return {bottom: Math.max(...boxes.map(b => b.bottom + window.scrollY)),
                    right: Math.max(...boxes.map(b => b.right + window.scrollX)),
                    scroll: document.scrollingElement.scrollHeight,
                    height: window.innerHeight, width: window.innerWidth};
        }"""
    )


def _label_px(page) -> float:  # noqa: ANN001
    return page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.hoiku-pbar-label')).fontSize)"
    )


def test_the_projector_shows_one_stage_on_one_screen(server, new_page) -> None:
    """30 answers in the store; at 1280×720 and 1920×1080 the question, the bars and (after
    the reveal) the key's and the critical errors' marks fit the screen; no trainer code in
    the DOM; axe finds nothing serious; screenshots before and after the reveal."""
    cases = load_cases()
    case = cases[CASE]
    store = WorkshopStore.for_content(server.db)
    codes = store.open_session(case.id, len(case.stages))
    store.set_stage(codes.trainer_code, STAGE)
    _thirty_answers(store, codes.join_code, case)
    url = server.url + presenter_link(store.presenter_key(codes.trainer_code)) + "&lang=fi"
    page = new_page(viewport=SCREENS["1280x720"])
    page.goto(url, wait_until="commit", timeout=WIDGET_TIMEOUT_MS)
    page.wait_for_selector(".hoiku-present .hoiku-pbar-label", timeout=WIDGET_TIMEOUT_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        for phase in ("before", "after"):
            if phase == "after":  # the trainer's reveal, as the console stores it
                store.set_stage(codes.trainer_code, STAGE, revealed=True)
                page.wait_for_selector(".hoiku-present-bars.hoiku-revealed", timeout=15_000)
                assert page.locator(".hoiku-pbar-label.hoiku-pbar-right").count() >= 3
                assert page.locator(".hoiku-pbar-label.hoiku-pbar-critical").count() == 1
                critical = page.inner_text(".hoiku-pbar-label.hoiku-pbar-critical")
                assert "⚠" in critical  # a word and a sign, not colour alone
            for name, size in SCREENS.items():
                page.set_viewport_size(size)
                page.wait_for_timeout(300)
                page.screenshot(path=str(ARTIFACTS / f"presenter-{name}-{phase}.png"))
                fit = _fits(page)
                assert fit["bottom"] <= fit["height"] and fit["scroll"] <= fit["height"], fit
                assert fit["right"] <= fit["width"], fit
                if name == "1920x1080":
                    assert _label_px(page) >= 28
            html = page.content()
            code = normalise_code(codes.trainer_code)
            assert codes.trainer_code not in html and code not in normalise_code(html)
            assert page.locator(".hoiku-present button:not(.hoiku-lang button)").count() == 0
            assert_accessible(page, f"presenter {phase}")
    finally:
        store.delete_session(codes.trainer_code)
        store.dispose()


def test_the_console_opens_the_projector_and_it_follows(server, new_page) -> None:
    """The console's link opens the presenter view, which follows the console's stage."""
    trainer = new_page()
    trainer.goto(server.dashboard("trainer", "fi"))
    trainer.wait_for_selector(".hoiku-trainer .hoiku-open-session", timeout=WIDGET_TIMEOUT_MS)
    trainer.click(".hoiku-open-session")
    link = trainer.wait_for_selector(".hoiku-presenter-href")
    href = link.get_attribute("href")
    shown = trainer.inner_text(".hoiku-trainer-code-display")
    code = re.search(r"[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}", shown).group(0)
    assert href and href.startswith("present?view=")
    trainer.click(".hoiku-hide-code")
    trainer.wait_for_selector(".hoiku-show-code", state="visible")
    screen = new_page(viewport=SCREENS["1280x720"])
    screen.goto(server.url + href, wait_until="commit", timeout=WIDGET_TIMEOUT_MS)
    screen.wait_for_selector(".hoiku-present .hoiku-present-joincode", timeout=WIDGET_TIMEOUT_MS)
    join = trainer.inner_text(".hoiku-joincode-big").strip()
    assert screen.inner_text(".hoiku-present-joincode").strip() == join
    assert normalise_code(code) not in normalise_code(screen.content())
    case = next(iter(load_cases().values()))  # the console preselects the first case
    trainer.click(".hoiku-next-stage")
    screen.wait_for_function(
        "text => document.querySelector('.hoiku-present-heading').innerText.includes(text)",
        arg=t("case.stage_of", "fi", n=2, total=len(case.stages)),
        timeout=15_000,
    )
