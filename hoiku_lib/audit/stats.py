"""Audit statistics: compliance with Wilson intervals, delays, run charts, agreement.

Not-applicable records are out of the denominator (a record without a suspicion cannot
miss the risk flag). Wilson's interval behaves at 0 % and 100 % and in small samples, where
the normal approximation does not. Agreement between two auditors: observed agreement,
Cohen's kappa and Gwet's AC1 (AC1 stays stable when one grade dominates).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

Z95 = 1.959963984540054


def wilson(compliant: int, applicable: int, z: float = Z95) -> tuple[float, float]:
    """95 % Wilson score interval of compliant/applicable; (nan, nan) when n = 0."""
    if applicable <= 0:
        return (math.nan, math.nan)
    p = compliant / applicable
    denom = 1 + z * z / applicable
    centre = (p + z * z / (2 * applicable)) / denom
    half = z * math.sqrt(p * (1 - p) / applicable + z * z / (4 * applicable**2)) / denom
    low = 0.0 if compliant == 0 else max(0.0, centre - half)
    high = 1.0 if compliant == applicable else min(1.0, centre + half)
    return (low, high)


def summary_row(rule_id: str, applicable: int, compliant: int) -> dict[str, object]:
    """One line of summary.csv."""
    low, high = wilson(compliant, applicable)
    compliance = compliant / applicable if applicable else math.nan
    return {
        "rule_id": rule_id,
        "applicable": int(applicable),
        "compliant": int(compliant),
        "compliance": compliance,
        "ci_low": low,
        "ci_high": high,
    }


def observed_agreement(a: Sequence[object], b: Sequence[object]) -> float:
    """Share of records both auditors graded the same."""
    if len(a) != len(b) or not a:
        raise ValueError("two grade lists of equal, non-zero length are needed")
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def cohen_kappa(a: Sequence[object], b: Sequence[object]) -> float:
    """Cohen's kappa; NaN when both auditors used one and the same grade throughout.

    Then chance agreement is already 1 and kappa is 0/0: undefined, not perfect. Reporting
    it as 1.0 would tell a quality officer that two auditors agree beyond chance when the
    sample could not show it (one grade throughout says nothing about how they judge)."""
    po = observed_agreement(a, b)
    n = len(a)
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if pe >= 1.0:
        return float("nan")
    return (po - pe) / (1 - pe)


def gwet_ac1(
    a: Sequence[object], b: Sequence[object], scale: Sequence[object] | None = None
) -> float:
    """Gwet's AC1 for two raters over a grade ``scale`` (the grades they could choose).

    Chance agreement counts every grade of the scale, used or not (Gwet 2008), so it has to
    be given: a review where both auditors said "yes" throughout is then AC1 = 1 by the
    formula (chance agreement 0 on a yes/no scale), not by a special case. Without a scale,
    the grades seen stand for it."""
    po = observed_agreement(a, b)
    n = len(a)
    cats = list(dict.fromkeys(scale)) if scale is not None else list(set(a) | set(b))
    unknown = (set(a) | set(b)) - set(cats)
    if unknown:
        raise ValueError("a grade outside the scale was given")
    q = len(cats)
    if q < 2:
        return 1.0  # one possible grade: agreement is certain and complete
    counts = Counter(a) + Counter(b)
    pe = sum((counts[k] / (2 * n)) * (1 - counts[k] / (2 * n)) for k in cats) / (q - 1)
    return (po - pe) / (1 - pe)


def median_of_counts(values: list[int], counts: list[int]) -> float:
    """The median of a list given as sorted distinct ``values`` and how often each occurs
    (the mean of the two middle values when the total is even, as pandas does)."""
    total = sum(counts)
    if total == 0:
        return float("nan")
    middle = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for value, n in zip(values, counts, strict=True):
        seen += n
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
        if not middle:
            break
    return (found[0] + found[1]) / 2


def delay_table(hist) -> object:  # noqa: ANN001
    """Entries, median and max entry delay (days) per unit from a (unit, delay, n) histogram:
    the histogram stays small however many records there are."""
    import pandas as pd

    cols = ["unit", "entries", "median_days", "max_days"]
    if hist is None or len(hist) == 0:
        return pd.DataFrame(columns=cols)
    rows = []
    for unit, part in hist.sort_values(["unit", "delay"]).groupby("unit", sort=True):
        values, counts = part["delay"].astype(int).tolist(), part["n"].astype(int).tolist()
        rows.append([unit, sum(counts), median_of_counts(values, counts), max(values)])
    return pd.DataFrame(rows, columns=cols)


def run_chart_data(counts) -> object:  # noqa: ANN001
    """Compliance per rule and month (only months with applicable records)."""
    by_month = counts.groupby(["rule_id", "month"], as_index=False)[["applicable", "compliant"]]
    data = by_month.sum()
    data = data[data["applicable"] > 0].copy()
    data["compliance"] = data["compliant"] / data["applicable"]
    return data
