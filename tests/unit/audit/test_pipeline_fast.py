"""The pipeline's array helpers write exactly what the pandas expressions they replace do."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit.cells import csv_series
from hoiku_lib.audit.pipeline import (
    _TEXT_COLUMNS,
    FINDINGS_FILE_COLUMNS,
    findings_csv,
    year_months,
)

# formula starts, quotes, separators and line breaks: what CSV quoting and CWE-1236 care about
CELL = st.text(alphabet="'=+-@\t\r\n,;\" aÄ€😀", max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL, CELL, st.integers(2, 10**7)), max_size=12))
def test_findings_csv_is_to_csv_of_neutralised_cells(rows: list[tuple]) -> None:
    found = pd.DataFrame(rows, columns=FINDINGS_FILE_COLUMNS).astype({"row": "int64"})
    cells = found.assign(**{c: csv_series(found[c]) for c in _TEXT_COLUMNS})
    assert findings_csv(found) == cells.to_csv(index=False, header=False)


@given(
    st.lists(
        st.one_of(st.none(), st.dates(min_value=pd.Timestamp("1900-01-01").date())), max_size=30
    )
)
def test_year_months_is_strftime(dates: list) -> None:
    series = pd.to_datetime(pd.Series(dates, dtype=object))
    expected = series.dt.strftime("%Y-%m").fillna("").tolist()
    assert year_months(series) == expected


KIND_WORDS = st.lists(st.sampled_from(["hetu", "phone", "name", "possible_name", "iban"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(KIND_WORDS, KIND_WORDS), max_size=20), st.integers(0, 5))
def test_kinds_once_per_combination_equal_row_by_row(rows: list[tuple], offset: int) -> None:
    """Detections.kinds, per_kinds and verdict (each distinct combination judged once) give
    what the row-by-row split, sort and look-ups gave."""
    from hoiku_lib.audit.detect import Detections
    from hoiku_lib.audit.pii import MASKS, POSSIBLE_NAME

    index = pd.RangeIndex(offset, offset + len(rows))
    note = pd.Series([" ".join(sorted(set(a))) for a, _ in rows], index=index, dtype=object)
    risk = pd.Series([" ".join(sorted(set(b))) for _, b in rows], index=index, dtype=object)
    found = Detections(note, risk, note, risk, {})
    plain = (note + " " + risk).str.split().map(lambda ks: tuple(sorted(set(ks))))
    assert found.kinds.equals(plain)
    masks = found.per_kinds(lambda ks: " ".join(MASKS[k] for k in ks))
    assert masks.equals(plain.map(lambda ks: " ".join(MASKS[k] for k in ks)))
    certain = plain.map(lambda ks: any(k != POSSIBLE_NAME for k in ks))
    possible = plain.map(lambda ks: POSSIBLE_NAME in ks)
    assert found.verdict() == (bool(certain.any()), int(possible.sum()))
