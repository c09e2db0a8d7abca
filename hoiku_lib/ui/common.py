"""Widgets and HTML pieces every HOIKU app shares: language switch, banner, escaping."""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable

import ipywidgets as w

from hoiku_lib import guide
from hoiku_lib.i18n import LANGS, resolve_lang, t

STYLE = """
<style>
.hoiku-app { max-width: 60rem; font-size: 16px; line-height: 1.45; color: #1b1b1b; }
.hoiku-app h2 { font-size: 1.5rem; margin: 0.2rem 0; }
.hoiku-app h3 { font-size: 1.15rem; margin: 0.6rem 0 0.2rem; }
.hoiku-banner { background: #fff4ce; border-left: 4px solid #8a6d00; padding: 0.4rem 0.7rem; }
.hoiku-level { font-weight: bold; padding: 0.2rem 0.5rem; border-radius: 4px; }
.hoiku-level-none { background: #e8f1e8; } .hoiku-level-low { background: #eef3fb; }
.hoiku-level-elevated { background: #fff0d6; } .hoiku-level-high { background: #fde2e1; }
.hoiku-duty { color: #8b0000; font-weight: bold; }
.hoiku-ref { color: #4a4a4a; font-size: 0.9em; }
.hoiku-app .widget-checkbox { width: 100%; height: auto; }
.hoiku-app .widget-checkbox label { white-space: normal; }
.hoiku-app .widget-label, .hoiku-app .widget-inline-hbox .widget-label { white-space: normal; }
.hoiku-app { --jp-widgets-horizontal-tab-width: auto; }
.hoiku-app .widget-tab > .lm-TabBar .lm-TabBar-tab {
  max-width: none; min-width: 9rem; flex: 0 0 auto;
}
.hoiku-app .widget-text, .hoiku-app .widget-dropdown { max-width: 100%; box-sizing: border-box; }
</style>
"""


def esc(text: object) -> str:
    """HTML-escape content before it goes into an HTML widget."""
    return html.escape(str(text), quote=True)


def ref(ref_id: str, lang: str) -> str:
    """A guide reference as a reader can look it up (section and heading)."""
    return f'<span class="hoiku-ref">{esc(guide.place(ref_id, lang))}</span>'


def bullet_list(items: Iterable[str]) -> str:
    inner = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul>{inner}</ul>" if inner else ""


def language_switch(lang: str, on_change: Callable[[str], None]) -> w.ToggleButtons:
    """fi/sv/en toggle; the labels are each language's own name, so anyone can find theirs."""
    toggle = w.ToggleButtons(
        options=[(t("ui.language_name", code), code) for code in LANGS],
        value=lang,
        tooltips=[t("ui.language_name", code) for code in LANGS],
        style={"button_width": "6.5rem"},
    )
    toggle.add_class("hoiku-lang")
    toggle.observe(lambda change: on_change(change["new"]), names="value")
    return toggle


def css_id(text: str) -> str:
    return text.replace("_", "-")


def initial_lang() -> str:
    """The page language by ``i18n.resolve_lang``: ``?lang=`` of the page's address, else
    ``$HOIKU_LANG`` (``hoiku serve --lang``), else the browser's Accept-Language (Voilà
    hands it over as ``$HTTP_ACCEPT_LANGUAGE``), else Finnish.

    A preheated Voilà kernel runs before any request exists, so it must wait for the query
    string; ``hoiku_lib.ui.request`` does that with the websockets client alone.
    """
    from hoiku_lib.ui.request import request_query

    return resolve_lang(
        query=request_query().get("lang"),
        accept_language=os.environ.get("HTTP_ACCEPT_LANGUAGE"),
        env=os.environ,
    )
