"""Every notebook runs top to bottom in a real kernel, with warnings turned into errors.

nbval runs in a child pytest (``--nbval-lax``: widget cells are executed, not compared;
a cell marked ``# NBVAL_CHECK_OUTPUT`` is compared). Voilà hides a kernel's stderr from the
page, so a warning raised in a dashboard would go unseen: an IPython startup file makes
every warning from the notebook's own code an exception, which fails its cell here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hoiku_lib.package_data import NOTEBOOKS_DIR

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = NOTEBOOKS_DIR

STARTUP = """\
import warnings
warnings.simplefilter("error")
# Jupyter's own machinery (not the notebook's code) still deprecates things noisily.
for _module in ("jupyter_client", "jupyter_core", "ipykernel", "traitlets", "zmq",
                "IPython", "comm", "tornado", "asyncio"):
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=_module)
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning, module=_module)
"""


def _notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.skipif(not _notebooks(), reason="no notebooks yet")
def test_every_notebook_runs_without_error_or_warning(tmp_path: Path) -> None:
    """nbval --nbval-lax over notebooks/ passes, with warnings as errors in the kernel."""
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-warnings-are-errors.py").write_text(STARTUP, encoding="utf-8")
    env = {
        **os.environ,
        "IPYTHONDIR": str(tmp_path / "ipython"),
        "HOIKU_DB": str(tmp_path / "workshop.sqlite"),
        "MPLBACKEND": "Agg",
    }
    env.pop("VOILA_PREHEAT", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "--nbval-cell-timeout=300",
            "-o",
            "addopts=",
            *map(str, _notebooks()),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout
