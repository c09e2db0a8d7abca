"""Read a patient-record export (CSV or XLSX) as text, in chunks, as exports really come.

Encodings: UTF-8 with or without BOM, else Windows-1252 (cp1252, what Excel writes on a
Finnish Windows); never latin-1, which would silently accept anything. The delimiter (comma
or semicolon) is sniffed from the header line. Every cell is read as text: the audit decides
what a value means, and a bad value is reported by row, never echoed.
"""

from __future__ import annotations

import codecs
import csv
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from hoiku_lib.audit.problems import AuditInputError, Problem

BLOCK = 1 << 20
ROW_COLUMN = "_row"  # spreadsheet row number (header = 1)
_SKIPPED = re.compile(r"Skipping line (\d+)")
# pandas counts the header as row 0 when it is read as data: spreadsheet row = that + 1
_UNCLOSED = re.compile(r"EOF inside string starting at row (\d+)")


def _parse_problem(exc: Exception) -> Problem:
    """What a parser error means for the officer: a quote left open at a row, or unreadable.
    Only the row number is taken from pandas' message, never any text of the file."""
    m = _UNCLOSED.search(str(exc))
    if m:
        return Problem("unclosed_quote", rows=[int(m.group(1)) + 1], fatal=True)
    return Problem("unreadable", fatal=True)


def _decodes(path: Path, encoding: str, skip: int = 0) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as fh:
            fh.seek(skip)
            while block := fh.read(BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def is_xlsx(path: Path) -> bool:
    """XLSX is a zip archive, whatever the file is called."""
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def detect_encoding(path: Path) -> str:
    """'utf-8-sig', 'utf-8' or 'cp1252'; an undecodable file is an input error."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        if _decodes(path, "utf-8", skip=3):
            return "utf-8-sig"
    elif b"\x00" not in head and _decodes(path, "utf-8"):
        return "utf-8"
    if b"\x00" not in head and _decodes(path, "cp1252"):
        return "cp1252"
    raise AuditInputError(path.name, [Problem("encoding", fatal=True)])


def sniff_delimiter(header_line: str) -> str:
    """';' or ',' (or tab): whichever splits the header line outside quotes most."""
    counts = {}
    for delim in (";", ",", "\t"):
        row = next(csv.reader([header_line], delimiter=delim), [])
        counts[delim] = len(row)
    return max(counts, key=lambda d: (counts[d], d == ";"))


def read_chunks(path: Path, chunksize: int = 50_000) -> Iterator[tuple[list[str], object]]:
    """Yield (headers, DataFrame of str with ``_row``) chunk by chunk.

    ``_row`` is the row a person sees when opening the file in Excel or LibreOffice Calc
    (header = row 1): a quoted cell's line breaks stay inside its row, and blank lines and
    lines with too many fields still count as rows. Lines with too many fields are left out
    and listed, by row, in ``chunk.attrs["bad_lines"]``; blank rows are left out silently.
    """
    path = Path(path)
    if not path.exists():
        raise AuditInputError(path.name, [Problem("not_found", fatal=True)])
    if path.stat().st_size == 0:
        raise AuditInputError(path.name, [Problem("empty", fatal=True)])
    if is_xlsx(path):
        yield from _read_xlsx(path, chunksize)
        return
    if path.suffix.lower() in (".xls", ".ods", ".pdf", ".docx"):
        raise AuditInputError(path.name, [Problem("unknown_format", fatal=True)])
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        header_line = fh.readline()
        if not header_line.strip():
            raise AuditInputError(path.name, [Problem("empty", fatal=True)])
        delim = sniff_delimiter(header_line)
        fh.seek(0)
        try:  # a quoted header cell may hold a line break: read the whole header record
            headers = next(csv.reader(fh, delimiter=delim))
        except csv.Error as exc:
            raise AuditInputError(path.name, [Problem("unreadable", fatal=True)]) from exc
    headers = [h.strip().lstrip("\ufeff") for h in headers]
    dupes = sorted({h for h in headers if headers.count(h) > 1 and h})
    if dupes:
        raise AuditInputError(
            path.name, [Problem("duplicate_header", where=h, fatal=True) for h in dupes]
        )
    yield from _read_csv(path, encoding, delim, headers, chunksize)


def _read_csv(
    path: Path, encoding: str, delim: str, headers: list[str], chunksize: int
) -> Iterator[tuple[list[str], object]]:
    """The C engine in chunks, the header line read as data so that it sets the width.

    Pandas numbers a skipped line by its record, counting blank lines and not the line
    breaks inside quoted cells, with the header as line 1: exactly the spreadsheet row. Every
    kept record's row follows from its place among the kept records and the skipped lines
    before it (vectorised: one ``searchsorted`` per chunk). The header is read as data
    (``header=None``) because with ``header=0`` pandas takes a first record with one field
    too many as an index column and shifts every column of the file, and with
    ``index_col=False`` it silently truncates such lines instead of reporting them. A chunk
    is held back until the next one is read, so skipped lines after the last record still
    reach the caller.
    """
    import numpy as np
    import pandas as pd

    try:
        reader = pd.read_csv(
            path,
            sep=delim,
            encoding=encoding,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            chunksize=chunksize,
            header=None,
            names=[f"c{i}" for i in range(len(headers))],  # headers may repeat ""
            index_col=False,
            skip_blank_lines=False,  # a blank line is a row in a spreadsheet too
            engine="c",
            on_bad_lines="warn",
        )
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        raise AuditInputError(path.name, [Problem("unreadable", fatal=True)]) from exc
    bad: list[int] = []  # spreadsheet rows of every skipped line so far
    unreported: list[int] = []  # ... not yet attached to a yielded chunk
    kept = 0  # records pandas returned so far, the header included
    held = None
    with reader:
        chunks = iter(reader)
        while True:
            # pandas names a skipped line by its number, never by its text
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    chunk = next(chunks, None)
                except (pd.errors.ParserError, ValueError, csv.Error) as exc:
                    raise AuditInputError(path.name, [_parse_problem(exc)]) from exc
            found = [int(n) for w in caught for n in _SKIPPED.findall(str(w.message))]
            bad = sorted({*bad, *found})
            unreported.extend(found)
            if chunk is None:
                break
            # kept record k (0-based, header = 0) is preceded by the skipped lines whose
            # row minus the number of skipped lines before them is at most k + 1
            position = np.arange(kept + 1, kept + 1 + len(chunk))
            bad_rows = np.asarray(bad, dtype=np.int64)
            shift = np.searchsorted(bad_rows - np.arange(len(bad_rows)), position, "right")
            kept += len(chunk)
            keep = (position + shift > 1) & ~(chunk == "").all(axis=1).to_numpy()
            chunk.columns = headers
            chunk[ROW_COLUMN] = position + shift
            chunk = chunk[keep]  # neither the header nor a blank row
            if chunk.empty:
                continue
            if held is not None:
                held.attrs["bad_lines"], unreported = sorted(unreported), []
                yield headers, held
            held = chunk
    if held is None:
        if unreported:
            raise AuditInputError(path.name, [Problem("bad_line", rows=sorted(unreported))])
        raise AuditInputError(path.name, [Problem("empty", fatal=True)])
    held.attrs["bad_lines"] = sorted(unreported)
    yield headers, held


def _read_xlsx(path: Path, chunksize: int) -> Iterator[tuple[list[str], object]]:
    """First sheet; ``_row`` is the sheet's own row number, blank rows counted and skipped.

    The header is the first row with anything in it (rows above it are empty). The sheet's
    stored dimensions are not trusted: some exporters write ``A1:A1`` for a full sheet, and
    read-only openpyxl would then return only the first column.
    """
    import pandas as pd
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any broken archive is "unreadable"
        raise AuditInputError(path.name, [Problem("unreadable", fatal=True)]) from exc
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()
        # min_row=1: gaps, leading empty rows included, come back as empty rows
        rows = enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)
        first = next((values for _, values in rows if any(v is not None for v in values)), None)
        if first is None:
            raise AuditInputError(path.name, [Problem("empty", fatal=True)])
        headers = [str(h).strip() if h is not None else "" for h in first]
        while headers and not headers[-1]:
            headers.pop()  # cells formatted but left empty to the right of the header
        dupes = sorted({h for h in headers if headers.count(h) > 1 and h})
        if dupes:
            raise AuditInputError(
                path.name, [Problem("duplicate_header", where=h, fatal=True) for h in dupes]
            )
        buf: list[list[str]] = []
        seen = False
        for row_no, values in rows:
            cells = ["" if v is None else _cell_text(v) for v in values][: len(headers)]
            if not any(cells):
                continue
            cells += [""] * (len(headers) - len(cells))
            buf.append(cells + [row_no])
            if len(buf) >= chunksize:
                seen = True
                yield headers, pd.DataFrame(buf, columns=[*headers, ROW_COLUMN])
                buf = []
        if buf:
            seen = True
            yield headers, pd.DataFrame(buf, columns=[*headers, ROW_COLUMN])
        if not seen:
            raise AuditInputError(path.name, [Problem("empty", fatal=True)])
    finally:
        wb.close()


def _cell_text(value: object) -> str:
    """Cell as text; dates become ISO so the date parser reads them like CSV dates."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
