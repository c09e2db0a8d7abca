"""Benchmark `hoiku serve` (run by hand; prints tables; not part of the test run).

(a) Time to interactive in a real browser (Debian's chromium via Playwright) per
    dashboard, cold (no preheated kernel) and preheated, median of 5, each visit in a
    fresh browser context (empty cache, like a participant's first visit).
(b) N participants opening the case dashboard within 5 s at the protocol level: HTTP GET
    of the page, then the kernel websocket until the widget state arrives
    (``jupyter.widget.control`` → ``request_states`` → ``update_states``). Time to page and
    to ready: median and max, and failures.
(c) Memory (USS and RSS, psutil) per participant kernel and of the server.

Targets (issue 5): one preheated participant interactive ≤ 1.5 s; 30 participants: every
page ≤ 2 s, every kernel ready ≤ 5 s, no failure; ≤ 50 MB USS per participant kernel.

    .venv/bin/python bench/serve_bench.py [--pool 2] [--big-pool 30] [--skip-browser]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import psutil

from hoiku_lib.serve.options import REFILL_DELAY_S

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
READY_SELECTOR = {
    "refcard": ".hoiku-refcard .hoiku-search input",
    "case": ".hoiku-case .hoiku-start",
    "trainer": ".hoiku-trainer .hoiku-open-session",
}
CASE_PATH = "voila/render/dashboards/case.ipynb"


# -- server ----------------------------------------------------------------------------------


class Server:
    """One `hoiku serve` on a free loopback port, stopped by :meth:`stop`."""

    def __init__(self, pool: int) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}/"
        self.tmp = tempfile.TemporaryDirectory(prefix="hoiku-bench-")
        self.log_path = Path(self.tmp.name) / "serve.log"
        env = {**os.environ, "HOIKU_DB": str(Path(self.tmp.name) / "w.sqlite")}
        cmd = [
            sys.executable,
            "-m",
            "hoiku_lib.serve",
            "--no-browser",
            "--port",
            str(self.port),
            "--pool",
            str(pool),
        ]
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.pool = pool
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "voila/static/voila.js", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        self.wait_pool()

    def wait_pool(self, timeout: float = 240) -> None:
        """Until the participant dashboards' preheated kernels exist and the CPU is quiet."""
        deadline = time.monotonic() + timeout
        while self.pool and time.monotonic() < deadline:
            if len(self.kernels()) >= self.pool + min(self.pool, 2):
                break
            time.sleep(0.5)
        quiet = 0
        while quiet < 3 and time.monotonic() < deadline:
            procs = [psutil.Process(self.proc.pid), *self.kernels()]
            for proc in procs:
                try:
                    proc.cpu_percent(None)
                except psutil.Error:
                    continue
            time.sleep(0.5)
            busy = 0.0
            for proc in procs:
                try:
                    busy += proc.cpu_percent(None)
                except psutil.Error:
                    continue
            quiet = quiet + 1 if busy < 10 else 0

    def kernels(self) -> list[psutil.Process]:
        found = []
        for proc in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if "ipykernel" in " ".join(proc.cmdline()):
                    found.append(proc)
            except psutil.Error:
                continue  # ended meanwhile
        return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.tmp.cleanup()


def mem(proc: psutil.Process) -> tuple[float, float] | None:
    try:
        info = proc.memory_full_info()
    except psutil.Error:
        return None
    return info.uss / 2**20, info.rss / 2**20


# -- (a) browser ------------------------------------------------------------------------------


def browser_tti(pool: int, runs: int, warm_cache: bool = False) -> dict[str, list[float]]:
    """Seconds from navigation to the dashboard's first interactive widget.

    ``warm_cache``: every visit in one browser context after a first, uncounted one, as a
    participant reopening the page (the JupyterLab bundle is then in the browser cache).
    """
    from playwright.sync_api import sync_playwright

    server = Server(pool)
    out: dict[str, list[float]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for key, selector in READY_SELECTOR.items():
                times = []
                shared = browser.new_context(viewport={"width": 1280, "height": 800})
                for run in range(runs + (1 if warm_cache else 0)):
                    context = (
                        shared
                        if warm_cache
                        else browser.new_context(viewport={"width": 1280, "height": 800})
                    )
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(f"{server.url}{key}?lang=fi", wait_until="commit")
                    page.wait_for_selector(selector, timeout=120_000)
                    if not (warm_cache and run == 0):
                        times.append(time.perf_counter() - start)
                    page.close()
                    if not warm_cache:
                        context.close()
                    if pool and key != "trainer":
                        time.sleep(REFILL_DELAY_S + 1)  # hoiku serve refills only then
                    server.wait_pool()  # refill before the next visit
                shared.close()
                out[key] = times
            browser.close()
    finally:
        server.stop()
    return out


# -- (b) protocol level -----------------------------------------------------------------------


def _message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "username": "bench",
                "session": session,
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as resp:
        return resp.read().decode("utf-8")


async def participant(base: str, delay: float) -> dict:
    """One participant: page, then widget state over the kernel websocket."""
    import websockets

    await asyncio.sleep(delay)
    start = time.perf_counter()
    result: dict = {"page": None, "ready": None, "error": None}
    try:
        html = await asyncio.to_thread(_get, base + CASE_PATH + "?lang=fi")
        result["page"] = time.perf_counter() - start
        match = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html)
        if not match:
            raise RuntimeError("no kernel id in page")
        session = uuid.uuid4().hex
        ws_url = (
            base.replace("http", "ws", 1)
            + f"api/kernels/{match.group(1)}/channels?session_id={session}"
        )
        async with websockets.connect(ws_url, max_size=None, open_timeout=60) as ws:
            comm_id = uuid.uuid4().hex
            # ipywidgets' control comm: one round trip returns every widget's state.
            opening = {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}}
            await ws.send(_message("comm_open", opening, session, {"version": "1.0.0"}))
            await ws.send(
                _message(
                    "comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}, session
                )
            )
            while True:
                raw = await asyncio.wait_for(ws.recv(), timeout=120)
                text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
                if "update_states" in text:
                    if isinstance(raw, str):
                        states = json.loads(raw)["content"]["data"].get("states", {})
                        if not states:
                            raise RuntimeError("empty widget state")
                    break
        result["ready"] = time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - a benchmark counts failures, it does not stop
        result["error"] = f"{type(exc).__name__}: {exc}"[:80]
    return result


async def crowd(base: str, n: int, spread: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    delays = [0.0] if n == 1 else sorted(rng.uniform(0, spread) for _ in range(n))
    return await asyncio.gather(*(participant(base, d) for d in delays))


# -- report -----------------------------------------------------------------------------------


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} {max(values):6.2f}" if values else "     -      -"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=int, default=2, help="preheated kernels (hoiku default)")
    parser.add_argument(
        "--big-pool",
        type=int,
        default=0,
        help="also run (b) with this pool size, e.g. 30 for a big workshop",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-crowd", action="store_true", help="only (a)")
    args = parser.parse_args()
    # Stopped with kill/timeout: still stop the servers (their kernels) in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(
        f"# hoiku serve benchmark — {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    )

    if not args.skip_browser:
        print(f"\n## (a) time to interactive in chromium, s (median of {args.runs})")
        cold = browser_tti(0, args.runs)
        warm = browser_tti(args.pool, args.runs)
        cached = browser_tti(args.pool, args.runs, warm_cache=True)
        print(
            f"{'dashboard':10} {'cold':>7} {'preheated':>10} {'preheated+cache':>16}   "
            f"(pool {args.pool}; the trainer console is never preheated)"
        )
        for key in READY_SELECTOR:
            print(
                f"{key:10} {statistics.median(cold[key]):7.2f} "
                f"{statistics.median(warm[key]):10.2f} {statistics.median(cached[key]):16.2f}",
                flush=True,
            )

    pools = [args.pool] + ([args.big_pool] if args.big_pool else [])
    if args.skip_crowd:
        pools = []
    print("\n## (b) participants opening the case dashboard within 5 s (protocol level), s")
    print(
        f"{'pool':>4} {'N':>3} {'page med':>8} {'max':>6} {'ready med':>9} {'max':>6} {'failed':>6}"
    )
    memory: list[str] = []
    for pool in pools:
        for n in (1, 10, 30):
            server = Server(pool)
            try:
                results = asyncio.run(crowd(server.url, n, 5.0, seed=n))
                pages = [r["page"] for r in results if r["page"] is not None]
                ready = [r["ready"] for r in results if r["ready"] is not None]
                failed = [r["error"] for r in results if r["error"]]
                print(
                    f"{pool:4} {n:3} {fmt(pages):>15} {fmt(ready):>16} {len(failed):6}"
                    + (f"  {sorted(set(failed))}" if failed else "")
                )
                if n == 10:
                    kern = [m for m in (mem(k) for k in server.kernels()) if m]
                    s_uss, s_rss = mem(psutil.Process(server.proc.pid)) or (0.0, 0.0)
                    memory.append(
                        f"pool {pool}, after 10 participants: {len(kern)} kernels; per kernel "
                        f"USS median {statistics.median(k[0] for k in kern):.1f} MB "
                        f"(max {max(k[0] for k in kern):.1f}), RSS median "
                        f"{statistics.median(k[1] for k in kern):.1f} MB; server USS "
                        f"{s_uss:.1f} MB, RSS {s_rss:.1f} MB"
                    )
                    print(f"     (c) {memory[-1]}", flush=True)
            finally:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
