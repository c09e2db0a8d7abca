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
    """Yield (headers, DataFrame of str with ``_row``) chunk by chunk."""
    import pandas as pd

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
    headers = next(csv.reader([header_line], delimiter=delim))
    headers = [h.strip().lstrip("\ufeff") for h in headers]
    dupes = sorted({h for h in headers if headers.count(h) > 1 and h})
    if dupes:
        raise AuditInputError(
            path.name, [Problem("duplicate_header", column=h, fatal=True) for h in dupes]
        )
    try:
        reader = pd.read_csv(
            path,
            sep=delim,
            encoding=encoding,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            chunksize=chunksize,
            header=0,
            names=headers,
            engine="c",
            on_bad_lines="warn",
        )
        start = 2
        seen = False
        chunks = iter(reader)
        while True:
            # a row with too many fields is skipped; pandas says which line, never its text
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", pd.errors.ParserWarning)
                chunk = next(chunks, None)
            bad = sorted(int(n) for w in caught for n in re.findall(r"line (\d+)", str(w.message)))
            if chunk is None:
                if bad:
                    raise AuditInputError(path.name, [Problem("bad_line", rows=bad)])
                break
            chunk.attrs["bad_lines"] = bad
            if chunk.empty:
                continue
            seen = True
            chunk[ROW_COLUMN] = range(start, start + len(chunk))
            start += len(chunk)
            yield headers, chunk
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        raise AuditInputError(path.name, [Problem("unreadable", fatal=True)]) from exc
    if not seen:
        raise AuditInputError(path.name, [Problem("empty", fatal=True)])


def _read_xlsx(path: Path, chunksize: int) -> Iterator[tuple[list[str], object]]:
    import pandas as pd
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any broken archive is "unreadable"
        raise AuditInputError(path.name, [Problem("unreadable", fatal=True)]) from exc
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            raise AuditInputError(path.name, [Problem("empty", fatal=True)])
        headers = [str(h).strip() if h is not None else "" for h in first]
        dupes = sorted({h for h in headers if headers.count(h) > 1 and h})
        if dupes:
            raise AuditInputError(
                path.name, [Problem("duplicate_header", column=h, fatal=True) for h in dupes]
            )
        buf: list[list[str]] = []
        row_no = 1
        seen = False
        for values in rows:
            row_no += 1
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
