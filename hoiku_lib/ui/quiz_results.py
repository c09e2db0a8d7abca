"""The knowledge test in the trainer console: open and close a phase, see the group's figures.

Given the workshop the trainer has unlocked (its trainer code), the panel opens the pre-test,
the post-test or the follow-up, closes it, and shows per item and for the whole test the
share right / the mean score of each opened phase with 95 % intervals and the paired change
where participants' own codes pair (``score.report``: a group of fewer than three shows
"too few", never a figure). Every button asks the store with the trainer code again; a wrong
code shows nothing. Numbers are written as the page's language writes them
(``hoiku_lib.formatting``).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import ipywidgets as w

from hoiku_lib import formatting
from hoiku_lib.i18n import pick, t, tn
from hoiku_lib.quiz.schema import PHASES, Item
from hoiku_lib.quiz.score import GAINS, Estimate, QuizReport, Summary
from hoiku_lib.ui._case_base import flex_row, full_width
from hoiku_lib.ui.common import esc
from hoiku_lib.ui.join import JOIN_PARAM, PASSCODE_ENV, PUBLIC_URL_ENV

if TYPE_CHECKING:
    from hoiku_lib.workshop.quiz_store import PhaseState, QuizStore
    from hoiku_lib.workshop.store import WorkshopStore

RESULTS_CSS = """
<style>
.hoiku-quiz-results .widget-html-content { line-height: 1.45; }
.hoiku-quiz-results table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
.hoiku-quiz-results th, .hoiku-quiz-results td {
  border-bottom: 1px solid #c8c8c8; padding: 0.3rem 0.4rem; text-align: left;
  vertical-align: top;
}
.hoiku-quiz-results td.hoiku-fig { white-space: nowrap; }
.hoiku-quiz-results .hoiku-fig-ci, .hoiku-quiz-results .hoiku-fig-n {
  color: #4a4a4a; font-size: 0.85em; display: block;
}
.hoiku-quiz-results .hoiku-too-few { color: #4a4a4a; font-style: italic; }
.hoiku-quiz-results tr.hoiku-quiz-overall td, .hoiku-quiz-results tr.hoiku-quiz-overall th {
  font-weight: bold; background: #eef3fb;
}
.hoiku-quiz-results .hoiku-quiz-table { overflow-x: auto; }
.hoiku-quiz-results tbody th { font-weight: normal; }
</style>
"""


def quiz_link(join_code: str, base: str, passcode: str = "") -> str:
    """The test page that joins workshop ``join_code`` (``/quiz?join=…``, with the server's
    passcode for the QR code, as ``ui.join.join_link`` makes the case page's); "" when the
    server's address is unknown."""
    if not base or not join_code:
        return ""
    query = {JOIN_PARAM: join_code, **({"token": passcode} if passcode else {})}
    return f"{base.rstrip('/')}/quiz?{urlencode(query)}"


def _cap(text: str) -> str:
    """'alkutesti' → 'Alkutesti' for a heading (the message is lower-case mid-sentence)."""
    return text[:1].upper() + text[1:]


def _share(value: float, lang: str) -> str:
    return formatting.percent(value, lang)


def _points(value: float, lang: str) -> str:
    """A change in percentage points with its sign: '+17', '−8' (the language's minus)."""
    text = formatting.decimal(value * 100, lang, 0)
    return f"+{text}" if round(value * 100) > 0 else text


def cell(summary: Summary, lang: str, gain: bool = False) -> str:
    """One figure: the estimate, its 95 % interval and n; 'too few' below three."""
    n = f'<span class="hoiku-fig-n">{esc(t("quiz.results.cell_n", lang, n=summary.n))}</span>'
    if not isinstance(summary, Estimate):
        few = esc(t("quiz.results.too_few_short", lang))
        return (
            f'<td class="hoiku-fig" data-shown="0"><span class="hoiku-too-few">{few}</span>{n}</td>'
        )
    if gain:
        main = f"{_points(summary.mean, lang)} {t('quiz.results.gain_unit', lang)}"
        ci = f"{_points(summary.low, lang)} … {_points(summary.high, lang)}"
    else:
        main = _share(summary.mean, lang)
        ci = formatting.interval(summary.low, summary.high, lang)
    return (
        f'<td class="hoiku-fig" data-shown="1" data-mean="{summary.mean:.4f}">{esc(main)}'
        f'<span class="hoiku-fig-ci">{esc(ci)}</span>{n}</td>'
    )


def table_html(
    rep: QuizReport, states: dict[str, PhaseState], items: dict[str, Item], lang: str
) -> str:
    """The figures of the opened phases and the changes between them, overall first."""
    opened = [p for p in PHASES if p in states]
    gains = [(a, b) for a, b in GAINS if a in states and b in states]
    head = "".join(f"<th>{esc(_cap(t(f'quiz.phase.{p}', lang)))}</th>" for p in opened) + "".join(
        "<th>"
        + esc(
            t(
                "quiz.results.gain",
                lang,
                before=t(f"quiz.phase.{a}", lang),
                after=t(f"quiz.phase.{b}", lang),
            )
        )
        + "</th>"
        for a, b in gains
    )
    rows = [
        '<tr class="hoiku-quiz-overall" data-item="overall">'
        f'<th scope="row">{esc(t("quiz.results.overall", lang))}</th>'
        + "".join(cell(rep.overall[p], lang) for p in opened)
        + "".join(cell(rep.gains[g], lang, gain=True) for g in gains)
        + "</tr>"
    ]
    numbered = enumerate(rep.items.items(), 1)
    for n, (item_id, by_phase) in numbered:
        if not any(by_phase[p].right.n for p in opened):
            continue  # nobody has answered it yet: a row of zeros says nothing
        question = pick(items[item_id].question, lang)
        rows.append(
            f'<tr data-item="{esc(item_id)}"><th scope="row">{n}. {esc(question)}</th>'
            + "".join(cell(by_phase[p].right, lang) for p in opened)
            + "".join(cell(rep.item_gains[item_id][g], lang, gain=True) for g in gains)
            + "</tr>"
        )
    return (
        '<div class="hoiku-quiz-table"><table>'
        f'<thead><tr><th scope="col">{esc(t("quiz.results.item", lang))}</th>'
        + head.replace("<th>", '<th scope="col">')
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


class QuizResults:
    """The console's test panel; ``.widget`` goes into the trainer console."""

    def __init__(
        self,
        lang: str,
        items: dict[str, Item] | None = None,
        public_url: str | None = None,
        passcode: str | None = None,
    ) -> None:
        self.lang = lang
        # the address and passcode `hoiku serve` hands the kernel (for the QR code)
        self.public_url = (
            public_url if public_url is not None else os.environ.get(PUBLIC_URL_ENV, "")
        )
        self.passcode = passcode if passcode is not None else os.environ.get(PASSCODE_ENV, "")
        self._items = items
        self.quiz: QuizStore | None = None
        self.trainer_code: str | None = None
        self.join_code = ""
        self.heading = w.HTML()
        self.intro = w.HTML()
        self.open_buttons = {
            p: self._button(f"hoiku-quiz-open-{p}", self._opener(p)) for p in PHASES
        }
        self.close_button = self._button("hoiku-quiz-close", self.close, "warning")
        self.refresh_button = self._button("hoiku-quiz-refresh", self.refresh)
        self.status = w.HTML()
        self.status.add_class("hoiku-quiz-status")
        self.join_qr = w.HTML()
        self.join_qr.add_class("hoiku-quiz-qr")
        self.table = w.HTML()
        self.table.add_class("hoiku-quiz-figures")
        self.export_button = self._button("hoiku-quiz-export", self.export)
        self.export_link = w.HTML()
        self.export_link.add_class("hoiku-quiz-export-link")
        self.widget = w.VBox(
            [
                w.HTML(RESULTS_CSS),
                self.heading,
                self.intro,
                w.Box([*self.open_buttons.values(), self.close_button], layout=flex_row()),
                self.status,
                self.join_qr,
                w.Box([self.refresh_button], layout=flex_row()),
                self.table,
                w.Box([self.export_button, self.export_link], layout=flex_row()),
            ],
            layout=full_width(),
        )
        self.widget.add_class("hoiku-quiz-results")
        self.set_lang(lang)
        self.show(None, None)

    @staticmethod
    def _button(css: str, handler: object, style: str = "") -> w.Button:
        button = w.Button(button_style=style, layout=w.Layout(width="auto", min_width="8rem"))
        button.add_class(css)
        button.on_click(lambda _b: handler())  # type: ignore[operator]
        return button

    def _opener(self, phase: str) -> object:
        return lambda: self.open_phase(phase)

    @property
    def items(self) -> dict[str, Item]:
        if self._items is None:
            from hoiku_lib.quiz.load import load_items

            self._items = load_items()
        return self._items

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.heading.value = f"<h3>{esc(t('quiz.results.heading', lang))}</h3>"
        self.intro.value = f"<p>{esc(t('quiz.results.intro', lang))}</p>"
        for phase, button in self.open_buttons.items():
            button.description = t(f"quiz.results.open.{phase}", lang)
        self.close_button.description = t("quiz.results.close", lang)
        self.refresh_button.description = t("quiz.results.refresh", lang)
        self.export_button.description = t("quiz.results.export", lang)
        self._render()

    def show(self, store: WorkshopStore | None, trainer_code: str | None) -> None:
        """The workshop the console has unlocked (None: none; everything is cleared)."""
        self.trainer_code = trainer_code if store is not None else None
        self.export_link.value = ""
        if store is not None and (self.quiz is None or self.quiz.workshop is not store):
            from hoiku_lib.workshop.quiz_store import QuizStore

            self.quiz = QuizStore(store, self.items)
        self._render()

    # -- actions (each asks the store with the trainer code) ----------------------------------

    def open_phase(self, phase: str) -> None:
        self._act(lambda q: q.open_phase(self.trainer_code, phase))

    def close(self) -> None:
        self._act(lambda q: q.close_phase(self.trainer_code))

    def refresh(self) -> None:
        self._render()

    def _act(self, action: object) -> None:
        from hoiku_lib.workshop.store import WorkshopError

        if self.quiz is None or self.trainer_code is None:
            return
        try:
            action(self.quiz)  # type: ignore[operator]
        except WorkshopError:
            self.trainer_code = None  # a wrong or deleted workshop: show nothing
        self._render()

    def export(self) -> None:
        """Offer the figures as a CSV download (what ``hoiku workshop export`` writes)."""
        from hoiku_lib.workshop.store import WorkshopError

        if self.quiz is None or self.trainer_code is None:
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "quiz.csv"
            try:
                self.quiz.export_csv(self.trainer_code, path)
            except WorkshopError:
                self.trainer_code = None
                self._render()
                return
            data = base64.b64encode(path.read_bytes()).decode("ascii")
        name = f"hoiku-{t('quiz.results.csv_name', self.lang)}-{dt.date.today().isoformat()}.csv"
        self.export_link.value = (
            f'<a download="{esc(name)}" href="data:text/csv;base64,{data}">'
            f"{esc(t('quiz.results.download', self.lang))}</a>"
        )

    # -- rendering ---------------------------------------------------------------------------

    def _render(self) -> None:
        from hoiku_lib.workshop.store import WorkshopError

        lang = self.lang
        states: dict[str, PhaseState] = {}
        rep: QuizReport | None = None
        if self.quiz is not None and self.trainer_code is not None:
            try:
                states = self.quiz.phase_states(self.trainer_code)
                rep = self.quiz.report(self.trainer_code)
                self.join_code = self.quiz.workshop.session_info(self.trainer_code).join_code
            except WorkshopError:
                self.trainer_code, states, rep = None, {}, None
        self.widget.layout.display = "flex" if self.trainer_code is not None else "none"
        if rep is None:
            self.status.value = self.table.value = self.export_link.value = ""
            self.join_qr.value = ""
            return
        now = next((s for s in states.values() if s.is_open), None)
        lines = [
            t(
                "quiz.results.now_open",
                lang,
                phase=t(f"quiz.phase.{now.phase}", lang),
                code=self.join_code,
            )
            if now
            else t("quiz.results.none_open", lang)
        ]
        lines += [
            tn(
                "quiz.results.answered",
                s.sheets,
                lang,
                phase=_cap(t(f"quiz.phase.{s.phase}", lang)),
            )
            for s in states.values()
        ]
        if rep.ambiguous_codes:
            lines.append(tn("quiz.results.ambiguous", rep.ambiguous_codes, lang))
        self.close_button.disabled = now is None
        link = quiz_link(self.join_code, self.public_url, self.passcode) if now else ""
        if link:  # the trainer's kernel only (segno)
            from hoiku_lib.ui._case_html import join_qr_html

            typed = quiz_link(self.join_code, self.public_url)
            self.join_qr.value = join_qr_html(link, typed, lang)
        else:
            self.join_qr.value = ""
        self.status.value = "".join(f"<p>{esc(line)}</p>" for line in lines)
        if not states:
            self.table.value = ""
            return
        self.table.value = f"<p>{esc(t('quiz.results.explain', lang))}</p>" + table_html(
            rep, states, self.items, lang
        )
