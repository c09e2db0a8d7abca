"""Benchmark `hoiku serve` (run by hand; prints tables; not part of the test run).

(b) For each server set-up (``--design NAME=OPTIONS``, default: ``default=`` i.e. the
    README's run command with no option, and ``expect100=--expect 100``) and each crowd size
    (``--n``, default 1, 30, 100): a fresh server, its pool waited for, then N participants
    opening the case dashboard at the protocol level, arriving at random within 5 s (N ≤ 30)
    or 10 s (N > 30): HTTP GET of the page, then the kernel websocket until the widget state
    arrives (``jupyter.widget.control`` → ``request_states`` → ``update_states``). Printed per
    row: seconds until the pool was ready and CPU seconds per kernel start (a figure the
    machine's load does not inflate), time to page and to widgets (median, p95, max),
    failures, and memory once the crowd has its pages (all kernels' USS and PSS, the
    server's PSS, their sum; psutil; the fork server counts among the kernels).
(c) With ``--kernels OPTIONS`` (e.g. ``--kernels "--expect 4"``), only that: one server, its
    pool waited for, then the memory of one kernel (median USS and PSS over the pool's
    kernels; the fork server's own, hoiku_lib/serve/forkserver.py), the server's PSS and
    the sum of every PSS (kernels, fork server, server), again after two participants
    opened the case. Memory hardly depends on the machine's load, so this
    compares kernel designs on a busy machine (``HOIKU_SERVE_FORK=0`` in the environment:
    kernels started as new interpreters, as before the fork server).
(a) With ``--browser``: time to interactive in a real browser (Debian's chromium via
    Playwright) per dashboard, cold and preheated.

Targets (issue 13): the default serves N = 30 with every page's widgets ≤ 5 s and no
failure; ``--expect 100`` serves N = 100 likewise with kernels + server ≤ 5 GB on 2 cores.
Other helpers' work on a shared machine inflates the times: compare set-ups back to back.

    .venv/bin/python bench/serve_bench.py [--design NAME=OPTIONS ...] [--n 1,30,100] [--browser]
    .venv/bin/python bench/serve_bench.py --kernels "--expect 4"
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
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
    """One `hoiku serve OPTIONS` on a free loopback port, stopped by :meth:`stop`.

    Waits until the pool is ready: the kernels have started and the server's process tree
    has been quiet for a few seconds (works for any version of HOIKU, so designs can be
    compared back to back). ``fill_s``: seconds until then; ``cpu_per_kernel``: the CPU
    seconds each kernel took to start and run its notebook.
    """

    def __init__(self, options: list[str]) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}/"
        self.tmp = tempfile.TemporaryDirectory(prefix="hoiku-bench-")
        self.log_path = Path(self.tmp.name) / "serve.log"
        env = {**os.environ, "HOIKU_DB": str(Path(self.tmp.name) / "w.sqlite")}
        cmd = [sys.executable, "-m", "hoiku_lib.serve", "--no-browser", "--port", str(self.port)]
        self.started = time.monotonic()
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                [*cmd, *options],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.fill_s = 0.0
        self.cpu_per_kernel = 0.0
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log_path.read_text(errors="replace")[-2000:])
            try:
                with urllib.request.urlopen(self.url + "voila/static/voila.js", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        self.wait_pool(deadline)
        self.fill_s = time.monotonic() - self.started
        cpu = []
        for proc in self.kernels():
            try:
                times = proc.cpu_times()
            except psutil.Error:
                continue
            cpu.append(times.user + times.system)
        self.cpu_per_kernel = statistics.median(cpu) if cpu else 0.0

    def _tree(self) -> list[psutil.Process]:
        return [psutil.Process(self.proc.pid), *psutil.Process(self.proc.pid).children(True)]

    def wait_pool(self, deadline: float) -> None:
        """Until the kernel count has stopped growing and the process tree is quiet."""
        quiet, count = 0, -1
        while quiet < 6 and time.monotonic() < deadline:
            procs = self._tree()
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
            now = len(self.kernels())
            quiet = quiet + 1 if busy < 10 and now == count and now > 0 else 0
            count = now

    def kernels(self) -> list[psutil.Process]:
        """The server's kernels: its only child processes (ipykernel_launcher, or HOIKU's
        lean ``hoiku_lib.serve.kernel``)."""
        try:
            return psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.Error:
            return []

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


def browser_tti(
    options: list[str], runs: int, pool: int, warm_cache: bool = False
) -> dict[str, list[float]]:
    """Seconds from navigation to the dashboard's first interactive widget.

    ``warm_cache``: every visit in one browser context after a first, uncounted one, as a
    participant reopening the page (the JupyterLab bundle is then in the browser cache).
    """
    from playwright.sync_api import sync_playwright

    server = Server(options)
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
                    server.wait_pool(time.monotonic() + 300)  # refilled
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
    # one thread per participant for the page GET: asyncio's default pool has only
    # cores + 4 threads, which would queue the crowd inside the benchmark itself
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=max(4, n)))
    return await asyncio.gather(*(participant(base, d) for d in delays))


# -- report -----------------------------------------------------------------------------------


def forkserver_state() -> str:
    from hoiku_lib.serve import forkserver

    if forkserver.enabled():
        return "kernels forked from the fork server"
    return f"{forkserver.ENV}=0: kernels started as new interpreters"


def spread_for(n: int) -> float:
    """The issue's arrival windows: up to 30 participants within 5 s, more within 10 s."""
    return 5.0 if n <= 30 else 10.0


def stats(values: list[float]) -> str:
    """median, p95 and max in seconds, or dashes when nobody got that far."""
    if not values:
        return f"{'-':>6} {'-':>6} {'-':>6}"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return f"{statistics.median(ordered):6.2f} {p95:6.2f} {ordered[-1]:6.2f}"


def memory_totals(server: Server) -> tuple[int, float, float, float]:
    """(kernels, their USS sum, their PSS sum, the server's PSS), MB: what the crowd costs."""
    kern = [k for k in server.kernels()]
    uss = pss = 0.0
    for proc in kern:
        try:
            info = proc.memory_full_info()
        except psutil.Error:
            continue
        uss += info.uss / 2**20
        pss += getattr(info, "pss", info.uss) / 2**20
    try:
        own = psutil.Process(server.proc.pid).memory_full_info()
        server_pss = getattr(own, "pss", own.uss) / 2**20
    except psutil.Error:
        server_pss = 0.0
    return len(kern), uss, pss, server_pss


def kernel_memory(options: list[str], visitors: int = 2) -> None:
    """(c): one kernel's memory, MB, in the pool and after ``visitors`` opened the case."""
    server = Server(options)

    def line(when: str) -> None:
        kernels, forker = [], []
        for proc in server.kernels():
            try:
                info = proc.memory_full_info()
                forking = any("forkserver" in part for part in proc.cmdline())
                # a forked kernel's command line is its fork server's
                forking = forking and proc.ppid() == server.proc.pid
            except psutil.Error:
                continue
            row = (info.uss / 2**20, getattr(info, "pss", info.uss) / 2**20)
            (forker if forking else kernels).append(row)
        uss = statistics.median(r[0] for r in kernels) if kernels else 0.0
        pss = statistics.median(r[1] for r in kernels) if kernels else 0.0
        fork = f"{forker[0][0]:6.1f} {forker[0][1]:6.1f}" if forker else f"{'-':>6} {'-':>6}"
        try:
            own = psutil.Process(server.proc.pid).memory_full_info()
            server_pss = getattr(own, "pss", own.uss) / 2**20
        except psutil.Error:
            server_pss = 0.0
        total = sum(r[1] for r in kernels + forker) + server_pss
        print(
            f"{when:22} {len(kernels):7} {uss:6.1f} {pss:6.1f} | {fork:>19} | "
            f"{server_pss:6.0f} {total:6.0f}",
            flush=True,
        )

    try:
        print(
            f"{'':22} {'kernels':>7} {'USS':>6} {'PSS':>6} | {'fork server USS/PSS':>19} | "
            f"{'server':>6} {'total':>6}"
        )
        line("pool ready")
        results = asyncio.run(crowd(server.url, visitors, 1.0, seed=visitors))
        time.sleep(1.0)
        line(f"after {visitors} case pages")
        failed = [r["error"] for r in results if r["error"]]
        if failed:
            print(f"failed: {failed}")
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--design",
        action="append",
        default=None,
        metavar="NAME=OPTIONS",
        help="a server to measure: a name and the `hoiku serve` options it runs with "
        "(repeatable; default: 'default=' and 'expect100=--expect 100')",
    )
    parser.add_argument(
        "--n", default="1,30,100", help="crowd sizes, comma-separated (default 1,30,100)"
    )
    parser.add_argument("--runs", type=int, default=5, help="browser visits per dashboard")
    parser.add_argument("--browser", action="store_true", help="also (a), in chromium")
    parser.add_argument("--pool", type=int, default=2, help="(a): the pool for 'preheated'")
    parser.add_argument(
        "--kernels",
        metavar="OPTIONS",
        default=None,
        help="only (c): one kernel's memory with a server started with OPTIONS",
    )
    args = parser.parse_args()
    # Stopped with kill/timeout: still stop the servers (their kernels) in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load = os.getloadavg()
    print(
        f"# hoiku serve benchmark — {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, load average at start "
        f"{load[0]:.1f} (a busy machine inflates every time below)"
    )

    if args.kernels is not None:
        print(
            f"\n## (c) one kernel's memory, MB (hoiku serve {args.kernels}; {forkserver_state()})"
        )
        kernel_memory(shlex.split(args.kernels))
        return 0

    if args.browser:
        print(f"\n## (a) time to interactive in chromium, s (median of {args.runs})")
        cold = browser_tti([], args.runs, pool=0)
        warm = browser_tti(["--pool", str(args.pool)], args.runs, pool=args.pool)
        print(f"{'dashboard':10} {'cold':>7} {'preheated':>10}   (pool {args.pool})")
        for key in READY_SELECTOR:
            print(
                f"{key:10} {statistics.median(cold[key]):7.2f} "
                f"{statistics.median(warm[key]):10.2f}",
                flush=True,
            )

    designs = [d.partition("=") for d in (args.design or ["default=", "expect100=--expect 100"])]
    sizes = [int(n) for n in args.n.split(",") if n.strip()]
    print(
        "\n## (b) N participants opening /case (protocol level: page, then the kernel "
        "websocket until the widget state arrives)\n"
        "Arrivals spread at random over 5 s (N ≤ 30) or 10 s (N > 30), after the server said "
        "its pool is ready. Times in seconds from a participant's arrival. 'fill' = seconds "
        "from start until the pool was ready; 'cpu/k' = CPU seconds one preheated kernel took "
        "to start and run its notebook (the cost of each kernel, whatever the load). Memory "
        "after the crowd has its pages, MB: all kernels' USS and PSS, and the server's PSS "
        "(the spare kernels the pool starts 15 s later are not in it yet). 'full' = got the "
        "'room is full' page (503, past --max-pages), by design; 'failed' = anything else.\n"
        "Targets (issue 13): default N=30 every ready ≤ 5 s, 0 failed; --expect 100: N=100 "
        "every ready ≤ 5 s, 0 failed, kernels + server ≤ 5000 MB."
    )
    header = (
        f"{'design':12} {'N':>3} {'fill':>5} {'cpu/k':>5} | {'page med':>8} {'p95':>6} "
        f"{'max':>6} | {'ready med':>9} {'p95':>6} {'max':>6} | {'failed':>6} {'full':>4} | "
        f"{'kernels':>7} {'USS':>6} {'PSS':>6} {'server':>6} {'total':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, _, options in designs:
        for n in sizes:
            server = Server(shlex.split(options))
            try:
                results = asyncio.run(crowd(server.url, n, spread_for(n), seed=n))
                time.sleep(1.0)  # the kernels' memory once the pages are up
                kernels, uss, pss, server_pss = memory_totals(server)
            finally:
                server.stop()
            pages = [r["page"] for r in results if r["page"] is not None]
            ready = [r["ready"] for r in results if r["ready"] is not None]
            # past --max-pages the server answers 503 with its "the room is full" page: by
            # design, so counted apart from failures
            full = [
                r for r in results if (r["error"] or "").startswith("HTTPError: HTTP Error 503")
            ]
            failed = [r["error"] for r in results if r["error"] and r not in full]
            print(
                f"{name:12} {n:3} {server.fill_s:5.0f} {server.cpu_per_kernel:5.2f} | "
                f"{stats(pages):>22} | {stats(ready):>23} | {len(failed):6} {len(full):4} | "
                f"{kernels:7} {uss:6.0f} {pss:6.0f} {server_pss:6.0f} {pss + server_pss:6.0f}"
                + (f"  {sorted(set(failed))[:3]}" if failed else ""),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
