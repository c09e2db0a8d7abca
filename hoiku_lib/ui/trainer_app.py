"""The trainer console: open a workshop, step the stages on a projector, reveal the key, see bars.

Every handler asks the store with the trainer code; the store checks it on every call. A
crafted widget message can click a hidden or disabled button, so nothing here relies on the
UI hiding things. The group's counts appear only once at least three distinct participants
have answered a stage. Revealing a stage's key is for good as far as the participants are
concerned: their phones show the stage's feedback and the store takes no more answers to it
(hiding the key again only clears the projector).
Imports only ipywidgets and hoiku_lib, to keep the kernel lean.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import tempfile
from pathlib import Path

import ipywidgets as w

from hoiku_lib.cases.schema import Case
from hoiku_lib.i18n import pick, t, tn
from hoiku_lib.ui._case_base import CaseAppBase, flex_row, full_width
from hoiku_lib.ui._case_html import bars_html, join_qr_html, key_html, live_counts_html, stage_html
from hoiku_lib.ui.common import esc, language_switch
from hoiku_lib.ui.join import PASSCODE_ENV, PUBLIC_URL_ENV, join_link
from hoiku_lib.ui.polling import Poller
from hoiku_lib.ui.quiz_results import QuizResults
from hoiku_lib.workshop.ratelimit import CodeLimiter, wait_text
from hoiku_lib.workshop.store import PermissionDenied, WorkshopError

REFRESH_SECONDS = 5.0
#: Seconds between two looks at how many have joined and answered (a cheap count).
LIVE_SECONDS = 3.0
log = logging.getLogger(__name__)


class TrainerApp(CaseAppBase):
    """Trainer console; ``.widget`` is what the notebook displays.

    ``public_url`` and ``passcode`` make the join link (default: what `hoiku serve` hands
    the kernel, ``$HOIKU_PUBLIC_URL`` and ``$HOIKU_PASSCODE``; no address, no QR code).
    """

    #: 0 turns the live count's background refresh off (a test calls ``poll_counts()``).
    live_seconds: float = LIVE_SECONDS

    def __init__(
        self,
        *args: object,
        public_url: str | None = None,
        passcode: str | None = None,
        **kw: object,
    ) -> None:
        self.public_url = (
            public_url if public_url is not None else os.environ.get(PUBLIC_URL_ENV, "")
        )
        self.passcode = passcode if passcode is not None else os.environ.get(PASSCODE_ENV, "")
        self._live = Poller(self.poll_counts, lambda: self.trainer_code is not None, "live count")
        self._auto = Poller(
            lambda: self.refresh(),
            lambda: bool(self.auto_refresh.value) and self.trainer_code is not None,
            "auto refresh",
        )
        super().__init__(*args, **kw)  # type: ignore[arg-type]

    def _init_state(self) -> None:
        self.trainer_code: str | None = None
        self.code_limiter = CodeLimiter()  # wrong trainer codes on this page
        self.case: Case | None = None
        self.join_code = ""
        self.stage = 0
        self.revealed = False
        self.revealed_stages: frozenset[int] = frozenset()
        self._fresh_code: str | None = None
        self.presenter_key: str | None = None  # the projector's read-only key

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = w.HTML()
        self.banner = w.HTML()
        self.lang_switch = language_switch(self.lang, self.set_lang)
        self.message = w.HTML()
        self.message.add_class("hoiku-message")

        self.intro = w.HTML()
        self.case_select = w.Dropdown(layout=full_width())
        self.case_select.add_class("hoiku-case-select")
        self.open_button = self._button("hoiku-open-session", self.open_session, "primary")
        self.code_input = w.Password(layout=w.Layout(width="16rem"))
        self.code_input.add_class("hoiku-trainer-code")
        self.enter_button = self._button("hoiku-trainer-enter", self.enter)
        self.start_panel = w.VBox(
            [
                self.intro,
                w.Box([self.case_select, self.open_button], layout=flex_row()),
                w.Box([self.code_input, self.enter_button], layout=flex_row()),
            ],
            layout=full_width(),
        )

        self.join_display = w.HTML()
        self.join_display.add_class("hoiku-join-code-display")
        self.join_qr = w.HTML()
        self.join_qr.add_class("hoiku-join-qr")
        self.live = w.HTML()
        self.live.add_class("hoiku-live-count")
        self.fresh_code = w.HTML()
        self.fresh_code.add_class("hoiku-trainer-code-display")
        self.hide_code_button = self._button("hoiku-hide-code", self.hide_code)
        self.show_code_button = self._button("hoiku-show-code", self.show_code)
        self.presenter = w.HTML()  # the projector's link (hoiku_lib.ui.presenter_app)
        self.presenter.add_class("hoiku-presenter-link")
        self.stage_text = w.HTML()
        self.stage_text.add_class("hoiku-stage-text")
        self.prev_button = self._button("hoiku-prev-stage", lambda: self.go(-1))
        self.next_button = self._button("hoiku-next-stage", lambda: self.go(+1))
        self.reveal_button = self._button("hoiku-reveal", self.toggle_reveal, "warning")
        self.reveal_note = w.HTML()
        self.reveal_note.add_class("hoiku-reveal-note")
        self.key = w.HTML()
        self.key.add_class("hoiku-key")
        self.refresh_button = self._button("hoiku-refresh", self.refresh)
        self.auto_refresh = w.Checkbox(value=False, indent=False)
        self.auto_refresh.add_class("hoiku-auto-refresh")
        self.auto_refresh.observe(lambda _c: self._auto_changed(), names="value")
        self.count = w.HTML()
        self.count.add_class("hoiku-answer-count")
        self.bars = w.HTML()
        self.bars.add_class("hoiku-bars")
        self.export_button = self._button("hoiku-export", self.export)
        self.export_link = w.HTML()
        self.export_link.add_class("hoiku-export-link")
        self.delete_confirm = w.Checkbox(value=False, indent=False, layout=full_width())
        self.delete_confirm.add_class("hoiku-delete-confirm")
        self.delete_button = self._button("hoiku-delete", self.delete, "danger")
        self.leave_button = self._button("hoiku-leave", self.leave)
        self.quiz_results = QuizResults(  # the knowledge test (docs/quiz.md)
            self.lang, public_url=self.public_url, passcode=self.passcode
        )
        self.session_panel = w.VBox(
            [
                self.join_display,
                self.fresh_code,  # the one-time trainer code, right under the join code
                self.hide_code_button,
                self.show_code_button,
                self.presenter,
                self.join_qr,
                self.live,
                self.stage_text,
                w.Box([self.prev_button, self.next_button, self.reveal_button], layout=flex_row()),
                self.reveal_note,
                self.key,
                w.Box([self.refresh_button, self.auto_refresh], layout=flex_row()),
                self.count,
                self.bars,
                self.quiz_results.widget,
                w.Box([self.export_button, self.export_link], layout=flex_row()),
                self.delete_confirm,
                w.Box([self.delete_button, self.leave_button], layout=flex_row()),
            ],
            layout=full_width(),
        )
        self.widget = self._frame(self.session_panel, "hoiku-trainer")
        self._show(False)

    def set_lang(self, lang: str) -> None:
        """Relabel everything in ``lang``."""
        self.lang = lang
        if self.lang_switch.value != lang:
            self.lang_switch.value = lang
        self.title.value = f"<h2>{esc(t('trainer.title', lang))}</h2>"
        self.banner.value = f'<p class="hoiku-banner">{esc(t("case.disclaimer", lang))}</p>'
        self.intro.value = f"<p>{esc(t('trainer.intro', lang))}</p>"
        self._fill_case_list(self.case_select, lang)
        self.case_select.description = t("case.pick_case", lang)
        self.open_button.description = t("trainer.open_session", lang)
        self.code_input.placeholder = t("trainer.code_label", lang)
        self.enter_button.description = t("trainer.enter", lang)
        self.prev_button.description = t("trainer.prev_stage", lang)
        self.next_button.description = t("trainer.next_stage", lang)
        self.refresh_button.description = t("trainer.refresh", lang)
        self.auto_refresh.description = t("trainer.auto_refresh", lang)
        self.export_button.description = t("trainer.export", lang)
        self.delete_confirm.description = t("trainer.delete_confirm", lang)
        self.delete_button.description = t("trainer.delete", lang)
        self.leave_button.description = t("trainer.leave", lang)
        self.quiz_results.set_lang(lang)
        self.hide_code_button.description = t("trainer.hide_code", lang)
        self.show_code_button.description = t("trainer.show_code", lang)
        self._render()

    def _say(self, key: str | None, **fmt: object) -> None:
        self.message.value = (
            f'<p class="hoiku-banner" role="alert">{esc(t(key, self.lang, **fmt))}</p>'
            if key
            else ""
        )

    def _show(self, in_session: bool) -> None:
        self.start_panel.layout.display = "none" if in_session else "flex"
        self.session_panel.layout.display = "flex" if in_session else "none"

    # -- session ----------------------------------------------------------------------------

    def open_session(self) -> None:
        """A new workshop for the chosen case; the trainer code is shown once."""
        case = self.cases.get(self.case_select.value or "")
        if case is None:
            self._say("case.no_case_chosen")
            return
        try:
            codes = self.store.open_session(case.id, len(case.stages))
        except WorkshopError as exc:
            self._say(exc.key)
            return
        self._fresh_code = codes.trainer_code
        self._enter_with(codes.trainer_code)

    def hide_code(self) -> None:
        """Hide the new trainer code before the screen goes on the projector."""
        self._fresh_code = None
        self._render()

    def show_code(self) -> None:
        """Show the trainer code again on this console (never on the projector's view)."""
        if self.trainer_code is not None:
            self._fresh_code = self.trainer_code
            self._render()

    def enter(self) -> None:
        """Return to a workshop with its trainer code (a few wrong ones, then a pause:
        ``hoiku_lib.workshop.ratelimit``)."""
        code, self.code_input.value = self.code_input.value, ""
        self._fresh_code = None
        wait = self.code_limiter.wait()
        if wait > 0:  # too many wrong codes: refused, the right one too
            self._say("ws.locked_trainer", wait=wait_text(wait, self.lang))
            return
        self._enter_with(code, typed=True)

    def _enter_with(self, code: str, typed: bool = False) -> None:
        try:
            info = self.store.session_info(code)
        except WorkshopError as exc:
            if typed and isinstance(exc, PermissionDenied):
                self.code_limiter.wrong()
            wait = self.code_limiter.wait()
            if wait > 0:
                self._say("ws.locked_trainer", wait=wait_text(wait, self.lang))
            else:
                self._say(exc.key)
            return
        case = self.cases.get(info.case_id)
        if case is None:
            self._say("case.workshop_case_missing")
            return
        self.trainer_code, self.case, self.join_code = code, case, info.join_code
        self.stage, self.revealed = info.current_stage, info.revealed
        self.revealed_stages = info.revealed_stages
        self.presenter_key = self.store.presenter_key(code)
        self._say(None)
        self._show(True)
        self.refresh()
        self._start_live()
        self.quiz_results.show(self.store, code)

    def _check(self) -> bool:
        """The trainer code still opens this session (it may have been deleted meanwhile)."""
        if self.trainer_code is None or self.case is None:
            return False
        try:
            info = self.store.session_info(self.trainer_code)
        except PermissionDenied as exc:
            self._leave(exc.key)
            return False
        self.revealed_stages = info.revealed_stages
        return True

    def go(self, step: int) -> None:
        """Show the previous or next stage (the key is hidden again)."""
        if not self._check():
            return
        assert self.case is not None
        stage = min(max(self.stage + step, 0), len(self.case.stages) - 1)
        self.store.set_stage(self.trainer_code, stage, revealed=False)
        self.stage, self.revealed = stage, False
        self.refresh()

    def toggle_reveal(self) -> None:
        """Show or hide the stage's answer key."""
        if not self._check():
            return
        self.revealed = not self.revealed
        self.store.set_stage(self.trainer_code, self.stage, revealed=self.revealed)
        if self.revealed:
            self.revealed_stages = self.revealed_stages | {self.stage}
        self._render()

    def refresh(self) -> None:
        """Fetch the group's counts for the shown stage (none below three answers)."""
        if not self._check():
            return
        self._render()

    def export(self) -> None:
        """Offer the anonymous aggregate CSV as a download link."""
        if not self._check():
            return
        assert self.case is not None
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "summary.csv"
            n = self.store.export_csv(self.trainer_code, path)
            data = base64.b64encode(path.read_bytes()).decode("ascii")
        name = f"hoiku-{self.case.id}-{dt.date.today().isoformat()}.csv"
        self.export_link.value = (
            f"{esc(tn('trainer.export_ready', n, self.lang))} "
            f'<a download="{esc(name)}" href="data:text/csv;base64,{data}">'
            f"{esc(t('trainer.download', self.lang))}</a>"
        )

    def delete(self) -> None:
        """Delete the session and its answers, once the tick confirms it."""
        if not self._check():
            return
        if not self.delete_confirm.value:
            self._say("trainer.confirm_first")
            return
        self.store.delete_session(self.trainer_code)
        self._leave("trainer.deleted")

    def leave(self) -> None:
        self._leave(None)

    def _leave(self, key: str | None) -> None:
        self._stop_live()
        self.trainer_code, self.case, self.join_code, self._fresh_code = None, None, "", None
        self.presenter_key = None
        self.auto_refresh.value = False
        self.delete_confirm.value = False
        self.export_link.value = ""
        self._show(False)
        self._render()
        self.quiz_results.show(None, None)
        self._say(key)

    # -- periodic refresh -------------------------------------------------------------------

    def _auto_changed(self) -> None:
        # on the kernel's loop; outside a kernel (a plain test) the button still works
        self._auto.start(REFRESH_SECONDS if self.auto_refresh.value else 0)

    # -- live count ---------------------------------------------------------------------------

    @property
    def join_link(self) -> str:
        """What the QR code holds: the case page that joins this workshop ("" when the
        server's address is unknown)."""
        if not self.join_code:
            return ""
        return join_link(self.join_code, self.public_url, self.passcode)

    @property
    def typed_join_link(self) -> str:
        """The join link as shown for typing: without the server's passcode."""
        if not self.join_code:
            return ""
        return join_link(self.join_code, self.public_url, "")

    def poll_counts(self) -> None:
        """Show how many have joined and answered (people, not answers: no threshold)."""
        if self.trainer_code is None or self.case is None:
            return
        try:
            live = self.store.live_counts(self.trainer_code)
        except PermissionDenied as exc:  # the session was deleted elsewhere
            self._leave(exc.key)
            return
        html = live_counts_html(
            live.joined, live.answered, len(self.case.stages), self.stage, self.lang
        )
        if self.live.value != html:
            self.live.value = html
        count = f"<p>{esc(t('trainer.answers_n', self.lang, n=live.answered_at(self.stage)))}</p>"
        if self.count.value != count:
            self.count.value = count

    def _start_live(self) -> None:
        self._live.start(self.live_seconds)

    def _stop_live(self) -> None:
        self._live.stop()

    # -- rendering --------------------------------------------------------------------------

    def _presenter_html(self) -> str:
        """The link to open on the projector: relative, so it works on whatever address
        this console was opened; the full address beside it for another computer."""
        from hoiku_lib.ui.presenter_app import presenter_link

        if not self.presenter_key:
            return ""
        href = presenter_link(self.presenter_key)
        full = presenter_link(self.presenter_key, self.public_url)
        shown = f" <code>{esc(full)}</code>" if self.public_url else ""
        return (
            f'<p><a href="{esc(href)}" target="_blank" rel="noopener" '
            f'class="hoiku-presenter-href"><b>{esc(t("present.link_label", self.lang))}</b></a>'
            f"{shown}</p>"
            f'<p class="hoiku-basis">{esc(t("present.link_note", self.lang))}</p>'
        )

    def _render(self) -> None:
        case, lang = self.case, self.lang
        if case is None or self.trainer_code is None:
            for widget in (
                self.join_display,
                self.join_qr,
                self.live,
                self.fresh_code,
                self.hide_code_button,
                self.presenter,
                self.stage_text,
                self.reveal_note,
                self.key,
                self.count,
                self.bars,
            ):
                widget.value = ""
            return
        self.join_display.value = (
            f"<p>{esc(t('trainer.join_code_big', lang))}</p>"
            f'<p class="hoiku-joincode-big">{esc(self.join_code)}</p>'
        )
        link = self.join_link
        self.join_qr.value = join_qr_html(link, self.typed_join_link, lang) if link else ""
        self.fresh_code.value = (
            f'<p class="hoiku-banner">{esc(t("trainer.code_once", lang, code=self._fresh_code))}'
            "</p>"
            if self._fresh_code
            else ""
        )
        self.hide_code_button.layout.display = "flex" if self._fresh_code else "none"
        self.show_code_button.layout.display = "none" if self._fresh_code else "flex"
        self.presenter.value = self._presenter_html()
        self.stage_text.value = stage_html(case, self.stage, lang)
        self.prev_button.disabled = self.stage == 0
        self.next_button.disabled = self.stage + 1 >= len(case.stages)
        self.reveal_button.description = t(
            "trainer.hide" if self.revealed else "trainer.reveal", lang
        )
        closed = self.stage in self.revealed_stages
        self.reveal_note.value = (
            f"<p>{esc(t('trainer.stage_closed' if closed else 'trainer.reveal_note', lang))}</p>"
        )
        self.key.value = key_html(case, self.stage, self.content, lang) if self.revealed else ""
        agg = self.store.aggregates(self.trainer_code, self.stage)
        self.poll_counts()
        if not agg.shown:
            self.bars.value = f'<p class="hoiku-too-few">{esc(t("trainer.too_few", lang))}</p>'
            return
        key_signs = set(case.signs_until(self.stage)) if self.revealed else None
        key_actions = {a.id for a in case.stages[self.stage].key.actions} if self.revealed else None
        sign_labels = {i: pick(x.label, lang) for i, x in self.content.indicators.items()}
        action_labels = {i: pick(x.label, lang) for i, x in self.content.actions.items()}
        nothing = f"<p>{esc(t('trainer.nothing_chosen', lang))}</p>"
        self.bars.value = (
            f"<h3>{esc(t('trainer.bars_signs', lang))}</h3>"
            + (bars_html(agg.signs or {}, agg.answers, sign_labels, key_signs) or nothing)
            + f"<h3>{esc(t('trainer.bars_actions', lang))}</h3>"
            + (bars_html(agg.actions or {}, agg.answers, action_labels, key_actions) or nothing)
        )
