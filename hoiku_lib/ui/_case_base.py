"""What the participant app and the trainer console share: content, cases, store, layout.

Kept free of heavy imports: the workshop store (SQLAlchemy) loads only when first used, so
a participant who never joins a workshop keeps a lean kernel.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from hoiku_lib.cases.schema import Case, CaseLoadError, load_cases
from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import pick
from hoiku_lib.ui._case_html import BAR_CSS
from hoiku_lib.ui.common import STYLE, initial_lang

if TYPE_CHECKING:
    from hoiku_lib.workshop.store import WorkshopStore


def full_width() -> w.Layout:
    """Full width; a fresh Layout each time, since a shared one would share ``display``."""
    return w.Layout(width="100%")


def flex_row(align: str = "center") -> w.Layout:
    """A row that wraps onto the next line on a phone-sized screen."""
    return w.Layout(display="flex", flex_flow="row wrap", width="100%", align_items=align)


class CaseAppBase:
    """Loads content and cases, resolves the language, opens the store lazily."""

    def __init__(
        self,
        lang: str | None = None,
        content: Content | None = None,
        cases: dict[str, Case] | None = None,
        cases_dir: Path | None = None,
        store: WorkshopStore | None = None,
        db_url: str | None = None,
    ) -> None:
        self.content = content or load_content()
        if cases is None:
            try:
                cases = load_cases(cases_dir)
            except CaseLoadError:
                cases = {}
        self.cases = cases
        self._store = store
        self._db_url = db_url or os.environ.get("HOIKU_DB")
        self.lang = lang or initial_lang()
        self._init_state()
        self._build()
        self.set_lang(self.lang)

    def _init_state(self) -> None:
        """The app's own state, set before its widgets are built."""

    def _build(self) -> None:
        raise NotImplementedError

    def set_lang(self, lang: str) -> None:
        raise NotImplementedError

    @property
    def store(self) -> WorkshopStore:
        if self._store is None:
            from hoiku_lib.workshop.store import WorkshopStore

            self._store = WorkshopStore.for_content(self._db_url)
        return self._store

    def _button(self, css: str, handler: Callable[[], object], style: str = "") -> w.Button:
        button = w.Button(button_style=style, layout=w.Layout(width="auto", min_width="8rem"))
        button.add_class(css)
        button.on_click(lambda _b: handler())
        return button

    def _fill_case_list(self, select: w.Dropdown, lang: str) -> None:
        """Case titles in ``lang``; keeps the chosen case, else preselects the first one.

        Titles only: a long option would widen the list past a phone's screen.
        """
        current = select.value
        select.options = [(pick(c.title, lang), c.id) for c in self.cases.values()]
        if current in self.cases:
            select.value = current
        elif self.cases:
            select.value = next(iter(self.cases))

    def _frame(self, panel: w.Widget, *css: str) -> w.VBox:
        """Header with the language switch, banner, message, start panel and ``panel``."""
        header = w.Box([self.title, self.lang_switch], layout=flex_row())
        frame = w.VBox(
            [
                w.HTML(STYLE + BAR_CSS),
                header,
                self.banner,
                self.message,
                self.start_panel,
                panel,
            ],
            layout=full_width(),
        )
        for name in ("hoiku-app", "hoiku-case", *css):
            frame.add_class(name)
        return frame
