"""Target levels per criterion, and whether the audit met them.

A target is the compliance a unit means to reach on a criterion ("90 % of the entries with
a suspicion carry the risk flag"). Every criterion has a default (:data:`DEFAULT_TARGET`,
90 %), which the quality officer changes on the audit page or with
``hoiku audit --target rule_id=PCT``.

What "met" means, kept simple: the criterion is **met** when its compliance (the share of
applicable records that comply) is at least the target. A sample is a sample, so the
judgement also says whether the 95 % Wilson interval agrees:

- ``met``: compliance ≥ target and the interval's lower bound ≥ target too (met even at the
  low end of what the sample allows);
- ``met_uncertain``: compliance ≥ target but the lower bound is below it (met in this sample;
  a new sample might fall short);
- ``not_met``: compliance < target (whatever the interval's upper bound);
- ``no_data``: no applicable record, nothing to judge.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

DEFAULT_TARGET = 0.90  # the same for every criterion unless the officer says otherwise

STATUSES = ("met", "met_uncertain", "not_met", "no_data")


class TargetError(ValueError):
    """A ``rule_id=PCT`` item that is not one; ``item`` is the part before ``=``."""

    def __init__(self, item: str):
        super().__init__(item)
        self.item = item


def defaults(rule_ids: Iterable[str]) -> dict[str, float]:
    """The default target of every criterion."""
    return dict.fromkeys(rule_ids, DEFAULT_TARGET)


def parse_pct(text: str) -> float:
    """``"90"``, ``"90 %"``, ``"92,5"`` → 0.9, 0.9, 0.925; ValueError outside 0–100."""
    value = float(str(text).strip().rstrip("%").strip().replace(",", "."))
    if not 0 <= value <= 100 or math.isnan(value):
        raise ValueError(text)
    return value / 100


def parse_target_args(items: Iterable[str], rule_ids: Iterable[str]) -> dict[str, float]:
    """``["risk_flag_missing=95", ...]`` → every rule's target (defaults for the rest).
    A rule id that is not known or a percentage outside 0–100 raises TargetError."""
    known = list(rule_ids)
    targets = defaults(known)
    for item in items:
        rule_id, sep, pct = str(item).partition("=")
        rule_id = rule_id.strip()
        if not sep or rule_id not in known:
            raise TargetError(rule_id)
        try:
            targets[rule_id] = parse_pct(pct)
        except ValueError:
            raise TargetError(rule_id) from None
    return targets


def judge(compliance: float, ci_low: float, target: float) -> str:
    """One of :data:`STATUSES` (see the module's docstring)."""
    if compliance is None or (isinstance(compliance, float) and math.isnan(compliance)):
        return "no_data"
    eps = 1e-12  # 9/10 is 0.9 exactly, whatever the float division gives
    if compliance + eps < target:
        return "not_met"
    return "met" if ci_low + eps >= target else "met_uncertain"


def judge_summary(summary, targets: Mapping[str, float]) -> list[dict[str, object]]:  # noqa: ANN001
    """Per summary row: rule_id, target, status."""
    out = []
    for _, row in summary.iterrows():
        target = float(targets.get(row["rule_id"], DEFAULT_TARGET))
        status = judge(row["compliance"], row["ci_low"], target) if row["applicable"] else "no_data"
        out.append({"rule_id": row["rule_id"], "target": target, "status": status})
    return out
