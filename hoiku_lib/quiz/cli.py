"""``hoiku quiz lint`` and ``hoiku quiz show`` (a plugin of ``hoiku_lib.cli``).

Imports stay light at module level: the heavy parts load inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from string import ascii_lowercase

from hoiku_lib.cli_support import Exit, UserError, command, command_lang, emit_json, subcommands
from hoiku_lib.i18n import t


def register(subparsers: argparse._SubParsersAction, lang: str) -> None:
    """Add ``quiz`` with its ``lint`` and ``show`` sub-commands."""
    quiz = command(subparsers, "quiz", "quiz.cli.help", lang)
    sub = subcommands(quiz, "quiz_command", lang)
    lint = command(sub, "lint", "quiz.cli.help_lint", lang, run_lint)
    lint.add_argument("dir", nargs="?", type=Path, default=None, help=t("quiz.cli.opt_dir", lang))
    lint.add_argument("--stats", action="store_true", help=t("quiz.cli.opt_stats", lang))
    lint.add_argument("--json", action="store_true", help=t("quiz.cli.opt_json", lang))
    show = command(sub, "show", "quiz.cli.help_show", lang, run_show)
    show.add_argument("ids", nargs="*", metavar="ID", help=t("quiz.cli.opt_ids", lang))
    show.add_argument("--dir", type=Path, default=None, help=t("quiz.cli.opt_dir", lang))


def _print_stats(data: dict, lang: str) -> None:
    from hoiku_lib.i18n import LANGS

    rows = [(t(f"quiz.section.{s}", lang), counts) for s, counts in data["sections"].items()]
    width = max(len(label) for label, _ in rows + [(t("quiz.stats.total", lang), {})])
    print(f"{t('quiz.stats.section', lang):<{width}}  " + "  ".join(f"{x:>3}" for x in LANGS))
    for label, counts in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{counts[x]:>3}" for x in LANGS))
    totals = {x: sum(c[x] for _, c in rows) for x in LANGS}
    print(f"{t('quiz.stats.total', lang):<{width}}  " + "  ".join(f"{totals[x]:>3}" for x in LANGS))
    kinds = ", ".join(
        f"{t(f'quiz.kind.{k}', lang)} {data['kinds'].get(k, 0)}" for k in ("single", "multiple")
    )
    levels = ", ".join(
        f"{t(f'quiz.difficulty.{d}', lang)} {data['difficulties'].get(d, 0)}"
        for d in ("easy", "medium", "hard")
    )
    print(t("quiz.stats.kinds", lang, list=kinds))
    print(t("quiz.stats.difficulties", lang, list=levels))
    print(t("quiz.stats.critical", lang, count=data["critical_options"]))


def run_lint(args: argparse.Namespace) -> int:
    from hoiku_lib.content import ContentError, load_content
    from hoiku_lib.i18n import tn
    from hoiku_lib.problems import render
    from hoiku_lib.quiz.lint import lint_paths, stats
    from hoiku_lib.quiz.load import default_quiz_dir, quiz_files

    lang = command_lang(args)
    directory = args.dir or default_quiz_dir()
    single = directory.is_file() and directory.suffix == ".yaml"
    if not (directory.is_dir() or single):
        raise UserError("quiz.lint.no_dir", exit=Exit.FAULTS, dir=directory)
    try:
        content = load_content()
    except ContentError:
        raise UserError("quiz.lint.content_error", exit=Exit.FAULTS) from None
    paths = [directory] if single else quiz_files(directory)
    faults, items = lint_paths(paths, str(directory), content, coverage=not single)
    for line in render(faults, lang):
        print(line, file=sys.stderr)
    if args.stats:
        data = stats(items)
        if args.json:
            emit_json(data)
        else:
            _print_stats(data, lang)
    if faults:
        print(tn("quiz.lint.faults", len(faults), lang), file=sys.stderr)
        return Exit.FAULTS
    if not args.json:
        print(tn("quiz.lint.ok", len(items), lang))
    return Exit.OK


def run_show(args: argparse.Namespace) -> int:
    from hoiku_lib.i18n import pick
    from hoiku_lib.quiz.load import QuizLoadError, load_items, references
    from hoiku_lib.quiz.schema import SECTIONS

    lang = command_lang(args)
    try:
        items = load_items(args.dir)
    except QuizLoadError:
        raise UserError("quiz.show.load_error", exit=Exit.FAULTS) from None
    unknown = [i for i in args.ids if i not in items]
    if unknown:
        raise UserError("quiz.show.unknown", exit=Exit.FAULTS, ids=", ".join(unknown))
    print(t("quiz.show.legend", lang) + "\n")
    # the sections in the guide's order, the items of a section in file order
    order = args.ids or sorted(items, key=lambda i: SECTIONS.index(items[i].section))
    for item_id in order:
        item = items[item_id]
        head = " · ".join(
            (
                t(f"quiz.section.{item.section}", lang),
                t(f"quiz.kind.{item.kind}", lang),
                t(f"quiz.difficulty.{item.difficulty}", lang),
            )
        )
        print(f"[{item.id}] {head}")
        print(pick(item.question, lang))
        # lettered in the order the page shows them (an option's id is only its key)
        for letter, option in zip(ascii_lowercase, item.options, strict=False):
            mark = "+" if option.id in item.correct else ("!" if option.critical else "-")
            print(f"  {mark} {letter}) {pick(option.text, lang)}")
        print(f"  {t('quiz.show.why', lang)}: {pick(item.explanation, lang)}")
        print(f"  {t('quiz.show.refs', lang)}: {'; '.join(references(item, lang))}")
        print()
    return Exit.OK
