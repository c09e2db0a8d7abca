"""``hoiku cases lint`` and ``hoiku cases list`` (a plugin of ``hoiku_lib.cli``).

Imports stay light at module level: the heavy parts load inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hoiku_lib.cli_support import Exit, UserError, command, command_lang, emit_json, subcommands
from hoiku_lib.i18n import t


def register(subparsers: argparse._SubParsersAction, lang: str) -> None:
    """Add ``cases`` with its ``lint`` and ``list`` sub-commands."""
    cases = command(subparsers, "cases", "cli.help.cases", lang)
    sub = subcommands(cases, "cases_command", lang)
    lint = command(sub, "lint", "cli.help.cases_lint", lang, run_lint)
    lint.add_argument("dir", nargs="?", type=Path, default=None, help=t("cli.opt.cases_dir", lang))
    listing = command(sub, "list", "cli.help.cases_list", lang, run_list)
    listing.add_argument(
        "dir", nargs="?", type=Path, default=None, help=t("cli.opt.cases_dir", lang)
    )
    listing.add_argument("--json", action="store_true", help=t("cli.opt.json", lang))


def run_lint(args: argparse.Namespace) -> int:
    from hoiku_lib.cases.lint import lint_dir, lint_file
    from hoiku_lib.cases.schema import case_files, default_cases_dir
    from hoiku_lib.content import ContentError, load_content
    from hoiku_lib.i18n import tn
    from hoiku_lib.problems import render

    lang = command_lang(args)
    directory = args.dir or default_cases_dir()
    single = directory.is_file() and directory.suffix == ".yaml"  # one vignette file
    if not (directory.is_dir() or single):
        raise UserError("lint.no_dir", exit=Exit.FAULTS, dir=directory)
    try:
        content = load_content()
    except ContentError:
        raise UserError("lint.content_error", exit=Exit.FAULTS) from None
    faults = lint_file(directory, content) if single else lint_dir(directory, content)
    for line in render(faults, lang):
        print(line, file=sys.stderr)
    if faults:
        files = tn("lint.in_files", len({f.file for f in faults}), lang)
        print(tn("lint.faults", len(faults), lang, files=files), file=sys.stderr)
        return Exit.FAULTS
    print(tn("lint.ok", 1 if single else len(case_files(directory)), lang))
    return Exit.OK


def run_list(args: argparse.Namespace) -> int:
    from hoiku_lib.cases.schema import CaseLoadError, load_cases
    from hoiku_lib.i18n import pick

    lang = command_lang(args)
    if args.dir is not None and not args.dir.is_dir():
        raise UserError("lint.no_dir", exit=Exit.FAULTS, dir=args.dir)
    try:
        cases = load_cases(args.dir)
    except CaseLoadError:
        raise UserError("lint.case_error", exit=Exit.FAULTS) from None
    rows = [
        {
            "id": case.id,
            "title": pick(case.title, lang),
            "summary": pick(case.summary, lang),
            "covers": list(case.covers),
            "forms": list(case.forms),
            "stages": len(case.stages),
            "points_to_trafficking": case.points_to_trafficking,
        }
        for case in cases.values()
    ]
    if args.json:
        emit_json(rows)
    else:
        for row in rows:
            print(f"{row['id']}\t{row['title']}\t{', '.join(row['covers'])}")
    return Exit.OK
