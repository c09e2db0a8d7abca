"""Validate and normalise one chunk of an export, collecting every fault lazily.

The schema (pandera) says what a valid value is; failures are turned into
:class:`~hoiku_lib.audit.problems.Problem` objects by column and row. Pandera's
``failure_case`` is the cell value and is dropped here, before anything is shown.
"""

from __future__ import annotations

import re

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


def _schema(columns: list[str]):  # noqa: ANN202
    import pandera.pandas as pa

    def nonempty(s):  # noqa: ANN001, ANN202
        return s.str.strip() != ""

    def yesno(s):  # noqa: ANN001, ANN202
        k = norm_series(s)
        return (k == "") | k.isin(YES) | k.isin(NO)

    def date_ok(s):  # noqa: ANN001, ANN202
        return (s.str.strip() == "") | parse_dates(s).notna()

    def interp(s):  # noqa: ANN001, ANN202
        k = norm_series(s)
        return (k == "") | k.isin(INTERPRETER.keys())

    spec: dict[str, pa.Column] = {}
    for col in ("record_id", "unit", "note_text"):
        spec[col] = pa.Column(str, pa.Check(nonempty, name="empty_required"), required=True)
    for col in YESNO_COLUMNS:
        if col in columns:
            spec[col] = pa.Column(str, pa.Check(yesno, name="bad_yesno"))
    for col in DATE_COLUMNS:
        if col in columns:
            spec[col] = pa.Column(str, pa.Check(date_ok, name="bad_date"))
    if "interpreter" in columns:
        spec["interpreter"] = pa.Column(str, pa.Check(interp, name="bad_interpreter"))
    return pa.DataFrameSchema(spec, strict=False, coerce=False)


def check_chunk(df) -> list[Problem]:  # noqa: ANN001
    """Every value fault of a mapped chunk, by code, column and spreadsheet row."""
    import pandera.errors as pe

    problems: list[Problem] = []
    try:
        _schema(list(df.columns)).validate(df, lazy=True)
    except pe.SchemaErrors as errors:
        cases = errors.failure_cases.drop(columns=["failure_case"], errors="ignore")
        for _, case in cases.iterrows():
            code = str(case.get("check"))
            column = case.get("column")
            index = case.get("index")
            if code not in {"empty_required", "bad_yesno", "bad_date", "bad_interpreter"}:
                code = "unreadable"
            row = (
                int(df.loc[index, ROW_COLUMN]) if index is not None and index in df.index else None
            )
            problems.append(Problem(code, column=str(column), rows=[row] if row else []))
    if {"visit_date", "entry_date"} <= set(df.columns):
        visit, entry = parse_dates(df["visit_date"]), parse_dates(df["entry_date"])
        bad = (entry < visit).fillna(False)
        if bad.any():
            rows = [int(r) for r in df.loc[bad, ROW_COLUMN]]
            problems.append(Problem("entry_before_visit", column="entry_date", rows=rows))
    return problems


def normalise(df):  # noqa: ANN001, ANN201
    """Typed copy of a mapped chunk: booleans, dates and interpreter codes."""
    out = df.copy()
    for col in ("record_id", "unit", "note_text", "risk_flag", "outgoing_marking"):
        if col in out.columns:
            out[col] = out[col].fillna("").astype(str).str.strip()
    for col in YESNO_COLUMNS:
        if col in out.columns:
            out[col] = parse_yesno(out[col].fillna(""))
    for col in DATE_COLUMNS:
        if col in out.columns:
            out[col] = parse_dates(out[col].fillna(""))
    if "interpreter" in out.columns:
        out["interpreter"] = parse_interpreter(out["interpreter"].fillna(""))
    return out
