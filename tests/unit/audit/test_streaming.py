"""Does a large audit keep only a bounded part in memory and still write every finding?"""

from __future__ import annotations

import csv
from pathlib import Path

from hoiku_lib.audit import pipeline
from hoiku_lib.audit.report import write_outputs
from hoiku_lib.audit.sample import write_sample


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_findings_stream_to_file_beyond_what_memory_keeps(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """With room for 5 findings in memory, are all findings in findings.csv, in file order,
    the same with 1 or 2 workers and any chunking, and masked in the output's language?"""
    src = tmp_path / "otos.csv"
    write_sample(src, 120, seed=5, labels=False)
    whole = pipeline.run_audit(src, chunksize=1000, workers=1)
    monkeypatch.setattr(pipeline, "KEEP_FINDINGS", 5)
    small = pipeline.run_audit(src, chunksize=7, workers=2)
    assert len(small.findings) == 5 and small.findings_total == whole.findings_total > 5
    write_outputs(whole, tmp_path / "a", "fi")
    write_outputs(small, tmp_path / "b", "fi")
    rows = _rows(tmp_path / "b" / "findings.csv")
    assert rows == _rows(tmp_path / "a" / "findings.csv")
    assert len(rows) == whole.findings_total
    assert [int(r["row"]) for r in rows] == sorted(int(r["row"]) for r in rows)
    write_outputs(small, tmp_path / "c", "sv")
    text = (tmp_path / "c" / "findings.csv").read_text(encoding="utf-8")
    assert "[NAMN]" in text and "[NIMI]" not in text
    assert small.delays.equals(whole.delays)
    assert small.summary.equals(whole.summary)
