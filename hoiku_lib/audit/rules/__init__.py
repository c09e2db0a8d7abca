"""Audit rules: one small module per rule id, listed once, in order, in :data:`RULE_IDS`.

Like sqlfluff's rules, each module names its stable id, a one-line summary (its msgid in
``audit.po``) and the guide section it checks; registration refuses a rule lacking any of
them. A rule is a pure function ``check(frame, detections) → (applies, finding, evidence)``
over the typed chunk and what the detection stage (:mod:`hoiku_lib.audit.detect`) found in
it. This list is the one place a rule exists: the disclosure patterns' and the word model's
rule keys are checked against the rules it marks as found by the disclosure detector.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DETECTORS = ("fields", "identifiers", "disclosure")  # where a rule's evidence comes from

RULE_IDS: tuple[str, ...] = (
    "personal_data",
    "indicator_disclosure",
    "help_request_disclosure",
    "risk_flag_missing",
    "unmarked_outgoing",
    "unsafe_contact",
    "non_professional_interpreter",
)


@dataclass(frozen=True)
class Rule:
    """What a rule checks (metadata) and the function that checks it."""

    id: str
    summary: str  # msgid of the one-line summary
    ref: str  # guide section, e.g. "IV.rec"
    severity: str  # high | medium
    check: Callable[[Any, Any], tuple[Any, Any, Any]]  # (frame, detections) → 3 Series
    aliases: tuple[str, ...] = ()
    # "fields": the export's structured columns; "identifiers": the identifier detector;
    # "disclosure": the disclosure detector (patterns and word model), keyed by the rule id
    detector: str = "fields"


class RuleDefinitionError(ValueError):
    """A rule module lacks an id, a one-line summary or a guide reference."""


REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add ``rule`` to the registry, refusing an incomplete definition."""
    if not rule.id or not rule.id.replace("_", "").isalnum() or not rule.id.islower():
        raise RuleDefinitionError(f"rule id {rule.id!r} is not a lower-case identifier")
    if not rule.summary or not rule.summary.startswith("audit.rule."):
        raise RuleDefinitionError(f"rule {rule.id} lacks a one-line summary msgid")
    if not rule.ref or not rule.ref.startswith("IV"):
        raise RuleDefinitionError(f"rule {rule.id} lacks a guide reference (IV…)")
    if rule.severity not in ("high", "medium"):
        raise RuleDefinitionError(f"rule {rule.id} has an unknown severity")
    if not callable(rule.check):
        raise RuleDefinitionError(f"rule {rule.id} has no check function")
    if rule.detector not in DETECTORS:
        raise RuleDefinitionError(f"rule {rule.id} has an unknown detector {rule.detector!r}")
    REGISTRY[rule.id] = rule
    for alias in rule.aliases:
        REGISTRY.setdefault(alias, rule)
    return rule


def all_rules() -> list[Rule]:
    """Every rule, in the order of the design's table."""
    for rule_id in RULE_IDS:
        if rule_id not in REGISTRY:
            importlib.import_module(f"hoiku_lib.audit.rules.{rule_id}")
    return [REGISTRY[r] for r in RULE_IDS]


def detected_by(detector: str) -> tuple[str, ...]:
    """The ids of the rules whose evidence ``detector`` finds, in the registry's order."""
    return tuple(rule.id for rule in all_rules() if rule.detector == detector)


def check_rule_keys(keys, where: str) -> list[tuple[str, str]]:  # noqa: ANN001
    """Faults (key path, reason) for every rule key of a disclosure data file that is not a
    disclosure rule of the registry."""
    known = detected_by("disclosure")
    return [
        (f"{where}.{key}", f"not a disclosure rule of the registry ({', '.join(known)})")
        for key in keys
        if key not in known
    ]
