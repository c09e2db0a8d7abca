"""Does `hoiku quiz lint` / `hoiku quiz show` report as documented (exit codes, stats, show)?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from hoiku_lib.cli import main
from hoiku_lib.i18n import t
from hoiku_lib.quiz.load import QUIZ_DIR, load_items


def test_lint_of_the_shipped_items_passes_and_prints_the_counts(capsys) -> None:  # noqa: ANN001
    assert main(["quiz", "lint", "--stats", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Recognising signs of exploitation" in out and "Total" in out
    assert out.strip().endswith("items checked, no faults.")


def test_stats_as_json(capsys) -> None:  # noqa: ANN001
    assert main(["quiz", "lint", "--stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == sum(s["fi"] for s in data["sections"].values())
    assert set(data["kinds"]) == {"single", "multiple"}
    assert set(data["difficulties"]) == {"easy", "medium", "hard"}


def test_a_faulty_file_exits_1_naming_file_line_and_item(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    data = yaml.safe_load((QUIZ_DIR / "help.yaml").read_text(encoding="utf-8"))
    data["items"][0]["correct"] = ["z"]
    bad = tmp_path / "help.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["quiz", "lint", str(bad), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    first_id = data["items"][0]["id"]
    assert f"{bad}, " in err and f"{first_id}, items[0].correct[0], line " in err
    assert t("quiz.lint.correct_not_option", "en", id="z") in err
    # one file on its own holds one section: the coverage rule is for the whole set
    assert "too few items in all" not in err
    assert main(["quiz", "lint", str(tmp_path), "--lang", "en"]) == 1
    assert "too few items in all" in capsys.readouterr().err


def test_a_missing_folder_is_a_plain_message(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["quiz", "lint", str(tmp_path / "nowhere"), "--lang", "en"]) == 1
    assert t("quiz.lint.no_dir", "en", dir=tmp_path / "nowhere") in capsys.readouterr().err


def test_show_prints_the_answer_and_the_references(capsys) -> None:  # noqa: ANN001
    assert main(["quiz", "show", "children_welfare_notification", "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert t("quiz.show.legend", "sv") in out
    item = load_items()["children_welfare_notification"]
    # lettered a, b, c … in the order the page shows the options, each with its mark
    for letter, option in zip("abcdefgh", item.options, strict=False):
        mark = "+" if option.id in item.correct else ("!" if option.critical else "-")
        assert f"  {mark} {letter}) {option.text['sv']}\n" in out
    assert "Göra en barnskyddsanmälan" in out
    assert "Barnskyddslagen 417/2007, 25 § 1 mom." in out


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_show_an_unknown_item(lang: str, capsys) -> None:  # noqa: ANN001
    assert main(["quiz", "show", "no_such_item", "--lang", lang]) == 1
    assert t("quiz.show.unknown", lang, ids="no_such_item") in capsys.readouterr().err
