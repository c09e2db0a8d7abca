"""What every ``hoiku`` sub-command shares: parser, ``--lang``, errors and exit codes.

One dialect for the whole command: a sub-command builds its parser with :func:`command`,
takes its language from :func:`command_lang` (the one rule of ``i18n.resolve_lang``), reads
every help text from the catalogue, and fails by raising :class:`UserError` with a
catalogue key; ``hoiku_lib.cli.main`` prints it in the user's language and exits with its
:class:`Exit` code. Light on purpose: ``hoiku --help`` imports this and nothing heavy.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum

from hoiku_lib.i18n import LANGS, resolve_lang, t


class Exit(IntEnum):
    """Exit codes of ``hoiku``, the same in every sub-command (docs and tests rely on them)."""

    OK = 0
    FAULTS = 1
    """The checked files have faults (``validate``, ``cases lint``), or a workshop request
    was refused (unknown case, wrong trainer code)."""
    INPUT = 2
    """The command or its input cannot be used: a usage error, a bad option value, an
    unreadable audit file, a server setting refused."""
    WRITE = 3
    """An output could not be written."""
    VOIKKO = 4
    """Voikko is missing: the audit cannot tell names apart, so it does not run."""
    INTERRUPTED = 130
    """Ctrl+C."""


Text = tuple[str, Mapping[str, object]]
"""A catalogue key and the fields of its placeholders."""


class UserError(Exception):
    """A fault the user can fix, as catalogue keys: rendered in the user's language by
    ``main``, never a traceback. Lines may be added with :meth:`then`."""

    def __init__(self, key: str, /, *, exit: Exit = Exit.INPUT, **fields: object) -> None:
        super().__init__(key)
        self.lines: list[list[Text]] = [[(key, fields)]]
        self.exit = exit

    def then(self, key: str, /, *, same_line: bool = False, **fields: object) -> UserError:
        """Add a message, on a line of its own or after the last one."""
        if same_line:
            self.lines[-1].append((key, fields))
        else:
            self.lines.append([(key, fields)])
        return self

    def render(self, lang: str) -> str:
        return "\n".join("".join(t(k, lang, **f) for k, f in line) for line in self.lines)


def lang_in_argv(argv: Sequence[str]) -> str | None:
    """The ``--lang`` of a command line, read before parsing (for the help texts and the
    usage errors): the last one HOIKU has, as argparse lets the last one win."""
    found = None
    for index, word in enumerate(argv):
        value = None
        if word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        found = value if value in LANGS else found
    return found


def command_lang(args: argparse.Namespace | None = None) -> str:
    """The language of a sub-command: ``--lang``, else ``$HOIKU_LANG``, else Finnish.

    The system locale ($LANG, $LC_ALL) never counts: ``i18n.resolve_lang`` is the rule.
    """
    return resolve_lang(explicit=getattr(args, "lang", None), env=os.environ)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the "usage:" word in the user's language."""

    def __init__(self, prog: str, *, usage_word: str) -> None:
        super().__init__(prog)
        self.usage_word = usage_word

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        super().add_usage(usage, actions, groups, self.usage_word if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse speaking the user's language: the usage error (exit 2, ``Exit.INPUT``), the
    "usage:", "options" and "-h" texts. argparse's own error details ("the following
    arguments are required") stay English inside that sentence."""

    def __init__(self, *args: object, lang: str | None = None, **kwargs: object) -> None:
        self.lang = lang = lang or command_lang()
        usage_word = t("cli.usage", lang) + " "
        kwargs["formatter_class"] = lambda prog: _Formatter(prog, usage_word=usage_word)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = t("cli.positionals", lang)
        self._optionals.title = t("cli.options", lang)
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.opt.help", lang)
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(t("cli.usage_error", self.lang, detail=message.rstrip(".")) + "\n")
        raise SystemExit(Exit.INPUT)


def _lang_value(lang: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in LANGS:
            raise argparse.ArgumentTypeError(t("cli.bad_lang", lang, value=value))
        return value

    check.__name__ = "lang"  # argparse names the type in its message
    return check


def add_lang(parser: argparse.ArgumentParser, lang: str, help_key: str = "cli.opt.lang") -> None:
    """``--lang fi|sv|en``; absent means "not given" (SUPPRESS), so a sub-command's own
    ``--lang`` and the global one before it never overwrite each other."""
    parser.add_argument(
        "--lang",
        type=_lang_value(lang),
        default=argparse.SUPPRESS,
        metavar="fi|sv|en",
        help=t(help_key, lang),
    )


def root_parser(lang: str) -> tuple[Parser, argparse._SubParsersAction]:
    """``hoiku`` itself, with the global ``--lang`` and its sub-command list."""
    parser = Parser(prog="hoiku", description=t("cli.description", lang), lang=lang)
    add_lang(parser, lang)
    return parser, subcommands(parser, "command", lang)


def subcommands(
    parser: argparse.ArgumentParser, dest: str, lang: str
) -> argparse._SubParsersAction:
    """A list of sub-commands under ``parser``, each parsed by :class:`Parser`."""
    return parser.add_subparsers(
        dest=dest, required=True, parser_class=Parser, title=t("cli.commands", lang)
    )


def command(
    subparsers: argparse._SubParsersAction,
    name: str,
    help_key: str,
    lang: str,
    func: Callable[[argparse.Namespace], int] | None = None,
    *,
    lang_help: str = "cli.opt.lang",
) -> argparse.ArgumentParser:
    """One sub-command: help from the catalogue, its own ``--lang``, its handler."""
    parser = subparsers.add_parser(
        name, help=t(help_key, lang), description=t(help_key, lang), lang=lang
    )
    add_lang(parser, lang, lang_help)
    if func is not None:
        parser.set_defaults(func=func)
    return parser


def emit_json(data: object) -> None:
    """Machine-readable output: UTF-8 JSON on stdout."""
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
