"""A look-up repeated every few seconds on the IPython kernel's event loop.

The trainer's live count and the projector view both poll the store this way. A widget
callback's exception would end such a loop unseen (ipywidgets and asyncio swallow them), so a
failed look-up (the database busy a moment) is logged and the next one tried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of the IPython kernel this app lives in, else None.

    Outside a kernel (unit tests, scripts) there is no loop that will call back; a loop some
    other library left set as running in this thread (Playwright's sync API does) must not be
    taken for the kernel's, or the look-ups would be queued where nothing runs them.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipykernel brings IPython
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Poller:
    """Calls ``step`` every ``seconds`` while ``active()`` holds, once started."""

    def __init__(self, step: Callable[[], object], active: Callable[[], bool], what: str):
        self._step, self._active, self._what = step, active, what
        self._task: asyncio.Task[None] | None = None

    def start(self, seconds: float) -> None:
        """(Re)start; nothing when ``seconds`` <= 0 or outside a kernel (a plain test)."""
        self.stop()
        if seconds <= 0:
            return
        loop = kernel_loop()
        if loop is not None:
            self._task = loop.create_task(self._run(seconds))

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self, seconds: float) -> None:
        while self._active():
            await asyncio.sleep(seconds)
            try:
                self._step()
            except Exception:
                log.exception("%s failed", self._what)
