"""The schema of data/audit/disclosure_patterns.yaml, and the checks a schema cannot make.

`hoiku validate` and the audit itself read the file through :func:`check_patterns`, so a
broken pattern is reported by file and key path ("rules.indicator_disclosure.fi[3]: …")
before any note is read, never as a traceback in the middle of an audit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["fi", "sv", "en"]
RuleId = str  # a disclosure rule of the registry (hoiku_lib.audit.rules), checked on load
MIN_PREFIX = 3  # literal characters a pattern must start with (else it runs everywhere)


class PatternFile(BaseModel):
    """Regular expressions and concept lexicons of the two disclosure rules."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1]
    near: str = Field(min_length=1)
    w: str = Field(min_length=1)
    hard_negatives: list[str] = []
    rules: dict[RuleId, dict[Lang, list[str]]]
    cue_indicators: dict[RuleId, list[str]] = {}
    concepts: dict[str, dict[Lang, list[str]]] = {}
    concept_exclusions: dict[str, list[str]] = {}
    sentence_rules: dict[RuleId, list[list[str]]] = {}


def expand(pattern: str, near: str, w: str) -> str:
    """A pattern with its placeholders {near} and {w} filled in."""
    return pattern.replace("{near}", near).replace("{w}", w)


def check_patterns(path: Path, indicator_ids: set[str] | None = None) -> PatternFile:
    """Parse and check the pattern file; raise ContentError naming every fault."""
    from hoiku_lib.audit.disclosure import literal_prefixes
    from hoiku_lib.audit.rules import check_rule_keys
    from hoiku_lib.content import ContentError, _parse

    doc = _parse(PatternFile, path)
    faults: list[tuple[str, str]] = []
    for section in ("rules", "cue_indicators", "sentence_rules"):
        faults += check_rule_keys(getattr(doc, section), section)
    for rule_id, by_lang in doc.rules.items():
        for lang, patterns in by_lang.items():
            for i, pattern in enumerate(patterns):
                key = f"rules.{rule_id}.{lang}[{i}]"
                if re.search(r"\\[WSDBAZ]", pattern):
                    faults.append((key, "use lower-case escapes only (notes are lowered)"))
                    continue
                full = expand(pattern, doc.near, doc.w).lower()  # notes are matched lowered
                try:
                    re.compile(full)
                except re.error as exc:
                    faults.append((key, f"not a valid regular expression ({exc.msg})"))
                    continue
                prefixes = literal_prefixes(full)
                if prefixes is None or min(len(p) for p in prefixes) < MIN_PREFIX:
                    faults.append(
                        (key, f"must start with at least {MIN_PREFIX} literal characters")
                    )
    for rule_id, combos in doc.sentence_rules.items():
        for i, combo in enumerate(combos):
            for name in combo:
                if name not in doc.concepts:
                    faults.append((f"sentence_rules.{rule_id}[{i}]", f"unknown concept {name!r}"))
    for name in doc.concept_exclusions:
        if name not in doc.concepts:
            faults.append((f"concept_exclusions.{name}", "unknown concept"))
    if indicator_ids is not None:
        for rule_id, ids in doc.cue_indicators.items():
            for i, ind in enumerate(ids):
                if ind not in indicator_ids:
                    faults.append((f"cue_indicators.{rule_id}[{i}]", f"unknown indicator {ind!r}"))
    if faults:
        raise ContentError(path, faults)
    return doc
