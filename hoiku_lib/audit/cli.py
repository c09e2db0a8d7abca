"""``hoiku audit`` and ``hoiku sample-data``: thin front ends over the audit pipeline.

Imports stay light at module top (``hoiku --help`` must be fast); pandas and friends load
inside the handlers. Input faults are printed as one plain-language list naming file,
column and rows, never a cell's value; the exit code is 0 whenever the audit ran.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hoiku_lib.cli_support import Exit, UserError, command, command_lang
from hoiku_lib.i18n import t, tn


def register(subparsers: argparse._SubParsersAction, lang: str) -> None:
    """Add the ``audit`` and ``sample-data`` sub-commands."""
    p = command(subparsers, "audit", "audit.cli.help", lang, cmd_audit, lang_help="audit.cli.lang")
    p.add_argument("input", type=Path, help=t("audit.cli.input", lang))
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="canonical=Header",
        help=t("audit.cli.map", lang),
    )
    p.add_argument("--map-file", type=Path, default=None, help=t("audit.cli.map_file", lang))
    p.add_argument("--out", type=Path, required=True, help=t("audit.cli.out", lang))
    p.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="rule_id=PCT",
        help=t("audit.cli.target", lang),
    )

    s = command(subparsers, "sample-data", "audit.cli.sample_help", lang, cmd_sample)
    s.add_argument("--n", type=int, default=300, help=t("audit.cli.sample_n", lang))
    s.add_argument("--seed", type=int, default=2017, help=t("audit.cli.sample_seed", lang))
    s.add_argument("--out", type=Path, required=True, help=t("audit.cli.sample_out", lang))


def cmd_audit(args: argparse.Namespace) -> int:
    """Run the audit and write the outputs; input faults exit 2 with a plain list, a
    missing Voikko exits 4 with what to install."""
    from hoiku_lib.audit.mapping import CANONICAL, MappingError, load_map_file, parse_map_args
    from hoiku_lib.audit.pipeline import run_audit
    from hoiku_lib.audit.problems import AuditInputError, render
    from hoiku_lib.audit.report import write_outputs

    lang = command_lang(args)
    try:
        overrides = load_map_file(args.map_file) if args.map_file else {}
        overrides.update(parse_map_args(args.map))
    except MappingError as exc:
        if args.map_file and exc.item == str(args.map_file):
            raise UserError("audit.problem.bad_map_file") from None
        item = exc.item.partition("=")[0]
        raise UserError("audit.cli.bad_map", item=item, allowed=", ".join(CANONICAL)) from None
    from hoiku_lib.audit.rules import RULE_IDS
    from hoiku_lib.audit.targets import TargetError, parse_target_args

    try:
        targets = parse_target_args(args.target, RULE_IDS)
    except TargetError as exc:
        allowed = ", ".join(RULE_IDS)
        raise UserError("audit.cli.bad_target", item=exc.item, allowed=allowed) from None
    from hoiku_lib.morphology import VoikkoMissingError

    try:
        result = run_audit(args.input, overrides, lang)
    except VoikkoMissingError as exc:
        part = str(exc) if str(exc) in ("libvoikko", "voikko-fi") else "voikko-fi"
        raise UserError("audit.cli.voikko_missing", exit=Exit.VOIKKO, part=part) from None
    except AuditInputError as exc:
        problems = exc.problems
        sys.stderr.write(tn("audit.cli.input_problems", len(problems), lang, file=exc.file))
        sys.stderr.write("\n" + "\n".join(render(exc.file, problems, lang)) + "\n")
        return Exit.INPUT
    from hoiku_lib.audit.marks import review
    from hoiku_lib.audit.own_headers import with_own_headers

    result = review(result, targets=targets)
    if result.problems:
        lines = render(result.file, with_own_headers(result.problems, result.mapping), lang)
        sys.stderr.write(t("audit.cli.input_warnings", lang, file=result.file, n=len(lines)) + "\n")
        sys.stderr.write("\n".join(lines) + "\n")
    try:
        write_outputs(result, args.out, lang, parallel=True)  # a plain process: may fork
    except OSError:
        raise UserError("audit.cli.write_failed", exit=Exit.WRITE, out=args.out) from None
    if result.pii_found:
        sys.stderr.write(t("audit.cli.pii_warning", lang) + "\n")
    if result.possible_names:
        from hoiku_lib.audit.pii import POSSIBLE_NAME, mask_tokens

        mask = mask_tokens(lang)[POSSIBLE_NAME]
        line = t("audit.cli.possible_names", lang, count=result.possible_names, mask=mask)
        sys.stderr.write(line + "\n")
    sys.stdout.write(tn("audit.cli.done", result.n_records, lang, out=args.out) + "\n")
    return Exit.OK


def cmd_sample(args: argparse.Namespace) -> int:
    """Write a seeded synthetic sample with ground-truth label columns."""
    from hoiku_lib.audit.sample import write_sample

    lang = command_lang(args)
    try:
        n = write_sample(args.out, args.n, args.seed)
    except OSError:
        raise UserError("audit.cli.write_failed", exit=Exit.WRITE, out=args.out) from None
    sys.stdout.write(tn("audit.cli.sample_done", n, lang, out=args.out) + "\n")
    return Exit.OK
