"""Is each value of a chunk parsed once, and the validation schema built once?"""

from __future__ import annotations

import pandas as pd
import pytest

from hoiku_lib.audit import validate
from hoiku_lib.audit.io import ROW_COLUMN


def _chunk() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_id": ["a", "b", ""],
            "unit": ["U", "U", "U"],
            "note_text": ["x", "y", "z"],
            "visit_date": ["1.2.2025", "2025-02-03", "32.13.2025"],
            "entry_date": ["2.2.2025", "1.2.2025", ""],
            "suspected": ["kyllä", "nej", "maybe"],
            "interpreter": ["omainen", "", "lentokone"],
            ROW_COLUMN: [2, 3, 4],
        }
    )


def test_each_column_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Are the dates, yes/no and interpreter values parsed once per column (not again for
    the check, the entry-before-visit check and the typing)?"""
    calls = {"dates": 0, "yesno": 0}
    dates, yesno = validate._parse_dates, validate.parse_yesno

    def count_dates(series):  # noqa: ANN001, ANN202
        calls["dates"] += 1
        return dates(series)

    def count_yesno(series):  # noqa: ANN001, ANN202
        calls["yesno"] += 1
        return yesno(series)

    monkeypatch.setattr(validate, "_parse_dates", count_dates)
    monkeypatch.setattr(validate, "parse_yesno", count_yesno)
    typed, problems = validate.validate_and_type(_chunk())
    assert calls == {"dates": 2, "yesno": 1}
    assert [p.code for p in problems] == [
        "empty_required",
        "bad_yesno",
        "bad_date",
        "bad_interpreter",
        "entry_before_visit",
    ]
    assert [(p.where, p.rows) for p in problems] == [
        ("record_id", [4]),
        ("suspected", [4]),
        ("visit_date", [4]),
        ("interpreter", [4]),
        ("entry_date", [3]),
    ]
    assert typed["suspected"].tolist()[:2] == [True, False]
    assert typed["interpreter"].tolist()[0] == "family"
    assert pd.isna(typed["visit_date"].iloc[2]) and pd.isna(typed["interpreter"].iloc[2])


def test_the_schema_is_built_once_per_set_of_columns() -> None:
    """Do more chunks with the same columns reuse the one schema?"""
    validate.validate_and_type(_chunk())
    before = validate._schema.cache_info()
    for _ in range(3):
        validate.validate_and_type(_chunk())
    after = validate._schema.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 3
