"""Run a coroutine to its end on an event loop of its own, whatever the calling thread runs.

The end-to-end tests' browser (Playwright's sync API) keeps an event loop running in the
test process's main thread for the whole session, and ``asyncio.run`` refuses to start a
second loop in a thread that has one. A test that needs a real loop (a kernel's, a fork
server's) runs it here, in a thread of its own, so it passes whichever tests ran before it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coro)`` in a fresh thread; its result, or its exception raised here."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
