"""A participant's kernel stays small: no pandas, no matplotlib, no Jupyter server.

Thirty participants open the case dashboard at once on a 2-core laptop; each kernel holds
what its notebook imports (pandas alone adds ~45 MB). The notebook's code cells run in a
fresh interpreter, which then reports the heavy modules it loaded. Figures (USS/RSS) are
printed by ``bench/serve_bench.py``; no test asserts a timing or a size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from hoiku_lib.package_data import NOTEBOOKS_DIR

NOTEBOOKS = NOTEBOOKS_DIR

PARTICIPANT = ["dashboards/case.ipynb", "dashboards/refcard.ipynb", "dashboards/quiz.ipynb"]
HEAVY = ("pandas", "matplotlib", "jupyter_server", "nbconvert")

PROBE = """
import json, os, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
code = "\\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
os.chdir(os.path.dirname(sys.argv[1]))
exec(compile(code, sys.argv[1], "exec"), {"__name__": "__main__"})
print(json.dumps(sorted(m for m in sys.argv[2:] if m in sys.modules)))
"""


def _heavy_modules(notebook: str, extra_env: dict[str, str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOILA_")}
    env.update(extra_env)
    proc = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE, str(NOTEBOOKS / notebook), *HEAVY],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("notebook", PARTICIPANT)
def test_participant_dashboard_imports_no_heavy_module(notebook: str) -> None:
    """Run as Voilà runs a kernel started on request: nothing heavy is imported."""
    if not (NOTEBOOKS / notebook).is_file():
        pytest.skip(f"{notebook} not landed")
    assert _heavy_modules(notebook, {"QUERY_STRING": "lang=sv"}) == []


@pytest.mark.parametrize("notebook", PARTICIPANT)
def test_preheated_participant_kernel_imports_no_heavy_module(notebook: str) -> None:
    """Run as a preheated kernel: asking for the page's language must stay light too.

    voila.utils.get_query_string would load the Jupyter server and nbconvert (~+49 MB USS
    per kernel, measured); hoiku_lib.ui.request does the same with websockets only.
    """
    if not (NOTEBOOKS / notebook).is_file():
        pytest.skip(f"{notebook} not landed")
    # Port 1 refuses at once: the kernel falls back to the default language.
    assert _heavy_modules(notebook, {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": "1"}) == []
