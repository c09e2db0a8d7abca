"""Text cells HOIKU writes stay text: no formula in a spreadsheet (CWE-1236).

Shared by the audit's outputs and the workshop's export. An export is someone else's data:
a record id ``=HYPERLINK("http://x","y")`` or a unit ``+cmd|' /C calc'!A0`` would become a
live formula when findings.csv (or a workshop summary) is opened in Excel or LibreOffice, or
when openpyxl writes it (a string starting with ``=`` is a formula there). In the CSVs a text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
single quote (OWASP's advice; the spreadsheet shows the text); in the workbook every such
cell is written as a string with Excel's quote prefix, never a formula.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _risky(text: str) -> bool:
    # a value that already starts with quotes before a formula character gets one more, so
    # that :func:`csv_plain` gives back exactly what was written ("'=x" → "''=x" → "'=x")
    return text.startswith(FORMULA_STARTS) or (
        text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)
    )


def csv_text(value: object) -> object:
    """``value`` as a CSV cell: text that a spreadsheet would read as a formula is quoted."""
    if isinstance(value, str) and _risky(value):
        return "'" + value
    return value


def csv_plain(value: str) -> str:
    """The value a :func:`csv_text` cell stands for (its one added quote taken off)."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_series(series):  # noqa: ANN001, ANN201
    """:func:`csv_text` over a Series of text (vectorised; untouched when nothing starts so)."""
    text = series.astype(str)
    risky = text.str.startswith(FORMULA_STARTS) | (
        text.str.startswith("'") & text.str.lstrip("'").str.startswith(FORMULA_STARTS)
    )
    if not risky.any():
        return text
    return text.where(~risky, "'" + text)


def xlsx_row(ws, values) -> list:  # noqa: ANN001
    """A row for a write-only worksheet: text that could be read as a formula becomes a
    string cell with the quote prefix; other values go as they are."""
    from openpyxl.cell import WriteOnlyCell

    row = []
    for value in values:
        if isinstance(value, str) and value.startswith(("=", *FORMULA_STARTS)):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"  # openpyxl made it "f" for a leading "="
            cell.quotePrefix = True
            value = cell
        row.append(value)
    return row
