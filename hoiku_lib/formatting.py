"""Numbers as each language writes them, from Babel's CLDR data: one place for every figure
a user reads (the audit's shares and intervals, agreement, scores, memory).

Finnish and Swedish write ``12,5 %`` (decimal comma, a no-break space before the sign, a
no-break space between thousands: ``1 234``); English writes ``12.5%`` and ``1,234``.
Hand-made formats (``f"{x:.0f} %"``, ``.replace(".", ",")``) get the space, the grouping
or the minus sign wrong in one language or another.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Literal

from babel.core import Locale
from babel.numbers import NumberPattern, parse_pattern

from hoiku_lib.i18n import normalise_lang

NO_VALUE = "–"
"""What a figure that does not exist (no applicable records: NaN, None) shows."""


@cache
def _pattern(
    lang: str, kind: Literal["percent", "decimal"], least: int, most: int
) -> NumberPattern:
    locale = Locale.parse(lang)
    formats = locale.percent_formats if kind == "percent" else locale.decimal_formats
    pattern = parse_pattern(formats[None].pattern)  # a fresh object: safe to change
    pattern.frac_prec = (least, most)
    return pattern


def _apply(
    value: float | None, lang: str, kind: Literal["percent", "decimal"], lo: int, hi: int
) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    lang = normalise_lang(lang)
    return _pattern(lang, kind, lo, hi).apply(value, Locale.parse(lang))


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    """A share (0.125) as a percentage with ``digits`` decimals: ``12,5 %`` (fi, sv), ``12.5%``."""
    return _apply(value, lang, "percent", digits, digits)


def decimal(value: float | None, lang: str, digits: int = 2, *, trim: bool = False) -> str:
    """A number with ``digits`` decimals (``0,90``; ``trim``: at most ``digits``, ``3,5``/``4``),
    thousands grouped as the language groups them."""
    return _apply(value, lang, "decimal", 0 if trim else digits, digits)


def interval(low: float | None, high: float | None, lang: str, digits: int = 0) -> str:
    """A confidence interval of shares: ``55 % – 74 %`` (en ``55% – 74%``)."""
    return f"{percent(low, lang, digits)} – {percent(high, lang, digits)}"
