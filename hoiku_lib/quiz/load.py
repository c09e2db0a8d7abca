"""Reading the knowledge-test items, and rendering their references for a reader.

Items live in ``hoiku_lib/data/quiz/*.yaml`` (one file per section); ``HOIKU_QUIZ`` points
elsewhere (tests, a deployment with its own items). Loading checks the shape only; run
``hoiku quiz lint`` for the meaning.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from hoiku_lib.content import Content, load_content
from hoiku_lib.guide import place
from hoiku_lib.i18n import pick
from hoiku_lib.package_data import DATA_DIR
from hoiku_lib.quiz.schema import Item, QuizFile

QUIZ_DIR = DATA_DIR / "quiz"


class QuizLoadError(ValueError):
    """A test file could not be read, does not match the schema, or repeats an item id."""


def default_quiz_dir() -> Path:
    """``HOIKU_QUIZ`` when set, else the package's own items."""
    env = os.environ.get("HOIKU_QUIZ")
    return Path(env) if env else QUIZ_DIR


def quiz_files(directory: Path | str | None = None) -> list[Path]:
    """The ``*.yaml`` files of ``directory``, sorted by name."""
    directory = Path(directory) if directory else default_quiz_dir()
    return sorted(directory.glob("*.yaml")) if directory.is_dir() else []


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise QuizLoadError(str(path)) from exc


def load_file(path: Path | str) -> QuizFile:
    """One test file, validated against the schema."""
    path = Path(path)
    try:
        return QuizFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise QuizLoadError(str(path)) from exc


def load_items(directory: Path | str | None = None) -> dict[str, Item]:
    """Every item of every file by id, in file order; a repeated id is an error."""
    items: dict[str, Item] = {}
    for path in quiz_files(directory):
        for item in load_file(path).items:
            if item.id in items:
                raise QuizLoadError(f"{path}: {item.id}")
            items[item.id] = item
    return items


def references(item: Item, lang: str, content: Content | None = None) -> list[str]:
    """What the item rests on, as a reader can look it up: the guide places ("HOIKU-opas
    (2017), III.2 Ulkopuolinen kontrolli"), then the laws' citations."""
    content = content or load_content()
    refs = [place(ref, lang, content) for ref in item.guide]
    refs += [pick(content.laws[law].citation, lang) for law in item.laws if law in content.laws]
    return refs
