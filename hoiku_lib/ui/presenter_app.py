"""The presenter view: the trainer's current stage on the projector, for the whole room.

Opened by the link the trainer console shows (``/present?view=KEY``). The key is read-only
(``WorkshopStore.presenter_view``): it shows the public join code, the stage's question, the
live count of people, and the group's bars once at least ``K_MIN`` have answered; after the
trainer's reveal the model answer is marked on the bars and so are the choices that would be
a critical error. Nothing here changes the session, and the trainer code is never known to
this page: stepping, reveal, export and delete stay on the trainer's console.

The page follows the console by asking the store every ``POLL_SECONDS`` on the kernel's loop.
Imports only ipywidgets and hoiku_lib (segno for the QR code when first drawn).
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

import ipywidgets as w

from hoiku_lib.cases.grading import grade
from hoiku_lib.cases.schema import Case
from hoiku_lib.formatting import decimal, percent
from hoiku_lib.i18n import pick, t, tn
from hoiku_lib.ui._case_base import CaseAppBase, flex_row, full_width
from hoiku_lib.ui.common import STYLE, esc, language_switch
from hoiku_lib.ui.join import PASSCODE_ENV, PUBLIC_URL_ENV, join_link
from hoiku_lib.ui.polling import Poller
from hoiku_lib.workshop.store import K_MIN, PermissionDenied, PresenterView

#: The query parameter of the presenter page that names the session (``/present?view=KEY``).
VIEW_PARAM = "view"
#: Seconds between two looks at the store (the trainer's stage, reveal and the counts).
POLL_SECONDS = 2.5
#: Bars per group at most, so that one stage fits one 16:9 screen; after the reveal the
#: model answer's and the critical choices' bars always come first.
MAX_BARS = 7
#: Modules per side of the QR code's squares (the size on screen is set by CSS).
QR_SCALE = 6

#: Sizes in viewport widths, so 1280×720 and 1920×1080 show the same layout (bar labels
#: 1.5vw: 28.8 px at 1920 wide, 19 px at 1280 wide). Colours from the Okabe–Ito palette
#: (tell-apart for colour-blind viewers), and every mark also has its words.
PRESENT_CSS = """
<style>
.hoiku-present.hoiku-app { max-width: none; width: 100%; font-size: clamp(14px, 1.15vw, 44px);
  line-height: 1.3; box-sizing: border-box; padding: 0 0.6vw; }
.hoiku-present .widget-html-content { line-height: 1.3; font-size: clamp(14px, 1.15vw, 44px); }
.hoiku-present p { margin: 0 0 0.3vw; }
.hoiku-present .hoiku-present-top { gap: 1vw; justify-content: space-between; }
.hoiku-present .hoiku-present-grid { display: grid; width: 100%; gap: 0 2.2vw;
  grid-template-columns: minmax(0, 30fr) minmax(0, 70fr); align-items: start; }
.hoiku-present h1 { font-size: 1.9vw; margin: 0; line-height: 1.15; }
.hoiku-present h2 { font-size: 1.6vw; margin: 0.4vw 0 0.25vw; line-height: 1.15; }
.hoiku-present .hoiku-present-setting { font-weight: bold; margin: 0 0 0.3vw; }
.hoiku-present .hoiku-present-text { margin: 0; }
.hoiku-present .hoiku-present-live { font-size: 1.35vw; margin: 0.6vw 0; }
.hoiku-present .hoiku-present-live b { font-size: 1.6vw; }
.hoiku-present .hoiku-present-join { display: flex; gap: 1vw; align-items: center; margin: 0; }
.hoiku-present .hoiku-present-join svg { width: 11vw; height: auto; display: block; }
.hoiku-present .hoiku-present-joincode { font-size: 2.6vw; font-weight: bold;
  letter-spacing: 0.3vw; margin: 0; line-height: 1.1; }
.hoiku-present .hoiku-present-url { font-size: 1vw; word-break: break-all; margin: 0.2vw 0 0; }
.hoiku-present .hoiku-pbars { display: grid; gap: 0.3vw 0.8vw; align-items: center;
  grid-template-columns: minmax(0, 62fr) minmax(0, 26fr) minmax(6.5vw, auto); }
.hoiku-present .hoiku-pbar-label { font-size: 1.5vw; line-height: 1.12; }
.hoiku-present .hoiku-pbar-track { height: 1.5vw; background: #e6e6e6; }
.hoiku-present .hoiku-pbar-fill { height: 100%; background: #0072b2; }
.hoiku-present .hoiku-pbar-figure { font-size: 1.5vw; font-weight: bold; text-align: right;
  white-space: nowrap; font-variant-numeric: tabular-nums; }
.hoiku-present .hoiku-revealed .hoiku-pbar-fill { background: #767676; }
.hoiku-present .hoiku-revealed .hoiku-pbar-right .hoiku-pbar-fill { background: #0072b2; }
.hoiku-present .hoiku-revealed .hoiku-pbar-critical .hoiku-pbar-fill {
  background: repeating-linear-gradient(135deg, #d55e00 0 0.5vw, #8f3e00 0.5vw 1vw); }
.hoiku-present .hoiku-pmark { display: inline-block; font-weight: bold; font-size: 0.8em;
  padding: 0 0.35em; margin-right: 0.35em; border-radius: 0.2em; color: #fff; }
.hoiku-present .hoiku-pmark-right { background: #005a8c; }
.hoiku-present .hoiku-pmark-critical { background: #a04000; }
.hoiku-present .hoiku-pbar-more { grid-column: 1 / -1; font-size: 1.1vw; color: #4a4a4a;
  margin: 0; }
.hoiku-present .hoiku-present-legend { font-size: 1.1vw; margin: 0.6vw 0 0; }
.hoiku-present .hoiku-present-wait { font-size: 2vw; margin: 2vw 0; }
.hoiku-present .hoiku-present-note { font-size: 0.9vw; color: #4a4a4a; margin: 0.6vw 0 0; }
.hoiku-present .hoiku-sr-only { position: absolute; height: 1px; width: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
</style>
"""


def presenter_link(view_key: str, base: str = "") -> str:
    """The presenter page of the session whose presenter key is ``view_key``: absolute on
    ``base`` (the server's address), else relative to a dashboard (``present?view=…``)."""
    query = urlencode({VIEW_PARAM: view_key})
    return f"{base.rstrip('/')}/present?{query}" if base else f"present?{query}"


def _qr_svg(link: str) -> str:
    import segno  # drawn offline; only when a session is shown

    return segno.make(link, error="m").svg_inline(
        scale=QR_SCALE, border=3, svgclass="hoiku-qr-svg", lineclass=None, omitsize=True
    )


def bar_rows(
    counts: dict[str, int],
    answers: int,
    labels: dict[str, str],
    right: set[str] | None,
    critical: set[str],
    lang: str,
) -> str:
    """One group's bars, most chosen first: at most ``MAX_BARS``, and then a line that
    says how many fewer-chosen items are left out.

    ``right`` is None before the reveal; after it every item of the model answer has its bar
    (also when nobody chose it) and so has every chosen critical error, whatever their
    number; the rest fill up to ``MAX_BARS``. Each mark is a word as well as a colour and a
    pattern.
    """
    revealed = right is not None
    every = dict(counts)
    must: set[str] = set()
    if revealed:
        for item_id in right or ():
            every.setdefault(item_id, 0)
        must = set(right or ()) | {i for i in critical if every.get(i)}

    def by_count(item_id: str) -> tuple[int, str]:
        return (-every[item_id], labels.get(item_id, item_id))

    others = sorted((i for i in every if i not in must), key=by_count)
    chosen = [*must, *others[: max(MAX_BARS - len(must), 0)]]
    rows = []
    for item_id in sorted(chosen, key=by_count):
        n = every[item_id]
        share = n / answers if answers else 0.0
        cls = "hoiku-pbar-row"
        mark = ""
        if revealed and item_id in (right or ()):
            cls += " hoiku-pbar-right"
            # a tick on the screen (the legend says what it means), the word for a reader
            mark = (
                '<span class="hoiku-pmark hoiku-pmark-right" aria-hidden="true">✓</span>'
                f'<span class="hoiku-sr-only">{esc(t("present.mark_right", lang))}: </span>'
            )
        elif revealed and item_id in critical:
            cls += " hoiku-pbar-critical"
            mark = (
                '<span class="hoiku-pmark hoiku-pmark-critical">'
                f"⚠ {esc(t('present.mark_critical', lang))}</span>"
            )
        figure = t("present.bar_figure", lang, n=decimal(n, lang, 0), pct=percent(share, lang))
        rows.append(
            f'<div class="hoiku-pbar-label {cls}" data-item="{esc(item_id)}" data-count="{n}">'
            f"{mark}{esc(labels.get(item_id, item_id))}</div>"
            f'<div class="hoiku-pbar-track {cls}" aria-hidden="true">'
            f'<div class="hoiku-pbar-fill" style="width:{round(100 * share)}%"></div></div>'
            f'<div class="hoiku-pbar-figure {cls}">{esc(figure)}</div>'
        )
    hidden = len(every) - len(chosen)
    if hidden > 0:
        rows.append(f'<p class="hoiku-pbar-more">{esc(tn("present.more", hidden, lang))}</p>')
    return f'<div class="hoiku-pbars">{"".join(rows)}</div>' if rows else ""


class PresenterApp(CaseAppBase):
    """The projector's page; ``.widget`` is what the notebook displays.

    ``public_url`` and ``passcode`` make the join link of the QR code, as on the console
    (default: what `hoiku serve` hands the kernel).
    """

    #: 0 turns the background refresh off (a test calls ``poll()``).
    poll_seconds: float = POLL_SECONDS

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
        self._poller = Poller(self.poll, lambda: self.view_key is not None, "presenter refresh")
        super().__init__(*args, **kw)  # type: ignore[arg-type]

    def _init_state(self) -> None:
        self.view_key: str | None = None
        self.view: PresenterView | None = None
        self.case: Case | None = None
        self._qr_for = ""
        self._qr_svg = ""

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.lang_switch = language_switch(self.lang, self.set_lang)
        self.message = w.HTML()
        self.message.add_class("hoiku-message")
        self.heading = w.HTML(layout=w.Layout(flex="1 1 auto"))
        self.heading.add_class("hoiku-present-heading")
        self.note = w.HTML()
        self.screen = w.HTML()  # the two columns, as one piece of HTML (laid out by CSS grid)
        self.screen.add_class("hoiku-present-screen")
        top = w.Box([self.heading, self.lang_switch], layout=flex_row("flex-start"))
        top.add_class("hoiku-present-top")
        self.widget = w.VBox(
            [w.HTML(STYLE + PRESENT_CSS), top, self.message, self.screen, self.note],
            layout=full_width(),
        )
        for name in ("hoiku-app", "hoiku-case", "hoiku-present"):
            self.widget.add_class(name)

    def set_lang(self, lang: str) -> None:
        """Relabel everything in ``lang`` (only this screen: nothing is stored)."""
        self.lang = lang
        if self.lang_switch.value != lang:
            self.lang_switch.value = lang
        self.note.value = f'<p class="hoiku-present-note">{esc(t("case.disclaimer", lang))}</p>'
        self._render()

    def _say(self, key: str | None) -> None:
        self.message.value = (
            f'<p class="hoiku-banner" role="alert">{esc(t(key, self.lang))}</p>' if key else ""
        )

    # -- session ----------------------------------------------------------------------------

    def connect_from_request(self) -> None:
        """Show the session the page's address names (``/present?view=KEY``)."""
        from hoiku_lib.ui.request import request_query

        key = request_query().get(VIEW_PARAM)
        if key:
            self.connect(key)
        else:
            self._say("present.no_key")

    def connect(self, view_key: str) -> None:
        """Follow the session of ``view_key``; a wrong or deleted one gets a plain message."""
        self.view_key = view_key
        if self.poll():
            self._start()

    def poll(self) -> bool:
        """Ask the store for the trainer's stage and the counts; redraw what changed.

        False (and the page emptied, the polling stopped) when the key opens no session,
        e.g. the trainer has deleted it.
        """
        if self.view_key is None:
            return False
        try:
            view = self.store.presenter_view(self.view_key)
        except PermissionDenied:
            self._stop()
            self.view, self.case, self.view_key = None, None, None
            self._render()
            self._say("present.bad_key")
            return False
        case = self.cases.get(view.case_id)
        if case is None:
            self.view, self.case = None, None
            self._render()
            self._say("case.workshop_case_missing")
            return True
        if view != self.view or case is not self.case:
            self.view, self.case = view, case
            self._say(None)
            self._render()
        return True

    def _start(self) -> None:
        self._poller.start(self.poll_seconds)

    def _stop(self) -> None:
        self._poller.stop()

    # -- rendering --------------------------------------------------------------------------

    def _set(self, widget: w.HTML, html: str) -> None:
        if widget.value != html:  # an unchanged screen sends nothing to the browser
            widget.value = html

    def _render(self) -> None:
        view, case, lang = self.view, self.case, self.lang
        if view is None or case is None:
            self._set(self.heading, f"<h1>{esc(t('present.title', lang))}</h1>")
            self._set(self.screen, "")
            return
        where = t("case.stage_of", lang, n=view.current_stage + 1, total=view.n_stages)
        self._set(
            self.heading,
            f"<h1>{esc(pick(case.title, lang))} · {esc(where)}</h1>",
        )
        self._set(self.screen, self._screen_html(view, case, lang))

    def _screen_html(self, view: PresenterView, case: Case, lang: str) -> str:
        stage = case.stages[view.current_stage]
        left = (
            f'<div class="hoiku-present-side">'
            f'<p class="hoiku-present-setting">{esc(pick(stage.setting, lang))}</p>'
            f'<p class="hoiku-present-text">{esc(pick(stage.text, lang))}</p>'
            f"{self._live_html(view, lang)}{self._join_html(view, lang)}</div>"
        )
        return (
            f'<div class="hoiku-present-grid">{left}'
            f'<div class="hoiku-present-main">{self._bars_html(view, case, lang)}</div></div>'
        )

    def _live_html(self, view: PresenterView, lang: str) -> str:
        joined = tn("trainer.live_joined", view.joined, lang)
        answered = tn("present.answered", view.answered, lang)
        return (
            f'<p class="hoiku-present-live" data-joined="{view.joined}" '
            f'data-answered="{view.answered}" aria-live="polite">'
            f"<b>{esc(answered)}</b><br>{esc(joined)}</p>"
        )

    def _join_html(self, view: PresenterView, lang: str) -> str:
        link = join_link(view.join_code, self.public_url, self.passcode)
        typed = join_link(view.join_code, self.public_url, "")
        qr = ""
        if link:
            if self._qr_for != link:
                self._qr_svg, self._qr_for = _qr_svg(link), link
            qr = (
                f'<div class="hoiku-present-qr" role="img" '
                f'aria-label="{esc(t("trainer.qr_label", lang))}">{self._qr_svg}</div>'
            )
        url = f'<p class="hoiku-present-url">{esc(typed)}</p>' if typed else ""
        return (
            f'<div class="hoiku-present-join">{qr}<div>'
            f"<p>{esc(t('trainer.join_code_big', lang))}</p>"
            f'<p class="hoiku-present-joincode">{esc(view.join_code)}</p>{url}</div></div>'
        )

    def _bars_html(self, view: PresenterView, case: Case, lang: str) -> str:
        agg = view.aggregate
        if not agg.shown:
            return (
                f'<p class="hoiku-present-wait hoiku-too-few">'
                f"{esc(tn('present.too_few', K_MIN, lang))}</p>"
            )
        index = view.current_stage
        right_signs = set(case.signs_until(index)) if view.revealed else None
        right_actions = {a.id for a in case.stages[index].key.actions} if view.revealed else None
        actions = agg.actions or {}
        # the choices that would be a critical error for this client (grading's own rule)
        critical = set(grade(case, index, (), actions, self.content).critical_wrong)
        sign_labels = {i: pick(x.label, lang) for i, x in self.content.indicators.items()}
        action_labels = {i: pick(x.label, lang) for i, x in self.content.actions.items()}
        nothing = f"<p>{esc(t('trainer.nothing_chosen', lang))}</p>"
        signs_html = bar_rows(agg.signs or {}, agg.answers, sign_labels, right_signs, set(), lang)
        actions_html = bar_rows(actions, agg.answers, action_labels, right_actions, critical, lang)
        legend = (
            f'<p class="hoiku-present-legend">{esc(t("present.legend", lang))}</p>'
            if view.revealed
            else f'<p class="hoiku-present-legend">{esc(t("present.not_revealed", lang))}</p>'
        )
        cls = "hoiku-present-bars hoiku-revealed" if view.revealed else "hoiku-present-bars"
        return (
            f'<div class="{cls}" data-revealed="{str(view.revealed).lower()}">'
            f"<h2>{esc(t('trainer.bars_signs', lang))}</h2>{signs_html or nothing}"
            f"<h2>{esc(t('trainer.bars_actions', lang))}</h2>{actions_html or nothing}"
            f"{legend}</div>"
        )
