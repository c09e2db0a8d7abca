"""Load and cross-check the content files (taxonomy, actions, resources).

Loading is the one place where content meets code: every fault is reported with the file
and the key path (``indicators[3].label.sv``) so that a content writer can fix it without
reading Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from hoiku_lib.package_data import DATA_DIR
from hoiku_lib.problems import Problem, render, schema_fault
from hoiku_lib.schemas import (
    Action,
    ActionCatalogue,
    Category,
    ContextNote,
    ExternalSource,
    Form,
    GuideCatalogue,
    GuidePlace,
    Indicator,
    Item,
    Law,
    LawCatalogue,
    Notice,
    Resource,
    ResourceCatalogue,
    Taxonomy,
)

M = TypeVar("M", bound=BaseModel)
FILES = {
    "taxonomy": "taxonomy.yaml",
    "actions": "actions.yaml",
    "resources": "resources.yaml",
    "laws": "laws.yaml",
    "guide": "guide.yaml",
}


class ContentError(Exception):
    """A content file is missing or does not match its schema.

    ``problems`` are ``hoiku_lib.problems.Problem``s (the one fault shape, worded when
    rendered: ``hoiku`` shows them in the user's language); a fault may also be given as
    (key path, reason), a technical reason in English (a regular expression's error).
    ``faults`` and ``str()`` are the English wording, for logs and tracebacks.
    """

    def __init__(self, file: Path, faults: Sequence[tuple[str, str] | Problem]) -> None:
        self.file = file
        self.problems = [
            f
            if isinstance(f, Problem)
            else _fault(file, "problem.content_fault", f[0], reason=f[1])
            for f in faults
        ]
        self.faults = [(p.where or "", p.message("en")) for p in self.problems]
        super().__init__("\n".join(render(self.problems, "en")))


def _fault(
    file: Path, key: str, where: str | None = None, line: int | None = None, **fields: object
) -> Problem:
    """A content file's fault: message ``key`` at field ``where`` (and ``line``)."""
    rows = [line] if line else []
    return Problem(key, str(file), where or None, rows, fields, kind="text")


@dataclass(frozen=True)
class Content:
    """Everything the product says about the domain, indexed by id."""

    categories: list[Category]
    indicators: dict[str, Indicator]
    forms: dict[str, Form]
    child_rules: list[Item]
    actions: dict[str, Action]
    context_notes: dict[str, ContextNote]
    resources: list[Resource]
    notices: list[Notice]
    facts: list[Item] = field(default_factory=list)
    laws: dict[str, Law] = field(default_factory=dict)
    places: dict[str, GuidePlace] = field(default_factory=dict)
    sources: dict[str, ExternalSource] = field(default_factory=dict)
    data_dir: Path = field(default=DATA_DIR)
    #: the deployment's own content folder whose additions are included (HOIKU_CONTENT)
    overlay_dir: Path | None = None

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def indicators_in(self, category_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.category == category_id]

    def public_numbers(self) -> set[str]:
        """Digits of every public service number in the resources (not personal data)."""
        return {n for r in self.resources for n in r.public_numbers()}

    def public_emails(self) -> set[str]:
        return {r.contact.email.lower() for r in self.resources if r.contact.email}


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


# libyaml's safe loader when PyYAML was built with it: the same YAML, read several times faster
# (the disclosure word model holds thousands of weights)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(model: type[M], path: Path) -> M:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - safe
    except FileNotFoundError:
        raise ContentError(path, [_fault(path, "problem.not_found")]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ContentError(path, [_fault(path, "lint.yaml_syntax", line=line)]) from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        faults = [
            _fault(path, key, _key_path(e["loc"]), **fields)
            for e in exc.errors(include_input=False)  # never the value
            for key, fields in [schema_fault(e)]
        ]
        raise ContentError(path, faults) from None


def _check_laws_and_places(content: Content, base: Path) -> None:
    """Every law a basis or notice names exists; every guide reference names a real place."""
    by_file: dict[str, list[Problem]] = {}

    def fault(file: str, where: str, key: str, ref_id: str) -> None:
        by_file.setdefault(file, []).append(_fault(base / FILES[file], key, where, id=ref_id))

    def place(file: str, key: str, ref_id: str) -> None:
        if ref_id not in content.places:
            fault(file, key, "problem.unknown_place", ref_id)

    for n, action in enumerate(content.actions.values()):
        place("actions", f"actions[{n}].ref", action.ref)
        for m, basis in enumerate(action.basis):
            if basis.law not in content.laws:
                fault("actions", f"actions[{n}].basis[{m}].law", "problem.unknown_law", basis.law)
    for n, note in enumerate(content.context_notes.values()):
        place("actions", f"context_notes[{n}].ref", note.ref)
        for m, basis in enumerate(note.basis):
            if basis.law not in content.laws:
                key = f"context_notes[{n}].basis[{m}].law"
                fault("actions", key, "problem.unknown_law", basis.law)
    for n, notice in enumerate(content.notices):
        for m, law in enumerate(notice.laws):
            if law not in content.laws:
                fault("resources", f"notices[{n}].laws[{m}]", "problem.unknown_law", law)
    for n, ind in enumerate(content.indicators.values()):
        place("taxonomy", f"indicators[{n}].ref", ind.ref)
    for n, cat in enumerate(content.categories):
        place("taxonomy", f"categories[{n}].ref", cat.ref)
    for n, law in enumerate(content.laws.values()):
        if law.guide_ref:
            place("laws", f"laws[{n}].guide_ref", law.guide_ref)
    for file, faults in by_file.items():
        raise ContentError(base / FILES[file], faults)


def _cross_check(content: Content, resources_file: Path, resources: list[Resource]) -> None:
    faults: list[Problem] = []
    for n, resource in enumerate(resources):
        for m, ind in enumerate(resource.relevant_when.indicators):
            if ind not in content.indicators:
                where = f"resources[{n}].relevant_when.indicators[{m}]"
                faults.append(_fault(resources_file, "problem.unknown_indicator", where, id=ind))
        for m, form in enumerate(resource.relevant_when.forms):
            if form not in content.forms:
                where = f"resources[{n}].relevant_when.forms[{m}]"
                faults.append(_fault(resources_file, "problem.unknown_form", where, id=form))
    if faults:
        raise ContentError(resources_file, faults)


def _with_local_resources(content: Content, shipped_file: Path, folder: Path) -> Content:
    """The shipped content plus the local folder's support organisations and notices,
    checked as the shipped ones are; faults name the local file."""
    from hoiku_lib import overlay

    local_file = folder / overlay.RESOURCES
    if not local_file.is_file():
        return replace(content, overlay_dir=folder)
    local = _parse(ResourceCatalogue, local_file)
    _cross_check(content, local_file, list(local.resources))
    faults = [
        _fault(local_file, "problem.unknown_law", f"notices[{n}].laws[{m}]", id=law)
        for n, notice in enumerate(local.notices)
        for m, law in enumerate(notice.laws)
        if law not in content.laws
    ]
    if faults:
        raise ContentError(local_file, faults)
    shipped_ids = [r.id for r in content.resources]
    overlay.check_ids([r.id for r in local.resources], shipped_ids, local_file, shipped_file)
    shipped_notices = [n.id for n in content.notices]
    overlay.check_ids([n.id for n in local.notices], shipped_notices, local_file, shipped_file)
    return replace(
        content,
        resources=[*content.resources, *local.resources],
        notices=[*content.notices, *local.notices],
        overlay_dir=folder,
    )


def load_content(data_dir: Path | None = None) -> Content:
    """Read, validate and index the content files, with the additions of the deployment's
    own content folder (``HOIKU_CONTENT``, see ``hoiku_lib.overlay``) when one is set."""
    from hoiku_lib import overlay

    folder = overlay.content_dir()
    local = overlay.resources_file()
    # a local file's changes are read by the next call (a deployer fixing it in a notebook)
    stamp = (local.stat().st_mtime_ns, local.stat().st_size) if local else None
    return _load(Path(data_dir) if data_dir else DATA_DIR, folder, stamp)


@cache
def _load(base: Path, overlay_dir: Path | None, _stamp: tuple[int, int] | None) -> Content:
    """The content of ``base`` (cached per directory, local folder and local file's state)."""
    taxonomy = _parse(Taxonomy, base / FILES["taxonomy"])
    actions = _parse(ActionCatalogue, base / FILES["actions"])
    resources = _parse(ResourceCatalogue, base / FILES["resources"])
    laws = _parse(LawCatalogue, base / FILES["laws"])
    guide = _parse(GuideCatalogue, base / FILES["guide"])
    content = Content(
        categories=list(taxonomy.categories),
        indicators={i.id: i for i in taxonomy.indicators},
        forms={f.id: f for f in taxonomy.forms},
        child_rules=list(taxonomy.child_rules),
        actions={a.id: a for a in actions.actions},
        context_notes={n.id: n for n in actions.context_notes},
        resources=list(resources.resources),
        notices=list(resources.notices),
        facts=list(taxonomy.facts),
        laws={law.id: law for law in laws.laws},
        places={p.id: p for p in guide.places},
        sources={s.id: s for s in taxonomy.sources},
        data_dir=base,
    )
    _cross_check(content, base / FILES["resources"], content.resources)
    _check_laws_and_places(content, base)
    if overlay_dir is not None:
        content = _with_local_resources(content, base / FILES["resources"], overlay_dir)
    return content
