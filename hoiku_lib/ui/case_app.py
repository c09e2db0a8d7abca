"""The participant dashboard: read a case stage by stage, tick signs and actions, get feedback.

Imports only ipywidgets and hoiku_lib (no pandas, no matplotlib): a participant's kernel stays
small when a whole workshop connects at once. In workshop mode the answers go, anonymously,
to the workshop store under the browser's participant id (one answer per participant and
stage); every check (a submitted stage, a valid code, a revealed key) is made here in Python,
never left to a disabled or hidden widget.

In a workshop the key waits for the trainer: after submitting, the page says the answer is
saved, and the stage's feedback (and the record-keeping exercise) appears once the trainer
has revealed that stage. The page learns it from the store: Voilà passes no
``execute_request`` from the browser, so a background thread in the kernel reads the
session's revealed stages every ``POLL_SECONDS`` and hands any change to the kernel's event
loop, which re-renders the widgets. The same look-up brings the trainer's stage: in a workshop
the page follows it (forward and back) and never goes ahead of it. Opened as
``/case?join=CODE`` (the trainer's QR code), the page joins that workshop at once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING

import ipywidgets as w

from hoiku_lib.cases.grading import Grade, feedback, grade
from hoiku_lib.cases.schema import Case
from hoiku_lib.i18n import pick, t
from hoiku_lib.ui._case_base import CaseAppBase, flex_row, full_width
from hoiku_lib.ui._case_html import (
    feedback_html,
    record_feedback_html,
    stage_html,
    summary_line,
)
from hoiku_lib.ui.common import css_id, esc, language_switch, ref
from hoiku_lib.ui.polling import kernel_loop
from hoiku_lib.workshop.ids import new_participant_id
from hoiku_lib.workshop.ratelimit import CodeLimiter, wait_text

if TYPE_CHECKING:  # the store (SQLAlchemy) loads only when a participant joins
    from hoiku_lib.workshop.store import ParticipantView

#: Seconds between two looks at the store while in a workshop.
POLL_SECONDS = 2.0
log = logging.getLogger(__name__)


class CaseApp(CaseAppBase):
    """Participant dashboard; ``.widget`` is what the notebook displays."""

    #: 0 turns the background look-ups off (a unit test then calls ``poll()`` itself).
    poll_seconds: float = POLL_SECONDS

    def _init_state(self) -> None:
        self.case: Case | None = None
        self.join_limiter = CodeLimiter()  # wrong join codes on this page
        self.stage = 0
        self.result: Grade | None = None
        self.join_code: str | None = None
        self.saved = False  # the store took this stage's answer
        self.participant: str | None = None
        self.view: ParticipantView | None = None
        self._lock = threading.RLock()
        self._stop_polling: threading.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        #: this page's graded answers by stage, so a stage the trainer returns to keeps them
        self._graded: dict[int, tuple[Grade, bool]] = {}

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = w.HTML()
        self.banner = w.HTML()
        self.lang_switch = language_switch(self.lang, self.set_lang)
        self.message = w.HTML()
        self.message.add_class("hoiku-message")

        self.case_select = w.Dropdown(layout=full_width(), style={"description_width": "initial"})
        self.case_select.add_class("hoiku-case-select")
        self.case_summary = w.HTML()
        self.case_summary.add_class("hoiku-case-summary")
        self.case_select.observe(lambda _c: self._show_summary(), names="value")
        self.start_button = self._button("hoiku-start", self.start, "primary")
        self.join_input = w.Text(layout=w.Layout(width="12rem"))
        self.join_input.add_class("hoiku-join-code")
        self.join_button = self._button("hoiku-join", self.join)
        self.intro = w.HTML()
        self.join_intro = w.HTML()
        self.start_panel = w.VBox(
            [
                self.intro,
                self.case_select,
                self.case_summary,
                self.start_button,
                self.join_intro,
                w.Box([self.join_input, self.join_button], layout=flex_row()),
            ],
            layout=full_width(),
        )

        self.stage_text = w.HTML()
        self.stage_text.add_class("hoiku-stage-text")
        self.signs_heading = w.HTML()
        self.sign_boxes: dict[str, w.Checkbox] = {}
        self.category_headings: dict[str, w.HTML] = {}
        groups: list[w.Widget] = []
        for cat in self.content.categories:
            heading = w.HTML()
            self.category_headings[cat.id] = heading
            boxes = []
            for ind in self.content.indicators_in(cat.id):
                box = w.Checkbox(value=False, indent=False, layout=full_width())
                box.add_class("hoiku-sign")
                box.add_class(f"hoiku-sign-{css_id(ind.id)}")
                self.sign_boxes[ind.id] = box
                boxes.append(box)
            groups.append(
                w.VBox([heading, *boxes], layout=w.Layout(flex="1 1 18rem", min_width="15rem"))
            )
        self.signs_box = w.Box(groups, layout=flex_row("flex-start"))
        self.actions_heading = w.HTML()
        self.action_boxes: dict[str, w.Checkbox] = {}
        for action_id in self.content.actions:
            box = w.Checkbox(value=False, indent=False, layout=full_width())
            box.add_class("hoiku-action")
            box.add_class(f"hoiku-action-{css_id(action_id)}")
            self.action_boxes[action_id] = box
        self.submit_button = self._button("hoiku-submit", self.submit, "primary")
        self.wait_note = w.HTML()
        self.wait_note.add_class("hoiku-wait")
        self.feedback = w.HTML()
        self.feedback.add_class("hoiku-feedback")
        # After an answer the page moves here: focus() scrolls to it and a screen reader
        # reads it. A Label, because an HTML widget's focus() goes to an inner element that
        # cannot take it; tabindex -1, so it is not a stop for the Tab key.
        self.feedback_anchor = w.Label(tabbable=False)
        self.feedback_anchor.add_class("hoiku-sr-only")
        self.feedback_anchor.add_class("hoiku-focus-start")  # scrolled to the top (serve/page.py)
        self.feedback_box = w.VBox(
            [self.feedback_anchor, self.wait_note, self.feedback], layout=full_width()
        )
        self.feedback_box.add_class("hoiku-feedback-box")

        self.record_prompt = w.HTML()
        self.record_options = w.RadioButtons(options=[], value=None, layout=full_width())
        self.record_options.add_class("hoiku-record-options")
        self.record_button = self._button("hoiku-record-check", self.check_record)
        self.record_feedback = w.HTML()
        self.record_feedback.add_class("hoiku-record-feedback")
        self.record_box = w.VBox(
            [self.record_prompt, self.record_options, self.record_button, self.record_feedback],
            layout=full_width(),
        )
        self.next_button = self._button("hoiku-next-stage", self.next_stage)
        self.restart_button = self._button("hoiku-restart", self.restart)
        self.case_panel = w.VBox(
            [
                self.stage_text,
                self.signs_heading,
                self.signs_box,
                self.actions_heading,
                w.VBox(list(self.action_boxes.values()), layout=full_width()),
                self.submit_button,
                self.feedback_box,
                self.record_box,
                w.Box([self.next_button, self.restart_button], layout=flex_row()),
            ],
            layout=full_width(),
        )
        self.widget = self._frame(self.case_panel)
        self._show_start()

    # -- texts ------------------------------------------------------------------------------

    def _show_summary(self) -> None:
        case = self.cases.get(self.case_select.value or "")
        self.case_summary.value = f"<p>{esc(pick(case.summary, self.lang))}</p>" if case else ""

    def set_lang(self, lang: str) -> None:
        """Relabel everything in ``lang``; the ticks and the progress stay."""
        self.lang = lang
        if self.lang_switch.value != lang:
            self.lang_switch.value = lang
        self.title.value = f"<h2>{esc(t('case.title', lang))}</h2>"
        self._render_banner()
        self.intro.value = f"<p>{esc(t('case.intro', lang))}</p>"
        self.join_intro.value = f"<p>{esc(t('case.join_intro', lang))}</p>"
        self.case_select.description = t("case.pick_case", lang)
        self._fill_case_list(self.case_select, lang)
        self._show_summary()
        self.start_button.description = t("case.start", lang)
        self.join_input.placeholder = t("case.join_placeholder", lang)
        self.join_button.description = t("case.join", lang)
        self.signs_heading.value = f"<h3>{esc(t('case.signs_heading', lang))}</h3>"
        for cat in self.content.categories:
            self.category_headings[
                cat.id
            ].value = f"<b>{esc(pick(cat.label, lang))}</b> {ref(cat.ref, lang)}"
        for ind_id, box in self.sign_boxes.items():
            box.description = pick(self.content.indicators[ind_id].label, lang)
        self.actions_heading.value = f"<h3>{esc(t('case.actions_heading', lang))}</h3>"
        for action_id, box in self.action_boxes.items():
            box.description = pick(self.content.actions[action_id].label, lang)
        self.submit_button.description = t("case.submit", lang)
        self.record_button.description = t("case.record_check", lang)
        self.next_button.description = t("case.next_stage", lang)
        self.restart_button.description = t("case.restart", lang)
        self._render_stage()

    def _say(self, key: str | None, **fmt: object) -> None:
        self.message.value = (
            f'<p class="hoiku-banner" role="alert">{esc(t(key, self.lang, **fmt))}</p>'
            if key
            else ""
        )

    # -- flow -------------------------------------------------------------------------------

    def _show_start(self) -> None:
        self.start_panel.layout.display = "flex"
        self.case_panel.layout.display = "none"

    def _reset_answers(self) -> None:
        for box in (*self.sign_boxes.values(), *self.action_boxes.values()):
            box.value = False

    def _open(self, case: Case) -> None:
        self.case, self.stage, self.result, self.saved = case, 0, None, False
        self._graded = {}
        self._render_banner()
        self._reset_answers()
        self.start_panel.layout.display = "none"
        self.case_panel.layout.display = "flex"
        self._render_stage()

    def start(self) -> None:
        """Open the chosen case for self-study (not possible while in a workshop)."""
        if self.join_code is not None:
            return
        case = self.cases.get(self.case_select.value or "")
        if case is None:
            self._say("case.no_case_chosen")
            return
        self._say(None)
        self._open(case)

    def join(self, code: str | None = None) -> None:
        """Join a workshop by its code (typed, or ``code`` from the page's address); the
        case is the session's, and the page opens at the trainer's stage."""
        from hoiku_lib.ui.request import participant_id
        from hoiku_lib.workshop.store import UnknownJoinCode, WorkshopError, normalise_code

        code = normalise_code(self.join_input.value if code is None else code)
        # The browser's id (its cookie) when served by HOIKU; else one for this page only.
        participant = self.participant or participant_id() or new_participant_id()
        wait = self.join_limiter.wait()
        if wait > 0:  # too many wrong codes: refused, the right one too
            self._say("ws.locked_join", wait=wait_text(wait, self.lang))
            return
        try:
            view = self.store.record_join(code, participant)
        except WorkshopError as exc:
            if isinstance(exc, UnknownJoinCode):
                self.join_limiter.wrong()
            wait = self.join_limiter.wait()
            if wait > 0:
                self._say("ws.locked_join", wait=wait_text(wait, self.lang))
            else:
                self._say(exc.key)
            return
        case = self.cases.get(view.case_id)
        if case is None:
            self._say("case.workshop_case_missing")
            return
        self._stop()
        self.join_code, self.view, self.participant = code, view, participant
        self.join_input.value = ""
        self._say(None)  # the banner says it: one banner, not three
        self._open(case)
        self._follow(view.current_stage)
        self._start_polling()

    def join_from_request(self) -> None:
        """Join the workshop the page's address names (``/case?join=CODE``, the trainer's
        QR code); a wrong or expired code gets the same message as a typed one."""
        from hoiku_lib.ui.join import JOIN_PARAM
        from hoiku_lib.ui.request import request_query

        code = request_query().get(JOIN_PARAM)
        if code:
            self.join(code)

    # -- the trainer's pace (workshop) -----------------------------------------------------

    def _revealed(self) -> bool:
        """This stage's key may be shown: always in self-study, after the reveal in a
        workshop (as the store last said; checked here, whatever a widget shows)."""
        if self.join_code is None:
            return True
        return self.view is not None and self.view.revealed(self.stage)

    def _may_go_on(self) -> bool:
        """Self-study: always. A workshop: never ahead of the trainer's stage."""
        if self.join_code is None:
            return True
        return self.view is not None and self.view.current_stage > self.stage

    def _follow(self, stage: int) -> None:
        """Show the trainer's stage (a workshop follows the trainer, forward and back); the
        ticks stay, since the signs accumulate, and an answered stage keeps its feedback."""
        if self.case is None or not 0 <= stage < len(self.case.stages) or stage == self.stage:
            return
        if self.result is not None:
            self._graded[self.stage] = (self.result, self.saved)
        self.stage = stage
        self.result, self.saved = self._graded.get(stage, (None, False))
        self._say(None)

    def _focus_feedback(self) -> None:
        """Move the page (and a screen reader) to the feedback or the saved-answer note."""
        if self.feedback_anchor.value:
            self.feedback_anchor.focus()

    def _fetch(self, code: str) -> tuple[bool, ParticipantView | None]:
        """(answered, view) from the store; view None = the workshop was deleted."""
        from hoiku_lib.workshop.store import UnknownJoinCode, WorkshopError

        try:
            return True, self.store.participant_view(code)
        except UnknownJoinCode:
            return True, None  # the trainer deleted the workshop: nothing more will come
        except WorkshopError:
            return False, None
        except Exception:  # a database hiccup must not end the page's updates
            log.exception("workshop look-up failed")
            return False, None

    def poll(self) -> None:
        """Ask the store for the trainer's stage and reveals; re-render on a change."""
        code = self.join_code
        if code is None:
            return
        answered, view = self._fetch(code)
        if answered:
            self._apply(code, view)

    def _apply(self, code: str, view: ParticipantView | None) -> None:
        with self._lock:
            if code != self.join_code:
                return
            if view is None:
                self._stop()
                self._say("ws.unknown_join_code")
                return
            if view != self.view:
                was_shown = self.result is not None and self._revealed()
                self.view = view
                self._follow(view.current_stage)
                self._render_stage()
                if self.result is not None and self._revealed() and not was_shown:
                    self._focus_feedback()  # the reveal brought this answer's feedback

    def _start_polling(self) -> None:
        if self.poll_seconds <= 0 or self.join_code is None:
            return
        self._loop = kernel_loop()  # the kernel's loop: widgets live there
        stop = threading.Event()
        self._stop_polling = stop
        threading.Thread(
            target=self._poll_loop, args=(stop,), name="hoiku-workshop-poll", daemon=True
        ).start()

    def _poll_loop(self, stop: threading.Event) -> None:
        while not stop.wait(self.poll_seconds):
            code = self.join_code
            if code is None:
                return
            answered, view = self._fetch(code)
            if not answered:
                continue
            if stop.is_set():
                return
            if self._loop is not None and not self._loop.is_closed():
                self._loop.call_soon_threadsafe(self._apply, code, view)
            else:
                self._apply(code, view)
            if view is None:
                return

    def _stop(self) -> None:
        if self._stop_polling is not None:
            self._stop_polling.set()
            self._stop_polling = None

    def ticked_signs(self) -> list[str]:
        return [i for i, box in self.sign_boxes.items() if box.value]

    def chosen_actions(self) -> list[str]:
        return [i for i, box in self.action_boxes.items() if box.value]

    def submit(self) -> None:
        """Grade this stage and, in a workshop, store the answer anonymously.

        Self-study shows the feedback at once. A workshop stores the answer (replacing this
        participant's earlier one) and shows the feedback only once the trainer has revealed
        the stage; after the reveal the store refuses the answer, and the page says so.
        """
        if self.case is None:
            return
        signs, actions = self.ticked_signs(), self.chosen_actions()
        result = grade(self.case, self.stage, signs, actions)
        if self.join_code is None:
            self.result = result
            self._render_stage()
            self._focus_feedback()
            return
        from hoiku_lib.workshop.store import StageClosed, WorkshopError

        with self._lock:
            try:
                self.participant = self.store.submit(
                    self.join_code, self.stage, signs, actions, participant=self.participant
                )
            except StageClosed as exc:
                self.poll()  # the page learns of the reveal now, not in two seconds
                if self._revealed() and not self.saved:
                    self.result = result  # the key is public now: feedback on these ticks
                self._say(exc.key)
            except WorkshopError as exc:
                self._say(exc.key)
            else:
                self.result, self.saved = result, True
                self._say(None)
            self._render_stage()
            self._focus_feedback()

    def check_record(self) -> None:
        """Feedback on the chosen record entry (after the stage's answer is in and, in a
        workshop, after the trainer has revealed the stage)."""
        if self.case is None or self.result is None or self.record_options.value is None:
            return
        if not self._revealed():
            return
        self.record_feedback.value = record_feedback_html(
            self.case, self.stage, int(self.record_options.value), self.lang
        )

    def next_stage(self) -> None:
        """Go on once this stage is answered; ticks stay, since the signs accumulate."""
        if self.case is None or self.result is None:
            self._say("case.answer_first")
            return
        if not self._may_go_on():
            self._say("case.follow_trainer")
            return
        if self.stage + 1 >= len(self.case.stages):
            return
        if self.join_code is not None and self.view is not None:
            self._follow(self.view.current_stage)  # to the trainer's stage, not past it
        else:
            self._graded[self.stage] = (self.result, self.saved)
            self.stage += 1
            self.result, self.saved = None, False
            self._say(None)
        self._render_stage()

    def restart(self) -> None:
        """Back to the case list (leaves a workshop too)."""
        self._stop()
        self.case, self.result, self.join_code, self.view = None, None, None, None
        self._graded = {}
        self._reset_answers()
        self._render_banner()
        self._say(None)
        self._show_start()
        self._render_stage()

    # -- rendering --------------------------------------------------------------------------

    def _render_banner(self) -> None:
        """One banner above the case: the training-aid notice, and in a workshop what is
        stored and who sees it (before, three banners stood there on a phone)."""
        key = "case.workshop_banner" if self.join_code else "case.disclaimer"
        text = t(key, self.lang, code=self.join_code or "")
        self.banner.value = f'<p class="hoiku-banner">{esc(text)}</p>'

    def _render_stage(self) -> None:
        case, lang = self.case, self.lang
        if case is None:
            for widget in (self.stage_text, self.wait_note, self.feedback, self.record_feedback):
                widget.value = ""
            return
        self.stage_text.value = stage_html(case, self.stage, lang)
        submitted = self.result is not None
        # In a workshop the key (feedback, record exercise) waits for the trainer's reveal.
        answered = submitted and self._revealed()
        waiting = submitted and not answered
        last = self.stage + 1 >= len(case.stages)
        self.next_button.disabled = not submitted or last or not self._may_go_on()
        # In a workshop the page follows the trainer; the button only helps one who is behind.
        behind = self.join_code is not None and self._may_go_on()
        self.next_button.layout.display = (
            "none" if last or (self.join_code is not None and not behind) else "flex"
        )
        self.restart_button.description = t("case.finish" if last else "case.restart", lang)
        self.wait_note.value = (
            f'<p class="hoiku-banner" role="status">{esc(t("case.saved_wait", lang))}</p>'
            if waiting
            else ""
        )
        self.feedback_anchor.value = (
            summary_line(self.result, lang)
            if answered
            else (t("case.saved_wait", lang) if waiting else "")
        )
        # room below, so the page can bring the note or the feedback to the top of a phone
        self.feedback_box.layout.min_height = "85vh" if submitted else None
        if answered:
            items = feedback(case, self.result, lang, self.content)
            self.feedback.value = feedback_html(
                case, self.result, items, lang, self.join_code is not None and self.saved
            )
        else:
            self.feedback.value = ""
        record = case.stages[self.stage].key.record
        self.record_box.layout.display = "flex" if (answered and record) else "none"
        if record is not None:
            self.record_prompt.value = f"<h3>{esc(t('case.record_heading', lang))}</h3>" + (
                f"<p>{esc(pick(record.prompt, lang))}</p>"
            )
            keep = self.record_options.value
            self.record_options.options = [
                (pick(o.text, lang), n) for n, o in enumerate(record.options)
            ]
            self.record_options.value = keep if answered else None
            self.record_feedback.value = (
                record_feedback_html(case, self.stage, keep, lang)
                if answered and keep is not None and self.record_feedback.value
                else ""
            )
