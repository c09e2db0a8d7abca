"""Simulated workshop participants, one per process (used by the concurrency test and bench).

Each participant opens its own engine on the shared database, waits at a barrier so that all
submit at once, submits an answer, replaces it once (same participant id), and reports its
latency.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from typing import Any

from hoiku_lib.workshop.store import WorkshopStore

SIGNS = ("exp_work_accidents", "ctl_documents_held", "vul_economic_hardship")
ACTIONS = ("urgent_care", "professional_interpreter", "careful_documentation")


def answer_of(n: int) -> tuple[list[str], list[str]]:
    """Participant n's final answer: a deterministic pattern the checker can recount."""
    signs = [s for k, s in enumerate(SIGNS) if (n >> k) & 1]
    actions = [a for k, a in enumerate(ACTIONS) if (n >> (k + 1)) & 1]
    return signs, actions


def participant(url: str, join_code: str, n: int, barrier: Any, results: Any) -> None:
    """One participant process: first answer, then a replacement by the same participant."""
    store = WorkshopStore(url)
    barrier.wait()
    began = time.time()  # wall clock: comparable across processes
    start = time.perf_counter()
    participant = store.submit(join_code, 0, [SIGNS[0]], [])
    first = time.perf_counter() - start
    signs, actions = answer_of(n)
    start = time.perf_counter()
    store.submit(join_code, 0, signs, actions, participant=participant)
    second = time.perf_counter() - start
    ended = time.time()
    store.dispose()
    results.put((n, first, second, began, ended))


def run(
    url: str, join_code: str, count: int, timeout: float = 120.0
) -> list[tuple[int, float, float, float, float]]:
    """Start ``count`` participant processes at once.

    Each is a process of its own with its own engine, forked from a fork server that has
    imported the store once (``spawn`` would import SQLAlchemy and HOIKU fifty times over,
    25-63 s on a busy 2-core machine against 4-10 s; the store sees the same load).
    Returns each one's (n, latency 1, latency 2, began, ended), sorted by n.
    """
    ctx = _context()
    barrier = ctx.Barrier(count)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=participant, args=(url, join_code, n, barrier, results))
        for n in range(count)
    ]
    for proc in procs:
        proc.start()
    got = [results.get(timeout=timeout) for _ in procs]
    for proc in procs:
        proc.join(timeout)
    return sorted(got)


def _context() -> Any:
    """A fork server that has the store imported, where the platform has one; else spawn."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([__name__, "hoiku_lib.workshop.store"])
    return ctx


def expected_counts(count: int) -> tuple[dict[str, int], dict[str, int]]:
    """What the aggregates must say after ``run(..., count)``."""
    signs: dict[str, int] = {}
    actions: dict[str, int] = {}
    for n in range(count):
        s, a = answer_of(n)
        for i in s:
            signs[i] = signs.get(i, 0) + 1
        for i in a:
            actions[i] = actions.get(i, 0) + 1
    return signs, actions
