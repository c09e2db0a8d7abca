"""Are exports read as they really come, and are bad inputs reported without their values?"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from hoiku_lib.audit.io import detect_encoding
from hoiku_lib.audit.mapping import MappingError, parse_map_args
from hoiku_lib.audit.pipeline import run_audit
from hoiku_lib.audit.problems import AuditInputError
from hoiku_lib.cli import main

HEADER = "Kirjaus ID;Yksikkö;Teksti;Epäily;Käyntipäivä;Kirjauspäivä;Tulkki\n"
ROWS = "a1;Päivystys;Kuumetta, yleistila hyvä.;kyllä;1.2.2025;3.2.2025;saattaja\n"


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [";", ","])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, sep: str) -> None:
    """Is a UTF-8 (with/without BOM) or cp1252 file, comma or semicolon, read the same?"""
    text = (HEADER + ROWS).replace(";", sep).replace("Kuumetta, yleistila", "Kuumetta yleistila")
    result = run_audit(_write(tmp_path, text, encoding))
    assert result.n_records == 1 and result.units == ["Päivystys"]
    found = set(result.findings["rule_id"])
    assert {"non_professional_interpreter", "risk_flag_missing"} <= found


def test_undecodable_file_is_an_input_error(tmp_path: Path) -> None:
    """Is a file that is neither UTF-8 nor cp1252 refused (never read as latin-1)?"""
    path = _write(tmp_path, "x", name="bad.csv")
    path.write_bytes(HEADER.encode() + b"a1;U;\x81\x8d\x90 text;ei;;;\n")
    with pytest.raises(AuditInputError) as err:
        detect_encoding(path)
    assert err.value.problems[0].code == "encoding"


def test_xlsx_export(tmp_path: Path) -> None:
    """Is an XLSX export read, dates included?"""
    import datetime as dt

    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Unit", "Note", "Visit date", "Entry date", "Interpreter"])
    ws.append(
        ["x1", "Ward 3", "Fever.", dt.datetime(2025, 3, 1), dt.datetime(2025, 3, 4), "family"]
    )
    path = tmp_path / "export.xlsx"
    wb.save(path)
    result = run_audit(path)
    assert result.n_records == 1 and list(result.delays["max_days"]) == [3]


def test_map_override_and_file(tmp_path: Path) -> None:
    """Do --map and a mapping file name unusual headers?"""
    path = _write(tmp_path, "Nro;Paikka;Vapaa kuvaus\nq1;U;Ok.\n")
    result = run_audit(path, {"record_id": "Nro", "unit": "Paikka", "note_text": "vapaa KUVAUS"})
    assert result.n_records == 1
    with pytest.raises(MappingError):
        parse_map_args(["nonsense=Header"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty"),
        ("Kirjaus ID;Yksikkö;Teksti\n", "empty"),
        ("Kirjaus ID;Teksti\nz1;Salainen 131052-308T\n", "missing_column"),
    ],
)
def test_fatal_inputs_exit_2_without_values(tmp_path, capsys, content, expected) -> None:  # noqa: ANN001
    """Do an empty file and a missing column give a plain message, exit 2, no traceback?"""
    path = _write(tmp_path, content)
    code = main(["audit", str(path), "--out", str(tmp_path / "out"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "in.csv" in err
    assert "131052-308T" not in err and "Salainen" not in err
    if expected == "missing_column":
        assert "unit" in err


def test_bad_values_name_file_column_row_never_value(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Does a bad value produce file, column and row, but never the cell's content?"""
    text = (
        HEADER
        + ROWS
        + "a2;U;Ok.;PEKKA-VIRTANEN-040;32.13.2025;;Matti Meikäläinen\n"
        + "a1;U;Ok.;ei;1.1.2025;;\n"
    )
    path = _write(tmp_path, text)
    code = main(["audit", str(path), "--out", str(tmp_path / "out"), "--lang", "en"])
    out = capsys.readouterr()
    assert code == 0
    for value in ("PEKKA", "VIRTANEN", "32.13", "Matti", "Meikäläinen"):
        assert value not in out.err and value not in out.out
    assert "column Epäily" in out.err and "row 3" in out.err  # the export's own header
    assert "column Kirjaus ID" in out.err and "rows 2, 4" in out.err
    assert "in.csv" in out.err


def test_line_with_extra_fields_is_reported_not_echoed(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Is a line with too many fields left out and named by line number, never by content?"""
    text = "id;unit;note\n1;A;ok\n2;B;Salainen;Virtanen;040 765 4321\n3;C;ok\n"
    path = _write(tmp_path, text)
    code = main(["audit", str(path), "--out", str(tmp_path / "out"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 0 and "row 3" in err and "more fields" in err
    assert "Salainen" not in err and "Virtanen" not in err and "040" not in err


@pytest.mark.parametrize(
    ("name", "data", "phrase"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "cannot be read as a table"),
        ("latin.csv", b"id;unit;note\n1;A;\x81\x8d\x90\n", "encoding"),
    ],
)
def test_unreadable_files_exit_2_plainly(tmp_path, capsys, name, data, phrase) -> None:  # noqa: ANN001
    """Do a broken workbook and an undecodable CSV give exit 2 and a plain sentence?"""
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["audit", str(path), "--out", str(tmp_path / "out"), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and phrase in err and "Traceback" not in err and name in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("chunksize", [7, 1000])
def test_an_unclosed_quote_names_its_row(tmp_path: Path, chunksize: int) -> None:
    """Is a quotation mark left open reported by its spreadsheet row, without the cell?"""
    from hoiku_lib.audit.io import read_chunks
    from hoiku_lib.audit.problems import AuditInputError, render

    lines = ["id;unit;note", *(f"{i};A;ok" for i in range(1, 40)), '40;B;"salaisuus']
    lines += [f"{i};C;ok" for i in range(41, 60)]
    path = tmp_path / "vienti.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AuditInputError) as err:
        for _ in read_chunks(path, chunksize):
            pass
    assert [(p.code, p.rows) for p in err.value.problems] == [("unclosed_quote", [41])]
    text = "\n".join(render(path.name, err.value.problems, "fi"))
    assert "41" in text and "salaisuus" not in text
