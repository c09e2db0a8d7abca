"""Precision and recall of each audit rule on a labelled synthetic sample.

Usage: .venv/bin/python bench/audit_eval.py [SAMPLE.csv]   (default data/samples/audit_sample.csv)
Prints one line per rule; the sample's label_<rule_id> columns are the ground truth.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from hoiku_lib.audit.pipeline import run_audit
from hoiku_lib.audit.rules import RULE_IDS

DEFAULT = Path(__file__).resolve().parents[1] / "data" / "samples" / "audit_sample.csv"


def main(path: Path = DEFAULT) -> None:
    truth = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    result = run_audit(path)
    ids = truth["Kirjaus ID"]
    print(f"sample: {path.name}, {len(truth)} rows")
    print(f"{'rule_id':32} {'tp':>5} {'fp':>5} {'fn':>5} {'precision':>10} {'recall':>8}")
    for rule_id in RULE_IDS:
        flagged = set(result.findings.loc[result.findings["rule_id"] == rule_id, "record_id"])
        actual = set(ids[truth[f"label_{rule_id}"] == "1"])
        tp, fp, fn = len(flagged & actual), len(flagged - actual), len(actual - flagged)
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{rule_id:32} {tp:5d} {fp:5d} {fn:5d} {precision:10.3f} {recall:8.3f}")


def heldout(name: str = "heldout_disclosures.yaml") -> None:
    """Recall and precision of the disclosure rules on hand-written phrasings."""
    import yaml

    from hoiku_lib.audit.disclosure import find
    from hoiku_lib.audit.pii import mask

    path = Path(__file__).resolve().parents[1] / "tests/fixtures/audit_inputs" / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    print(f"hand-written phrasings, {name}:")
    for rule_id in ("indicator_disclosure", "help_request_disclosure"):
        pos = doc[rule_id]
        neg = doc["negatives"]
        tp = sum(bool(find(rule_id, mask(x))) for x in pos)
        fp = sum(bool(find(rule_id, mask(x))) for x in neg)
        precision = tp / (tp + fp) if tp + fp else float("nan")
        print(
            f"{rule_id:32} recall {tp}/{len(pos)} = {tp / len(pos):.2f}, "
            f"false alarms on {len(neg)} negatives: {fp}, precision {precision:.2f}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
    heldout("heldout_disclosures.yaml")  # round 1: patterns were widened on it
    heldout("heldout2_disclosures.yaml")  # round 2: seen (not tuned on) before round 3
    heldout("heldout3_disclosures.yaml")  # round 3: written before the concept rules
