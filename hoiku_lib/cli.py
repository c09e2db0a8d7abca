"""The ``hoiku`` command: one entry point, every sub-command registered by plain import.

Core sub-commands (taxonomy, assess, validate) live here; each subsystem adds its own through
``register(subparsers, lang)`` in its ``cli`` module, whose top-level imports stay light so
that ``hoiku --help`` is fast. Parser, ``--lang``, errors and exit codes come from
``hoiku_lib.cli_support``: errors reach the user as plain sentences on stderr in the user's
language, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoiku_lib.cli_support import (
    Exit,
    UserError,
    command,
    command_lang,
    emit_json,
    lang_in_argv,
    root_parser,
)
from hoiku_lib.i18n import pick, resolve_lang, t

if TYPE_CHECKING:
    from hoiku_lib.schemas import Indicator


# --- taxonomy ---------------------------------------------------------------------------


def taxonomy_data(lang: str) -> dict[str, Any]:
    """The ``hoiku taxonomy --json`` contract."""
    from hoiku_lib.content import load_content
    from hoiku_lib.guide import place

    content = load_content()

    def source_of(i: Indicator) -> dict[str, object]:
        external = content.sources.get(i.source)
        return {
            "id": i.source,
            "in_guide": i.in_guide,
            "ref": i.ref,
            "place": place(i.ref, lang, content),
            "citation": external.citation if external else None,
            "date": external.date.isoformat() if external else None,
        }

    return {
        "lang": lang,
        "categories": [
            {
                "id": c.id,
                "ref": c.ref,
                "label": pick(c.label, lang),
                "summary": pick(c.summary, lang),
                "help_questions": [pick(q.text, lang) for q in c.help_questions],
                "advice": [pick(a.text, lang) for a in c.advice],
            }
            for c in content.categories
        ],
        "indicators": [
            {
                "id": i.id,
                "category": i.category,
                "label": pick(i.label, lang),
                "explanation": pick(i.explanation, lang),
                "elaboration": pick(i.elaboration, lang) if i.elaboration else None,
                "ref": i.ref,
                "kind": i.kind,
                "strength": i.strength,
                "strength_basis": i.strength_basis,
                "source": source_of(i),
            }
            for i in content.indicators.values()
        ],
        "forms": [
            {"id": f.id, "label": pick(f.label, lang), "ref": f.ref} for f in content.forms.values()
        ],
        "actions": [
            {"id": a.id, "label": pick(a.label, lang), "duty": a.duty, "ref": a.ref}
            for a in content.actions.values()
        ],
    }


def cmd_taxonomy(args: argparse.Namespace) -> int:
    lang = command_lang(args)
    data = taxonomy_data(lang)
    if args.json:
        emit_json(data)
        return Exit.OK
    from hoiku_lib.guide import place

    for cat in data["categories"]:
        print(f"\n{cat['label']} ({place(cat['ref'], lang)})")
        for ind in data["indicators"]:
            if ind["category"] == cat["id"]:
                strength = t(f"assess.strength.{ind['strength']}", lang)
                print(f"  - {ind['label']} ({strength})  [{ind['id']}]")
    return Exit.OK


# --- assess -------------------------------------------------------------------------------


def _yes_no(value: str | None, flag: str, lang: str) -> str | None:
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered in ("yes", "no"):
        return lowered
    raise UserError("cli.bad_yes_no", flag=flag)


def _age(value: str | None, lang: str) -> int | None:
    from hoiku_lib.assessment import MAX_AGE

    if value is None:
        return None
    try:
        age = int(value)
    except ValueError:
        raise UserError("cli.bad_age", max=MAX_AGE) from None
    if not 0 <= age <= MAX_AGE:
        raise UserError("cli.bad_age", max=MAX_AGE)
    return age


def cmd_assess(args: argparse.Namespace) -> int:
    from hoiku_lib.assessment import Context, UnknownIndicatorError, assess, basis_lines
    from hoiku_lib.content import load_content
    from hoiku_lib.guide import place

    lang = command_lang(args)
    context = Context(
        age=_age(args.age, lang),
        age_uncertain=args.age_uncertain,
        consent=_yes_no(args.consent, "--consent", lang),  # type: ignore[arg-type]
        home_municipality=_yes_no(args.home_municipality, "--home-municipality", lang),  # type: ignore[arg-type]
        pregnant=args.pregnant,
        unaccompanied=args.unaccompanied,
    )
    ids = [i for i in (args.indicators or "").split(",") if i.strip()]
    try:
        result = assess(ids, context)
    except UnknownIndicatorError as exc:
        error: UserError | None = None
        for unknown in exc.unknown:
            if error is None:
                error = UserError("cli.unknown_indicator", id=unknown)
            else:
                error.then("cli.unknown_indicator", id=unknown)
            near = exc.suggestions.get(unknown) or []
            if near:
                error.then("cli.did_you_mean", same_line=True, ids=", ".join(near))
        assert error is not None  # an UnknownIndicatorError names at least one id
        raise error.then("cli.list_indicators_hint") from None
    content = load_content()
    if args.json:
        emit_json(result.as_dict(lang, content))
        return Exit.OK
    print(t("assess.disclaimer", lang))
    print(t("assess.level_line", lang, level=t(f"level.{result.level}", lang)))
    if result.child:
        print(t("assess.child_line", lang))
    print(t("assess.reasons_heading", lang))
    for reason in result.reasons:
        print(f"  - {reason.render(lang, content)}")
    if result.duties:
        print(t("assess.duties_heading", lang))
        for action_id in result.duties:
            action = content.actions[action_id]
            print(f"  - {pick(action.label, lang)} [{place(action.ref, lang, content)}]")
            for line in basis_lines(action_id, lang, content):
                print(f"      {line}")
    others = [a for a in result.actions if a not in result.duties]
    print(t("assess.other_actions_heading" if result.duties else "assess.actions_heading", lang))
    if not others:
        print(f"  - {t('assess.no_actions', lang)}")
    for action_id in others:
        action = content.actions[action_id]
        print(f"  - {pick(action.label, lang)} [{place(action.ref, lang, content)}]")
    for note_id in result.notes:
        print(f"  * {pick(content.context_notes[note_id].text, lang)}")
    if result.resources:
        print(t("assess.resources_heading", lang))
        for resource in content.resources:
            if resource.id in result.resources:
                contact = ", ".join(v for v in (resource.contact.phone, resource.contact.web) if v)
                print(f"  - {pick(resource.name, lang)}: {contact}")
    return Exit.OK


# --- validate -----------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from hoiku_lib.audit.patterns_schema import check_patterns
    from hoiku_lib.audit.word_model import check_model
    from hoiku_lib.content import load_content

    lang = command_lang(args)
    content = load_content(Path(args.data_dir) if args.data_dir else None)
    check_patterns(content.data_dir / "audit" / "disclosure_patterns.yaml", set(content.indicators))
    check_model(content.data_dir / "audit" / "disclosure_model.yaml")
    print(
        t(
            "cli.validate_ok",
            lang,
            indicators=len(content.indicators),
            actions=len(content.actions),
            resources=len(content.resources),
        )
    )
    return Exit.OK


# --- wiring -------------------------------------------------------------------------------


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """Every sub-command, its help in ``lang`` (default: the command line's own language)."""
    from hoiku_lib.audit import cli as audit_cli
    from hoiku_lib.cases import cli as cases_cli
    from hoiku_lib.quiz import cli as quiz_cli
    from hoiku_lib.serve import cli as serve_cli
    from hoiku_lib.workshop import cli as workshop_cli

    lang = lang or command_lang()
    parser, subparsers = root_parser(lang)
    help_content = t("overlay.opt.content", lang, env="HOIKU_CONTENT")
    parser.add_argument("--content", metavar="DIR", default=None, help=help_content)

    p = command(subparsers, "taxonomy", "cli.help.taxonomy", lang, cmd_taxonomy)
    p.add_argument("--json", action="store_true", help=t("cli.opt.json", lang))

    p = command(subparsers, "assess", "cli.help.assess", lang, cmd_assess)
    p.add_argument(
        "--indicators", default="", metavar="ID[,ID...]", help=t("cli.opt.indicators", lang)
    )
    p.add_argument("--age", default=None, metavar="N", help=t("cli.opt.age", lang))
    p.add_argument("--age-uncertain", action="store_true", help=t("cli.opt.age_uncertain", lang))
    p.add_argument("--consent", default=None, metavar="yes|no", help=t("cli.opt.consent", lang))
    p.add_argument(
        "--home-municipality",
        default=None,
        metavar="yes|no",
        help=t("cli.opt.home_municipality", lang),
    )
    p.add_argument("--pregnant", action="store_true", help=t("cli.opt.pregnant", lang))
    p.add_argument("--unaccompanied", action="store_true", help=t("cli.opt.unaccompanied", lang))
    p.add_argument("--json", action="store_true", help=t("cli.opt.json", lang))

    p = command(subparsers, "validate", "cli.help.validate", lang, cmd_validate)
    p.add_argument("data_dir", nargs="?", default=None, help=t("cli.opt.data_dir", lang))

    for module in (cases_cli, quiz_cli, workshop_cli, audit_cli, serve_cli):
        module.register(subparsers, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from hoiku_lib import overlay
    from hoiku_lib.content import ContentError

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(resolve_lang(explicit=lang_in_argv(argv), env=os.environ))
    args = parser.parse_args(argv)
    lang = command_lang(args)
    try:
        overlay.use(args.content, full=args.command == "serve")  # sets HOIKU_CONTENT
        return int(args.func(args) or Exit.OK)
    except UserError as exc:
        sys.stderr.write(exc.render(lang) + "\n")
        return exc.exit
    except ContentError as exc:
        from hoiku_lib.problems import content_problems, render

        lines = [t("cli.content_error", lang), *render(content_problems(exc), lang)]
        sys.stderr.write("\n".join(lines) + "\n")
        return Exit.FAULTS
    except KeyboardInterrupt:
        return Exit.INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
