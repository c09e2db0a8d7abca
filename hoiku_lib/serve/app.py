"""Standalone Voilà with HOIKU's landing page, template and notebook allow-list.

Voilà's own directory mode lists and renders every notebook under its root and offers a
contents API; here only the named dashboards render (the audit notebook only when asked),
``/`` is the landing page, and the template drops Font Awesome's CDN link so pages work
offline (the icons ship inside Voilà's bundle anyway).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlencode

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from traitlets.config import Config
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from hoiku_lib.serve.landing import choose_lang, render_landing
from hoiku_lib.serve.options import ServeOptions, kernel_env, served_notebooks, voila_config

HOIKU_TEMPLATE_DIR = Path(__file__).parent / "templates" / "hoiku"


class LandingHandler(JupyterHandler):
    """``/``: the dashboards this server offers, one line each, in the chosen language."""

    def initialize(self, dashboards: list[str], default_lang: str | None) -> None:
        self.dashboards = dashboards
        self.default_lang = default_lang

    @web.authenticated
    def get(self) -> None:
        lang = choose_lang(
            self.get_argument("lang", None),
            self.request.headers.get("Accept-Language"),
            self.default_lang,
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Language", lang)
        self.set_header("Cache-Control", "no-store")
        self.write(render_landing(lang, self.dashboards, self.base_url))


class ShortcutHandler(JupyterHandler):
    """``/case`` → the case dashboard, keeping the query (``?lang=sv``)."""

    def initialize(self, notebook: str) -> None:
        self.notebook = notebook

    @web.authenticated
    def get(self) -> None:
        query = {k: self.get_argument(k) for k in self.request.arguments if k == "lang"}
        url = url_path_join(self.base_url, "voila/render", self.notebook)
        self.redirect(f"{url}?{urlencode(query)}" if query else url)


class AllowedVoilaHandler(TornadoVoilaHandler):
    """Voilà's renderer, limited to the notebooks this server was told to serve."""

    def initialize(self, allowed: frozenset[str], **kwargs: object) -> None:
        super().initialize(**kwargs)
        self.allowed = allowed

    @web.authenticated
    async def get(self, path: str | None = None) -> None:
        if path not in self.allowed:
            raise web.HTTPError(404)
        await super().get(path)


class HoikuVoila(Voila):
    """Voilà application configured from :class:`ServeOptions`."""

    hoiku_options: ServeOptions | None = None

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # Our index.html.j2/page.html shadow the lab template's and extend it by path.
        self.template_paths.insert(0, str(HOIKU_TEMPLATE_DIR))

    def init_handlers(self) -> list:
        opts = self.hoiku_options
        assert opts is not None, "HoikuVoila needs hoiku_options"
        notebooks = served_notebooks(opts)
        dropped = (TornadoVoilaTreeHandler, VoilaContentsHandler)
        handlers: list = []
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if handler in dropped:
                continue
            if handler is TornadoVoilaHandler:
                kwargs = {**spec[2], "allowed": frozenset(notebooks.values())}
                spec = (pattern, AllowedVoilaHandler, kwargs)
            handlers.append(spec)
        ours = [
            (
                self.server_url,
                LandingHandler,
                {"dashboards": list(notebooks), "default_lang": opts.lang},
            ),
            (
                url_path_join(self.server_url, r"/voila/tree.*"),
                web.RedirectHandler,
                {"url": self.server_url, "permanent": False},
            ),
        ]
        for key, rel in notebooks.items():
            ours.append(
                (url_path_join(self.server_url, rf"/{key}/?"), ShortcutHandler, {"notebook": rel})
            )
        return ours + handlers


def build_app(opts: ServeOptions) -> HoikuVoila:
    """A configured, initialised application; ``.start()`` serves until stopped."""
    os.environ.update(kernel_env(opts))  # kernels inherit the server's environment
    app = HoikuVoila(config=Config(voila_config(opts)))
    app.hoiku_options = opts
    app.initialize(argv=[])
    return app
