"""Does a workshop summary stay text in a spreadsheet (CWE-1236), by the CLI and the console?

The store takes any case id and item ids when it is not given the content's lists (the CLI's
store), so a crafted id such as ``=HYPERLINK(...)`` can reach the export: every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return must come out quoted.
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.spreadsheet_safety import FORMULA_STARTS, csv_plain
from hoiku_lib.ui.trainer_app import TrainerApp
from hoiku_lib.workshop.store import WorkshopStore

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"
CRAFTED_CASE = '=HYPERLINK("http://x","y")'
CRAFTED_IDS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tTAB", "\rCR", "'=quoted"]


def _answered(store: WorkshopStore, case_id: str, signs: list[str]) -> tuple[str, str]:
    codes = store.open_session(case_id, 2)
    for _ in range(3):  # K_MIN participants, so the stage is exported
        store.submit(codes.join_code, 0, signs, ["@action"])
    return codes.join_code, codes.trainer_code


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _assert_safe(rows: list[list[str]], originals: set[str]) -> None:
    data = [cell for row in rows[1:] for cell in row]
    assert data, "nothing exported"
    for cell in data:
        assert not cell.startswith(FORMULA_STARTS), cell
    back = {csv_plain(cell) for cell in data}
    assert originals <= back  # each crafted value comes back exactly, one quote taken off


def _run_export(**args: object) -> int:
    """``hoiku workshop export`` past the argument parser (its handler, with the parsed args)."""
    from hoiku_lib.workshop.cli import run_export

    return run_export(argparse.Namespace(**args))


def test_cli_export_quotes_formula_like_cells(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    store = WorkshopStore(db)
    join, trainer = _answered(store, CRAFTED_CASE, CRAFTED_IDS)
    store.dispose()
    out = tmp_path / "summary.csv"
    assert _run_export(code=join, trainer_code=trainer, out=out, db=str(db), lang="en") == 0
    rows = _cells(out.read_bytes().decode("utf-8"))
    assert rows[0] == ["case_id", "stage", "kind", "item_id", "count", "answers"]
    assert {r[0] for r in rows[1:]} == {"'" + CRAFTED_CASE}
    assert "'" + "+cmd|' /C calc'!A0" in {r[3] for r in rows[1:]}
    assert "''=quoted" in {r[3] for r in rows[1:]}  # an already quoted one gets one more
    _assert_safe(rows, {CRAFTED_CASE, "@action", *CRAFTED_IDS})


def test_trainer_console_download_quotes_formula_like_cells(tmp_path: Path) -> None:
    store = WorkshopStore(tmp_path / "ws.sqlite")  # no id lists: crafted ids get in
    try:
        app = TrainerApp(lang="en", cases=load_cases(GOOD), store=store)
        app.case_select.value = "fx_adult_labour"
        app.open_button.click()
        for _ in range(3):
            store.submit(app.join_code, 0, CRAFTED_IDS, ["@action"])
        app.export_button.click()
        found = re.search(r'href="data:text/csv;base64,([A-Za-z0-9+/=]+)"', app.export_link.value)
        assert found, app.export_link.value
        rows = _cells(base64.b64decode(found.group(1)).decode("utf-8"))
        _assert_safe(rows, {"@action", *CRAFTED_IDS})
        assert {r[0] for r in rows[1:]} == {"fx_adult_labour"}  # plain text stays as it was
    finally:
        store.dispose()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    item=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=12,
    )
)
def test_any_item_id_comes_back_and_never_starts_a_formula(tmp_path: Path, item: str) -> None:
    store = WorkshopStore(tmp_path / "prop.sqlite")
    try:
        _join, trainer = _answered(store, "case", [item])
        out = tmp_path / "p.csv"
        store.export_csv(trainer, out)
        rows = _cells(out.read_bytes().decode("utf-8"))
    finally:
        store.dispose()
    cells = [r[3] for r in rows[1:] if r[2] == "sign"]
    assert [csv_plain(c) for c in cells] == [item]
    assert not cells[0].startswith(FORMULA_STARTS)
