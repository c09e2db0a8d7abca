"""`hoiku serve`: argument parsing only, so `hoiku --help` stays fast.

Voilà, tornado and the Jupyter server are imported inside the handler.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from hoiku_lib.cli_support import Exit, UserError, command, command_lang
from hoiku_lib.formatting import decimal
from hoiku_lib.i18n import LANG_ENV, known_lang, t
from hoiku_lib.package_data import NOTEBOOKS_DIR

#: Participants served without any option (kept equal to options.DEFAULT_EXPECT, which
#: imports more than `hoiku --help` should; a unit test compares them).
DEFAULT_EXPECT = 30
#: The passcode when --token is not given (kept out of the process list).
TOKEN_ENV = "HOIKU_SERVE_TOKEN"
#: The dashboards' notebooks shipped in the package.
DEFAULT_NOTEBOOKS = NOTEBOOKS_DIR


def register(subparsers: argparse._SubParsersAction, lang: str) -> None:
    """Add the ``serve`` sub-command."""
    parser = command(subparsers, "serve", "serve.help", lang, handle, lang_help="serve.opt.lang")
    parser.add_argument("--host", default="127.0.0.1", help=t("serve.opt.host", lang))
    parser.add_argument("--port", type=int, default=8866, help=t("serve.opt.port", lang))
    parser.add_argument("--no-browser", action="store_true", help=t("serve.opt.no_browser", lang))
    parser.add_argument(
        "--expect", type=int, default=DEFAULT_EXPECT, help=t("serve.opt.expect", lang)
    )
    parser.add_argument("--pool", type=int, default=None, help=t("serve.opt.pool", lang))
    parser.add_argument("--max-pages", type=int, default=None, help=t("serve.opt.max_pages", lang))
    # from the environment: a command line shows in every local user's process list
    parser.add_argument(
        "--token", default=os.environ.get(TOKEN_ENV, ""), help=t("serve.opt.token", lang)
    )
    parser.add_argument("--public-url", default=None, help=t("serve.opt.public_url", lang))
    parser.add_argument("--db", default=None, help=t("serve.opt.db", lang))
    parser.add_argument("--with-audit", action="store_true", help=t("serve.opt.with_audit", lang))
    parser.add_argument(
        "--notebooks", type=Path, default=DEFAULT_NOTEBOOKS, help=t("serve.opt.notebooks", lang)
    )


def handle(args: argparse.Namespace) -> int:
    """Validate the options, then serve until Ctrl+C or SIGTERM."""
    from hoiku_lib.serve.options import ServeOptions, ServeRefused, validate

    lang = command_lang(args)
    # the pages' default: this command's --lang, else $HOIKU_LANG (the same rule as every
    # sub-command); None lets each visitor's browser decide
    pages_lang = getattr(args, "lang", None) or known_lang(os.environ.get(LANG_ENV))
    opts = ServeOptions(
        notebooks_dir=args.notebooks.resolve(),
        host=args.host,
        port=args.port,
        open_browser=not args.no_browser,
        expect=args.expect,
        pool=args.pool,
        max_pages=args.max_pages,
        token=args.token,
        lang=pages_lang,
        db=args.db,
        with_audit=args.with_audit,
        public_url=args.public_url,
    )
    try:
        validate(opts)
    except ServeRefused as refusal:
        fields = {
            name: decimal(value, lang, 1) if isinstance(value, float) else value
            for name, value in refusal.fmt.items()
        }
        raise UserError(refusal.key, exit=Exit.INPUT, **fields) from None
    from hoiku_lib.serve.run import serve

    return serve(opts, lang)
