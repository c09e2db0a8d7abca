"""The dashboards' kernel: ipykernel without its debugger, and without input history.

A Voilà page never debugs and never recalls input, yet a stock ``python3`` kernel loads
debugpy (≈ 8 MB of its own memory per kernel, and CPU at every start) and keeps an SQLite
history. With 100 participants that is 100 such kernels (bench/serve_bench.py: USS per
kernel 49 → 41 MB). ipykernel treats a missing debugpy as "no debugger" (ipykernel.debugger
catches the ImportError), which is what ``sys.modules["debugpy"] = None`` gives.

:func:`kernelspec_dir` writes the kernel spec that starts it under the name the notebooks
ask for (``python3``), in a private folder the server puts first on ``JUPYTER_PATH``. Given a
provisioner name, the spec asks for it: ``hoiku serve`` names the fork server's
(``hoiku_lib.serve.forkserver``), which forks the kernel from a preloaded process instead
of starting this module in a new interpreter.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

#: The kernel name in the dashboards' notebook metadata.
KERNEL_NAME = "python3"


def kernelspec_dir(provisioner: str | None = None) -> Path:
    """A folder holding ``kernels/python3/kernel.json`` that starts :func:`main` (through
    the kernel provisioner named ``provisioner``, if given); removed when the server exits."""
    root = Path(tempfile.mkdtemp(prefix="hoiku-kernels-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "hoiku_lib.serve.kernel", "-f", "{connection_file}"]
    argv.append("--HistoryManager.enabled=False")
    data: dict[str, object] = {
        "argv": argv,
        "display_name": "Python 3 (HOIKU)",
        "language": "python",
    }
    if provisioner:
        data["metadata"] = {"kernel_provisioner": {"provisioner_name": provisioner}}
    (spec / "kernel.json").write_text(json.dumps(data), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> None:
    """Start an ipykernel with the debugger left out (``argv``: its options, by default
    this process's).

    Also right in a process forked after the imports (``hoiku_lib.serve.forkserver``):
    ipykernel reads its parent's pid from the environment when it is imported, and
    ipywidgets registers its comm targets when it is imported into a running kernel, so
    both are done here again once the kernel exists (neither does harm in a fresh process).
    """
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # import fails: no debugger
    from ipykernel.kernelapp import IPKernelApp

    argv = list(sys.argv[1:] if argv is None else argv)
    parent = os.environ.get("JPY_PARENT_PID", "")
    if parent.isdigit():  # the kernel exits when this process does
        argv.append(f"--IPKernelApp.parent_handle={parent}")
    app = IPKernelApp.instance()
    app.initialize(argv)
    widgets = sys.modules.get("ipywidgets")
    if widgets is not None:  # imported before the kernel existed: targets not registered
        widgets.register_comm_target()
    app.start()


if __name__ == "__main__":
    main()
