"""The knowledge test's page: alone with feedback at once, or a workshop's pre-, post- or
follow-up test.

Alone, the reader picks a topic (or all), answers on one scrollable page and, after
submitting, sees under each question whether the answer was right, the right answer, why,
and where the guide and the law say so (as ``hoiku quiz show`` renders references). Nothing
is stored.

In a workshop (``/quiz?join=CODE`` or a typed join code) the page asks the items of the
phase the trainer has opened; the answers go to the workshop store anonymously with the
pairing code the participant made up (optional), and the feedback follows at once. A page
submits a phase once: after seeing the key, a second sheet would no longer measure what the
participant knew. Every check is made here in Python or in the store, never left to a
disabled widget.

Imports only ipywidgets and hoiku_lib (the store's SQLAlchemy loads on joining).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import pick, t
from hoiku_lib.quiz.load import load_items, references
from hoiku_lib.quiz.schema import SECTIONS, Item
from hoiku_lib.quiz.score import AnswerScore, score_answer
from hoiku_lib.ui._case_base import flex_row, full_width
from hoiku_lib.ui.common import STYLE, esc, initial_lang, language_switch
from hoiku_lib.workshop.ids import new_participant_id
from hoiku_lib.workshop.ratelimit import CodeLimiter, wait_text

if TYPE_CHECKING:
    from hoiku_lib.workshop.quiz_store import QuizStore

ALL = "all"
QUIZ_CSS = """
<style>
.hoiku-quiz .widget-html-content { line-height: 1.45; }
.hoiku-quiz .hoiku-quiz-section { width: auto; margin-right: 0; }
.hoiku-quiz .hoiku-quiz-section select { min-width: 0; }
.hoiku-quiz .hoiku-quiz-item { border-top: 1px solid #c8c8c8; padding: 0.5rem 0 0.3rem; }
.hoiku-quiz .hoiku-quiz-n { color: #4a4a4a; font-size: 0.9em; margin: 0; }
.hoiku-quiz .hoiku-quiz-q { font-weight: bold; margin: 0.2rem 0; }
.hoiku-quiz .hoiku-quiz-hint { color: #4a4a4a; font-size: 0.9em; margin: 0 0 0.2rem; }
.hoiku-quiz .widget-radio { width: 100%; height: auto; }
.hoiku-quiz .widget-radio-box { width: 100%; }
.hoiku-quiz .widget-radio-box label {
  white-space: normal; line-height: 1.35; margin: 0.2rem 0; align-items: flex-start;
}
.hoiku-quiz .widget-radio-box input { flex: 0 0 auto; margin-top: 0.25rem; }
.hoiku-quiz .hoiku-quiz-fb { padding: 0.4rem 0.7rem; margin: 0.3rem 0; border-left: 4px solid; }
.hoiku-quiz .hoiku-quiz-fb p { margin: 0.2rem 0; }
.hoiku-quiz .hoiku-quiz-fb-right { background: #e8f5e9; border-color: #1d5e20; }
.hoiku-quiz .hoiku-quiz-fb-partly { background: #fff4ce; border-color: #8a6d00; }
.hoiku-quiz .hoiku-quiz-fb-wrong, .hoiku-quiz .hoiku-quiz-fb-unanswered {
  background: #fdecea; border-color: #8b0000;
}
.hoiku-quiz .hoiku-quiz-verdict { font-weight: bold; }
.hoiku-quiz .hoiku-quiz-summary { font-size: 1.1rem; font-weight: bold; }
.hoiku-quiz .hoiku-sr-only {
  height: 1px; width: 1px; overflow: hidden; clip-path: inset(50%); margin: -1px 0 0 0;
  white-space: nowrap;
}
</style>
"""


def ordered(items: dict[str, Item], section: str = ALL) -> list[str]:
    """Item ids in the guide's order of sections, file order within one (as ``quiz show``)."""
    ids = [i for i in items if section in (ALL, items[i].section)]
    return sorted(ids, key=lambda i: SECTIONS.index(items[i].section))


class QuizApp:
    """The test page; ``.widget`` is what the notebook displays."""

    def __init__(
        self,
        lang: str | None = None,
        items: dict[str, Item] | None = None,
        content: Content | None = None,
        store: QuizStore | None = None,
        db_url: str | None = None,
    ) -> None:
        self.items = items if items is not None else load_items()
        self.content = content or load_content()
        self._store = store
        self._db_url = db_url
        self.lang = lang or initial_lang()
        self.join_limiter = CodeLimiter()  # wrong join codes on this page
        self.join_code: str | None = None
        self.phase: str | None = None
        self.participant: str | None = None
        self.asked: list[str] = []  # the items on the page, in order
        self.scores: dict[str, AnswerScore | None] | None = None  # None: not submitted
        self.sent = False  # a workshop sheet was stored
        self.radios: dict[str, w.RadioButtons] = {}
        self.boxes: dict[str, dict[str, w.Checkbox]] = {}
        self.heads: dict[str, w.HTML] = {}
        self.feedbacks: dict[str, w.HTML] = {}
        self.blocks: dict[str, w.VBox] = {}
        self._build()
        self.set_lang(self.lang)

    @property
    def store(self) -> QuizStore:
        if self._store is None:
            from hoiku_lib.workshop.quiz_store import QuizStore

            self._store = QuizStore.for_url(self._db_url)
        return self._store

    # -- construction -----------------------------------------------------------------------

    def _button(self, css: str, handler: object, style: str = "") -> w.Button:
        button = w.Button(button_style=style, layout=w.Layout(width="auto", min_width="8rem"))
        button.add_class(css)
        button.on_click(lambda _b: handler())  # type: ignore[operator]
        return button

    def _build(self) -> None:
        self.title = w.HTML()
        self.lang_switch = language_switch(self.lang, self.set_lang)
        self.banner = w.HTML()
        self.message = w.HTML()
        self.message.add_class("hoiku-message")

        self.intro = w.HTML()
        # width auto: stretched by its column, never past it (100 % plus a margin would be)
        self.section_select = w.Dropdown(style={"description_width": "initial"})
        self.section_select.add_class("hoiku-quiz-section")
        self.start_button = self._button("hoiku-quiz-start", self.start, "primary")
        self.join_intro = w.HTML()
        self.join_input = w.Text(layout=w.Layout(width="12rem"))
        self.join_input.add_class("hoiku-join-code")
        self.join_button = self._button("hoiku-quiz-join", self.join)
        self.start_panel = w.VBox(
            [
                self.intro,
                self.section_select,
                self.start_button,
                self.join_intro,
                w.Box([self.join_input, self.join_button], layout=flex_row()),
            ],
            layout=full_width(),
        )

        self.pairing_help = w.HTML()
        self.pairing_input = w.Text(layout=w.Layout(width="16rem", max_width="100%"))
        self.pairing_input.add_class("hoiku-pairing-code")
        self.pairing_box = w.VBox([self.pairing_help, self.pairing_input], layout=full_width())
        self.questions = w.VBox(layout=full_width())
        self.submit_button = self._button("hoiku-quiz-submit", self.submit, "primary")
        # After submitting the page moves here (the case page's pattern: a Label takes focus,
        # serve/page.py scrolls it to the top, a screen reader reads it).
        self.feedback_anchor = w.Label(tabbable=False)
        self.feedback_anchor.add_class("hoiku-sr-only")
        self.feedback_anchor.add_class("hoiku-focus-start")
        self.summary = w.HTML()
        self.summary.add_class("hoiku-quiz-summary-box")
        self.summary_box = w.VBox([self.feedback_anchor, self.summary], layout=full_width())
        self.again_button = self._button("hoiku-quiz-again", self.again)
        self.back_button = self._button("hoiku-quiz-back", self.back)
        self.quiz_panel = w.VBox(
            [
                self.pairing_box,
                self.summary_box,
                self.questions,
                self.submit_button,
                w.Box([self.again_button, self.back_button], layout=flex_row()),
            ],
            layout=full_width(),
        )
        header = w.Box([self.title, self.lang_switch], layout=flex_row())
        self.widget = w.VBox(
            [
                w.HTML(STYLE + QUIZ_CSS),
                header,
                self.banner,
                self.message,
                self.start_panel,
                self.quiz_panel,
            ],
            layout=full_width(),
        )
        for name in ("hoiku-app", "hoiku-quiz"):
            self.widget.add_class(name)
        self._show(False)

    def _item_widgets(self, item_id: str) -> None:
        """One item's widgets (made once, relabelled on a language switch): its heading,
        its choices (radio buttons or tick boxes) and its feedback."""
        if item_id in self.blocks:
            return
        item = self.items[item_id]
        if item.kind == "single":
            radio = w.RadioButtons(options=[], value=None, layout=full_width())
            radio.add_class("hoiku-quiz-choice")
            self.radios[item_id] = radio
            choice: w.Widget = radio
        else:
            boxes = {}
            for option in item.options:
                box = w.Checkbox(value=False, indent=False, layout=full_width())
                box.add_class("hoiku-quiz-choice")
                boxes[option.id] = box
            self.boxes[item_id] = boxes
            choice = w.VBox(list(boxes.values()), layout=full_width())
        head, fb = w.HTML(), w.HTML()
        fb.add_class("hoiku-quiz-feedback")
        self.heads[item_id], self.feedbacks[item_id] = head, fb
        block = w.VBox([head, choice, fb], layout=full_width())
        block.add_class("hoiku-quiz-item")
        block.add_class(f"hoiku-quiz-{item_id.replace('_', '-')}")
        self.blocks[item_id] = block

    # -- texts ------------------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        """Relabel everything in ``lang``; the chosen answers stay."""
        self.lang = lang
        if self.lang_switch.value != lang:
            self.lang_switch.value = lang
        self.title.value = f"<h2>{esc(t('quiz.page.title', lang))}</h2>"
        self.intro.value = f"<p>{esc(t('quiz.page.intro', lang))}</p>"
        self.join_intro.value = f"<p>{esc(t('quiz.page.join_intro', lang))}</p>"
        keep = self.section_select.value
        self.section_select.options = [(t("quiz.page.all_sections", lang), ALL)] + [
            (t(f"quiz.section.{s}", lang), s)
            for s in SECTIONS
            if any(x.section == s for x in self.items.values())
        ]
        self.section_select.value = keep or ALL
        self.section_select.description = t("quiz.page.section_label", lang)
        self.start_button.description = t("quiz.page.start", lang)
        self.join_input.placeholder = t("case.join_placeholder", lang)
        self.join_button.description = t("quiz.page.join", lang)
        self.pairing_help.value = (
            f"<p><b>{esc(t('quiz.page.pairing_label', lang))}</b></p>"
            f"<p>{esc(t('quiz.page.pairing_help', lang))}</p>"
        )
        self.pairing_input.placeholder = t("quiz.page.pairing_placeholder", lang)
        self.pairing_input.description = ""
        self.submit_button.description = t("quiz.page.submit", lang)
        self.again_button.description = t("quiz.page.again", lang)
        self.back_button.description = t("quiz.page.back", lang)
        for item_id, radio in self.radios.items():
            value = radio.value
            radio.options = [(pick(o.text, lang), o.id) for o in self.items[item_id].options]
            radio.value = value
        for item_id, boxes in self.boxes.items():
            for option in self.items[item_id].options:
                boxes[option.id].description = pick(option.text, lang)
        self._render_banner()
        self._render()

    def _say(self, key: str | None, **fmt: object) -> None:
        self.message.value = (
            f'<p class="hoiku-banner" role="alert">{esc(t(key, self.lang, **fmt))}</p>'
            if key
            else ""
        )

    def _render_banner(self) -> None:
        if self.join_code and self.phase:
            text = t(
                "quiz.page.workshop_banner",
                self.lang,
                code=self.join_code,
                phase=t(f"quiz.phase.{self.phase}", self.lang),
            )
        else:
            text = t("quiz.page.disclaimer", self.lang)
        self.banner.value = f'<p class="hoiku-banner">{esc(text)}</p>'

    # -- flow -------------------------------------------------------------------------------

    def _show(self, in_quiz: bool) -> None:
        self.start_panel.layout.display = "none" if in_quiz else "flex"
        self.quiz_panel.layout.display = "flex" if in_quiz else "none"
        self.pairing_box.layout.display = "flex" if in_quiz and self.join_code else "none"

    def _open(self, item_ids: list[str]) -> None:
        self.asked, self.scores, self.sent = list(item_ids), None, False
        for item_id in self.asked:
            self._item_widgets(item_id)
        self._clear_answers()
        self.set_lang(self.lang)  # labels of the new widgets
        self._show(True)

    def _clear_answers(self) -> None:
        for item_id in self.asked:
            if item_id in self.radios:
                self.radios[item_id].value = None
            for box in self.boxes.get(item_id, {}).values():
                box.value = False

    def start(self) -> None:
        """The test alone: the chosen topic's items, feedback at once, nothing stored."""
        if self.join_code is not None:
            return
        self._say(None)
        self._open(ordered(self.items, self.section_select.value or ALL))

    def join(self, code: str | None = None) -> None:
        """Join the test the trainer has opened in workshop ``code`` (typed, or from the
        page's address)."""
        from hoiku_lib.workshop.store import UnknownJoinCode, WorkshopError, normalise_code

        code = normalise_code(self.join_input.value if code is None else code)
        wait = self.join_limiter.wait()
        if wait > 0:  # too many wrong codes: refused, the right one too
            self._say("ws.locked_join", wait=wait_text(wait, self.lang))
            return
        try:
            open_phase = self.store.open_for(code)
        except WorkshopError as exc:
            if isinstance(exc, UnknownJoinCode):
                self.join_limiter.wrong()
            wait = self.join_limiter.wait()
            if wait > 0:
                self._say("ws.locked_join", wait=wait_text(wait, self.lang))
            else:
                self._say(exc.key)
            return
        if open_phase is None:
            self._say("quiz.page.not_open")
            return
        asked = [i for i in open_phase.item_ids if i in self.items]
        if not asked:
            self._say("quiz.page.not_open")
            return
        from hoiku_lib.ui.request import participant_id

        self.join_code, self.phase = code, open_phase.phase
        # the browser's id when served by HOIKU (a reload replaces, not adds, a sheet)
        self.participant = self.participant or participant_id() or new_participant_id()
        self.join_input.value = ""
        self._say(None)
        self._open(asked)

    def join_from_request(self) -> None:
        """Join the workshop the page's address names (``/quiz?join=CODE``)."""
        from hoiku_lib.ui.join import JOIN_PARAM
        from hoiku_lib.ui.request import request_query

        code = request_query().get(JOIN_PARAM)
        if code:
            self.join(code)

    def chosen(self) -> dict[str, list[str]]:
        """The answers on the page: item id → chosen option ids (unanswered items left out)."""
        out: dict[str, list[str]] = {}
        for item_id in self.asked:
            if item_id in self.radios:
                value = self.radios[item_id].value
                picked = [value] if value is not None else []
            else:
                picked = [o for o, box in self.boxes[item_id].items() if box.value]
            if picked:
                out[item_id] = picked
        return out

    def submit(self) -> None:
        """Score the page; in a workshop store it first (once per phase and page)."""
        if not self.asked:
            return
        if self.sent:
            self._say("quiz.page.already_sent")
            return
        answers = self.chosen()
        if not answers:
            self._say("quiz.page.answer_first")
            return
        if self.join_code is not None:
            from hoiku_lib.workshop.quiz_store import AlreadyAnswered
            from hoiku_lib.workshop.store import WorkshopError

            try:
                self.participant = self.store.submit(
                    self.join_code,
                    str(self.phase),
                    answers,
                    participant=self.participant,
                    pairing_code=self.pairing_input.value or None,
                )
            except WorkshopError as exc:
                self.sent = isinstance(exc, AlreadyAnswered)  # sent before (a reloaded page)
                self._say(exc.key)
                self._render()
                return
            self.sent = True
            self._say("quiz.page.saved")
        else:
            self._say(None)
        self.scores = {
            i: score_answer(self.items[i], answers[i]) if i in answers else None for i in self.asked
        }
        self._render()
        if self.feedback_anchor.value:
            self.feedback_anchor.focus()

    def again(self) -> None:
        """Alone: clear the answers and try again. A workshop sheet stays as sent."""
        if self.join_code is not None:
            self._say("quiz.page.already_sent" if self.sent else None)
            return
        self.scores = None
        self._clear_answers()
        self._say(None)
        self._render()

    def back(self) -> None:
        """Back to the start (leaves a workshop too)."""
        self.join_code, self.phase, self.asked, self.scores, self.sent = None, None, [], None, False
        self._say(None)
        self._render_banner()
        self._show(False)
        self._render()

    # -- rendering --------------------------------------------------------------------------

    def _feedback_html(self, item: Item, result: AnswerScore | None, chosen: list[str]) -> str:
        lang = self.lang
        if result is None:
            kind = "unanswered"
        elif result.right:
            kind = "right"
        else:
            kind = "partly" if result.partial > 0 else "wrong"
        verdict = t(f"quiz.page.{kind}", lang)
        right = "; ".join(pick(o.text, lang) for o in item.options if o.id in item.correct)
        parts = [
            f'<p class="hoiku-quiz-verdict">{esc(verdict)}</p>',
            f"<p><b>{esc(t('quiz.page.right_answer', lang))}:</b> {esc(right)}</p>",
        ]
        if any(o.critical and o.id in chosen for o in item.options):
            parts.append(f'<p class="hoiku-duty">{esc(t("quiz.page.critical", lang))}</p>')
        parts.append(
            f"<p><b>{esc(t('quiz.show.why', lang))}:</b> {esc(pick(item.explanation, lang))}</p>"
        )
        refs = "; ".join(references(item, lang, self.content))
        parts.append(
            f'<p class="hoiku-ref"><b>{esc(t("quiz.show.refs", lang))}:</b> {esc(refs)}</p>'
        )
        return (
            f'<div class="hoiku-quiz-fb hoiku-quiz-fb-{kind}" data-verdict="{kind}">'
            + "".join(parts)
            + "</div>"
        )

    def _render(self) -> None:
        lang = self.lang
        if not self.asked:
            self.questions.children = ()
            self.summary.value = ""
            self.feedback_anchor.value = ""
            return
        answers = self.chosen()
        total = len(self.asked)
        for n, item_id in enumerate(self.asked, 1):
            item = self.items[item_id]
            hint = t("quiz.page.pick_one" if item.kind == "single" else "quiz.page.pick_all", lang)
            self.heads[item_id].value = (
                f'<p class="hoiku-quiz-n">{esc(t("quiz.page.question_n", lang, n=n, total=total))}'
                f" · {esc(t(f'quiz.section.{item.section}', lang))}</p>"
                f'<p class="hoiku-quiz-q">{esc(pick(item.question, lang))}</p>'
                f'<p class="hoiku-quiz-hint">{esc(hint)}</p>'
            )
            self.feedbacks[item_id].value = (
                self._feedback_html(item, self.scores.get(item_id), answers.get(item_id, []))
                if self.scores is not None
                else ""
            )
        blocks = tuple(self.blocks[i] for i in self.asked)
        if self.questions.children != blocks:
            self.questions.children = blocks
        done = self.scores is not None
        locked = self.sent  # a workshop sheet is sent: the choices no longer change
        for item_id in self.asked:
            if item_id in self.radios:
                self.radios[item_id].disabled = locked
            for box in self.boxes.get(item_id, {}).values():
                box.disabled = locked
        self.submit_button.layout.display = "none" if done else "flex"
        self.again_button.layout.display = "flex" if done and self.join_code is None else "none"
        self.pairing_input.disabled = locked
        if done:
            right = sum(1 for s in (self.scores or {}).values() if s is not None and s.right)
            line = t("quiz.page.score", lang, n=right, total=total)
            self.summary.value = f'<p class="hoiku-quiz-summary">{esc(line)}</p>'
            self.feedback_anchor.value = line
        else:
            self.summary.value = ""
            self.feedback_anchor.value = ""
