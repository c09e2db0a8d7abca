"""What the vignette consistency check finds in the answer keys as they were at a commit.

Usage: .venv/bin/python bench/keys_consistency.py [REV]   (default 09f50da, before the 2026
content review's fixes)

The vignettes of REV are read from git and run through today's ``hoiku cases lint`` checks
with today's engine and taxonomy. Keys of that time quote no cues, so each sign is given a
cue taken from its stage's own text (the cue check is not what is measured here); what is
printed are the faults of the engine agreement and of the signs the text states
(``mentions``), per case and in total.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from hoiku_lib.cases.lint import lint_file
from hoiku_lib.content import load_content

ROOT = Path(__file__).resolve().parents[1]
KINDS = {
    "does not recommend": "the key requires an action the engine does not recommend",
    "lack the duty": "the key lacks a duty the engine gives",
    "seems to state": "the text states a sign the key grades as wrong",
    "does not point to trafficking": "a restraint case the engine puts above low",
}


def _with_cues(doc: dict) -> dict:
    for stage in doc.get("stages", []):
        first = {lang: stage["text"][lang].split()[0] for lang in ("fi", "sv", "en")}
        for sign in stage.get("key", {}).get("signs", []):
            sign.setdefault("cue", dict(first))
    return doc


def main(rev: str = "09f50da") -> None:
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", rev, "cases/", "hoiku_lib/data/cases/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    content = load_content()
    kinds: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(n for n in names if n.endswith(".yaml")):
            raw = subprocess.run(
                ["git", "show", f"{rev}:{name}"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            path = Path(tmp) / Path(name).name
            path.write_text(yaml.safe_dump(_with_cues(yaml.safe_load(raw)), allow_unicode=True))
            faults = [f for f in lint_file(path, content) if "cue" not in (f.where or "")]
            print(f"{path.stem}: {len(faults)} fault(s)")
            for fault in faults:
                kind = next((v for k, v in KINDS.items() if k in fault.message("en")), "other")
                kinds[kind] += 1
                print(f"  {fault.where}: {fault.message('en')}")
    print("\nby kind:")
    for kind, n in kinds.most_common():
        print(f"  {n:3d}  {kind}")
    print(f"total {sum(kinds.values())}")


if __name__ == "__main__":
    main(*sys.argv[1:])
