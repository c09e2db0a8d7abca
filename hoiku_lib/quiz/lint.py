"""``hoiku quiz lint``: every fault of every test file at once, as
``file:line: item: field: reason``.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from hoiku_lib.cases.lint import Loc, field_name, line_map, line_of, normal_text
from hoiku_lib.content import Content, load_content
from hoiku_lib.i18n import LANGS, t
from hoiku_lib.quiz.load import quiz_files
from hoiku_lib.quiz.schema import SECTIONS, Item, QuizFile

MIN_ITEMS = 30
MIN_PER_SECTION = 3
MIN_OPTIONS = 3
_TYPE_ERRORS = ("_type", "_parsing", "model_attributes_type", "dict_type", "list_type")


@dataclass(frozen=True, order=True)
class Fault:
    """One problem: the file (or the directory, for a rule over the whole set), the line,
    the item id ("-" when there is none), the field and the reason in plain words."""

    file: str
    line: int
    item: str
    field: str
    reason: str

    def render(self) -> str:
        return f"{self.file}:{self.line}: {self.item}: {self.field}: {self.reason}"


def _language(lang_code: str, lang: str) -> str:
    return t(f"quiz.lang.{lang_code}", lang)


def _schema_reason(error: dict[str, Any], lang: str) -> str:
    kind = error["type"]
    loc = error["loc"]
    ctx = error.get("ctx") or {}
    if kind == "missing" and loc and loc[-1] in LANGS:
        return t("quiz.lint.lang_missing", lang, language=_language(str(loc[-1]), lang))
    if kind == "missing":
        return t("quiz.lint.missing", lang)
    if kind == "extra_forbidden":
        return t("quiz.lint.extra", lang)
    if kind == "string_too_short":
        return t("quiz.lint.empty", lang)
    if kind == "too_short":
        return t("quiz.lint.empty_list", lang)
    if kind == "literal_error":
        return t("quiz.lint.not_allowed", lang, allowed=ctx.get("expected", ""))
    if kind == "string_pattern_mismatch":
        return t("quiz.lint.id_pattern", lang)
    if kind.endswith(_TYPE_ERRORS) or kind in _TYPE_ERRORS:
        return t("quiz.lint.wrong_type", lang)
    return t("quiz.lint.invalid", lang)


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

    def __init__(self, path: Path, lines: dict[Loc, int], content: Content, lang: str):
        self.path, self.lines, self.content, self.lang = path, lines, content, lang
        self.faults: list[Fault] = []

    def add(self, item: str, loc: Loc, key: str, **fmt: object) -> None:
        line = line_of(self.lines, loc)
        reason = t(key, self.lang, **fmt)
        self.faults.append(Fault(str(self.path), line, item, field_name(loc), reason))

    def known(self, item: str, loc: Loc, value: str, pool: Iterable[str], key: str) -> None:
        pool = list(pool)
        if value in pool:
            return
        near = difflib.get_close_matches(value, pool, n=2, cutoff=0.6)
        hint = t("quiz.lint.did_you_mean", self.lang, ids=", ".join(near)) if near else ""
        self.add(item, loc, key, id=value, hint=hint)

    def check(self, quiz: QuizFile) -> list[Fault]:
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
                    language = _language(lang, self.lang)
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
    path: Path, content: Content | None = None, lang: str = "fi"
) -> tuple[list[Fault], QuizFile | None, dict[Loc, int]]:
    """The faults of one file, the parsed file when its shape is right, and its line map."""
    content = content or load_content()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return [Fault(name, 1, "-", "-", t("quiz.lint.unreadable", lang))], None, {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [Fault(name, line, "-", "-", t("quiz.lint.yaml_syntax", lang))], None, {}
    lines = line_map(root) if root is not None else {}
    try:
        quiz = QuizFile.model_validate(data)
    except ValidationError as exc:
        faults = {
            Fault(
                name,
                line_of(lines, e["loc"]),
                _raw_item_id(data, e["loc"]),
                field_name(e["loc"]),
                _schema_reason(e, lang),
            )
            for e in exc.errors(include_input=False)
        }
        return sorted(faults), None, lines
    return sorted(_Checker(path, lines, content, lang).check(quiz)), quiz, lines


def coverage_faults(
    where: str, items: list[Item], lang: str, min_items: int = MIN_ITEMS
) -> list[Fault]:
    """The rules over the whole set: enough items, and enough in every section."""
    faults: list[Fault] = []
    if len(items) < min_items:
        reason = t("quiz.lint.too_few_items", lang, count=len(items), min=min_items)
        faults.append(Fault(where, 0, "-", "items", reason))
    per_section = Counter(item.section for item in items)
    for section in SECTIONS:
        if per_section[section] < MIN_PER_SECTION:
            label = t(f"quiz.section.{section}", lang)
            reason = t(
                "quiz.lint.thin_section",
                lang,
                section=label,
                count=per_section[section],
                min=MIN_PER_SECTION,
            )
            faults.append(Fault(where, 0, "-", f"section {section}", reason))
    return faults


def lint_paths(
    paths: list[Path], where: str, content: Content | None = None, lang: str = "fi"
) -> tuple[list[Fault], list[Item]]:
    """Every fault of the files and of the set they make; the items of the valid files."""
    content = content or load_content()
    faults: list[Fault] = []
    items: list[Item] = []
    first: dict[str, str] = {}  # item id -> "file:line" where it first appears
    for path in paths:
        file_faults, quiz, lines = lint_file(path, content, lang)
        faults.extend(file_faults)
        if quiz is None:
            continue
        for n, item in enumerate(quiz.items):
            line = line_of(lines, ("items", n, "id"))
            if item.id in first:
                reason = t("quiz.lint.duplicate_item", lang, id=item.id, other=first[item.id])
                faults.append(Fault(str(path), line, item.id, f"items[{n}].id", reason))
                continue
            first[item.id] = f"{path}:{line}"
            items.append(item)
    faults.extend(coverage_faults(where, items, lang))
    return faults, items


def lint_dir(
    directory: Path | None = None, content: Content | None = None, lang: str = "fi"
) -> tuple[list[Fault], list[Item]]:
    """Every fault of every ``*.yaml`` of ``directory`` (default: the package's items)."""
    paths = quiz_files(directory)
    where = str(directory) if directory else str(paths[0].parent) if paths else "-"
    return lint_paths(paths, where, content, lang)


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
