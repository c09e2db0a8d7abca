"""Visitors who come just after a pool ran dry (run by hand; prints times; not a test).

Starts ``hoiku serve --pool 1`` (the knowledge test then keeps one page ready), waits for the
pool, and opens the knowledge test ``--visits`` times back to back over HTTP, each page read
to its end (Voilà streams it as the notebook runs). Printed: seconds per page. The first
visitor gets the ready page; before hoiku_lib/serve/pool.py's ``never_wait_for_a_sleeping_refill``
the next ones were handed a refill still sleeping out Voilà's 15 s ``fill_delay`` and waited
that plus a start; now they get a session started at once.

    .venv/bin/python bench/pool_after_empty.py [--visits 3] [--code DIR]

``--code DIR`` serves the ``hoiku_lib`` found in DIR (a ``git archive`` of an older commit)
with this checkout's environment, for A/B runs.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, timeout: float = 120) -> bytes:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(url, timeout=timeout) as resp:
        return resp.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(args.code.resolve())}
        cmd = [sys.executable, "-m", "hoiku_lib.serve", "--no-browser", "--port", str(port)]
        cmd += ["--pool", "1", "--db", str(Path(tmp) / "w.sqlite")]
        log = (Path(tmp) / "serve.log").open("wb")
        proc = subprocess.Popen(
            cmd,
            cwd=args.code,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            for _ in range(120):
                try:
                    _get(base + "voila/static/voila.js", timeout=2)
                    break
                except OSError:
                    time.sleep(1)
            time.sleep(20)  # the pools' first kernels have run their notebooks
            for visit in range(1, args.visits + 1):
                start = time.perf_counter()
                size = len(_get(base + "quiz?lang=fi"))
                took = time.perf_counter() - start
                print(f"knowledge test, visitor {visit}: {took:.2f} s ({size} bytes)")
        finally:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    main()
