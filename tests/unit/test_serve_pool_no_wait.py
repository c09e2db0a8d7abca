"""A visitor never waits on a pool refill that has not begun (hoiku_lib.serve.pool).

Voilà refills a pool ``fill_delay`` seconds after a page takes a kernel, but counts the
sleeping refill as part of the pool at once, so the next visitor was handed it and waited
the delay plus a kernel start (a CI run timed out on the knowledge test that way). These
tests drive Voilà's own preheating kernel manager; only the kernel start is replaced, by
an instant one, since what is tested is which pool entry a visitor is given.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace

import async_support
from hypothesis import given, settings
from hypothesis import strategies as st
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Unicode
from traitlets.config import Configurable
from voila.voila_kernel_manager import voila_kernel_manager_factory

from hoiku_lib.serve.pool import begun, never_wait_for_a_sleeping_refill

LONG_DELAY_S = 3600.0  # a refill that surely has not begun while the test runs


class _Parent(Configurable):
    """What Voilà's kernel manager reads from its application."""

    root_dir = Unicode()
    notebook_path = Unicode()
    base_url = "/"
    server_url = "/"
    port = 8866


PreheatingManager = voila_kernel_manager_factory(
    AsyncMappingKernelManager, preheat_kernel=True, default_pool_size=1
)


class _InstantKernels(PreheatingManager):  # type: ignore[misc, valid-type]
    """Voilà's manager with an instant kernel start: numbered ids, an already-rendered page."""

    started = 0

    async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kw: object):  # noqa: ANN202
        self.started += 1
        done = asyncio.get_running_loop().create_future()
        done.set_result(([], None))
        renderer = SimpleNamespace(stop_generator=False, rendered_cache=[])
        return {"task": done, "renderer": renderer, "kernel_id": f"k{self.started}"}


def _manager(tmp_path: Path, patched: bool):  # noqa: ANN202
    notebook = tmp_path / "quiz.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    parent = _Parent(root_dir=str(tmp_path), notebook_path=str(notebook))
    km = _InstantKernels(parent=parent, fill_delay=LONG_DELAY_S)
    km.started = 0  # the first fill's task has not run yet: it becomes k1
    if patched:
        never_wait_for_a_sleeping_refill(km)
    return km, "quiz.ipynb"


def _cancel_all(km) -> None:  # noqa: ANN001
    for tasks in km._pools.values():
        for task in tasks:
            task.cancel()


def test_after_the_last_ready_kernel_the_next_visitor_gets_a_fresh_one(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, int, int]:
        km, nb = _manager(tmp_path, patched=True)
        before = km.get_pool_size(nb)
        await km.get_rendered_notebook(nb)  # the first visitor takes the ready kernel
        after = km.get_pool_size(nb)  # Voilà's handler starts a kernel at once on 0
        sleeping = len(km._pools[nb])
        _cancel_all(km)
        return before, after, sleeping

    before, after, sleeping = async_support.run(scenario())
    assert (before, after) == (1, 0)
    assert sleeping == 1  # the refill is still there, and fills the pool later


def test_without_the_rule_voila_hands_out_the_sleeping_refill(tmp_path: Path) -> None:
    """The same steps with Voilà alone: the sleeping refill counts as a ready kernel."""

    async def scenario() -> int:
        km, nb = _manager(tmp_path, patched=False)
        await km.get_rendered_notebook(nb)
        size = km.get_pool_size(nb)
        _cancel_all(km)
        return size

    assert async_support.run(scenario()) == 1


def test_a_begun_kernel_is_handed_out_before_an_earlier_sleeping_one(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, str, int]:
        km, nb = _manager(tmp_path, patched=True)
        await km.get_rendered_notebook(nb)  # leaves a refill sleeping an hour
        km.kernel_pools_config = {nb: {"pool_size": 2}}
        km.fill_if_needed(delay=0, notebook_name=nb)  # one more, begun now
        size = km.get_pool_size(nb)
        _task, _cache, kernel_id = await km.get_rendered_notebook(nb)
        left = km.get_pool_size(nb)
        _cancel_all(km)
        return size, kernel_id, left

    size, kernel_id, left = async_support.run(scenario())
    assert size == 1
    assert kernel_id == "k2"  # not the sleeping refill (k1 was the first visitor's)
    assert left == 0


@settings(deadline=None)  # a loaded CI worker must not fail a pure rule on time
@given(
    st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6))),
    st.floats(-1e6, 1e6),
    st.floats(0, 1e6),
)
def test_begun_counts_what_has_begun_and_only_grows_with_time(
    begins_at: list[float | None], now: float, later_by: float
) -> None:
    count = begun(begins_at, now)
    assert 0 <= count <= len(begins_at)
    assert count >= sum(at is None for at in begins_at)
    assert begun(begins_at, now + later_by) >= count
    assert begun(begins_at, max([now, *(at for at in begins_at if at is not None)])) == len(
        begins_at
    )
