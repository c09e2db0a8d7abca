"""How many kernels do closed pages leave behind? (a measurement, not a test)

Starts a real ``hoiku serve`` (``--pool 2``), opens the case dashboard N times in chromium,
one page after another, waits for its widgets, closes the page as a person closes a tab
(the page's ``beforeunload`` runs, so Voilà's shutdown beacon is sent; the script waits for
the tab to close, as a person's browser keeps running), and then counts the server's kernel
processes. The preheated pool (2 case + 2 reference-card kernels) is not
counted as "left".

    .venv/bin/python tests/e2e/closed_pages.py --pages 30
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from e2e_support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    NOTEBOOKS,
    ROOT,
    WIDGET_TIMEOUT_MS,
    _free_port,
    _wait_ready,
    close_like_a_person,
)


def kernel_processes(server_pid: int) -> int:
    """Kernel processes below the server process: started as an interpreter of their own
    (ipykernel_launcher, HOIKU's lean hoiku_lib.serve.kernel) or forked by the fork server
    (hoiku_lib/serve/forkserver.py; a fork keeps its parent's command line)."""
    try:
        children = psutil.Process(server_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    count = 0
    for child in children:
        try:
            command = " ".join(child.cmdline())
            forked = "hoiku_lib.serve.forkserver" in command and child.ppid() != server_pid
            if forked or "ipykernel_launcher" in command or "hoiku_lib.serve.kernel" in command:
                count += 1
        except psutil.Error:
            continue
    return count


def settle(server_pid: int, seconds: float) -> int:
    time.sleep(seconds)
    return kernel_processes(server_pid)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--pool", type=int, default=2)
    parser.add_argument("--settle", type=float, default=25.0, help="seconds before counting")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp())
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "hoiku_lib.serve",
        "--no-browser",
        "--port",
        str(port),
        "--pool",
        str(args.pool),
        "--db",
        str(tmp / "ws.sqlite"),
        "--notebooks",
        str(NOTEBOOKS),
    ]
    log = (tmp / "serve.log").open("wb")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_ready(url + "voila/static/voila.js", proc)
        baseline = settle(proc.pid, 20)
        started = time.monotonic()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context()
            for _ in range(args.pages):
                page = context.new_page()
                page.goto(url + "case?lang=fi")
                page.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)
                close_like_a_person(page)
            time.sleep(1)  # the last page's beacon leaves before the browser goes
            browser.close()
        elapsed = time.monotonic() - started
        after = settle(proc.pid, args.settle)
        print(
            f"{args.pages} pages opened and closed in {elapsed:.0f} s; kernel processes: "
            f"{baseline} before (the preheated pool), {after} {args.settle:.0f} s after the "
            f"last close; left by closed pages: {max(after - baseline, 0)}"
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
