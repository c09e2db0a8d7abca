"""A deployment's own content folder, added to the shipped content (``HOIKU_CONTENT``, or
``hoiku --content DIR`` which sets it for the process and every kernel it starts).

A wellbeing services county adds its local cases and support organisations without changing
the package: the folder may hold ``cases/*.yaml`` (vignettes, the format of
``hoiku_lib/data/cases/``) and ``resources.yaml`` (the schema of
``hoiku_lib/data/resources.yaml``). Nothing shipped can be replaced: a local id already taken
is refused, so a group never meets a changed answer key under a case name the trainer knows.
The loaders (``content.load_content``, ``cases.schema.case_files``) read the folder, so the
commands and the dashboards' kernels (which inherit the server's environment) all see it.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from hoiku_lib.content import ContentError
from hoiku_lib.i18n import resolve_lang

ENV = "HOIKU_CONTENT"
RESOURCES = "resources.yaml"
CASES = "cases"


class OverlayError(ContentError):
    """The local content folder cannot be used as it is; the message says why and what to do."""

    def __init__(self, file: Path, key: str, **fmt: object) -> None:
        from hoiku_lib.problems import Problem

        self.file = file
        # keyed, so that ``hoiku`` words it in the command's language (problems.render)
        self.problems = [Problem(key, str(file), fields=fmt, kind="text")]
        reason = self.problems[0].message(resolve_lang())
        self.faults = [("", reason)]
        Exception.__init__(self, f"{file}: {reason}")


def use(folder: str | os.PathLike[str] | None, full: bool = False) -> Path | None:
    """Set the folder for this process and the processes it starts, and check it.

    ``None`` keeps whatever ``HOIKU_CONTENT`` already says (nothing, or the deployment's
    folder); a folder given on the command line wins over the environment. ``full`` also
    reads everything the folder adds (``hoiku serve``: a faulty folder is refused at the
    start, not met as a page without cases).
    """
    if folder is not None:
        os.environ[ENV] = str(Path(folder).expanduser().resolve())
    path = content_dir()
    if path is not None:
        from hoiku_lib.cases.schema import case_files as all_case_files

        all_case_files()  # a local case under a shipped case's name: refused by every command
        if full:
            check_all()
    return path


def check_all() -> None:
    """Read the local support organisations and every vignette, shipped and local."""
    from hoiku_lib.cases.schema import CaseLoadError, load_case, load_cases
    from hoiku_lib.content import load_content

    load_content()
    for path in case_files():
        try:
            load_case(path)
        except CaseLoadError:
            raise OverlayError(path, "overlay.case_invalid") from None
    try:
        load_cases()  # one id in two files (a local file whose id is not its name)
    except CaseLoadError as exc:
        raise OverlayError(Path(str(exc)), "overlay.case_invalid") from None


def content_dir() -> Path | None:
    """The local content folder, checked; None when no folder is set."""
    value = os.environ.get(ENV, "").strip()
    return _checked(value) if value else None


@cache
def _checked(value: str) -> Path:
    # cached per folder: the loaders ask on every call; a refusal is not cached
    folder = Path(value).expanduser()
    if not folder.is_dir() or not os.access(folder, os.R_OK | os.X_OK):
        raise OverlayError(folder, "overlay.no_folder", env=ENV)
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() in (".yaml", ".yml") and entry.name != RESOURCES:
            raise OverlayError(entry, "overlay.unknown_file", resources=RESOURCES, cases=CASES)
    cases = folder / CASES
    if cases.exists():
        if not cases.is_dir() or not os.access(cases, os.R_OK | os.X_OK):
            raise OverlayError(cases, "overlay.no_cases_folder")
        for entry in sorted(cases.iterdir()):
            if entry.suffix.lower() == ".yml":
                raise OverlayError(entry, "overlay.yml_suffix")
    return folder.resolve()


def resources_file() -> Path | None:
    """The local ``resources.yaml``, when the folder has one."""
    folder = content_dir()
    path = folder / RESOURCES if folder else None
    return path if path and path.is_file() else None


def case_files() -> list[Path]:
    """The local vignette files, sorted by name (none without a folder)."""
    folder = content_dir()
    return sorted((folder / CASES).glob("*.yaml")) if folder else []


def with_local_cases(shipped: list[Path]) -> list[Path]:
    """The shipped vignette files, then the local ones; a local file may not take a shipped
    case's name (the name is the case's id: ``hoiku cases lint`` checks that)."""
    local = case_files()
    taken = {path.stem: path for path in shipped}
    for path in local:
        if path.stem in taken:
            raise OverlayError(path, "overlay.case_clash", id=path.stem, other=taken[path.stem])
    return [*shipped, *local]


def check_ids(local: list[str], shipped: list[str], file: Path, shipped_file: Path) -> None:
    """Refuse a local id that a shipped entry already has (resources, notices)."""
    taken = set(shipped)
    for item_id in local:
        if item_id in taken:
            raise OverlayError(file, "overlay.id_clash", id=item_id, other=shipped_file)
