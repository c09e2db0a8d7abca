"""One language rule for every sub-command and page (``i18n.resolve_lang``), and one CLI
dialect: do all sub-commands speak the same language for the same inputs, and does the
system locale ($LANG) never change it?"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.cli import main
from hoiku_lib.i18n import DEFAULT_LANG, LANG_ENV, LANGS, catalogue, known_lang, resolve_lang

ROOT = Path(__file__).resolve().parents[2]
GOOD_CASES = ROOT / "tests" / "fixtures" / "cases_good"

# (argv, the catalogue key of the message it must print): each fails fast without side effects
COMMANDS = [
    (["taxonomy", "--lang", "de"], "cli.bad_lang"),
    (["assess", "--indicators", "no_such_sign"], "cli.unknown_indicator"),
    (["validate", "/nonexistent/hoiku"], "cli.content_error"),
    (["cases", "lint", "/nonexistent/hoiku"], "lint.no_dir"),
    (["cases", "list", "/nonexistent/hoiku"], "lint.no_dir"),
    (["workshop", "open", "no_such_case", "--cases", str(GOOD_CASES)], "ws.unknown_case"),
    (["audit", "x.csv", "--out", "/nonexistent/o", "--target", "nosuch=5"], "audit.cli.bad_target"),
    (["sample-data", "--out", "/dev/null/x.csv"], "audit.cli.write_failed"),
    (["serve", "--host", "0.0.0.0", "--no-browser"], "serve.error.token_required"),
]

# (environment, words before the sub-command, words after it, the language expected)
SITUATIONS = [
    ({"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}, [], [], "fi"),
    ({"LANG": "sv_FI.UTF-8"}, [], [], "fi"),
    ({LANG_ENV: "sv"}, [], [], "sv"),
    ({LANG_ENV: "sv", "LANG": "en_US.UTF-8"}, [], [], "sv"),
    ({LANG_ENV: "sv_FI.UTF-8"}, [], [], "sv"),
    ({LANG_ENV: "de"}, [], [], "fi"),
    ({LANG_ENV: "sv"}, [], ["--lang", "en"], "en"),
    ({LANG_ENV: "sv"}, ["--lang", "en"], [], "en"),
    ({}, ["--lang", "sv"], ["--lang", "en"], "en"),  # the nearer --lang wins
]


def fingerprint(key: str, lang: str) -> str:
    """The fixed text of a message before its first placeholder."""
    return catalogue(lang)[key].split("{")[0].strip()


def insert_after_command(argv: list[str], words: list[str]) -> list[str]:
    """``words`` after the (sub-)sub-command name, before its arguments."""
    depth = 2 if argv[0] in ("cases", "workshop") else 1
    return [*argv[:depth], *words, *argv[depth:]]


@pytest.mark.parametrize(("env", "before", "after", "expected"), SITUATIONS)
@pytest.mark.parametrize(("argv", "key"), COMMANDS, ids=[" ".join(c[0][:2]) for c in COMMANDS])
def test_every_sub_command_speaks_the_same_language(  # noqa: PLR0913 - the grid's axes
    capsys, monkeypatch, env, before, after, expected, argv, key
) -> None:
    for name in (LANG_ENV, "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    words = [*before, *insert_after_command(argv, after)]
    try:
        code = main(words)
    except SystemExit as exc:  # a usage error (the bad --lang) exits from argparse
        code = exc.code
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    if key == "cli.bad_lang":  # the usage error wraps it
        assert fingerprint("cli.usage_error", expected) in err
    assert fingerprint(key, expected) in err
    for other in LANGS:
        if fingerprint(key, other) != fingerprint(key, expected):
            assert fingerprint(key, other) not in err


def test_help_follows_the_language_rule(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv(LANG_ENV, raising=False)
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert catalogue("fi")["cli.help.assess"] in out
    assert out.startswith(catalogue("fi")["cli.usage"]) and catalogue("fi")["cli.options"] in out
    assert "show this help message" not in out and "usage:" not in out
    with pytest.raises(SystemExit):
        main(["audit", "--lang", "sv", "--help"])
    assert catalogue("sv")["audit.cli.help"] in " ".join(capsys.readouterr().out.split())


candidates = st.one_of(
    st.none(),
    st.sampled_from(["fi", "sv", "en", "SV", "en-GB", "sv_FI.UTF-8", "de", "xx", "", "C"]),
    st.text(max_size=8),
)


@given(candidates, candidates, candidates, candidates)
def test_resolve_lang_takes_the_first_known_in_the_documented_order(
    explicit, query, env_lang, accept
) -> None:
    env = {} if env_lang is None else {LANG_ENV: env_lang, "LANG": "en_US.UTF-8"}
    got = resolve_lang(explicit=explicit, query=query, accept_language=accept, env=env)
    assert got in LANGS
    for candidate in (explicit, query, env_lang):
        if known_lang(candidate):
            assert got == known_lang(candidate)
            return
    browser = known_lang(resolve_lang(accept_language=accept, env={}))
    assert got == browser
    if not accept:
        assert got == DEFAULT_LANG


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,sv;q=0.8,en;q=0.9", "en"),  # weights, not the order written
        ("en;q=0.1, sv-FI", "sv"),  # no weight is 1
        ("sv-FI;q=0, en;q=0.2", "en"),  # q=0 is "not this one"
        ("de-DE, fr", "fi"),  # nothing HOIKU has: Finnish
        ("*", "fi"),
        ("FI-fi", "fi"),
        ("en;q=abc, sv;q=0.5", "sv"),  # an unreadable weight is refused
    ],
)
def test_accept_language_is_negotiated_with_its_weights(header: str, expected: str) -> None:
    assert resolve_lang(accept_language=header, env={}) == expected


def test_the_system_locale_never_sets_the_language() -> None:
    assert resolve_lang(env={"LANG": "en_US.UTF-8", "LC_ALL": "sv_SE.UTF-8"}) == "fi"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "hoiku_lib" / "ui").rglob("*.py")), ids=str)
def test_no_page_imports_the_server_package(path: Path) -> None:
    assert not {n for n in _imports(path) if n.startswith("hoiku_lib.serve")}


CLI_MODULES = sorted(
    p for p in (ROOT / "hoiku_lib").rglob("*.py") if p.name in ("cli.py", "cli_support.py")
)


@pytest.mark.parametrize("path", CLI_MODULES, ids=str)
def test_no_help_text_is_a_code_literal(path: Path) -> None:
    """Every help text comes from the catalogue: ``help=t(...)``, never ``help="..."``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    literals = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword)
        and node.arg in ("help", "description")
        and isinstance(node.value, ast.Constant | ast.JoinedStr)
    ]
    assert literals == []


@pytest.mark.parametrize(
    "path", [p for p in sorted((ROOT / "hoiku_lib").rglob("*.py")) if p.name != "i18n.py"], ids=str
)
def test_no_module_reads_the_environment_for_its_own_language(path: Path) -> None:
    """Only ``i18n.resolve_lang`` reads $HOIKU_LANG; nothing reads $LANG or $LC_ALL."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(
        r"environ(\.get\(|\[)\s*[\"'](LANG|LC_ALL|LC_MESSAGES|HOIKU_LANG)[\"']", text
    )
    assert "getlocale" not in text and "getdefaultlocale" not in text
