"""`hoiku serve`: argument parsing only, so `hoiku --help` stays fast.

Voilà, tornado and the Jupyter server are imported inside the handler.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from hoiku_lib.i18n import LANGS, normalise_lang, t
from hoiku_lib.package_data import NOTEBOOKS_DIR

#: The dashboards' notebooks shipped in the package.
DEFAULT_NOTEBOOKS = NOTEBOOKS_DIR


def _ui_lang() -> str:
    return normalise_lang(os.environ.get("HOIKU_LANG"))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` sub-command."""
    lang = _ui_lang()
    parser = subparsers.add_parser(
        "serve", help=t("serve.help", lang), description=t("serve.help", lang)
    )
    parser.add_argument("--host", default="127.0.0.1", help=t("serve.opt.host", lang))
    parser.add_argument("--port", type=int, default=8866, help=t("serve.opt.port", lang))
    parser.add_argument("--no-browser", action="store_true", help=t("serve.opt.no_browser", lang))
    parser.add_argument("--pool", type=int, default=2, help=t("serve.opt.pool", lang))
    parser.add_argument("--max-pages", type=int, default=None, help=t("serve.opt.max_pages", lang))
    parser.add_argument("--token", default="", help=t("serve.opt.token", lang))
    parser.add_argument("--lang", choices=LANGS, default=None, help=t("serve.opt.lang", lang))
    parser.add_argument("--db", default=None, help=t("serve.opt.db", lang))
    parser.add_argument("--with-audit", action="store_true", help=t("serve.opt.with_audit", lang))
    parser.add_argument(
        "--notebooks", type=Path, default=DEFAULT_NOTEBOOKS, help=t("serve.opt.notebooks", lang)
    )
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Validate the options, then serve until Ctrl+C or SIGTERM."""
    from hoiku_lib.serve.options import ServeOptions, ServeRefused, validate

    lang = args.lang or _ui_lang()
    opts = ServeOptions(
        notebooks_dir=args.notebooks.resolve(),
        host=args.host,
        port=args.port,
        open_browser=not args.no_browser,
        pool=args.pool,
        max_pages=args.max_pages,
        token=args.token,
        lang=args.lang,
        db=args.db,
        with_audit=args.with_audit,
    )
    try:
        validate(opts)
    except ServeRefused as refusal:
        print(t(refusal.key, lang, **refusal.fmt), file=sys.stderr)
        return 2
    from hoiku_lib.serve.run import serve

    return serve(opts, lang)
