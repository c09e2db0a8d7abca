"""One shape for every fault HOIKU reports about a user's file, and one renderer.

An audit input (a table: columns and rows), a case vignette or a content file (text: fields
and lines) all fail the same way: a catalogue key saying what is wrong and what to do, the
file, where in it, and which rows or lines. Rendered once, in the reader's language, as
``- file X, column Y, rows 3, 4: message``. A problem never carries a cell's content:
patient-record exports hold personal data, so ``fields`` holds ids, counts and names of
columns, never values read from a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

MAX_ROWS_SHOWN = 10

Kind = Literal["table", "text"]
"""``table``: ``where`` is a column and ``rows`` spreadsheet rows (audit inputs);
``text``: ``where`` is a field path and ``rows`` file lines (YAML content, vignettes)."""


@dataclass
class Problem:
    """One kind of fault at one place, with the rows (or lines) where it occurs.

    The message is the catalogue key ``family.code`` (or ``code`` when ``family`` is empty)
    with ``fields`` filled; a field may itself be a ``(key, fields)`` pair, worded in the
    same language (a "did you mean" hint).
    """

    code: str
    file: str | None = None
    where: str | None = None
    rows: list[int] = field(default_factory=list)
    fields: Mapping[str, Any] = field(default_factory=dict)
    fatal: bool = False
    kind: Kind = "table"
    family: str = ""

    @property
    def key(self) -> str:
        return f"{self.family}.{self.code}" if self.family else self.code

    def message(self, lang: str) -> str:
        """What is wrong and what to do, in ``lang``."""
        from hoiku_lib.i18n import t

        def word(value: object) -> object:
            if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], Mapping):
                return t(value[0], lang, **{k: word(v) for k, v in value[1].items()})
            return value

        filled = {k: word(v) for k, v in self.fields.items()}
        place = {"column": self.where or ""} if self.kind == "table" else {}
        return t(self.key, lang, **place, **filled)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file or "", self.rows[0] if self.rows else 0, self.where or "", self.code)


def render(problems: Iterable[Problem], lang: str) -> list[str]:
    """Plain-language lines, one a problem: where (file, column or field, rows or lines),
    then what to do; past ``MAX_ROWS_SHOWN`` rows, how many more."""
    from hoiku_lib.i18n import t, tn

    lines = []
    for p in problems:
        where = [t("problem.file", lang, file=p.file)] if p.file else []
        table = p.kind == "table"
        if p.where:
            where.append(t("problem.column" if table else "problem.field", lang, name=p.where))
        unit = "row" if table else "line"
        if p.rows:
            shown = ", ".join(str(r) for r in p.rows[:MAX_ROWS_SHOWN])
            key = f"problem.{unit}" if len(p.rows) == 1 else f"problem.{unit}s"
            where.append(t(key, lang, rows=shown))
        line = f"- {', '.join(where)}: {p.message(lang)}" if where else f"- {p.message(lang)}"
        if len(p.rows) > MAX_ROWS_SHOWN:
            line += " " + tn(f"problem.more_{unit}s", len(p.rows) - MAX_ROWS_SHOWN, lang)
        lines.append(line)
    return lines


def with_file(problems: Iterable[Problem], file: str) -> list[Problem]:
    """The problems, each naming ``file`` unless it names its own."""
    return [p if p.file else replace(p, file=file) for p in problems]


def content_problems(exc: Exception) -> list[Problem]:
    """The problems of a ``content.ContentError`` (or of any error that carries them)."""
    return list(getattr(exc, "problems", []))


_TYPE_ERRORS = ("_type", "_parsing", "model_attributes_type", "dict_type", "list_type")


def schema_fault(error: Mapping[str, Any]) -> tuple[str, dict[str, object]]:
    """A pydantic validation error (``errors(include_input=False)``: never the value) as a
    catalogue key and its fields."""
    kind = str(error["type"])
    ctx = error.get("ctx") or {}
    simple = {
        "missing": "lint.missing",
        "extra_forbidden": "lint.extra",
        "string_too_short": "lint.empty",
        "string_pattern_mismatch": "lint.id_pattern",
        "greater_than_equal": "lint.out_of_range",
        "less_than_equal": "lint.out_of_range",
    }
    if kind in simple:
        return simple[kind], {}
    if kind == "too_short":
        return "lint.too_few", {"min": ctx.get("min_length", "?")}
    if kind == "too_long":
        return "lint.too_many", {"max": ctx.get("max_length", "?")}
    if kind == "literal_error":
        return "lint.not_allowed", {"allowed": ctx.get("expected", "")}
    if kind.endswith(_TYPE_ERRORS) or kind in _TYPE_ERRORS:
        return "lint.wrong_type", {}
    return "lint.invalid", {}
