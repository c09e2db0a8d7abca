"""The audit's formula-safe cells: kept here for the audit's imports; the code lives in
:mod:`hoiku_lib.spreadsheet_safety`, shared with the workshop export."""

from hoiku_lib.spreadsheet_safety import (
    FORMULA_STARTS,
    csv_plain,
    csv_series,
    csv_text,
    xlsx_row,
)

__all__ = ["FORMULA_STARTS", "csv_plain", "csv_series", "csv_text", "xlsx_row"]
