"""Scoring the knowledge test: one answer, one item over a group, the whole test, the gain.

Pure functions over plain values: the trainer console and ``hoiku workshop export`` will feed
them answers from the store; nothing here reads or writes anything.

The choices (docs/quiz.md says the same):

- **An answer.** Single choice: right or wrong. Multiple choice: *right* only when exactly
  the right options are chosen (all-or-nothing), and a *partial* score
  ``(right chosen − wrong chosen) / number of right options``, floored at 0, so that ticking
  every option earns nothing and a half-right answer earns something. For a single-choice item
  the partial score is 1 or 0.
- **An item over a group, per phase.** The share who answered it right, with Wilson's 95 %
  interval (it behaves at 0 % and 100 % and in small groups, where the normal approximation
  does not); and the mean partial score with a t interval.
- **The whole test, per phase.** Each participant's score is the mean partial score over the
  items they answered; the group's figure is the mean of these with a Student t 95 %
  interval (a normal interval is too narrow for a workshop of five), clipped to [0, 1].
- **The gain.** Over participants whose self-chosen code appears once in both phases, the
  mean of the per-pair differences (after − before) with a t interval, clipped to [−1, 1]. A
  code that appears twice in a phase is ambiguous (two people chose it) and is left out.
- **The t quantile** is computed here, exactly, from the finite series of the Student t
  distribution for a whole number of degrees of freedom (Abramowitz & Stegun 26.7.3–4),
  inverted by bisection: one quantile does not justify SciPy as a dependency.
- **Too few.** A group of fewer than ``K_MIN`` (3) answers or pairs gets ``TooFew`` instead of
  a figure: a mean of one or two people's answers would show what those people answered.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from hoiku_lib.audit.stats import wilson
from hoiku_lib.quiz.schema import PHASES, Item

K_MIN = 3
"""The smallest group whose figures are shown (the workshop store's threshold too)."""
LEVEL = 0.95


@dataclass(frozen=True)
class AnswerScore:
    right: bool
    partial: float


@dataclass(frozen=True)
class Estimate:
    """A figure with its 95 % interval; ``method`` is ``wilson`` or ``t``."""

    n: int
    mean: float
    low: float
    high: float
    method: str


@dataclass(frozen=True)
class TooFew:
    """Fewer than ``K_MIN`` answers (or pairs): no figure is shown, only that there are too
    few."""

    n: int
    needed: int = K_MIN


Summary = Estimate | TooFew


@dataclass(frozen=True)
class Sheet:
    """One participant's answers in one phase: item id → the option ids they chose.
    ``code`` is the code the participant chose to pair their sheets (None: not given)."""

    phase: str
    answers: Mapping[str, frozenset[str]]
    code: str | None = None

    def __post_init__(self) -> None:
        if self.phase not in PHASES:
            raise ValueError(f"unknown phase {self.phase!r}; one of {', '.join(PHASES)}")


def normalise_code(code: str | None) -> str | None:
    """Case, spaces and punctuation do not matter in a pairing code ("Kissa 12" = "kissa12")."""
    if code is None:
        return None
    folded = "".join(ch for ch in code.casefold() if ch.isalnum())
    return folded or None


def score_answer(item: Item, chosen: Iterable[str]) -> AnswerScore:
    """Score one answer; an option id that the item does not have is an error."""
    picked = set(chosen)
    options = {o.id for o in item.options}
    if not picked <= options:
        raise ValueError(f"item {item.id}: unknown option(s) {sorted(picked - options)}")
    right = set(item.correct)
    if picked == right:
        return AnswerScore(True, 1.0)
    if item.kind == "single":
        return AnswerScore(False, 0.0)
    partial = (len(picked & right) - len(picked - right)) / len(right)
    return AnswerScore(False, max(0.0, partial))


def _t_two_sided(t_value: float, df: int) -> float:
    """P(|T| <= t_value) for Student's t with ``df`` (a whole number >= 1) degrees of freedom."""
    theta = math.atan(t_value / math.sqrt(df))
    c2 = math.cos(theta) ** 2
    if df % 2 == 1:
        total, term = 0.0, math.cos(theta)
        for k in range(1, (df - 1) // 2 + 1):  # cos θ + 2/3 cos³θ + 2·4/(3·5) cos⁵θ + …
            total += term
            term *= c2 * (2 * k) / (2 * k + 1)
        return (2 / math.pi) * (theta + math.sin(theta) * total)
    total, term = 0.0, 1.0
    for k in range(1, df // 2 + 1):  # 1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + …
        total += term
        term *= c2 * (2 * k - 1) / (2 * k)
    return math.sin(theta) * total


@cache
def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile (p > 0.5) of Student's t with ``df`` degrees of freedom."""
    if not 0.5 < p < 1 or df < 1:
        raise ValueError("p must be in (0.5, 1) and df a whole number >= 1")
    target = 2 * p - 1
    low, high = 0.0, 1.0
    while _t_two_sided(high, df) < target:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if _t_two_sided(mid, df) < target:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2


def wilson_estimate(right: int, n: int) -> Summary:
    """The share right with Wilson's 95 % interval, or TooFew below ``K_MIN`` answers."""
    if n < K_MIN:
        return TooFew(n)
    p = right / n
    low, high = wilson(right, n)
    # mathematically low <= p <= high; keep it so under rounding
    return Estimate(n, p, min(low, p), max(high, p), "wilson")


def mean_estimate(values: Sequence[float], bounds: tuple[float, float] = (0.0, 1.0)) -> Summary:
    """The mean with a Student t 95 % interval clipped to ``bounds``, or TooFew."""
    n = len(values)
    if n < K_MIN:
        return TooFew(n)
    mean = statistics.fmean(values)
    half = t_quantile(0.5 + LEVEL / 2, n - 1) * statistics.stdev(values) / math.sqrt(n)
    lo, hi = bounds
    mean = min(max(mean, lo), hi)
    return Estimate(n, mean, max(lo, mean - half), min(hi, mean + half), "t")


def _in_phase(sheets: Iterable[Sheet], phase: str) -> list[Sheet]:
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}; one of {', '.join(PHASES)}")
    return [s for s in sheets if s.phase == phase]


@dataclass(frozen=True)
class ItemSummary:
    """One item in one phase: the share right (Wilson) and the mean partial score (t)."""

    item_id: str
    phase: str
    right: Summary
    partial: Summary


def item_summary(item: Item, sheets: Iterable[Sheet], phase: str) -> ItemSummary:
    scores = [
        score_answer(item, s.answers[item.id])
        for s in _in_phase(sheets, phase)
        if item.id in s.answers
    ]
    right = wilson_estimate(sum(x.right for x in scores), len(scores))
    partial = mean_estimate([x.partial for x in scores])
    return ItemSummary(item.id, phase, right, partial)


def sheet_score(items: Mapping[str, Item], sheet: Sheet) -> float | None:
    """A participant's score: the mean partial score over the items of ``items`` they
    answered (answers to other items are not counted); None when they answered none."""
    scores = [
        score_answer(items[i], chosen).partial for i, chosen in sheet.answers.items() if i in items
    ]
    return statistics.fmean(scores) if scores else None


def overall(items: Mapping[str, Item], sheets: Iterable[Sheet], phase: str) -> Summary:
    """The group's mean score in one phase with a t interval, or TooFew."""
    scores = [sheet_score(items, s) for s in _in_phase(sheets, phase)]
    return mean_estimate([x for x in scores if x is not None])


def pairs(sheets: Iterable[Sheet], before: str, after: str) -> list[tuple[Sheet, Sheet]]:
    """Sheets of the same participant in two phases, matched by their code. A code that
    appears more than once in either phase is ambiguous and left out."""
    sheets = list(sheets)
    first, second = _in_phase(sheets, before), _in_phase(sheets, after)
    counts = [Counter(normalise_code(s.code) for s in group) for group in (first, second)]

    def unique(group: list[Sheet], count: Counter) -> dict[str, Sheet]:
        out: dict[str, Sheet] = {}
        for s in group:
            code = normalise_code(s.code)
            if code is not None and count[code] == 1:
                out[code] = s
        return out

    a, b = unique(first, counts[0]), unique(second, counts[1])
    return [(a[code], b[code]) for code in sorted(a.keys() & b.keys())]


def ambiguous_codes(sheets: Iterable[Sheet]) -> int:
    """How many codes appear more than once within one phase (left out of the pairing)."""
    count = Counter((s.phase, normalise_code(s.code)) for s in sheets if normalise_code(s.code))
    return len({code for (_, code), n in count.items() if n > 1})


def paired_gain(
    items: Mapping[str, Item],
    sheets: Iterable[Sheet],
    before: str = "pre",
    after: str = "post",
    item_id: str | None = None,
) -> Summary:
    """The mean of the per-pair differences (after − before) with a t interval, over the
    whole test or, with ``item_id``, over the pairs who answered that item both times."""
    diffs: list[float] = []
    for x, y in pairs(sheets, before, after):
        if item_id is None:
            sx, sy = sheet_score(items, x), sheet_score(items, y)
            if sx is not None and sy is not None:
                diffs.append(sy - sx)
        elif item_id in x.answers and item_id in y.answers:
            item = items[item_id]
            sx = score_answer(item, x.answers[item_id]).partial
            diffs.append(score_answer(item, y.answers[item_id]).partial - sx)
    return mean_estimate(diffs, bounds=(-1.0, 1.0))


GAINS: tuple[tuple[str, str], ...] = (("pre", "post"), ("pre", "follow_up"), ("post", "follow_up"))


@dataclass(frozen=True)
class QuizReport:
    """Everything the trainer console and the export show: per item and overall, per phase,
    and the paired gains (post − pre, follow-up − pre, follow-up − post)."""

    items: dict[str, dict[str, ItemSummary]]
    overall: dict[str, Summary]
    gains: dict[tuple[str, str], Summary]
    item_gains: dict[str, dict[tuple[str, str], Summary]]
    ambiguous_codes: int = 0
    answered: dict[str, int] = field(default_factory=dict)


def report(items: Mapping[str, Item], sheets: Iterable[Sheet]) -> QuizReport:
    sheets = list(sheets)
    return QuizReport(
        items={i: {p: item_summary(item, sheets, p) for p in PHASES} for i, item in items.items()},
        overall={p: overall(items, sheets, p) for p in PHASES},
        gains={(a, b): paired_gain(items, sheets, a, b) for a, b in GAINS},
        item_gains={
            i: {(a, b): paired_gain(items, sheets, a, b, i) for a, b in GAINS} for i in items
        },
        ambiguous_codes=ambiguous_codes(sheets),
        answered={p: len(_in_phase(sheets, p)) for p in PHASES},
    )
