"""Pydantic models of a case vignette (``cases/<id>.yaml``), as in docs/data-format.md.

The models check shape only; cross-references to the taxonomy and the actions, and the
agreement with ``assess()``, are the linter's job (``hoiku_lib.cases.lint``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from hoiku_lib import overlay
from hoiku_lib.package_data import CASES_DIR

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CASE_ID_PATTERN = r"^[a-z0-9_]+$"
REPO_CASES_DIR = CASES_DIR


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A user-facing text in all three languages."""

    fi: NonEmpty
    sv: NonEmpty
    en: NonEmpty

    def __getitem__(self, lang: str) -> str:
        """So that ``i18n.pick`` can read it like a mapping."""
        return getattr(self, lang)


class Client(_Strict):
    age: int | None = Field(ge=0, le=120)
    age_uncertain: bool = False
    consent: Literal["yes", "no", "unknown"]
    home_municipality: Literal["yes", "no", "unknown"]
    pregnant: bool = False

    @field_validator("consent", "home_municipality", mode="before")
    @classmethod
    def yes_no_words(cls, value: Any) -> Any:
        """YAML 1.1 reads a bare yes/no as a boolean; the format means the words."""
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value

    @property
    def is_child(self) -> bool:
        """The guide: under 18, or a young person whose age is uncertain, is a child."""
        return self.age_uncertain or (self.age is not None and self.age < 18)


class SignKey(_Strict):
    """A sign the stage's text shows; ``cue`` quotes the words of the text that show it, in
    each language, so that ``hoiku cases lint`` can check the text supports the key."""

    id: NonEmpty
    cue: Text
    why: Text


class ConsideredSign(_Strict):
    """A sign the text seems to state but that the key does not count here (a harmless
    explanation, or too little to go on): ticking it costs nothing and shows ``why``."""

    id: NonEmpty
    cue: Text
    why: Text


class ActionKey(_Strict):
    id: NonEmpty
    why: Text


class WrongAction(_Strict):
    id: NonEmpty
    why_not: Text


class RecordOption(_Strict):
    text: Text
    safe: bool
    why: Text


class Record(_Strict):
    prompt: Text
    options: list[RecordOption] = Field(min_length=2, max_length=4)


class StageKey(_Strict):
    signs: list[SignKey] = Field(default_factory=list)
    considered: list[ConsideredSign] = Field(default_factory=list)
    actions: list[ActionKey] = Field(default_factory=list)
    # right to do but not required at this stage: choosing one or not costs nothing
    optional_actions: list[ActionKey] = Field(default_factory=list)
    wrong_actions: list[WrongAction] = Field(default_factory=list)
    help_questions: list[Text] = Field(default_factory=list)
    record: Record | None = None


class Stage(_Strict):
    id: NonEmpty
    setting: Text
    text: Text
    key: StageKey


class Case(_Strict):
    schema_version: Literal[1]
    id: Annotated[str, StringConstraints(pattern=CASE_ID_PATTERN)]
    title: Text
    summary: Text
    covers: list[NonEmpty] = Field(default_factory=list)
    client: Client
    forms: list[NonEmpty] = Field(default_factory=list)
    points_to_trafficking: bool
    stages: list[Stage] = Field(min_length=2, max_length=4)

    def signs_until(self, stage_index: int) -> list[str]:
        """Sign ids shown up to and including ``stage_index`` (signs are cumulative)."""
        seen: list[str] = []
        for stage in self.stages[: stage_index + 1]:
            seen.extend(s.id for s in stage.key.signs if s.id not in seen)
        return seen


class CaseLoadError(ValueError):
    """A vignette file could not be read or does not match the schema."""


def read_yaml(path: Path) -> Any:
    """The parsed YAML of ``path``; CaseLoadError on a syntax error."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CaseLoadError(str(path)) from exc


def load_case(path: Path | str) -> Case:
    """One vignette, validated against the schema (not against the taxonomy)."""
    path = Path(path)
    data = read_yaml(path)
    try:
        return Case.model_validate(data)
    except ValueError as exc:
        raise CaseLoadError(str(path)) from exc


def default_cases_dir() -> Path:
    """``HOIKU_CASES`` when set (tests, a deployment's own set), else the package's vignettes.

    The local content folder (``HOIKU_CONTENT``) adds to this set rather than replacing it:
    ``case_files`` and ``case_path`` include its ``cases/``.
    """
    env = os.environ.get("HOIKU_CASES")
    return Path(env) if env else REPO_CASES_DIR


def _is_default(directory: Path) -> bool:
    try:
        return directory.resolve() == default_cases_dir().resolve()
    except OSError:
        return False


def case_files(directory: Path | str | None = None) -> list[Path]:
    """The vignette files of ``directory``, sorted by name.

    The default set (no directory, or ``default_cases_dir()`` itself) is followed by the
    local content folder's ``cases/*.yaml``; a local file that takes a shipped case's name is
    refused (``overlay.OverlayError``, a ContentError naming the file and the id).
    """
    directory = Path(directory) if directory else default_cases_dir()
    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    return overlay.with_local_cases(files) if _is_default(directory) else files


def case_path(case_id: str, directory: Path | str | None = None) -> Path | None:
    """The file of the vignette ``case_id`` (shipped or local), None when there is none."""
    return next((path for path in case_files(directory) if path.stem == case_id), None)


def load_cases(directory: Path | str | None = None) -> dict[str, Case]:
    """All vignettes of ``directory`` by id, in file-name order (local ones last).

    Two files with one id are refused: one must not silently hide the other. Read again
    only when a file was added, removed or changed (its size, times or inode): every page
    kernel ``hoiku serve`` forks then shares the cases its fork server read
    (hoiku_lib/serve/forkserver.py) instead of parsing its own copy. The (frozen) cases are
    shared; the dict is the caller's own.
    """
    files = tuple((str(path), *_file_state(path)) for path in case_files(directory))
    return dict(_load_cases(files))


def _file_state(path: Path) -> tuple[int, int, int, int]:
    try:
        st = path.stat()
    except OSError:  # gone or unreadable: loading it raises the file's CaseLoadError
        return (-1, -1, -1, -1)
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@lru_cache(maxsize=16)
def _load_cases(files: tuple[tuple[str, int, int, int, int], ...]) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for name, *_state in files:
        case = load_case(name)
        if case.id in cases:
            raise CaseLoadError(name)
        cases[case.id] = case
    return cases
