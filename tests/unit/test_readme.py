"""Do the README's promises hold: two set-up commands first, and its examples run?"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from hoiku_lib.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one():
    first_block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).splitlines()
    commands = [line.split("#")[0].strip() for line in first_block if line.strip()]
    assert commands == ["./dev serve", "./dev test"]
    assert "./dev test" in (ROOT / ".ci" / "run").read_text()


def test_readme_assess_example_runs(capsys):
    line = next(x for x in README.splitlines() if x.startswith("hoiku assess"))
    argv = shlex.split(line.split("#")[0])[1:]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "high"
    assert "refer_ngo" in data["actions"]
