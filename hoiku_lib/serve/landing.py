"""The landing page: which dashboards this server offers, in the visitor's language.

Language: ``i18n.resolve_lang``, the rule of every page and sub-command: ``?lang=``
first, then the trainer's ``--lang``, then the browser's Accept-Language, then Finnish.
The page is self-contained (inline CSS, no script, no font or icon from a CDN) so it
works at an offline venue.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2

from hoiku_lib.i18n import LANG_ENV, LANGS, resolve_lang, t

TEMPLATE_DIR = Path(__file__).parent / "templates"


def choose_lang(
    query_lang: str | None, accept_language: str | None, default: str | None = None
) -> str:
    """The page language of a request; ``default`` is the server's ``--lang`` (which the
    dashboards' kernels see as ``$HOIKU_LANG``)."""
    env = {LANG_ENV: default} if default else {}
    return resolve_lang(query=query_lang, accept_language=accept_language, env=env)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def dashboard_url(base_url: str, key: str, lang: str) -> str:
    """Short, typeable address of a dashboard (redirects to Voilà's render URL)."""
    return f"{base_url}{key}?{urlencode({'lang': lang})}"


def render_landing(lang: str, dashboards: list[str], base_url: str = "/") -> str:
    """HTML of the landing page listing ``dashboards`` (ids, in order)."""
    items = [
        {
            "key": key,
            "url": dashboard_url(base_url, key, lang),
            "title": t(f"serve.dashboard.{key}.title", lang),
            "summary": t(f"serve.dashboard.{key}.summary", lang),
        }
        for key in dashboards
    ]
    languages = [
        {
            "code": code,
            "name": t(f"serve.lang.{code}", code),
            "url": f"{base_url}?{urlencode({'lang': code})}",
            "current": code == lang,
        }
        for code in LANGS
    ]
    return (
        _environment()
        .get_template("landing.html")
        .render(
            lang=lang,
            items=items,
            languages=languages,
            title=t("serve.landing.title", lang),
            intro=t("serve.landing.intro", lang),
            disclaimer=t("serve.landing.disclaimer", lang),
            lang_label=t("serve.landing.language", lang),
            empty=t("serve.landing.empty", lang),
        )
    )
