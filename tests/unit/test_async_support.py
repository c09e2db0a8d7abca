"""A test's own event loop runs even where the thread already runs one (the e2e browser's)."""

from __future__ import annotations

import asyncio

import async_support
import pytest


async def _answer() -> int:
    await asyncio.sleep(0)
    return 42


async def _fails() -> None:
    raise ValueError("from the loop")


def test_runs_beside_a_running_loop() -> None:
    async def outer() -> int:  # a loop is running in this thread, as Playwright's is
        coro = _answer()
        with pytest.raises(RuntimeError):
            asyncio.run(coro)  # what the tests used to do
        coro.close()
        return async_support.run(_answer())

    # outer's own loop too: in a full run Playwright's loop may already run in this thread
    assert async_support.run(outer()) == 42


def test_the_coroutines_exception_is_raised_here() -> None:
    with pytest.raises(ValueError, match="from the loop"):
        async_support.run(_fails())
