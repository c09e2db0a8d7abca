"""``hoiku workshop open|export|delete`` (a plugin of ``hoiku_lib.cli``).

The trainer code may come from ``--trainer-code``, from ``HOIKU_TRAINER_CODE`` or from a
prompt (so that it need not sit in the shell history).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path


def _lang(args: argparse.Namespace) -> str:
    from hoiku_lib.i18n import normalise_lang

    return normalise_lang(args.lang or os.environ.get("HOIKU_LANG") or os.environ.get("LANG"))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``workshop`` with ``open``, ``export`` and ``delete``."""
    ws = subparsers.add_parser("workshop", help="anonymous workshop sessions")
    sub = ws.add_subparsers(dest="workshop_command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=None, help="database URL or SQLite file (or HOIKU_DB)")
        p.add_argument("--lang", choices=("fi", "sv", "en"), default=None)

    opener = sub.add_parser("open", help="open a session for a case; prints the codes")
    opener.add_argument("case_id")
    opener.add_argument(
        "--cases", type=Path, default=None, help="case folder (default hoiku_lib/data/cases/)"
    )
    common(opener)
    opener.set_defaults(func=run_open)
    for name, func in (("export", run_export), ("delete", run_delete)):
        p = sub.add_parser(name, help=f"{name} a session (needs the trainer code)")
        p.add_argument("code", help="the session's join code")
        p.add_argument("--trainer-code", default=None)
        if name == "export":
            p.add_argument("--out", type=Path, required=True, help="CSV file to write")
        common(p)
        p.set_defaults(func=func)


def _fail(key: str, lang: str, **fmt: object) -> int:
    from hoiku_lib.i18n import t

    print(t(key, lang, **fmt), file=sys.stderr)
    return 1


def run_open(args: argparse.Namespace) -> int:
    from hoiku_lib.cases.schema import CaseLoadError, default_cases_dir, load_case
    from hoiku_lib.i18n import t
    from hoiku_lib.workshop.store import WorkshopStore

    lang = _lang(args)
    path = (args.cases or default_cases_dir()) / f"{args.case_id}.yaml"
    if not path.is_file() or not args.case_id.replace("_", "").isalnum():
        return _fail("ws.unknown_case", lang, id=args.case_id)
    try:
        case = load_case(path)
    except CaseLoadError:
        return _fail("lint.case_error", lang)
    store = WorkshopStore(args.db)
    codes = store.open_session(case.id, len(case.stages))
    store.dispose()
    print(t("ws.cli_join_code", lang, code=codes.join_code))
    print(t("ws.cli_trainer_code", lang, code=codes.trainer_code))
    return 0


def _trainer_session(args: argparse.Namespace, lang: str) -> tuple[object, str] | int:
    from hoiku_lib.i18n import t
    from hoiku_lib.workshop.store import PermissionDenied, WorkshopStore, normalise_code

    code = args.trainer_code or os.environ.get("HOIKU_TRAINER_CODE")
    if not code:
        code = getpass.getpass(t("ws.cli_prompt_trainer", lang))
    store = WorkshopStore(args.db)
    try:
        info = store.session_info(code)
    except PermissionDenied:
        store.dispose()
        return _fail("ws.permission_denied", lang)
    if info.join_code != normalise_code(args.code):
        store.dispose()
        return _fail("ws.permission_denied", lang)
    return store, code


def run_export(args: argparse.Namespace) -> int:
    from hoiku_lib.i18n import tn

    lang = _lang(args)
    got = _trainer_session(args, lang)
    if isinstance(got, int):
        return got
    store, code = got
    if not args.out.parent.is_dir():
        store.dispose()
        return _fail("ws.no_out_dir", lang)
    try:
        n = store.export_csv(code, args.out)
    except OSError:
        return _fail("ws.write_failed", lang)
    finally:
        store.dispose()
    print(tn("ws.cli_exported", n, lang, path=args.out))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from hoiku_lib.i18n import t

    lang = _lang(args)
    got = _trainer_session(args, lang)
    if isinstance(got, int):
        return got
    store, code = got
    store.delete_session(code)
    store.dispose()
    print(t("ws.cli_deleted", lang))
    return 0
