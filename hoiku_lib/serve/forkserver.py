"""Dashboard kernels forked from one preloaded process, so that they share its memory.

Jupyter starts every kernel as a new Python process that imports ipykernel, IPython,
ipywidgets, pydantic, HOIKU's pages and reads the content again: about 41 MB of its own
memory per kernel (bench/serve_bench.py), 4.5 GB for 100 participants, and ~1.5 CPU s a
start. Here one process (:func:`serve`, started by ``hoiku serve``) does that once, freezes
what it made out of the garbage collector's reach (``gc.freeze``, so no collection writes
to those pages) and then ``fork``s every kernel: the children share its pages copy-on-write
and own only what they write themselves (their page's widgets and sockets).

The server side is :class:`ForkProvisioner`, a jupyter_client kernel provisioner: it asks
the fork server over a Unix socket for a kernel with the command, environment and folder
Jupyter would have started it with, and manages the child by its pid. When the fork server
is not there (failed to start, died, a platform without ``fork``) it starts the kernel as
Jupyter does (:class:`~jupyter_client.provisioning.LocalProvisioner`), only slower.

``HOIKU_SERVE_FORK=0`` in the server's environment turns it off (every kernel then starts
as a new interpreter, as before): for comparing the two, or a platform where forking a
process that has imported these libraries misbehaves.

Protocol: one JSON line ``{"argv": [...], "env": {...}, "cwd": "..."}`` in, one line
``{"pid": N}`` (or ``{"error": "..."}``) back.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import gc
import importlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from hoiku_lib.serve.options import FORK_ENV, forking

#: The provisioner's name in the kernel spec (``metadata.kernel_provisioner``).
PROVISIONER_NAME = "hoiku-fork"
#: The kernel command the fork server runs itself (anything else is started by Jupyter).
KERNEL_MODULE = "hoiku_lib.serve.kernel"
#: What every dashboard kernel imports: imported once here, shared by every fork.
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.comm",
    "ipywidgets",
    "websockets.sync.client",
    "hoiku_lib.ui.case_app",
    "hoiku_lib.ui.refcard",
    "hoiku_lib.ui.quiz_app",
    "hoiku_lib.ui.trainer_app",
    "hoiku_lib.ui.presenter_app",
    "hoiku_lib.ui.request",
    "hoiku_lib.workshop.store",
    "hoiku_lib.workshop.quiz_store",
    "hoiku_lib.morphology",
    "segno",
)
#: The environment variable that turns forking off ("0").
ENV = FORK_ENV
#: Seconds a kernel start waits for the fork server to finish preloading before it
#: starts the kernel the ordinary way.
READY_TIMEOUT_S = 60.0
_MAX_REQUEST = 1 << 20
log = logging.getLogger(__name__)


# -- the fork server ---------------------------------------------------------------------------


def preload() -> list[str]:
    """Import the pages' modules and read the content they show; the modules that failed
    to import (a kernel then imports them itself and reports the error on its page)."""
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # as hoiku_lib.serve.kernel
    failed = []
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - preloading is an optimisation, never a failure
            failed.append(name)
    with contextlib.suppress(Exception):
        from hoiku_lib.i18n import LANGS, catalogue, plurals

        for lang in LANGS:
            catalogue(lang)
            plurals(lang)
    with contextlib.suppress(Exception):  # a content error shows on the page, as before
        from hoiku_lib.content import load_content

        load_content()
    with contextlib.suppress(Exception):
        from hoiku_lib.cases.schema import load_cases

        load_cases()
    with contextlib.suppress(Exception):
        from hoiku_lib.quiz.load import load_items

        load_items()
    return failed


def _read_request(conn: socket.socket) -> dict[str, Any]:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk or len(data) > _MAX_REQUEST:
            raise ValueError("incomplete request")
        data += chunk
    request = json.loads(data)
    if not isinstance(request, dict):
        raise ValueError("not an object")
    argv, env, cwd = request.get("argv"), request.get("env"), request.get("cwd")
    if not (isinstance(argv, list) and argv[1:3] == ["-m", KERNEL_MODULE]):
        raise ValueError("not a dashboard kernel")
    if not isinstance(env, dict) or not isinstance(cwd, str):
        raise ValueError("no environment or folder")
    return {
        "argv": [str(a) for a in argv],
        "env": {str(k): str(v) for k, v in env.items()},
        "cwd": cwd,
    }


def _child(request: dict[str, Any], *closing: socket.socket) -> None:
    """In the forked child: become the kernel Jupyter asked for, then exit (never returns)."""
    code = 1
    try:
        for sock in closing:
            sock.close()
        os.setsid()  # its own process group, as Jupyter starts kernels (interrupts)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # ipykernel exits when this parent does (its ParentPollerUnix)
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        argv = request["argv"]
        sys.argv = [argv[0], *argv[3:]]
        from hoiku_lib.serve import kernel

        kernel.main(argv[3:])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - the child must end here whatever happened
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()  # what a normal interpreter exit would run
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(path: Path) -> None:
    """Preload, then fork a kernel for each request on the Unix socket ``path`` until the
    process that started this one is gone."""
    parent = os.getppid()
    # Ctrl+C in the trainer's terminal is the server's to handle; it then stops this one
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload()
    gc.collect()
    gc.freeze()  # the preloaded objects stay out of every collection: their pages stay shared
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the system reaps the kernels
    staging = path.with_name(path.name + ".new")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(staging))
        os.chmod(staging, 0o600)
        listener.listen(128)
        os.replace(staging, path)  # clients see the socket only once it listens
        listener.settimeout(1.0)
        while os.getppid() == parent:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(10.0)
                try:
                    request = _read_request(conn)
                except (OSError, ValueError) as exc:
                    with contextlib.suppress(OSError):
                        conn.sendall(json.dumps({"error": str(exc)}).encode() + b"\n")
                    continue
                pid = os.fork()
                if pid == 0:
                    _child(request, listener, conn)
                with contextlib.suppress(OSError):
                    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


# -- the server's side -------------------------------------------------------------------------


class ForkServer:
    """The fork server process ``hoiku serve`` started, and how to ask it for a kernel."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / "fork.sock"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", __name__, str(self.path)], stdin=subprocess.DEVNULL
        )
        atexit.register(self.stop)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    async def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> int | None:
        """A forked kernel's pid; None when the fork server cannot give one."""
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not self.path.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                return None
            await asyncio.sleep(0.1)
        try:
            reader, writer = await asyncio.open_unix_connection(str(self.path))
            try:
                writer.write(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n")
                await writer.drain()
                answer = json.loads(await asyncio.wait_for(reader.readline(), 30))
            finally:
                writer.close()
        except (TimeoutError, OSError, ValueError) as exc:
            log.warning("HOIKU fork server did not start a kernel (%s)", exc)
            return None
        pid = answer.get("pid") if isinstance(answer, dict) else None
        if not isinstance(pid, int):
            log.warning("HOIKU fork server did not start a kernel (%s)", answer)
            return None
        return pid


_server: ForkServer | None = None


def enabled(env: dict[str, str] | None = None) -> bool:
    """Fork the kernels? Yes where the system can, unless ``HOIKU_SERVE_FORK=0``."""
    return forking(env)


def start(folder: Path) -> ForkServer:
    """Start the fork server (its socket in ``folder``) and make :class:`ForkProvisioner`
    known to jupyter_client by :data:`PROVISIONER_NAME`, as an installed entry point would."""
    global _server
    from importlib.metadata import EntryPoint

    from jupyter_client.provisioning.factory import KernelProvisionerFactory

    group = KernelProvisionerFactory.GROUP_NAME
    value = f"{__name__}:{ForkProvisioner.__name__}"
    entry = EntryPoint(name=PROVISIONER_NAME, value=value, group=group)
    KernelProvisionerFactory.provisioners[PROVISIONER_NAME] = entry
    _server = ForkServer(folder)
    return _server


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks (Linux), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


class ForkedKernel:
    """What :class:`LocalProvisioner` needs of a ``Popen``, for a kernel the fork server
    started (it is the fork server's child, not ours: its exit code is not known here)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._started = _start_time(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
                alive = self._started is None or _start_time(self.pid) == self._started
            except ProcessLookupError:
                alive = False
            except PermissionError:
                alive = True
            if not alive:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):  # type: ignore[misc]
    """Jupyter's local provisioner, with the kernel forked by the fork server when it can."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        server = _server
        ours = cmd[:1] == [sys.executable] and cmd[1:3] == ["-m", KERNEL_MODULE]
        pid = None
        if server is not None and ours and hasattr(os, "fork"):
            env = kwargs.get("env") or dict(os.environ)
            cwd = str(kwargs.get("cwd") or Path.cwd())
            pid = await server.fork(list(cmd), dict(env), cwd)
        if pid is None:
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(pid)
        self.pid = self.pgid = pid
        self.cwd = kwargs.get("cwd", Path.cwd())
        return self.connection_info


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
