"""Validate and type one chunk of an export, collecting every fault lazily.

Each value is parsed once (dates, yes/no, interpreter kinds, each once per distinct value);
the parse gives the typed value and whether the cell was valid. The schema (pandera, built
once per set of columns) says which cells must be valid; failures are turned into
:class:`~hoiku_lib.audit.problems.Problem` objects by column and row. Pandera's
``failure_case`` is the cell value and is dropped here, before anything is shown.
"""

from __future__ import annotations

import re
from functools import cache

from hoiku_lib.audit.io import ROW_COLUMN
from hoiku_lib.audit.problems import Problem

YES = frozenset({"kyllä", "kylla", "k", "ja", "j", "yes", "y", "1", "true", "tosi", "x"})
NO = frozenset({"ei", "e", "nej", "n", "no", "0", "false", "epätosi"})
YESNO_COLUMNS: tuple[str, ...] = ("suspected", "outgoing_message", "contact_channel_safe")
DATE_COLUMNS: tuple[str, ...] = ("visit_date", "entry_date")
INTERPRETER: dict[str, str] = {
    "ammattitulkki": "professional",
    "tulkki": "professional",
    "asioimistulkki": "professional",
    "yrkestolk": "professional",
    "professionelltolk": "professional",  # the glossary's term, as the message lists it
    "tolk": "professional",
    "auktoriseradtolk": "professional",
    "professional": "professional",
    "professionalinterpreter": "professional",
    "interpreter": "professional",
    "puhelintulkki": "phone",
    "puhelintulkkaus": "phone",
    "etätulkki": "phone",
    "videotulkki": "phone",
    "telefontolk": "phone",
    "telefontolkning": "phone",
    "distanstolk": "phone",
    "phone": "phone",
    "telephone": "phone",
    "telephoneinterpreter": "phone",
    "phoneinterpreter": "phone",
    "remote": "phone",
    "saattaja": "companion",
    "seuralainen": "companion",
    "följeslagare": "companion",
    "companion": "companion",
    "escort": "companion",
    "omainen": "family",
    "perheenjäsen": "family",
    "sukulainen": "family",
    "anhörig": "family",
    "familjemedlem": "family",
    "family": "family",
    "familymember": "family",
    "relative": "family",
    "eitarvittu": "not_needed",
    "eitarvetta": "not_needed",
    "ei": "not_needed",
    "behövdesinte": "not_needed",
    "ingen": "not_needed",
    "nej": "not_needed",
    "notneeded": "not_needed",
    "none": "not_needed",
    "no": "not_needed",
}
_FI_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?\s*$")


def norm_value(value: str) -> str:
    """Value key: lower case, spaces/hyphens/underscores removed."""
    return re.sub(r"[\s_\-]+", "", str(value)).casefold()


def per_value(series, fn):  # noqa: ANN001, ANN201
    """``fn`` applied to each distinct value once, spread back over ``series``.

    An export repeats a few values (kyllä/ei, dates, interpreter kinds) on every row, so
    working on the distinct values is many times faster than row by row."""
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    if len(uniques) * 2 > len(series):
        return fn(series)
    return fn(pd.Series(uniques, dtype=object)).take(codes).set_axis(series.index)


def norm_series(series):  # noqa: ANN001, ANN201
    """:func:`norm_value` for a whole Series (vectorised, once per distinct value)."""
    return per_value(
        series, lambda s: s.astype(str).str.replace(r"[\s_\-]+", "", regex=True).str.casefold()
    )


def parse_yesno(series):  # noqa: ANN001, ANN201 - pandas types imported lazily
    """Series of text → nullable boolean (NA for empty or unknown)."""
    import pandas as pd

    keys = norm_series(series)
    out = pd.Series(pd.NA, index=series.index, dtype="boolean")
    out[keys.isin(YES)] = True
    out[keys.isin(NO)] = False
    return out


def parse_dates(series):  # noqa: ANN001, ANN201
    """d.m.yyyy (explicit format) or ISO → datetime64; anything else NaT."""
    return per_value(series, _parse_dates)


def _parse_dates(series):  # noqa: ANN001, ANN202
    import pandas as pd

    text = series.astype(str).str.strip()
    fi = pd.to_datetime(text.where(text.str.match(_FI_DATE)), format="%d.%m.%Y", errors="coerce")
    iso_text = text.where(text.str.match(_ISO_DATE)).str.slice(0, 10)
    iso = pd.to_datetime(iso_text, format="%Y-%m-%d", errors="coerce")
    return fi.fillna(iso)


def parse_interpreter(series):  # noqa: ANN001, ANN201
    """Interpreter value → professional | phone | companion | family | not_needed | NA."""
    return norm_series(series).map(INTERPRETER)


CHECKS = ("empty_required", "bad_yesno", "bad_date", "bad_interpreter")
TEXT_COLUMNS = ("record_id", "unit", "note_text", "risk_flag", "outgoing_marking")
REQUIRED = ("record_id", "unit", "note_text")  # the schema's required columns


@cache
def _schema(columns: tuple[str, ...]):  # noqa: ANN202
    """The contract, declared once per set of columns: one column of "value is valid" flags
    per checked column (the values are parsed once, in :func:`validate_and_type`)."""
    import pandera.pandas as pa

    def holds(s):  # noqa: ANN001, ANN202
        return s

    spec: dict[str, pa.Column] = {}
    for col in REQUIRED:
        spec[col] = pa.Column(bool, pa.Check(holds, name="empty_required"), required=True)
    for col in YESNO_COLUMNS:
        if col in columns:
            spec[col] = pa.Column(bool, pa.Check(holds, name="bad_yesno"))
    for col in DATE_COLUMNS:
        if col in columns:
            spec[col] = pa.Column(bool, pa.Check(holds, name="bad_date"))
    if "interpreter" in columns:
        spec["interpreter"] = pa.Column(bool, pa.Check(holds, name="bad_interpreter"))
    return pa.DataFrameSchema(spec, strict=False, coerce=False)


def validate_and_type(df):  # noqa: ANN001, ANN201
    """(typed copy, problems) of a mapped chunk: each value is parsed once, and the same
    parse gives both the typed value and whether it was valid (a bad value becomes NA and
    a remark by code, column and spreadsheet row; never the value)."""
    import pandas as pd

    out, valid = df.copy(), {}
    for col in TEXT_COLUMNS:
        if col in out.columns:
            out[col] = stripped(df[col])
            if col in ("record_id", "unit", "note_text"):
                valid[col] = out[col] != ""
    for col in (*YESNO_COLUMNS, *DATE_COLUMNS, "interpreter"):
        if col not in df.columns:
            continue
        raw = df[col].fillna("")
        if col in YESNO_COLUMNS:
            codes, distinct = _distinct(raw)
            typed = parse_yesno(distinct).take(codes).set_axis(raw.index)
            given = (norm_series(distinct) != "").to_numpy()[codes]
        elif col in DATE_COLUMNS:
            codes, distinct = _distinct(raw)
            typed = parse_dates(distinct).take(codes).set_axis(raw.index)
            given = (distinct.astype(str).str.strip() != "").to_numpy()[codes]
        else:
            keys = norm_series(raw)
            typed, given = keys.map(INTERPRETER), (keys != "").to_numpy()
        out[col] = typed
        valid[col] = ~given | typed.notna().to_numpy()
    problems = _check(pd.DataFrame(valid, index=df.index), df)
    if {"visit_date", "entry_date"} <= set(out.columns):
        bad = (out["entry_date"] < out["visit_date"]).fillna(False)
        if bad.any():
            rows = [int(r) for r in df.loc[bad, ROW_COLUMN]] if ROW_COLUMN in df.columns else []
            problems.append(Problem("entry_before_visit", where="entry_date", rows=rows))
    return out, problems


def stripped(series):  # noqa: ANN001, ANN201
    """A text column as stripped text, empty where the cell is empty (NA) — the same as
    ``series.fillna("").astype(str).str.strip()``, in one pass of ``str.strip``."""
    import pandas as pd

    values = [
        v.strip() if isinstance(v, str) else "" if pd.isna(v) else str(v).strip()
        for v in series.tolist()
    ]
    return pd.Series(values, index=series.index, dtype=str)


def _distinct(series):  # noqa: ANN001, ANN202
    """(codes, distinct values as an object Series): a column's parse runs once per distinct
    value and is spread back with ``take(codes)``."""
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    return codes, pd.Series(uniques, dtype=object)


def _all_valid(valid) -> bool:  # noqa: ANN001
    """True when the schema cannot fail on these flags: its required columns are there and
    every flag is a true bool (most chunks: pandera's validation is then skipped, about 5 µs
    a row)."""
    return (
        all(col in valid.columns for col in REQUIRED)
        and all(str(dtype) == "bool" for dtype in valid.dtypes)
        and bool(valid.to_numpy().all())
    )


def _check(valid, df) -> list[Problem]:  # noqa: ANN001
    """The schema's failures on the validity flags, by code, column and spreadsheet row."""
    import pandas as pd
    import pandera.errors as pe

    if _all_valid(valid):
        return []  # what the schema finds then (tests/unit/audit/test_validate_fast.py)
    try:
        _schema(tuple(valid.columns)).validate(valid, lazy=True)
    except pe.SchemaErrors as errors:
        cases = errors.failure_cases.drop(columns=["failure_case"], errors="ignore")
    else:
        return []
    # every failure case's row at once (a chunk with a bad value in one row of a hundred
    # has a hundred cases); an index pandera did not give or the frame lacks has no row
    index = cases["index"] if "index" in cases.columns else pd.Series(None, index=cases.index)
    rows: list[int | None] = [None] * len(cases)
    if ROW_COLUMN in df.columns:
        known = index.notna() & index.isin(df.index)
        looked_up = df[ROW_COLUMN].reindex(index[known].to_numpy()).to_numpy()
        for k, row in zip(known.to_numpy().nonzero()[0], looked_up, strict=True):
            rows[k] = int(row)
    checks = cases["check"] if "check" in cases.columns else pd.Series(None, index=cases.index)
    columns = cases["column"] if "column" in cases.columns else pd.Series(None, index=cases.index)
    problems: list[Problem] = []
    for code, column, row in zip(checks.tolist(), columns.tolist(), rows, strict=True):
        code = str(code)
        if code not in CHECKS:
            code = "unreadable"
        problems.append(Problem(code, where=str(column), rows=[row] if row else []))
    return problems


def check_chunk(df) -> list[Problem]:  # noqa: ANN001
    """Every value fault of a mapped chunk, by code, column and spreadsheet row."""
    return validate_and_type(df)[1]


def normalise(df):  # noqa: ANN001, ANN201
    """Typed copy of a mapped chunk: booleans, dates and interpreter codes."""
    return validate_and_type(df)[0]
