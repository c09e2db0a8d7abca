"""The dashboards' kernels forked from one preloaded process (hoiku_lib/serve/forkserver.py).

Real processes: a fork server, kernels started through Jupyter's kernel manager with the
spec ``hoiku serve`` writes, code run in them. What must hold: a forked kernel is the fork
server's child yet runs with the environment and folder Jupyter gave it, serves widgets
(ipywidgets' comm targets exist although ipywidgets was imported before the kernel), stops
when shut down, and without a fork server the kernel still starts the ordinary way. The
fork server runs nothing but the dashboard kernel.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import async_support
import pytest
from jupyter_client.manager import AsyncKernelManager

from hoiku_lib.serve import forkserver
from hoiku_lib.serve.kernel import kernelspec_dir

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")

PROBE = (
    "import os, json, ipywidgets\n"
    "k = get_ipython().kernel\n"
    "print(json.dumps({'pid': os.getpid(), 'ppid': os.getppid(), "
    "'probe': os.environ.get('HOIKU_PROBE'), 'cwd': os.getcwd(), "
    "'widgets': 'jupyter.widget.control' in k.comm_manager.targets}))"
)


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = kernelspec_dir(provisioner=forkserver.PROVISIONER_NAME)
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    yield folder


@pytest.fixture
def server(specs: Path) -> Iterator[forkserver.ForkServer]:
    fork = forkserver.start(specs)
    try:
        yield fork
    finally:
        fork.stop()
        forkserver._server = None


async def _run_probe(cwd: Path) -> dict:
    km = AsyncKernelManager(kernel_name="python3")
    env = {**os.environ, "HOIKU_PROBE": "from-jupyter"}
    await km.start_kernel(env=env, cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=120)
        lines: list[str] = []
        reply = await kc.execute_interactive(
            PROBE, timeout=60, output_hook=lambda m: lines.append(m["content"].get("text", ""))
        )
        assert reply["content"]["status"] == "ok"
        result = json.loads("".join(lines))
        result["provisioner_pid"] = km.provisioner.pid
    finally:
        kc.stop_channels()
        await km.shutdown_kernel()
    result["alive_after_shutdown"] = _alive(result["pid"])
    return result


def _alive(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text().rpartition(")")[2].split()[0] == "Z":
            return False
        time.sleep(0.1)
    return True


def test_a_forked_kernel_runs_with_jupyters_environment_and_serves_widgets(
    server: forkserver.ForkServer, tmp_path: Path
) -> None:
    result = async_support.run(_run_probe(tmp_path))
    assert result["ppid"] == server.proc.pid  # forked by the fork server
    assert result["provisioner_pid"] == result["pid"]
    assert result["probe"] == "from-jupyter"  # the environment Jupyter gave, not the server's
    assert Path(result["cwd"]).resolve() == tmp_path.resolve()
    assert result["widgets"] is True
    assert result["alive_after_shutdown"] is False


def test_without_the_fork_server_the_kernel_starts_as_jupyter_starts_it(
    specs: Path, tmp_path: Path
) -> None:
    forkserver._server = None
    result = async_support.run(_run_probe(tmp_path))
    assert result["ppid"] == os.getpid()  # Popen'd by this process
    assert result["probe"] == "from-jupyter"
    assert result["widgets"] is True


def _ask(path: Path, request: dict) -> dict:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(30)
        sock.connect(str(path))
        sock.sendall(json.dumps(request).encode() + b"\n")
        return json.loads(sock.makefile().readline())


@pytest.mark.parametrize(
    "request_",
    [
        {"argv": ["/bin/sh", "-c", "true"], "env": {}, "cwd": "/"},
        {"argv": [sys.executable, "-m", "os"], "env": {}, "cwd": "/"},
        {"argv": [sys.executable, "-m", forkserver.KERNEL_MODULE], "env": None, "cwd": "/"},
        ["not", "an", "object"],
    ],
)
def test_the_fork_server_runs_nothing_but_the_dashboard_kernel(
    server: forkserver.ForkServer, request_: object
) -> None:
    deadline = time.monotonic() + 60
    while not server.path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    answer = _ask(server.path, request_)  # type: ignore[arg-type]
    assert "error" in answer and "pid" not in answer
    assert server.proc.poll() is None  # and keeps serving


def test_a_forked_kernel_handle_sees_the_process_end() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    handle = forkserver.ForkedKernel(proc.pid)
    assert handle.poll() is None
    proc.wait()  # reaped, as the fork server's children are
    assert handle.wait(timeout=10) == 0
    assert handle.poll() == 0
    handle.kill()  # a finished kernel: nothing to signal, no error


def test_preload_imports_every_listed_module_and_nothing_heavy() -> None:
    """What every kernel shares: all of PRELOAD (a renamed module would silently not be
    shared), no thread (a fork copies only the forking one), and none of the heavy modules
    a participant's kernel must not hold (tests/notebooks/test_lean_kernels.py)."""
    probe = (
        "import json, sys, threading\n"
        "from hoiku_lib.serve import forkserver\n"
        "failed = forkserver.preload()\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'jupyter_server', 'nbconvert', 'voila')"
        " if m in sys.modules]\n"
        "print(json.dumps([failed, heavy, threading.active_count()]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    failed, heavy, threads = json.loads(proc.stdout.strip().splitlines()[-1])
    assert failed == []
    assert heavy == []
    assert threads == 1


@pytest.mark.parametrize(
    ("value", "forks"), [(None, True), ("1", True), ("0", False), (" 0 ", False)]
)
def test_hoiku_serve_fork_0_turns_forking_off(value: str | None, forks: bool) -> None:
    env = {} if value is None else {forkserver.ENV: value}
    assert forkserver.enabled(env) is forks
