"""Is every row the audit reports the row a quality officer sees in Excel or Calc?

Header = row 1. A quoted cell's line breaks (LF or CRLF) stay inside its row; a blank line
and a line with too many fields are rows too, so every record after them keeps its number.
The files are built here record by record, so each record's spreadsheet row is known.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from hoiku_lib.audit.io import ROW_COLUMN, read_chunks
from hoiku_lib.audit.pipeline import run_audit
from hoiku_lib.audit.problems import AuditInputError
from hoiku_lib.cli import main

KINDS = ("ok", "ok", "ok", "multiline", "bad", "bad_multiline", "blank", "short")
HEADER = ["Kirjaus ID", "Yksikkö", "Teksti"]


@dataclass
class Built:
    """A CSV's text and, by record id, the spreadsheet row of each record."""

    text: str
    rows: dict[str, int]  # kept records: id → row
    notes: dict[str, str]  # kept records: id → note as written
    bad: list[int]  # rows of lines with too many fields
    last_row: int


def _quote(cell: str, sep: str) -> str:
    if any(c in cell for c in (sep, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def build_csv(kinds: list[str], sep: str, eol: str, rng: random.Random) -> Built:
    """Records of the given kinds; ids are unique, notes carry separators and quotes."""
    lines = [sep.join(_quote(h, sep) for h in HEADER)]
    rows: dict[str, int] = {}
    notes: dict[str, str] = {}
    bad: list[int] = []
    for i, kind in enumerate(kinds):
        row = i + 2
        rid = f"r{i}"
        breaks = [rng.choice(["\n", "\r\n"]) for _ in range(3)]
        if kind == "blank":
            lines.append("")
            continue
        if kind in ("multiline", "bad_multiline"):
            note = f'Rivi 1{breaks[0]}"lainaus"{sep} rivi 2{breaks[1]}{breaks[2]}loppu'
        else:
            note = rng.choice(["Kuumetta.", f"Yskää{sep} nuhaa.", 'Sanoi "ok".', ""])
        cells = [rid, "Päivystys", note]
        if kind == "short":
            cells = [rid, "Päivystys"]
        if kind.startswith("bad"):
            cells += ["ylimääräinen"] * rng.randint(1, 3)
            bad.append(row)
        else:
            rows[rid] = row
            notes[rid] = note if kind != "short" else ""
        lines.append(sep.join(_quote(c, sep) for c in cells))
    text = eol.join(lines) + (eol if rng.random() < 0.8 else "")
    return Built(text, rows, notes, bad, len(kinds) + 1)


def _read(path: Path, chunksize: int) -> tuple[dict[str, int], dict[str, str], list[int]]:
    rows: dict[str, int] = {}
    notes: dict[str, str] = {}
    bad: list[int] = []
    for headers, chunk in read_chunks(path, chunksize):
        assert headers == HEADER
        for rid, note, row in zip(
            chunk["Kirjaus ID"], chunk["Teksti"], chunk[ROW_COLUMN], strict=True
        ):
            assert rid not in rows
            rows[rid] = int(row)
            notes[rid] = note
        bad.extend(chunk.attrs["bad_lines"])
    return rows, notes, sorted(bad)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=40),
    sep=st.sampled_from([";", ","]),
    eol=st.sampled_from(["\n", "\r\n"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    chunksize=st.integers(min_value=1, max_value=9),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_every_reported_row_is_the_spreadsheet_row(
    tmp_path_factory, kinds, sep, eol, encoding, chunksize, seed
) -> None:  # noqa: ANN001
    """Random records with line breaks in cells, blank lines and too-long lines anywhere."""
    built = build_csv(kinds, sep, eol, random.Random(seed))
    path = tmp_path_factory.mktemp("rows") / "vienti.csv"
    path.write_bytes(built.text.encode(encoding))
    if not built.rows:
        with pytest.raises(AuditInputError) as err:
            _read(path, chunksize)
        codes = {p.code: p.rows for p in err.value.problems}
        assert codes == ({"bad_line": built.bad} if built.bad else {"empty": []})
        return
    rows, notes, bad = _read(path, chunksize)
    assert rows == built.rows
    assert notes == built.notes
    assert bad == built.bad


def test_rows_across_the_parsers_buffer(tmp_path: Path) -> None:
    """Several MB, so records straddle the C parser's read buffer: rows stay exact."""
    rng = random.Random(2017)
    kinds = [rng.choice(KINDS) for _ in range(30_000)]
    built = build_csv(kinds, ";", "\r\n", rng)
    path = tmp_path / "iso.csv"
    path.write_text(built.text, encoding="utf-8", newline="")
    assert path.stat().st_size > 1_000_000
    rows, notes, bad = _read(path, 4_000)
    assert rows == built.rows and notes == built.notes and bad == built.bad


def test_what_calc_would_show(tmp_path: Path) -> None:
    """A worked example: the rows a quality officer finds by scrolling in Calc."""
    text = (
        "id;unit;note\r\n"  # row 1
        '1;A;"first line\r\nsecond line"\r\n'  # row 2
        "\r\n"  # row 3 (blank)
        "2;A;ok;EXTRA\r\n"  # row 4 (too many fields)
        '3;A;"x\ny\nz"\r\n'  # row 5
        "4;A;ok\r\n"  # row 6
    )
    path = tmp_path / "x.csv"
    path.write_bytes(text.encode())
    rows, _notes, bad = _read_generic(path)
    assert rows == {"1": 2, "3": 5, "4": 6} and bad == [4]


def test_first_record_with_an_extra_field_shifts_nothing(tmp_path: Path) -> None:
    """A too-long FIRST record is skipped and named, not taken as an index column."""
    path = tmp_path / "x.csv"
    path.write_text("id;unit;note\n1;A;ok;EXTRA\n2;B;ok\n", encoding="utf-8")
    chunks = list(read_chunks(path, 10))
    frame = chunks[0][1]
    assert list(frame["id"]) == ["2"] and list(frame["unit"]) == ["B"]
    assert list(frame[ROW_COLUMN]) == [3] and frame.attrs["bad_lines"] == [2]


def test_all_empty_rows_are_skipped_but_counted(tmp_path: Path) -> None:
    """';;' rows (what Excel writes for formatted empty rows) count as rows, like blank lines."""
    path = tmp_path / "x.csv"
    path.write_text("id;unit;note\n;;\n\n1;A;ok\n;;\n", encoding="utf-8")
    rows, _notes, bad = _read_generic(path)
    assert rows == {"1": 4} and bad == []


def test_repeated_empty_headers_are_read(tmp_path: Path) -> None:
    """Trailing separators on every line (empty headers twice) do not make a file unreadable."""
    path = tmp_path / "x.csv"
    path.write_text("id;unit;note;;\n1;A;ok;;\n2;B;ok;;\n", encoding="utf-8")
    rows, _notes, _bad = _read_generic(path)
    assert rows == {"1": 2, "2": 3}


def test_header_with_a_line_break(tmp_path: Path) -> None:
    """A quoted header cell with a line break is one header row."""
    path = tmp_path / "x.csv"
    path.write_text('id;unit;"note\ntext"\n1;A;ok\n2;B;ok;X\n3;C;ok\n', encoding="utf-8")
    headers, frame = next(read_chunks(path, 10))
    assert headers == ["id", "unit", "note\ntext"]
    assert list(frame[ROW_COLUMN]) == [2, 4] and frame.attrs["bad_lines"] == [3]


def _read_generic(path: Path) -> tuple[dict[str, int], dict[str, str], list[int]]:
    rows: dict[str, int] = {}
    notes: dict[str, str] = {}
    bad: list[int] = []
    for _headers, chunk in read_chunks(path, 2):
        rows.update(zip(chunk["id"], (int(r) for r in chunk[ROW_COLUMN]), strict=True))
        notes.update(zip(chunk["id"], chunk["note"], strict=True))
        bad.extend(chunk.attrs["bad_lines"])
    return rows, notes, sorted(bad)


def test_xlsx_rows_are_sheet_rows(tmp_path: Path) -> None:
    """XLSX: sheet rows, with blank rows between records and an empty row above the header."""
    wb = Workbook()
    ws = wb.active
    ws.append([])  # row 1 empty
    ws.append(["ID", "Unit", "Note"])  # row 2
    ws.append(["a", "U", "first\nsecond"])  # row 3
    ws.append([])  # row 4
    ws.append([])  # row 5
    ws.append(["b", "U", "ok"])  # row 6
    ws["A9"] = "c"  # row 9, rows 7–8 never written
    ws["C9"] = "ok"
    path = tmp_path / "x.xlsx"
    wb.save(path)
    rows = {}
    for headers, chunk in read_chunks(path, 2):
        assert headers == ["ID", "Unit", "Note"]
        rows.update(zip(chunk["ID"], (int(r) for r in chunk[ROW_COLUMN]), strict=True))
    assert rows == {"a": 3, "b": 6, "c": 9}


# --- through the whole audit -------------------------------------------------------------

AUDIT_HEADER = ["Kirjaus ID", "Yksikkö", "Teksti", "Epäily", "Tulkki"]
AUDIT_KINDS = ("plain", "plain", "family", "bad_yesno", "dup", "bad", "blank", "multiline")


def build_audit_csv(kinds: list[str]) -> tuple[str, dict[str, list[int]]]:
    """An export whose expected rows, per finding or problem, are known by construction."""
    lines = [";".join(AUDIT_HEADER)]
    expected: dict[str, list[int]] = {
        "non_professional_interpreter": [],
        "bad_yesno": [],
        "duplicate_id": [],
        "bad_line": [],
    }
    dups: list[int] = []
    for i, kind in enumerate(kinds):
        row = i + 2
        rid, note, yesno, interp = f"k{i}", "Kuumetta\r\nja yskää.", "ei", "ammattitulkki"
        if kind == "blank":
            lines.append("")
            continue
        if kind == "bad":
            lines.append(f"k{i};Päivystys;ok;ei;ammattitulkki;EXTRA")
            expected["bad_line"].append(row)
            continue
        if kind == "multiline":
            note = "Rivi 1\nRivi 2\r\n\r\nRivi 4"
        if kind == "family":
            interp = "omainen"
            expected["non_professional_interpreter"].append(row)
        if kind == "bad_yesno":
            yesno = "ehkä"
            expected["bad_yesno"].append(row)
        if kind == "dup":
            rid = "sama"
            dups.append(row)
        cells = [rid, "Päivystys", f'"{note}"', yesno, interp]
        lines.append(";".join(cells))
    expected["duplicate_id"] = dups if len(dups) > 1 else []
    return "\r\n".join(lines) + "\r\n", expected


def _audit_rows(result) -> dict[str, list[int]]:  # noqa: ANN001
    found = result.findings
    rows = {
        "non_professional_interpreter": sorted(
            int(r) for r in found.loc[found["rule_id"] == "non_professional_interpreter", "row"]
        )
    }
    problems = {p.code: p.rows for p in result.problems}
    for code in ("bad_yesno", "duplicate_id", "bad_line"):
        rows[code] = problems.get(code, [])
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.sampled_from(AUDIT_KINDS), min_size=1, max_size=30).filter(
        lambda ks: any(k not in ("bad", "blank") for k in ks)
    ),
    chunksize=st.integers(min_value=1, max_value=7),
)
def test_findings_and_problems_carry_spreadsheet_rows(tmp_path_factory, kinds, chunksize) -> None:  # noqa: ANN001
    """run_audit: finding rows, bad values, duplicate ids and skipped lines, all exact."""
    text, expected = build_audit_csv(kinds)
    path = tmp_path_factory.mktemp("audit") / "vienti.csv"
    path.write_text(text, encoding="utf-8", newline="")
    result = run_audit(path, chunksize=chunksize, progress=False, workers=1)
    assert _audit_rows(result) == expected


def test_hoiku_audit_end_to_end_rows(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """`hoiku audit`: the rows it prints are the spreadsheet rows, never a cell's value."""
    kinds = ["plain", "multiline", "blank", "bad", "family", "bad_yesno", "dup", "multiline"]
    kinds += ["dup", "family", "bad", "plain"]
    text, expected = build_audit_csv(kinds)
    path = tmp_path / "vienti.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert expected == {
        "non_professional_interpreter": [6, 11],
        "bad_yesno": [7],
        "duplicate_id": [8, 10],
        "bad_line": [5, 12],
    }
    code = main(["audit", str(path), "--out", str(tmp_path / "out"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 0 and "ehkä" not in err and "EXTRA" not in err
    lines = err.splitlines()
    assert any("rows 5, 12" in ln and "more fields" in ln for ln in lines)
    assert any("column Epäily, row 7:" in ln for ln in lines)  # the export's own header
    assert any("column Kirjaus ID, rows 8, 10:" in ln for ln in lines)


def test_findings_csv_names_the_spreadsheet_row(tmp_path: Path) -> None:
    """findings.csv's `row` column: the spreadsheet row of each finding."""
    kinds = ["plain", "multiline", "blank", "bad", "family", "plain", "multiline", "family"]
    text, expected = build_audit_csv(kinds)
    path = tmp_path / "vienti.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert main(["audit", str(path), "--out", str(tmp_path / "out"), "--lang", "en"]) == 0
    with (tmp_path / "out" / "findings.csv").open(encoding="utf-8", newline="") as fh:
        found = list(csv.DictReader(fh))
    rows = sorted(int(f["row"]) for f in found if f["rule_id"] == "non_professional_interpreter")
    assert rows == expected["non_professional_interpreter"] == [6, 9]
