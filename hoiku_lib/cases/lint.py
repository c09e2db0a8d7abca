"""``hoiku cases lint``: every fault of every vignette at once, each a ``Problem`` naming
the file, the field and the line (``hoiku_lib.problems``: one shape, one renderer).

Shape comes from the schema; meaning from the taxonomy, the actions and ``assess()``: a key
that disagrees with the training heuristic would teach the wrong thing. The consistency check
runs every stage's keyed signs through ``assess()`` with the case's client (the key's actions
must be recommended, the engine's duties must be in the key), checks that each keyed or
considered sign's quoted cue occurs in the stage text in every language, and that a sign the
Finnish text states (the taxonomy's ``mentions``) is keyed or explicitly considered, never
graded "nothing points to this".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from hoiku_lib.assessment import Context, assess
from hoiku_lib.cases.schema import Case, case_files
from hoiku_lib.content import Content, load_content
from hoiku_lib.problems import Problem, schema_fault

Loc = tuple[str | int, ...]
BASE_TAGS = (
    "adult",
    "child",
    "uncertain_age",
    "unaccompanied_minor",
    "pregnant",
    "no_home_municipality",
    "has_home_municipality",
    "refuses_assistance_system",
    "companion_answers",
    "known_interpreter",
    "not_trafficking",
    "child_marriage",
)
LANGS = ("fi", "sv", "en")
_QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "’": "'", "–": "-", "—": "-"})


def normal_text(text: str) -> str:
    """Case, quote marks, dashes and whitespace folded, so a cue matches as a reader sees it."""
    return " ".join(text.translate(_QUOTES).casefold().split())


def mentions_in(text: str, mentions: Iterable[str]) -> str | None:
    """The first mention (a word or stem, matched at a word start) found in ``text``."""
    folded = normal_text(text)
    for mention in mentions:
        if re.search(r"(?<!\w)" + re.escape(normal_text(mention)), folded):
            return mention
    return None


def fault(file: str, line: int, loc_name: str, key: str, **fields: object) -> Problem:
    """One fault of a vignette: its message ``key`` at field ``loc_name`` on ``line``."""
    where = None if loc_name == "-" else loc_name
    return Problem(key, file, where, [line], fields, kind="text")


def _unique_sorted(faults: Iterable[Problem]) -> list[Problem]:
    """Each fault once (pydantic may report one place twice), in file and line order."""
    seen: dict[tuple[object, ...], Problem] = {}
    for f in faults:
        seen.setdefault((f.file, tuple(f.rows), f.where, f.code, repr(f.fields)), f)
    return sorted(seen.values(), key=Problem.sort_key)


def coverage_tags(content: Content) -> set[str]:
    """Allowed ``covers`` tags: the form ids plus the fixed tags of docs/data-format.md."""
    return set(content.forms) | set(BASE_TAGS)


def field_name(loc: Loc) -> str:
    """``('stages', 0, 'key')`` → ``stages[0].key``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


def line_map(node: yaml.Node, loc: Loc = ()) -> dict[Loc, int]:
    """1-based line of every key path in a composed YAML document."""
    lines: dict[Loc, int] = {loc: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*loc, key_node.value)
            lines.update(line_map(value_node, sub))
            lines[sub] = key_node.start_mark.line + 1  # the key's line reads best
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            lines.update(line_map(item, (*loc, n)))
    return lines


def line_of(lines: dict[Loc, int], loc: Loc) -> int:
    """The line of ``loc`` or of its nearest ancestor present in the file."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


class _Checker:
    """Collects the meaning faults of one schema-valid case."""

    def __init__(self, path: Path, lines: dict[Loc, int], content: Content):
        self.path, self.lines, self.content = path, lines, content
        self.faults: list[Problem] = []

    def add(self, loc: Loc, key: str, **fmt: object) -> None:
        line = line_of(self.lines, loc)
        self.faults.append(fault(str(self.path), line, field_name(loc), key, **fmt))

    def known(self, loc: Loc, value: str, pool: Iterable[str], key: str) -> bool:
        pool = list(pool)
        if value in pool:
            return True
        near = difflib.get_close_matches(value, pool, n=2, cutoff=0.6)
        hint = ("lint.did_you_mean", {"ids": ", ".join(near)}) if near else ""
        self.add(loc, key, id=value, hint=hint)
        return False

    def check(self, case: Case) -> list[Problem]:
        content = self.content
        if case.id != self.path.stem:
            self.add(("id",), "lint.id_not_file_name", stem=self.path.stem)
        tags = coverage_tags(content)
        for n, tag in enumerate(case.covers):
            self.known(("covers", n), tag, sorted(tags), "lint.unknown_tag")
        for n, form in enumerate(case.forms):
            self.known(("forms", n), form, content.forms, "lint.unknown_form")
        if not case.points_to_trafficking and case.forms:
            self.add(("forms",), "lint.forms_not_trafficking")
        stage_ids: set[str] = set()
        shown: set[str] = set()
        considered: set[str] = set()
        for s, stage in enumerate(case.stages):
            if stage.id in stage_ids:
                self.add(("stages", s, "id"), "lint.duplicate", id=stage.id)
            stage_ids.add(stage.id)
            self._stage(s, stage, shown, considered, case)
            self._mentions(s, case, shown, considered)
        self._against_assessment(case)
        return self.faults

    def _cue(self, loc: Loc, sign_id: str, cue: Any, case: Case, s: int) -> None:
        """The cue must occur in the text of this stage or an earlier one, in each language."""
        for lang in LANGS:
            texts = " ".join(pick_text(st.text, lang) for st in case.stages[: s + 1])
            if normal_text(pick_text(cue, lang)) not in normal_text(texts):
                self.add((*loc, lang), "lint.cue_not_in_text", id=sign_id, text_lang=lang)

    def _mentions(self, s: int, case: Case, keyed: set[str], considered: set[str]) -> None:
        """A sign the stage's Finnish text states must be keyed or considered by now."""
        text = case.stages[s].text.fi
        for ind in self.content.indicators.values():
            if ind.id in keyed or ind.id in considered or not ind.mentions:
                continue
            word = mentions_in(text, ind.mentions)
            if word is not None:
                loc: Loc = ("stages", s, "text", "fi")
                self.add(loc, "lint.text_states_sign", id=ind.id, word=word)

    def _stage(self, s: int, stage: Any, shown: set[str], considered: set[str], case: Case) -> None:
        key = stage.key
        base: Loc = ("stages", s, "key")
        # keyed signs, then considered ones: each known, quoted from the text, not both
        for field, into, twice in (
            ("signs", shown, "lint.sign_repeated"),
            ("considered", considered, "lint.considered_and_keyed"),
        ):
            for n, item in enumerate(getattr(key, field)):
                loc = (*base, field, n, "id")
                if self.known(loc, item.id, self.content.indicators, "lint.unknown_sign"):
                    if item.id in shown:
                        self.add(loc, twice, id=item.id)
                    into.add(item.id)
                self._cue((*base, field, n, "cue"), item.id, item.cue, case, s)
        right: set[str] = set()
        for field in ("actions", "wrong_actions"):
            seen: set[str] = set()
            for n, item in enumerate(getattr(key, field)):
                loc = (*base, field, n, "id")
                if not self.known(loc, item.id, self.content.actions, "lint.unknown_action"):
                    continue
                if item.id in seen:
                    self.add(loc, "lint.duplicate", id=item.id)
                seen.add(item.id)
                if field == "wrong_actions" and item.id in right:
                    self.add(loc, "lint.right_and_wrong", id=item.id)
            if field == "actions":
                right = seen
        wrong = {w.id for w in key.wrong_actions}
        for n, item in enumerate(key.optional_actions):
            loc = (*base, "optional_actions", n, "id")
            if self.known(loc, item.id, self.content.actions, "lint.unknown_action"):
                if item.id in right or item.id in wrong:
                    self.add(loc, "lint.optional_conflict", id=item.id)
        if key.record is not None:
            n_safe = sum(option.safe for option in key.record.options)
            if n_safe != 1:
                self.add((*base, "record", "options"), "lint.one_safe", n=n_safe)

    def _against_assessment(self, case: Case) -> None:
        """Every stage's key against ``assess()`` of its cumulative signs and the client."""
        context = client_context(case)
        result = None
        for s, stage in enumerate(case.stages):
            signs = [i for i in case.signs_until(s) if i in self.content.indicators]
            result = assess(signs, context, self.content)
            base: Loc = ("stages", s, "key", "actions")
            given = [a.id for a in stage.key.actions]
            for action_id in result.duties:
                if action_id not in given:
                    self.add(base, "lint.stage_duty_missing", id=action_id, level=result.level)
            for n, action_id in enumerate(given):
                if action_id in self.content.actions and action_id not in result.actions:
                    level = result.level
                    self.add((*base, n, "id"), "lint.not_recommended", id=action_id, level=level)
        if result and not case.points_to_trafficking and result.level not in ("none", "low"):
            self.add(("points_to_trafficking",), "lint.restraint_level", level=result.level)


def pick_text(text: Any, lang: str) -> str:
    return str(getattr(text, lang))


def client_context(case: Case) -> Context:
    """The assessment context of a case's client; 'unknown' means not known (None)."""
    client = case.client

    def known(value: str) -> Any:
        return None if value == "unknown" else value

    return Context(
        age=client.age,
        age_uncertain=client.age_uncertain,
        consent=known(client.consent),
        home_municipality=known(client.home_municipality),
        pregnant=client.pregnant,
        unaccompanied="unaccompanied_minor" in case.covers,
    )


def _stage_count(data: Any, name: str, lines: dict[Loc, int]) -> list[Problem]:
    # pydantic skips the length check when an item fails; a writer wants both at once.
    stages = data.get("stages") if isinstance(data, dict) else None
    if not isinstance(stages, list) or 2 <= len(stages) <= 4:
        return []
    key, fmt = ("lint.too_few", {"min": 2}) if len(stages) < 2 else ("lint.too_many", {"max": 4})
    return [fault(name, line_of(lines, ("stages",)), "stages", key, **fmt)]


def lint_file(path: Path, content: Content | None = None) -> list[Problem]:
    """Every fault of one vignette file (schema first; meaning when the shape is right)."""
    content = content or load_content()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return [fault(name, 1, "-", "lint.unreadable")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [fault(name, mark.line + 1 if mark else 1, "-", "lint.yaml_syntax")]
    lines = line_map(root) if root is not None else {}
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        faults = [
            fault(name, line_of(lines, e["loc"]), field_name(e["loc"]), key, **fields)
            for e in exc.errors(include_input=False)
            for key, fields in [schema_fault(e)]
        ]
        return _unique_sorted([*faults, *_stage_count(data, name, lines)])
    return _unique_sorted(_Checker(path, lines, content).check(case))


def lint_dir(directory: Path | None = None, content: Content | None = None) -> list[Problem]:
    """Every fault of every ``*.yaml`` in ``directory`` (default: the package's vignettes)."""
    content = content or load_content()
    faults: list[Problem] = []
    for path in case_files(directory):
        faults.extend(lint_file(path, content))
    return faults
