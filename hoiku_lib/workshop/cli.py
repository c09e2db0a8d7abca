"""``hoiku workshop open|export|delete`` (a plugin of ``hoiku_lib.cli``).

The trainer code may come from ``--trainer-code``, from ``HOIKU_TRAINER_CODE`` or from a
prompt (so that it need not sit in the shell history).
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from hoiku_lib.cli_support import Exit, UserError, command, command_lang, subcommands
from hoiku_lib.i18n import t


def register(subparsers: argparse._SubParsersAction, lang: str) -> None:
    """Add ``workshop`` with ``open``, ``export`` and ``delete``."""
    ws = command(subparsers, "workshop", "cli.help.workshop", lang)
    sub = subcommands(ws, "workshop_command", lang)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=None, help=t("cli.opt.db", lang))

    opener = command(sub, "open", "cli.help.ws_open", lang, run_open)
    opener.add_argument("case_id", help=t("cli.opt.case_id", lang))
    opener.add_argument("--cases", type=Path, default=None, help=t("cli.opt.cases_dir", lang))
    common(opener)
    for name, func in (("export", run_export), ("delete", run_delete)):
        p = command(sub, name, f"cli.help.ws_{name}", lang, func)
        p.add_argument("code", help=t("cli.opt.join_code", lang))
        p.add_argument("--trainer-code", default=None, help=t("cli.opt.trainer_code", lang))
        if name == "export":
            p.add_argument("--out", type=Path, required=True, help=t("cli.opt.export_out", lang))
        common(p)


def run_open(args: argparse.Namespace) -> int:
    from hoiku_lib.cases.schema import CaseLoadError, case_path, load_case
    from hoiku_lib.workshop.store import WorkshopStore

    lang = command_lang(args)
    path = case_path(args.case_id, args.cases)  # shipped, or local (HOIKU_CONTENT)
    if path is None:
        raise UserError("ws.unknown_case", exit=Exit.FAULTS, id=args.case_id)
    try:
        case = load_case(path)
    except CaseLoadError:
        raise UserError("lint.case_error", exit=Exit.FAULTS) from None
    store = WorkshopStore(args.db)
    codes = store.open_session(case.id, len(case.stages))
    view_key = store.presenter_key(codes.trainer_code)
    store.dispose()
    print(t("ws.cli_join_code", lang, code=codes.join_code))
    print(t("ws.cli_trainer_code", lang, code=codes.trainer_code))
    # the projector's read-only page, on the address `hoiku serve` prints (docs/cases.md)
    print(t("ws.cli_presenter", lang, path=f"/present?view={view_key}"))
    return Exit.OK


def _trainer_session(args: argparse.Namespace, lang: str) -> tuple[object, str]:
    from hoiku_lib.workshop.store import PermissionDenied, WorkshopStore, normalise_code

    code = args.trainer_code or os.environ.get("HOIKU_TRAINER_CODE")
    if not code:
        code = getpass.getpass(t("ws.cli_prompt_trainer", lang))
    store = WorkshopStore(args.db)
    try:
        info = store.session_info(code)
    except PermissionDenied:
        store.dispose()
        raise UserError("ws.permission_denied", exit=Exit.FAULTS) from None
    if info.join_code != normalise_code(args.code):
        store.dispose()
        raise UserError("ws.permission_denied", exit=Exit.FAULTS)
    return store, code


def run_export(args: argparse.Namespace) -> int:
    from hoiku_lib.i18n import tn

    lang = command_lang(args)
    store, code = _trainer_session(args, lang)
    if not args.out.parent.is_dir():
        store.dispose()
        raise UserError("ws.no_out_dir", exit=Exit.WRITE)
    from hoiku_lib.workshop.quiz_store import export_beside

    try:
        n = store.export_csv(code, args.out)
        quiz = export_beside(store, code, args.out)  # the knowledge test's figures, if any
    except OSError:
        raise UserError("ws.write_failed", exit=Exit.WRITE) from None
    finally:
        store.dispose()
    print(tn("ws.cli_exported", n, lang, path=args.out))
    if quiz is not None:
        print(tn("quiz.cli_exported", quiz[0], lang, path=quiz[1]))
    return Exit.OK


def run_delete(args: argparse.Namespace) -> int:
    lang = command_lang(args)
    store, code = _trainer_session(args, lang)
    store.delete_session(code)
    store.dispose()
    print(t("ws.cli_deleted", lang))
    return Exit.OK
