"""Does `hoiku quiz lint` find each fault a writer can make, naming the file, line and item?

Each test writes one small file with one planted fault (a valid item, changed in one place)
and checks the exact fault: its item, its field and its reason in plain words. The shipped
items must be clean and cover every section.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoiku_lib.content import load_content
from hoiku_lib.problems import Problem, render
from hoiku_lib.quiz.lint import MIN_ITEMS, MIN_PER_SECTION, lint_dir, lint_paths, stats
from hoiku_lib.quiz.load import QUIZ_DIR, QuizLoadError, load_items, quiz_files, references
from hoiku_lib.quiz.schema import SECTIONS

CONTENT = load_content()


def text(word: str) -> dict[str, str]:
    return {"fi": f"{word} fi", "sv": f"{word} sv", "en": f"{word} en"}


def good_item(item_id: str = "sample_item", section: str = "signs") -> dict[str, Any]:
    return {
        "id": item_id,
        "section": section,
        "kind": "single",
        "difficulty": "easy",
        "question": text("question"),
        "options": [
            {"id": "a", "text": text("right")},
            {"id": "b", "text": text("wrong one"), "critical": True},
            {"id": "c", "text": text("wrong two")},
        ],
        "correct": ["a"],
        "explanation": text("because"),
        "guide": ["III.1"],
        "signs": ["exp_story_mismatch"],
    }


def write(tmp_path: Path, items: list[dict[str, Any]], name: str = "test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        yaml.safe_dump({"schema_version": 1, "items": items}, allow_unicode=True), "utf-8"
    )
    return path


def item_faults(*paths: Path) -> list[Problem]:
    """The faults of the files, without the rules over the whole set (too few items)."""
    faults, _ = lint_paths(list(paths), "set", CONTENT)
    return [f for f in faults if f.file != "set"]


def only(faults: list[Problem]) -> Problem:
    assert len(faults) == 1, render(faults, "en")
    return faults[0]


def test_the_shipped_items_are_clean_and_cover_every_section() -> None:
    faults, items = lint_dir(None, CONTENT)
    assert render(faults, "en") == []
    assert len(items) >= MIN_ITEMS
    per_section = stats(items)["sections"]
    assert all(per_section[s]["fi"] >= MIN_PER_SECTION for s in SECTIONS), per_section


def test_a_good_item_has_no_fault(tmp_path: Path) -> None:
    assert item_faults(write(tmp_path, [good_item()])) == []


def planted(change) -> dict[str, Any]:  # noqa: ANN001
    item = copy.deepcopy(good_item())
    change(item)
    return item


@pytest.mark.parametrize(
    ("change", "field", "key", "fmt"),
    [
        (
            lambda i: i.update(guide=["III.9"]),
            "items[0].guide[0]",
            "quiz.lint.unknown_place",
            {"id": "III.9", "hint": ("lint.did_you_mean", {"ids": "III.3, III.2"})},
        ),
        (
            lambda i: i.update(laws=["lsl_25_9"]),
            "items[0].laws[0]",
            "quiz.lint.unknown_law",
            {"id": "lsl_25_9", "hint": ("lint.did_you_mean", {"ids": "lsl_25_3, lsl_25_1"})},
        ),
        (
            lambda i: i.update(signs=["exp_story_mismatc"]),
            "items[0].signs[0]",
            "quiz.lint.unknown_sign",
            {
                "id": "exp_story_mismatc",
                "hint": ("lint.did_you_mean", {"ids": "exp_story_mismatch"}),
            },
        ),
        (
            lambda i: i.update(actions=["call_the_police"]),
            "items[0].actions[0]",
            "quiz.lint.unknown_action",
            {"id": "call_the_police", "hint": ""},
        ),
        (
            lambda i: i.update(resources=["rikku"]),
            "items[0].resources[0]",
            "quiz.lint.unknown_resource",
            {"id": "rikku", "hint": ("lint.did_you_mean", {"ids": "riku"})},
        ),
        (
            lambda i: i.update(correct=["d"]),
            "items[0].correct[0]",
            "quiz.lint.correct_not_option",
            {"id": "d"},
        ),
        (
            lambda i: i.update(correct=["a", "a"]),
            "items[0].correct[1]",
            "quiz.lint.correct_repeated",
            {"id": "a"},
        ),
        (
            lambda i: i["options"].pop(),
            "items[0].options",
            "quiz.lint.too_few_options",
            {"min": 3, "n": 2},
        ),
        (
            lambda i: i["options"][2].update(id="b"),
            "items[0].options[2].id",
            "quiz.lint.duplicate_option",
            {"id": "b"},
        ),
        (
            lambda i: i["options"][0].update(critical=True),
            "items[0].options[0].critical",
            "quiz.lint.critical_right",
            {"id": "a"},
        ),
        (
            lambda i: i.update(actions=["child_protection_notice"]),
            "items[0].actions[0]",
            "quiz.lint.duty_without_law",
            {"id": "child_protection_notice", "laws": "lsl_25_1"},
        ),
        (
            lambda i: (
                i.update(kind="multiple", correct=["a", "b", "c"]),
                i["options"][1].update(critical=False),
            ),
            "items[0].correct",
            "quiz.lint.all_right",
            {},
        ),
    ],
    ids=[
        "place",
        "law",
        "sign",
        "action",
        "resource",
        "correct_not_option",
        "correct_twice",
        "two_options",
        "option_id_twice",
        "critical_right",
        "duty_without_law",
        "all_right",
    ],
)
def test_each_planted_fault_is_found(tmp_path, change, field, key, fmt) -> None:  # noqa: ANN001
    path = write(tmp_path, [planted(change)])
    fault = only(item_faults(path))
    assert (fault.file, fault.where) == (str(path), f"sample_item, {field}")
    assert (fault.key, dict(fault.fields)) == (key, fmt)
    assert fault.rows[0] > 1
    assert fault.message("fi") and fault.message("sv") and fault.message("en")


def test_a_single_choice_item_with_two_right_answers(tmp_path: Path) -> None:
    item = planted(lambda i: i.update(correct=["a", "c"]))
    fault = only(item_faults(write(tmp_path, [item])))
    assert fault.where == "sample_item, items[0].correct"
    assert (fault.key, dict(fault.fields)) == ("quiz.lint.single_not_one", {"count": 2})


def test_a_multiple_choice_item_may_have_several_right_answers(tmp_path: Path) -> None:
    item = planted(lambda i: i.update(kind="multiple", correct=["a", "c"]))
    assert item_faults(write(tmp_path, [item])) == []


def test_two_options_with_the_same_text_up_to_case_and_spaces(tmp_path: Path) -> None:
    def same(item: dict) -> None:
        item["options"][2]["text"]["sv"] = "  WRONG   one sv "

    fault = only(item_faults(write(tmp_path, [planted(same)])))
    assert fault.where == "sample_item, items[0].options[2].text.sv"
    assert fault.message("en") == "options b and c have the same text (Swedish)"
    assert fault.message("fi") == "vaihtoehdoilla b ja c on sama teksti (ruotsi)"


def test_a_missing_language_is_named(tmp_path: Path) -> None:
    item = planted(lambda i: i["question"].pop("sv"))
    fault = only(item_faults(write(tmp_path, [item])))
    assert fault.where == "sample_item, items[0].question.sv"
    assert fault.message("en") == "a language version is missing: Swedish"


def test_schema_faults_name_the_item_and_do_not_echo_the_value(tmp_path: Path) -> None:
    item = planted(lambda i: i.update(section="secret value", colour="red", difficulty=5))
    faults = item_faults(write(tmp_path, [item]))
    keys = {f.where: f.key for f in faults}
    assert keys == {
        "sample_item, items[0].section": "lint.not_allowed",
        "sample_item, items[0].colour": "lint.extra",
        "sample_item, items[0].difficulty": "lint.not_allowed",
    }
    assert not any("secret value" in line for line in render(faults, "en"))


def test_a_yaml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\nitems:\n  - id: x\n    question: [unclosed\n", "utf-8")
    fault = only(item_faults(path))
    assert fault.key == "lint.yaml_syntax" and fault.where is None
    assert fault.rows[0] >= 4


def test_a_duplicate_id_across_files_names_the_first_place(tmp_path: Path) -> None:
    first = write(tmp_path, [good_item("same_id")], "a.yaml")
    second = write(tmp_path, [good_item("other"), good_item("same_id")], "b.yaml")
    fault = only(item_faults(first, second))
    assert (fault.file, fault.where) == (str(second), "same_id, items[1].id")
    assert f"{first}:" in fault.message("en")


def test_coverage_too_few_items_and_a_thin_section(tmp_path: Path) -> None:
    items = [good_item(f"item_{n}", SECTIONS[n % len(SECTIONS)]) for n in range(28)]
    faults, valid = lint_paths([write(tmp_path, items)], "set", CONTENT)
    assert len(valid) == 28
    cover = [f for f in faults if f.file == "set"]
    assert [(f.key, f.where, f.rows) for f in cover] == [("quiz.lint.too_few_items", None, [])]
    assert cover[0].fields == {"count": 28, "min": MIN_ITEMS}
    # a section with two items
    items = [good_item(f"item_{n}", SECTIONS[n % len(SECTIONS)]) for n in range(34)]
    items = [i for i in items if not (i["section"] == "help" and i["id"] != "item_6")]
    items += [good_item("help_two", "help")]
    faults, _ = lint_paths([write(tmp_path, items)], "set", CONTENT)
    cover = [f for f in faults if f.file == "set"]
    assert [(f.where, f.fields["count"]) for f in cover] == [(None, 2)]
    assert "”Mistä saa apua”" in cover[0].message("fi")


def test_one_file_on_its_own_is_not_held_to_the_coverage_rule(tmp_path: Path) -> None:
    faults, items = lint_paths([write(tmp_path, [good_item()])], "set", CONTENT, coverage=False)
    assert (faults, len(items)) == ([], 1)


def test_load_items_refuses_a_repeated_id(tmp_path: Path) -> None:
    write(tmp_path, [good_item("same_id")], "a.yaml")
    write(tmp_path, [good_item("same_id")], "b.yaml")
    with pytest.raises(QuizLoadError):
        load_items(tmp_path)


def test_references_render_the_guide_place_and_the_law() -> None:
    item = load_items()["children_welfare_notification"]
    assert references(item, "fi", CONTENT) == [
        "HOIKU-opas (2017), IV.4 Suojaa ihmiskaupalle altistunut lapsi",
        "Lastensuojelulaki 417/2007, 25 § 1 mom.",
    ]


def test_the_package_lists_its_items() -> None:
    assert QUIZ_DIR.is_dir() and len(quiz_files()) == len(SECTIONS)
