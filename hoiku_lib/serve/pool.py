"""The case exercise's pool of ready kernels: kept filled ahead of the group, and reported.

Voilà (0.5) starts the whole pool at once when the server starts and, after each page taken
from it, starts the missing kernels again ``fill_delay`` seconds later, always back to the
full ``pool_size``. Two things are added here:

- :func:`attach` makes the refill follow :func:`hoiku_lib.serve.options.refill_target` (the
  expected participants who have not arrived yet, plus a few spare) instead of a second full
  pool behind a group that has already arrived; a check every few seconds also refills after
  pages were closed, so the pool is ready before the next visitor, not after;
- :func:`attach` also keeps a visitor from waiting on a refill that has not begun: Voilà
  hands a visitor the pool's next kernel even while it still sleeps out ``fill_delay``, so
  whoever came right after the pool ran dry waited that delay plus a whole kernel start
  (a CI run timed out on the knowledge test that way). Only kernels that have begun
  starting count as the pool (:func:`begun`); with none, Voilà starts one for the visitor
  at once, as it does without a pool;
- :class:`Readiness` tells the trainer in the terminal how many participants the server is
  ready for, how many pages are still starting, and the time it became ready for the whole
  group ("Valmiina 30 osallistujalle klo 12.41.").

A pool kernel is *ready* when it has run its notebook up to the point where it waits for
its visitor's request (``hoiku_lib.ui.request``): it then holds Voilà's request socket open
(``RequestInfoSocketHandler._waiters``), which is what is counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from babel.dates import format_time

from hoiku_lib.i18n import tn
from hoiku_lib.serve.options import ServeOptions, refill_target, served_notebooks

#: Seconds between two looks at the pool (cheap: a few set operations on the server).
CHECK_EVERY_S = 2.0
#: Progress lines while the pool starts: one per this many more ready participants.
PROGRESS_STEP = 10
_LOCALE = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


def clock(lang: str, now: time.struct_time | None = None) -> str:
    """The time of day as the language writes it (12.41 in Finnish, 12:41 in English)."""
    from datetime import datetime

    stamp = datetime(*(now or time.localtime())[:6])
    return format_time(stamp, "short", locale=_LOCALE.get(lang, "fi_FI"))


@dataclass
class Readiness:
    """What to tell the trainer as the pool fills: pure, so the wording is unit-tested.

    ``expect``: the participants the server is sized for; ``pool``: the kernels started for
    them. :meth:`update` returns the lines to print for the latest count (often none).
    """

    expect: int
    pool: int
    lang: str
    _said: int = -1
    _ready_said: bool = False

    def starting(self) -> str:
        """The line printed when the server starts."""
        return tn("serve.pool.starting", self.pool, self.lang)

    def update(self, ready: int, now: time.struct_time | None = None) -> list[str]:
        target = min(self.expect, self.pool)
        if self._ready_said or target == 0:
            return []
        if ready >= target:
            self._ready_said = True
            return [tn("serve.pool.ready", target, self.lang, time=clock(self.lang, now))]
        step = ready // PROGRESS_STEP * PROGRESS_STEP
        if step > max(self._said, 0):
            self._said = step
            return [tn("serve.pool.progress", step, self.lang, starting=target - step)]
        return []


#: Attribute on a pool task: the monotonic time its refill delay runs out.
_BEGINS_AT = "hoiku_begins_at"


def begun(begins_at: Sequence[float | None], now: float) -> int:
    """How many of a pool's kernels have begun starting by ``now``; ``None`` is a kernel
    started without delay (Voilà's first fill, before :func:`attach` could mark it)."""
    return sum(1 for at in begins_at if at is None or at <= now)


def _begins_at(task: Any) -> float | None:
    return getattr(task, _BEGINS_AT, None)


def _earliest_first(task: Any) -> float:
    at = _begins_at(task)
    return float("-inf") if at is None else at


def _mark_unmarked(km: Any, begins: float) -> None:
    for tasks in km._pools.values():
        for task in tasks:
            if not hasattr(task, _BEGINS_AT):
                setattr(task, _BEGINS_AT, begins)


def never_wait_for_a_sleeping_refill(km: Any) -> None:
    """Count only begun kernels as ``km``'s pool, and hand out the earliest first (see the
    module docstring). Voilà's own ``get_pool_size`` is what its page handler asks."""
    original_fill = km.fill_if_needed
    original_get = km.get_rendered_notebook
    _mark_unmarked(km, time.monotonic())  # Voilà's first fill: started without delay

    def fill_if_needed(delay: float | None = None, *args: Any, **kwargs: Any) -> None:
        original_fill(delay, *args, **kwargs)
        _mark_unmarked(km, time.monotonic() + (km.fill_delay if delay is None else delay))

    def get_pool_size(notebook_name: str) -> int:
        tasks = km._pools.get(notebook_name, ())
        return begun([_begins_at(task) for task in tasks], time.monotonic())

    async def get_rendered_notebook(notebook_name: str, *args: Any, **kwargs: Any) -> Any:
        tasks = km._pools.get(notebook_name)
        if tasks:  # stable: the first begun kernel is the one Voilà pops
            tasks.sort(key=_earliest_first)
        return await original_get(notebook_name, *args, **kwargs)

    km.fill_if_needed = fill_if_needed
    km.get_pool_size = get_pool_size
    km.get_rendered_notebook = get_rendered_notebook


def _case_notebook(opts: ServeOptions) -> str | None:
    return served_notebooks(opts).get("case")


def ready_kernels(kernel_manager: Any, notebook: str) -> int:
    """Kernels of ``notebook``'s pool that wait for a visitor (see the module docstring)."""
    from voila.request_info_handler import RequestInfoSocketHandler

    waiting = set(RequestInfoSocketHandler._waiters)
    ready = 0
    for task in list(getattr(kernel_manager, "_pools", {}).get(notebook, ())):
        if task.done() and not task.cancelled() and task.exception() is None:
            if task.result().get("kernel_id") in waiting:
                ready += 1
    return ready


def attach(app: Any, opts: ServeOptions, say: Callable[[str], None], lang: str) -> None:
    """Make the case pool refill to :func:`refill_target` and report readiness, from the
    moment the server's event loop runs (Voilà makes its kernel manager in ``start``)."""
    from tornado.ioloop import IOLoop

    IOLoop.current().add_callback(_no_waiting, app)
    notebook = _case_notebook(opts)
    if notebook is None or not opts.pool:
        return
    readiness = Readiness(expect=opts.expect, pool=int(opts.pool), lang=lang)
    say(readiness.starting())
    IOLoop.current().add_callback(_watch, app, opts, notebook, readiness, say)


def _no_waiting(app: Any) -> None:
    if hasattr(app.kernel_manager, "fill_if_needed"):  # preheating is on
        never_wait_for_a_sleeping_refill(app.kernel_manager)


def _watch(
    app: Any, opts: ServeOptions, notebook: str, readiness: Readiness, say: Callable[[str], None]
) -> None:
    from tornado.ioloop import PeriodicCallback

    km = app.kernel_manager
    if not hasattr(km, "fill_if_needed"):  # no preheating at all
        return
    occupancy = app.hoiku_occupancy
    original = km.fill_if_needed
    config = km.kernel_pools_config

    def target() -> int:
        return refill_target(opts, occupancy.in_use(km.list_kernel_ids()))

    def fill_if_needed(*args: Any, notebook_name: str | None = None, **kwargs: Any) -> None:
        if notebook_name == notebook:
            config[notebook] = {**config.get(notebook, {}), "pool_size": target()}
        original(*args, notebook_name=notebook_name, **kwargs)

    km.fill_if_needed = fill_if_needed

    def check() -> None:
        for line in readiness.update(ready_kernels(km, notebook)):
            say(line)
        # closed pages leave room: refill now rather than at the next page taken
        if len(km._pools.get(notebook, ())) < target():
            fill_if_needed(notebook_name=notebook)

    PeriodicCallback(check, CHECK_EVERY_S * 1000).start()
