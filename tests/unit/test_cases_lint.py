"""Does `hoiku cases lint` find every planted fault, with the right file and line?"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hoiku_lib.cases.lint import lint_dir, lint_file
from hoiku_lib.cases.schema import REPO_CASES_DIR
from hoiku_lib.cli import main
from hoiku_lib.problems import render

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = FIXTURES / "cases_bad"
GOOD = FIXTURES / "cases_good"
MARK = re.compile(r"#\s*FAULT\s+(\S+)")


def planted(path: Path) -> set[tuple[int, str]]:
    """(line, field) of every `# FAULT field` mark in a fixture."""
    found = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = MARK.search(line)
        if m:
            found.add((n, m.group(1)))
    return found


def run(argv: list[str]) -> int:
    return main(argv)


def test_good_fixtures_are_clean() -> None:
    assert lint_dir(GOOD) == []


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_planted_fault_is_found_at_its_line(path: Path) -> None:
    faults = lint_file(path)
    assert {f.file for f in faults} == {str(path)}
    assert {(f.rows[0], f.where or "-") for f in faults} == planted(path)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_reasons_are_plain_language_in_each_language(lang: str) -> None:
    faults = lint_file(BAD / "bad_meaning.yaml")
    assert all(f.message(lang) and "lint." not in f.message(lang) for f in faults)
    unknown = next(f for f in faults if f.where == "stages[0].key.signs[0].id")
    assert "exp_work_accidents" in unknown.message(lang)  # a near id is suggested


def test_rendered_fault_format() -> None:
    fault = lint_file(BAD / "bad_meaning.yaml")[0]
    path = BAD / "bad_meaning.yaml"
    assert render([fault], "en") == [f"- file {path}, field id, line 4: {fault.message('en')}"]
    assert render([fault], "fi") == [f"- tiedosto {path}, kohta id, rivi 4: {fault.message('fi')}"]


def test_cli_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["cases", "lint", str(GOOD), "--lang", "en"]) == 0
    assert run(["cases", "lint", str(BAD), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"file {BAD / 'bad_meaning.yaml'}, field stages[0].key.signs[0].id, line 20:" in err
    assert "Traceback" not in err
    assert run(["cases", "lint", str(BAD / "nowhere"), "--lang", "en"]) == 1


def test_cli_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["cases", "list", str(GOOD), "--json", "--lang", "sv"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["fx_adult_labour", "fx_child_begging"]
    assert rows[0]["covers"] == ["labour", "adult", "no_home_municipality"]
    assert rows[0]["title"] == "Test: vuxen"


def test_repository_cases_lint_clean() -> None:
    """The vignettes shipped in hoiku_lib/data/cases/ must pass their own linter."""
    assert render(lint_dir(REPO_CASES_DIR), "en") == []
