"""Standalone Voilà with HOIKU's landing page, template and notebook allow-list.

Voilà's own directory mode lists and renders every notebook under its root and offers a
contents API; here only the named dashboards render (the audit notebook only when asked),
``/`` is the landing page, and the template drops Font Awesome's CDN link so pages work
offline (the icons ship inside Voilà's bundle anyway).

The render handler also
- sets the ``_xsrf`` cookie, so Voilà's unload beacon (``POST voila/api/shutdown/<id>`` with
  the cookie's value) is accepted and a closed or reloaded page frees its kernel at once
  (Voilà upstream issue 1458: the render page never sets that cookie, so every beacon got
  403 and each closed page kept its kernel until the idle cull);
- refuses a page past ``--max-pages`` with a "the room is full" page in the visitor's
  language (503), instead of starting kernels until the laptop swaps;
- gives the case exercise an anonymous participant id, kept in the browser as a cookie and
  handed to the kernel as a request header (never taken from the browser's own headers);
- writes ``<html lang>`` and ``<title>`` in the page's language (``hoiku_lib.serve.page``).

With ``--token`` every route needs the passcode (``?token=``, the login cookie it leaves, or
``Authorization: token …``): the pages redirect to the passcode form as Jupyter does, and
every other route — static files, themes, extensions, the kernel API and its websocket, the
preheated kernel's request socket, any path not served at all — answers 403
(:class:`PasscodeGate`). Voilà leaves its static routes open to anyone; only the five stock
files the passcode form itself shows (:data:`LOGIN_ASSETS`) stay open here. The logout
route is not served (it only crashed for want of a static path).
"""

from __future__ import annotations

import hmac
import inspect
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from traitlets.config import Config
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from hoiku_lib.serve import page
from hoiku_lib.serve.landing import choose_lang, render_landing
from hoiku_lib.serve.options import (
    PARTICIPANT_DASHBOARDS,
    TRAINER_RESERVE,
    ServeOptions,
    kernel_env,
    secure_cookies,
    served_notebooks,
    voila_config,
)
from hoiku_lib.workshop import ids
from hoiku_lib.workshop.db import prepare_sqlite_file, resolve_url, sqlite_file

HOIKU_TEMPLATE_DIR = Path(__file__).parent / "templates" / "hoiku"
#: What the passcode form (``/login``) loads from ``/voila/static/``: Jupyter's own stock
#: files, open to anyone so the form looks right before the passcode is given.
LOGIN_ASSETS = frozenset(
    {
        "favicon.ico",
        "style/bootstrap.min.css",
        "style/bootstrap-theme.min.css",
        "style/index.css",
        "logo/logo.png",
    }
)


async def passcode_given(handler: web.RequestHandler) -> bool:
    """Does this request carry the server's passcode (or its login cookie)? True when the
    server has none. Works for any tornado handler, not only Jupyter's."""
    provider = handler.settings.get("identity_provider")
    token = getattr(provider, "token", "") or ""
    if provider is None or not provider.auth_enabled or not token:
        return True
    given = provider.get_token(handler) or ""
    if given and hmac.compare_digest(given.encode(), token.encode()):
        return True
    user = provider.get_user_cookie(handler)
    if inspect.isawaitable(user):
        user = await user
    return user is not None


class PasscodeGate:
    """Mixed in front of a route's handler: without the passcode, 403 before anything runs
    (a websocket is refused before the upgrade). ``open_paths`` (first path argument) are
    served to anyone."""

    open_paths: frozenset[str] = frozenset()
    _hoiku_refused = False

    async def prepare(self) -> None:
        handler: Any = self
        open_path = bool(handler.path_args) and handler.path_args[0] in self.open_paths
        if not open_path and not await passcode_given(handler):
            self._hoiku_refused = True
            raise web.HTTPError(403)
        result = super().prepare()  # type: ignore[misc]
        if inspect.isawaitable(result):
            await result

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if self._hoiku_refused:  # tornado's bare "403: Forbidden", no template, no detail
            web.RequestHandler.write_error(self, status_code, **kwargs)  # type: ignore[arg-type]
            return
        super().write_error(status_code, **kwargs)  # type: ignore[misc]


class NotServedHandler(web.RequestHandler):
    """Every path no other route takes: 404 (403 first without the passcode, like the rest)."""

    def prepare(self) -> None:
        raise web.HTTPError(404)


def gated(handler: type, open_paths: frozenset[str] = frozenset()) -> type:
    """``handler`` behind the passcode (a subclass, so Voilà's own classes stay as they are)."""
    return type(f"Gated{handler.__name__}", (PasscodeGate, handler), {"open_paths": open_paths})


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


#: What a shortcut (``/case``) passes on to the dashboard; the passcode (``?token=``) has
#: done its work by then (the login cookie), so it does not stay in the address bar.
#: ``view`` is the projector's read-only key (``/present?view=KEY``, presenter_app).
KEPT_QUERY = frozenset({"lang", "join", "view"})


class ShortcutHandler(JupyterHandler):
    """``/case`` → the case dashboard, keeping the query (``?lang=sv``, and ``?join=CODE``
    of the trainer's QR code)."""

    def initialize(self, notebook: str) -> None:
        self.notebook = notebook

    @web.authenticated
    def get(self) -> None:
        query = {k: self.get_argument(k) for k in self.request.arguments if k in KEPT_QUERY}
        url = url_path_join(self.base_url, "voila/render", self.notebook)
        self.redirect(f"{url}?{urlencode(query)}" if query else url)


class AllowedVoilaHandler(TornadoVoilaHandler):
    """Voilà's renderer, limited to the notebooks this server was told to serve (see the
    module docstring for what it adds)."""

    def initialize(
        self,
        allowed: dict[str, str],
        occupancy: page.Occupancy,
        default_lang: str | None = None,
        secure_cookies: bool = False,
        **kwargs: object,
    ) -> None:
        super().initialize(**kwargs)
        self.allowed = allowed  # notebook path → dashboard id
        self.occupancy = occupancy
        self.default_lang = default_lang
        self.secure_cookies = secure_cookies

    @web.authenticated
    async def get(self, path: str | None = None) -> None:
        key = self.allowed.get(path or "")
        if key is None:
            raise web.HTTPError(404)
        lang = choose_lang(
            self.get_argument("lang", None),
            self.request.headers.get("Accept-Language"),
            self.default_lang,
        )
        self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the unload beacon posts back
        in_use = self.occupancy.in_use(self.kernel_manager.list_kernel_ids())
        reserve = 0 if key in PARTICIPANT_DASHBOARDS else TRAINER_RESERVE
        if not self.occupancy.admits(in_use, reserve):
            self.log.warning(
                "HOIKU: %s pages open, limit %s: refused", in_use, self.occupancy.limit
            )
            self.set_status(503)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Content-Language", lang)
            self.set_header("Cache-Control", "no-store")
            self.set_header("Retry-After", "30")
            self.finish(page.render_full(lang, self.request.uri or self.base_url))
            return
        self._hand_over_participant_id(key)
        self.set_header("Content-Language", lang)
        ticket = object()
        self.occupancy.pending.add(ticket)
        try:
            await self._stream(path, key, lang, ticket)
        finally:
            self.occupancy.pending.discard(ticket)

    def _hand_over_participant_id(self, key: str) -> None:
        """The case page's participant id: from the browser's cookie, else a new one."""
        self.request.headers.pop(ids.HEADER, None)  # never the browser's own header
        if key != "case":
            return
        pid = self.get_cookie(ids.COOKIE)
        if not ids.valid_participant_id(pid):
            pid = ids.new_participant_id()
        self.set_cookie(
            ids.COOKIE,
            pid,
            max_age=ids.MAX_AGE_S,
            httponly=True,
            samesite="Lax",
            path=self.base_url,
            secure=self.secure_cookies,
        )
        self.request.headers[ids.HEADER] = pid

    async def _stream(self, path: str | None, key: str, lang: str, ticket: object) -> None:
        """Voilà's page, with HOIKU's <html lang> and <title>; counts the page's kernel."""
        head: str | None = ""
        async for chunk in self.get_generator(path=path):
            if ticket in self.occupancy.pending:
                kernel_id = page.kernel_id_in(chunk)
                if kernel_id:
                    self.occupancy.serving.add(kernel_id)
                    self.occupancy.pending.discard(ticket)
            if head is not None:
                head += chunk
                if not page.head_complete(head):
                    continue
                chunk, head = page.rewrite_head(head, key, lang), None
            self.write(chunk)
            self.flush()
        if head:
            self.write(page.rewrite_head(head, key, lang))


class HoikuVoila(Voila):
    """Voilà application configured from :class:`ServeOptions`."""

    hoiku_options: ServeOptions | None = None
    hoiku_occupancy: page.Occupancy | None = None

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # Our index.html.j2/page.html shadow the lab template's and extend it by path.
        self.template_paths.insert(0, str(HOIKU_TEMPLATE_DIR))

    def init_handlers(self) -> list:
        opts = self.hoiku_options
        assert opts is not None, "HoikuVoila needs hoiku_options"
        notebooks = served_notebooks(opts)
        dropped = (
            TornadoVoilaTreeHandler,
            VoilaContentsHandler,
            self.identity_provider.logout_handler_class,
        )
        handlers: list = []
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if handler in dropped:
                continue
            if handler is TornadoVoilaHandler:
                kwargs = {
                    **spec[2],
                    "allowed": {rel: key for key, rel in notebooks.items()},
                    "occupancy": self.hoiku_occupancy,
                    "default_lang": opts.lang,
                    "secure_cookies": secure_cookies(opts),
                }
                spec = (pattern, AllowedVoilaHandler, kwargs)
            elif handler is not self.identity_provider.login_handler_class:
                public = LOGIN_ASSETS if pattern.endswith("/voila/static/(.*)") else frozenset()
                spec = (pattern, gated(handler, public), *spec[2:])
            handlers.append(spec)
        ours = [
            (
                self.server_url,
                LandingHandler,
                {"dashboards": list(notebooks), "default_lang": opts.lang},
            ),
            (
                url_path_join(self.server_url, r"/voila/tree.*"),
                gated(web.RedirectHandler),
                {"url": self.server_url, "permanent": False},
            ),
        ]
        for key, rel in notebooks.items():
            ours.append(
                (url_path_join(self.server_url, rf"/{key}/?"), ShortcutHandler, {"notebook": rel})
            )
        # the pages above redirect to the passcode form themselves (@web.authenticated)
        return ours + handlers + [(r".*", gated(NotServedHandler))]


def build_app(opts: ServeOptions) -> HoikuVoila:
    """A configured, initialised application; ``.start()`` serves until stopped."""
    os.environ.update(kernel_env(opts))  # kernels inherit the server's environment
    db_file = sqlite_file(resolve_url(opts.db))
    if db_file is not None:  # made 0600 now, or a readable one named in the terminal
        prepare_sqlite_file(db_file)
    app = HoikuVoila(config=Config(voila_config(opts)))
    app.hoiku_options = opts
    app.hoiku_occupancy = page.Occupancy(limit=int(opts.max_pages or 1))
    app.initialize(argv=[])
    return app
