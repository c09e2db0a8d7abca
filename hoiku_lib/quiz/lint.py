"""``hoiku quiz lint``: every fault of every test file at once, each a ``Problem`` naming the
file, the item and its field, and the line (``hoiku_lib.problems``: one shape, one renderer,
worded in the reader's language only when rendered).

Shape comes from the schema. Meaning comes from the product's content: a guide place, law,
sign, action or resource an item names must exist (an item that cites a place the reader
cannot find teaches nothing); the right answers must be among the options; a single-choice
item has exactly one; an item has at least three options, no two with the same text; a wrong
option may be marked critical, a right one may not; an item that names an action the law
makes a duty also names that duty's legal basis. Over the whole set: item ids are unique,
there are at least ``MIN_ITEMS`` items and every section has at least ``MIN_PER_SECTION``.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from hoiku_lib.cases.lint import Loc, field_name, line_map, line_of, normal_text
from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import LANGS
from hoiku_lib.problems import Problem, schema_fault
from hoiku_lib.quiz.load import quiz_files
from hoiku_lib.quiz.schema import SECTIONS, Item, QuizFile

MIN_ITEMS = 30
MIN_PER_SECTION = 3
MIN_OPTIONS = 3


def fault(file: str, line: int, item: str, loc_name: str, key: str, **fields: object) -> Problem:
    """One fault: its message ``key`` at ``loc_name`` of item ``item`` ("-": none) on ``line``
    (0: a rule over the whole set, no line)."""
    parts = [x for x in (item, loc_name) if x and x != "-"]
    return Problem(key, file, ", ".join(parts) or None, [line] if line else [], fields, kind="text")


def _unique_sorted(faults: Iterable[Problem]) -> list[Problem]:
    seen: dict[tuple[object, ...], Problem] = {}
    for f in faults:
        seen.setdefault((f.file, tuple(f.rows), f.where, f.code, repr(f.fields)), f)
    return sorted(seen.values(), key=Problem.sort_key)


def _schema_fault(error: dict[str, Any]) -> tuple[str, dict[str, object]]:
    """A missing language is named; every other shape fault as the cases' lint words it."""
    loc = error["loc"]
    if error["type"] == "missing" and loc and loc[-1] in LANGS:
        return "quiz.lint.lang_missing", {"language": (f"quiz.lang.{loc[-1]}", {})}
    return schema_fault(error)


def _raw_item_id(data: Any, loc: Loc) -> str:
    """The id an item has in the file, for naming it in a schema fault."""
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        items = data.get("items") if isinstance(data, dict) else None
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            value = items[loc[1]].get("id")
            if isinstance(value, str) and value.strip():
                return value
    return "-"


class _Checker:
    """Collects the meaning faults of one schema-valid file."""

    def __init__(self, path: Path, lines: dict[Loc, int], content: Content):
        self.path, self.lines, self.content = path, lines, content
        self.faults: list[Problem] = []

    def add(self, item: str, loc: Loc, key: str, **fmt: object) -> None:
        line = line_of(self.lines, loc)
        self.faults.append(fault(str(self.path), line, item, field_name(loc), key, **fmt))

    def known(self, item: str, loc: Loc, value: str, pool: Iterable[str], key: str) -> None:
        pool = list(pool)
        if value in pool:
            return
        near = difflib.get_close_matches(value, pool, n=2, cutoff=0.6)
        hint = ("lint.did_you_mean", {"ids": ", ".join(near)}) if near else ""
        self.add(item, loc, key, id=value, hint=hint)

    def check(self, quiz: QuizFile) -> list[Problem]:
        for n, item in enumerate(quiz.items):
            self._item(("items", n), item)
        return self.faults

    def _item(self, base: Loc, item: Item) -> None:
        c = self.content
        for field, pool, key in (
            ("guide", c.places, "quiz.lint.unknown_place"),
            ("laws", c.laws, "quiz.lint.unknown_law"),
            ("signs", c.indicators, "quiz.lint.unknown_sign"),
            ("actions", c.actions, "quiz.lint.unknown_action"),
            ("resources", [r.id for r in c.resources], "quiz.lint.unknown_resource"),
        ):
            for n, value in enumerate(getattr(item, field)):
                self.known(item.id, (*base, field, n), value, pool, key)
        self._options(base, item)
        self._duty_basis(base, item)

    def _options(self, base: Loc, item: Item) -> None:
        ids = [o.id for o in item.options]
        for n, option_id in enumerate(ids):
            if option_id in ids[:n]:
                loc = (*base, "options", n, "id")
                self.add(item.id, loc, "quiz.lint.duplicate_option", id=option_id)
        if len(item.options) < MIN_OPTIONS:
            loc = (*base, "options")
            self.add(item.id, loc, "quiz.lint.too_few_options", min=MIN_OPTIONS, n=len(ids))
        for lang in LANGS:
            seen: dict[str, str] = {}
            for n, option in enumerate(item.options):
                text = normal_text(getattr(option.text, lang))
                if text in seen:
                    loc = (*base, "options", n, "text", lang)
                    language = (f"quiz.lang.{lang}", {})
                    a, b = seen[text], option.id
                    self.add(item.id, loc, "quiz.lint.same_text", a=a, b=b, language=language)
                seen.setdefault(text, option.id)
        right = list(dict.fromkeys(item.correct))
        for n, option_id in enumerate(item.correct):
            loc = (*base, "correct", n)
            if option_id not in ids:
                self.add(item.id, loc, "quiz.lint.correct_not_option", id=option_id)
            elif item.correct.index(option_id) != n:
                self.add(item.id, loc, "quiz.lint.correct_repeated", id=option_id)
        if item.kind == "single" and len(right) != 1:
            self.add(item.id, (*base, "correct"), "quiz.lint.single_not_one", count=len(right))
        if item.kind == "multiple" and set(ids) <= set(right):
            self.add(item.id, (*base, "correct"), "quiz.lint.all_right")
        for n, option in enumerate(item.options):
            if option.critical and option.id in right:
                loc = (*base, "options", n, "critical")
                self.add(item.id, loc, "quiz.lint.critical_right", id=option.id)

    def _duty_basis(self, base: Loc, item: Item) -> None:
        """An item about a duty must say which law makes it one."""
        for n, action_id in enumerate(item.actions):
            action = self.content.actions.get(action_id)
            if action is None or not action.duty:
                continue
            bases = [b.law for b in action.basis]
            if not set(bases) & set(item.laws):
                loc = (*base, "actions", n)
                self.add(
                    item.id, loc, "quiz.lint.duty_without_law", id=action_id, laws=", ".join(bases)
                )


def lint_file(
    path: Path, content: Content | None = None
) -> tuple[list[Problem], QuizFile | None, dict[Loc, int]]:
    """The faults of one file, the parsed file when its shape is right, and its line map."""
    content = content or load_content()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return [fault(name, 1, "-", "-", "lint.unreadable")], None, {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [fault(name, line, "-", "-", "lint.yaml_syntax")], None, {}
    lines = line_map(root) if root is not None else {}
    try:
        quiz = QuizFile.model_validate(data)
    except ValidationError as exc:
        faults = [
            fault(
                name,
                line_of(lines, e["loc"]),
                _raw_item_id(data, e["loc"]),
                field_name(e["loc"]),
                key,
                **fields,
            )
            for e in exc.errors(include_input=False)
            for key, fields in [_schema_fault(e)]
        ]
        return _unique_sorted(faults), None, lines
    return _unique_sorted(_Checker(path, lines, content).check(quiz)), quiz, lines


def coverage_faults(where: str, items: list[Item], min_items: int = MIN_ITEMS) -> list[Problem]:
    """The rules over the whole set: enough items, and enough in every section."""
    faults: list[Problem] = []
    if len(items) < min_items:
        faults.append(
            fault(where, 0, "-", "-", "quiz.lint.too_few_items", count=len(items), min=min_items)
        )
    per_section = Counter(item.section for item in items)
    for section in SECTIONS:
        if per_section[section] < MIN_PER_SECTION:
            label = (f"quiz.section.{section}", {})
            faults.append(
                fault(
                    where,
                    0,
                    "-",
                    "-",
                    "quiz.lint.thin_section",
                    section=label,
                    count=per_section[section],
                    min=MIN_PER_SECTION,
                )
            )
    return faults


def lint_paths(
    paths: list[Path], where: str, content: Content | None = None, coverage: bool = True
) -> tuple[list[Problem], list[Item]]:
    """Every fault of the files and, with ``coverage``, of the set they make (off when one
    file is checked on its own: it holds one section); the items of the valid files."""
    content = content or load_content()
    faults: list[Problem] = []
    items: list[Item] = []
    first: dict[str, str] = {}  # item id -> "file:line" where it first appears
    for path in paths:
        file_faults, quiz, lines = lint_file(path, content)
        faults.extend(file_faults)
        if quiz is None:
            continue
        for n, item in enumerate(quiz.items):
            line = line_of(lines, ("items", n, "id"))
            if item.id in first:
                key = "quiz.lint.duplicate_item"
                faults.append(
                    fault(
                        str(path),
                        line,
                        item.id,
                        f"items[{n}].id",
                        key,
                        id=item.id,
                        other=first[item.id],
                    )
                )
                continue
            first[item.id] = f"{path}:{line}"
            items.append(item)
    if coverage:
        faults.extend(coverage_faults(where, items))
    return faults, items


def lint_dir(
    directory: Path | None = None, content: Content | None = None
) -> tuple[list[Problem], list[Item]]:
    """Every fault of every ``*.yaml`` of ``directory`` (default: the package's items)."""
    paths = quiz_files(directory)
    where = str(directory) if directory else str(paths[0].parent) if paths else "-"
    return lint_paths(paths, where, content)


def stats(items: list[Item]) -> dict[str, Any]:
    """Counts of the set: per section and language, per kind, per difficulty.

    An item counts for a language when its question, every option and its explanation have
    a text in that language (the schema requires all three, so the columns agree; the count
    is there so that a translator sees it).
    """

    def complete(item: Item, lang: str) -> bool:
        texts = [item.question, item.explanation, *(o.text for o in item.options)]
        return all(getattr(text, lang).strip() for text in texts)

    return {
        "total": len(items),
        "sections": {
            section: {
                lang: sum(1 for i in items if i.section == section and complete(i, lang))
                for lang in LANGS
            }
            for section in SECTIONS
        },
        "kinds": dict(Counter(i.kind for i in items)),
        "difficulties": dict(Counter(i.difficulty for i in items)),
        "critical_options": sum(o.critical for i in items for o in i.options),
    }
