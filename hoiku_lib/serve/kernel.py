"""The dashboards' kernel: ipykernel without its debugger, and without input history.

A Voilà page never debugs and never recalls input, yet a stock ``python3`` kernel loads
debugpy (≈ 8 MB of its own memory per kernel, and CPU at every start) and keeps an SQLite
history. With 100 participants that is 100 such kernels (bench/serve_bench.py: USS per
kernel 49 → 41 MB). ipykernel treats a missing debugpy as "no debugger" (ipykernel.debugger
catches the ImportError), which is what ``sys.modules["debugpy"] = None`` gives.

:func:`kernelspec_dir` writes the kernel spec that starts it under the name the notebooks
ask for (``python3``), in a private folder the server puts first on ``JUPYTER_PATH``.
"""

from __future__ import annotations

import atexit
import json
import shutil
import sys
import tempfile
from pathlib import Path

#: The kernel name in the dashboards' notebook metadata.
KERNEL_NAME = "python3"


def kernelspec_dir() -> Path:
    """A folder holding ``kernels/python3/kernel.json`` that starts :func:`main`; removed
    when the server exits."""
    root = Path(tempfile.mkdtemp(prefix="hoiku-kernels-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "hoiku_lib.serve.kernel", "-f", "{connection_file}"]
    argv.append("--HistoryManager.enabled=False")
    data = {"argv": argv, "display_name": "Python 3 (HOIKU)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(data), encoding="utf-8")
    return root


def main() -> None:
    """Start an ipykernel with the debugger left out."""
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # import fails: no debugger
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
