"""The ``hoiku`` command: one entry point, sub-commands as plugins.

Core sub-commands (taxonomy, assess, validate) live here; other subsystems register theirs
through a ``register(subparsers)`` function in their own ``cli`` module, imported lazily so
that ``hoiku --help`` stays fast. Errors reach the user as one plain sentence on stderr,
never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoiku_lib.i18n import LANGS, normalise_lang, pick, t

if TYPE_CHECKING:
    from hoiku_lib.schemas import Indicator

PLUGINS = (
    "hoiku_lib.cases.cli",
    "hoiku_lib.workshop.cli",
    "hoiku_lib.audit.cli",
    "hoiku_lib.serve.cli",
)


def default_lang() -> str:
    return normalise_lang(os.environ.get("HOIKU_LANG"))


class UserError(Exception):
    """An error the user can fix; its message is already in the user's language."""


class Parser(argparse.ArgumentParser):
    """argparse with the usage error in the user's language (still exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(t("cli.usage_error", default_lang(), detail=message) + "\n")
        raise SystemExit(2)


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default=None, help="fi | sv | en (default: fi, or $HOIKU_LANG)")


def resolve_lang(value: str | None) -> str:
    if value is None:
        return default_lang()
    if value not in LANGS:
        raise UserError(t("cli.bad_lang", default_lang(), value=value))
    return value


def emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
    lang = resolve_lang(args.lang)
    data = taxonomy_data(lang)
    if args.json:
        emit_json(data)
        return 0
    from hoiku_lib.guide import place

    for cat in data["categories"]:
        print(f"\n{cat['label']} ({place(cat['ref'], lang)})")
        for ind in data["indicators"]:
            if ind["category"] == cat["id"]:
                strength = t(f"assess.strength.{ind['strength']}", lang)
                print(f"  - {ind['label']} ({strength})  [{ind['id']}]")
    return 0


# --- assess -------------------------------------------------------------------------------


def _yes_no(value: str | None, flag: str, lang: str) -> str | None:
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered in ("yes", "no"):
        return lowered
    raise UserError(t("cli.bad_yes_no", lang, flag=flag))


def _age(value: str | None, lang: str) -> int | None:
    from hoiku_lib.assessment import MAX_AGE

    if value is None:
        return None
    try:
        age = int(value)
    except ValueError:
        raise UserError(t("cli.bad_age", lang, max=MAX_AGE)) from None
    if not 0 <= age <= MAX_AGE:
        raise UserError(t("cli.bad_age", lang, max=MAX_AGE))
    return age


def cmd_assess(args: argparse.Namespace) -> int:
    from hoiku_lib.assessment import Context, UnknownIndicatorError, assess, basis_lines
    from hoiku_lib.content import load_content
    from hoiku_lib.guide import place

    lang = resolve_lang(args.lang)
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
        lines = []
        for unknown in exc.unknown:
            near = exc.suggestions.get(unknown) or []
            hint = t("cli.did_you_mean", lang, ids=", ".join(near)) if near else ""
            lines.append(t("cli.unknown_indicator", lang, id=unknown) + hint)
        lines.append(t("cli.list_indicators_hint", lang))
        raise UserError("\n".join(lines)) from None
    content = load_content()
    if args.json:
        emit_json(result.as_dict(lang, content))
        return 0
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
    return 0


# --- validate -----------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from hoiku_lib.audit.patterns_schema import check_patterns
    from hoiku_lib.audit.word_model import check_model
    from hoiku_lib.content import load_content

    lang = resolve_lang(args.lang)
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
    return 0


# --- wiring -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="hoiku", description="HOIKU")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    p = subparsers.add_parser("taxonomy", help="indicator taxonomy")
    p.add_argument("--json", action="store_true")
    add_lang(p)
    p.set_defaults(func=cmd_taxonomy)

    p = subparsers.add_parser("assess", help="assess ticked signs (training aid)")
    p.add_argument("--indicators", default="", help="ID[,ID...]")
    p.add_argument("--age", default=None)
    p.add_argument("--age-uncertain", action="store_true")
    p.add_argument("--consent", default=None, help="yes | no")
    p.add_argument("--home-municipality", default=None, help="yes | no")
    p.add_argument("--pregnant", action="store_true")
    p.add_argument("--unaccompanied", action="store_true", help="a child without a guardian")
    p.add_argument("--json", action="store_true")
    add_lang(p)
    p.set_defaults(func=cmd_assess)

    p = subparsers.add_parser("validate", help="validate the content files in hoiku_lib/data/")
    p.add_argument("data_dir", nargs="?", default=None)
    add_lang(p)
    p.set_defaults(func=cmd_validate)

    for module_name in PLUGINS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that subsystem is not installed in this build
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from hoiku_lib.content import ContentError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except ContentError as exc:
        sys.stderr.write(t("cli.content_error", default_lang()) + "\n" + str(exc) + "\n")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
