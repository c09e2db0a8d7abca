"""``hoiku cases lint`` and ``hoiku cases list`` (a plugin of ``hoiku_lib.cli``).

Imports stay light at module level: the heavy parts load inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _lang(args: argparse.Namespace) -> str:
    from hoiku_lib.i18n import normalise_lang

    return normalise_lang(args.lang or os.environ.get("HOIKU_LANG") or os.environ.get("LANG"))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``cases`` with its ``lint`` and ``list`` sub-commands."""
    cases = subparsers.add_parser("cases", help="case vignettes: lint and list")
    sub = cases.add_subparsers(dest="cases_command", required=True)
    lint = sub.add_parser("lint", help="check every vignette file (exit 1 on a fault)")
    lint.add_argument(
        "dir", nargs="?", type=Path, default=None, help="default: hoiku_lib/data/cases/"
    )
    lint.add_argument("--lang", choices=("fi", "sv", "en"), default=None)
    lint.set_defaults(func=run_lint)
    listing = sub.add_parser("list", help="list the vignettes and their coverage tags")
    listing.add_argument(
        "dir", nargs="?", type=Path, default=None, help="default: hoiku_lib/data/cases/"
    )
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.add_argument("--lang", choices=("fi", "sv", "en"), default=None)
    listing.set_defaults(func=run_list)


def run_lint(args: argparse.Namespace) -> int:
    from hoiku_lib.cases.lint import lint_dir, lint_file
    from hoiku_lib.cases.schema import case_files, default_cases_dir
    from hoiku_lib.content import ContentError, load_content
    from hoiku_lib.i18n import t, tn

    lang = _lang(args)
    directory = args.dir or default_cases_dir()
    single = directory.is_file() and directory.suffix == ".yaml"  # one vignette file
    if not (directory.is_dir() or single):
        print(t("lint.no_dir", lang, dir=directory), file=sys.stderr)
        return 1
    try:
        content = load_content()
    except ContentError:
        print(t("lint.content_error", lang), file=sys.stderr)
        return 1
    faults = lint_file(directory, content, lang) if single else lint_dir(directory, content, lang)
    for fault in faults:
        print(fault.render(), file=sys.stderr)
    if faults:
        files = tn("lint.in_files", len({f.file for f in faults}), lang)
        print(tn("lint.faults", len(faults), lang, files=files), file=sys.stderr)
        return 1
    print(tn("lint.ok", 1 if single else len(case_files(directory)), lang))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from hoiku_lib.cases.schema import CaseLoadError, load_cases
    from hoiku_lib.i18n import pick, t

    lang = _lang(args)
    try:
        cases = load_cases(args.dir)
    except CaseLoadError:
        print(t("lint.case_error", lang), file=sys.stderr)
        return 1
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
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']}\t{row['title']}\t{', '.join(row['covers'])}")
    return 0
