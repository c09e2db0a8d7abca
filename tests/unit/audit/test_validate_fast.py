"""The chunk-at-once validation gives, cell for cell, what a parse of each value alone gives."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import validate
from hoiku_lib.audit.io import ROW_COLUMN

TEXT = st.one_of(st.none(), st.just(float("nan")), st.text(" \t\nabcÄö-_x", max_size=6))
YESNO = st.sampled_from(["kyllä", " Ei ", "K", "nej", "", "  ", "maybe", "1", "0", "JA"])
DATES = st.sampled_from(["1.2.2025", "2025-02-03", " 3.4.2025 ", "32.13.2025", "", "5.6", "x"])
INTERP = st.sampled_from(["omainen", "Ammatti-tulkki", "", "lentokone", "ei tarvittu", "tolk"])


@given(st.lists(TEXT, max_size=30))
def test_stripped_is_fillna_astype_strip(values: list) -> None:
    series = pd.Series(values, dtype=object)
    expected = series.fillna("").astype(str).str.strip()
    pd.testing.assert_series_equal(validate.stripped(series), expected)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_each_cell_typed_and_checked_as_on_its_own(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 12))
    frame = pd.DataFrame(
        {
            "record_id": pd.Series(data.draw(st.lists(TEXT, min_size=n, max_size=n)), dtype=object),
            "unit": ["U"] * n,
            "note_text": pd.Series(data.draw(st.lists(TEXT, min_size=n, max_size=n)), dtype=object),
            "suspected": data.draw(st.lists(YESNO, min_size=n, max_size=n)),
            "visit_date": data.draw(st.lists(DATES, min_size=n, max_size=n)),
            "interpreter": data.draw(st.lists(INTERP, min_size=n, max_size=n)),
            ROW_COLUMN: range(2, n + 2),
        }
    )
    typed, problems = validate.validate_and_type(frame)
    bad: dict[tuple[str, str], list[int]] = {}
    for p in problems:
        bad.setdefault((p.code, p.where), []).extend(p.rows)
    for i in range(n):
        one = {c: pd.Series([frame[c].iloc[i]], dtype=object).fillna("") for c in frame}
        yes = validate.parse_yesno(one["suspected"]).iloc[0]
        assert (pd.isna(yes) and pd.isna(typed["suspected"].iloc[i])) or yes == typed[
            "suspected"
        ].iloc[i]
        date = validate.parse_dates(one["visit_date"]).iloc[0]
        assert (pd.isna(date) and pd.isna(typed["visit_date"].iloc[i])) or date == typed[
            "visit_date"
        ].iloc[i]
        kind = validate.parse_interpreter(one["interpreter"]).iloc[0]
        assert (pd.isna(kind) and pd.isna(typed["interpreter"].iloc[i])) or kind == typed[
            "interpreter"
        ].iloc[i]
        spreadsheet_row = i + 2
        text_id = str(one["record_id"].iloc[0]).strip()
        assert (spreadsheet_row in bad.get(("empty_required", "record_id"), [])) == (text_id == "")
        given_yes = validate.norm_value(one["suspected"].iloc[0]) != ""
        assert (spreadsheet_row in bad.get(("bad_yesno", "suspected"), [])) == (
            given_yes and pd.isna(yes)
        )
        given_date = one["visit_date"].iloc[0].strip() != ""
        assert (spreadsheet_row in bad.get(("bad_date", "visit_date"), [])) == (
            given_date and pd.isna(date)
        )


FLAG_COLUMNS = [*validate.REQUIRED, "suspected", "visit_date", "interpreter"]


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_all_valid_shortcut_is_what_the_schema_finds(data: st.DataObject) -> None:
    """Where validation skips the schema (every flag true, the required columns there), the
    schema finds nothing either; elsewhere it still runs."""
    from hoiku_lib.audit.problems import Problem

    n = data.draw(st.integers(0, 8))
    columns = data.draw(st.lists(st.sampled_from(FLAG_COLUMNS), unique=True, min_size=1))
    flags = {c: data.draw(st.lists(st.booleans(), min_size=n, max_size=n)) for c in columns}
    if data.draw(st.booleans()):
        flags = {c: [True] * n for c in columns}  # the common case, drawn often
    valid = pd.DataFrame({c: pd.Series(v, dtype=bool) for c, v in flags.items()})
    frame = pd.DataFrame({ROW_COLUMN: range(2, n + 2)})
    try:
        validate._schema(tuple(valid.columns)).validate(valid, lazy=True)
        passes = True
    except Exception:  # noqa: BLE001 - pandera's SchemaErrors
        passes = False
    assert validate._all_valid(valid) <= passes  # the shortcut is taken only where it passes
    problems = validate._check(valid, frame)
    assert (problems == []) == passes
    assert all(isinstance(p, Problem) for p in problems)
