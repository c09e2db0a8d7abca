"""Signs chosen by their strength in the taxonomy, so tests hold when a grade is revised."""

from __future__ import annotations

from hoiku_lib.content import load_content
from hoiku_lib.schemas import WEIGHTS

CONTENT = load_content()


def element(category: str, at_least: int = 3) -> list[str]:
    """The fewest signs of ``category``, heaviest first, that weigh at least ``at_least``."""
    ranked = sorted(CONTENT.indicators_in(category), key=lambda i: (-WEIGHTS[i.strength], i.id))
    chosen: list[str] = []
    for ind in ranked:
        if sum(WEIGHTS[CONTENT.indicators[i].strength] for i in chosen) >= at_least:
            break
        chosen.append(ind.id)
    return chosen


def weakest(category: str) -> str:
    """A weak sign of ``category``."""
    return next(i.id for i in CONTENT.indicators_in(category) if i.strength == "weak")
