"""Are numbers written as each language writes them (Babel's CLDR data), the same way on
every page and in every report?"""

from __future__ import annotations

import math

import pytest
from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from hoiku_lib.formatting import NO_VALUE, decimal, percent

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (0.125, "fi", 1, f"12,5{NBSP}%"),
        (0.125, "sv", 1, f"12,5{NBSP}%"),
        (0.125, "en", 1, "12.5%"),
        (0.74, "fi", 0, f"74{NBSP}%"),
        (0.74, "en", 0, "74%"),
        (1.0, "sv", 0, f"100{NBSP}%"),
        (12.5, "fi", 0, f"1{NBSP}250{NBSP}%"),  # thousands grouped with a no-break space
        (12.5, "en", 0, "1,250%"),
    ],
)
def test_percent_is_written_as_the_language_writes_it(value, lang, digits, expected) -> None:  # noqa: ANN001
    assert percent(value, lang, digits) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (0.9, "fi", "0,90"),
        (0.9, "sv", "0,90"),
        (0.9, "en", "0.90"),
        (1234.5, "fi", f"1{NBSP}234,50"),
        (1234.5, "en", "1,234.50"),
    ],
)
def test_decimal_has_the_language_separators(value: float, lang: str, expected: str) -> None:
    assert decimal(value, lang) == expected


def test_trimmed_decimal_drops_a_zero_tail() -> None:
    assert decimal(3.0, "fi", 1, trim=True) == "3"
    assert decimal(3.5, "fi", 1, trim=True) == "3,5"
    assert decimal(3.5, "en", 1, trim=True) == "3.5"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_figure_is_shown_as_a_dash(lang: str) -> None:
    assert percent(float("nan"), lang) == percent(None, lang) == NO_VALUE
    assert decimal(math.nan, lang) == NO_VALUE


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from(["fi", "sv", "en"]),
    st.integers(min_value=0, max_value=3),
)
def test_a_written_number_reads_back_as_the_number(value: float, lang: str, digits: int) -> None:
    text = decimal(value, lang, digits)
    assert ("." in text) is False or lang == "en"  # fi and sv never use a decimal point
    back = float(parse_decimal(text.replace("\u2212", "-"), locale=lang, strict=False))
    assert abs(back - value) <= 0.5 * 10**-digits + 1e-9 * max(1.0, abs(value))


@given(st.floats(min_value=0, max_value=1, allow_nan=False), st.sampled_from(["fi", "sv"]))
def test_a_percentage_in_finnish_and_swedish_ends_in_a_no_break_space_and_the_sign(
    share: float, lang: str
) -> None:
    text = percent(share, lang, 1)
    assert text.endswith(f"{NBSP}%") and "." not in text and " " not in text


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_servers_memory_figure_is_written_by_the_same_rule(lang: str) -> None:
    from pathlib import Path

    from hoiku_lib.serve.options import ServeOptions, kernel_mb, kernels_at_most
    from hoiku_lib.serve.run import capacity_notice

    opts = ServeOptions(notebooks_dir=Path("."), pool=3, max_pages=17)
    figure = decimal(kernels_at_most(opts) * kernel_mb() / 1000, lang, 1)
    assert ("," in figure) == (lang != "en") and figure in capacity_notice(opts, lang)
