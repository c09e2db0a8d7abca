"""Does `hoiku workshop open|export|delete` work end to end and refuse a wrong code?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hoiku_lib.cli import main
from hoiku_lib.workshop.store import WorkshopStore

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"


def run(argv: list[str]) -> int:
    return main(argv)


def test_open_export_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.sqlite")
    assert (
        run(
            [
                "workshop",
                "open",
                "fx_adult_labour",
                "--cases",
                str(GOOD),
                "--db",
                db,
                "--lang",
                "en",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    join = re.search(r"Join code for participants: (\w+)", out).group(1)
    trainer = re.search(r"Trainer code .*: ([\w-]+)", out).group(1)
    store = WorkshopStore(db)
    assert store.join(join) == ("fx_adult_labour", 2)
    for _ in range(3):
        store.submit(join, 0, ["exp_work_accidents"], ["urgent_care"])
    store.dispose()

    csv_path = tmp_path / "out.csv"
    base = ["--db", db, "--lang", "en"]
    assert (
        run(["workshop", "export", join, "--trainer-code", join, "--out", str(csv_path), *base])
        == 1
    )
    assert "not valid" in capsys.readouterr().err and not csv_path.exists()
    assert (
        run(["workshop", "export", join, "--trainer-code", trainer, "--out", str(csv_path), *base])
        == 0
    )
    assert "exp_work_accidents" in csv_path.read_text(encoding="utf-8")
    assert run(["workshop", "delete", "AAAAAA", "--trainer-code", trainer, *base]) == 1
    assert run(["workshop", "delete", join, "--trainer-code", trainer, *base]) == 0
    assert run(["workshop", "delete", join, "--trainer-code", trainer, *base]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_open_unknown_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.sqlite")
    assert run(["workshop", "open", "../etc", "--cases", str(GOOD), "--db", db]) == 1
    assert run(["workshop", "open", "nope", "--cases", str(GOOD), "--db", db]) == 1
