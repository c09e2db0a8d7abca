"""Does the audit CLI stay light to import and honour a mapping file and bad --map items?"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from hoiku_lib.cli import main


def test_cli_module_does_not_import_pandas() -> None:
    """Is `hoiku_lib.audit.cli` importable without pandas, pandera or ipywidgets?"""
    code = (
        "import sys, hoiku_lib.audit.cli; "
        "print(sorted(m for m in ('pandas', 'pandera', 'ipywidgets', 'matplotlib') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_map_file_and_outputs(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Does a recurring export's YAML mapping work end to end, writing summary.csv?"""
    src = tmp_path / "vienti.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Nro", "Paikka", "Kuvaus", "Pvm", "Tulkkina"])
        w.writerow(["1", "A", "Kuumetta.", "1.2.2025", "omainen"])
        w.writerow(["2", "A", "Yskää.", "3.3.2025", "ammattitulkki"])
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n  record_id: Nro\n  unit: Paikka\n  note_text: Kuvaus\n"
        "  visit_date: Pvm\n  interpreter: Tulkkina\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["audit", str(src), "--map-file", str(mapping), "--out", str(out)]) == 0
    summary = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    row = next(r for r in summary if r["rule_id"] == "non_professional_interpreter")
    assert (row["applicable"], row["compliant"]) == ("2", "1")
    assert "Auditoitu 2 kirjausta" in capsys.readouterr().out


def test_bad_map_item_is_a_plain_error(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """Is an unknown canonical name in --map refused with exit 2 and the allowed names?"""
    src = tmp_path / "x.csv"
    src.write_text("id;unit;note\n1;A;ok\n", encoding="utf-8")
    code = main(["audit", str(src), "--map", "patient=Nimi", "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "record_id" in err and "Traceback" not in err
