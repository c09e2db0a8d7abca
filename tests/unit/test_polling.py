"""The repeated look-up on the kernel's loop (hoiku_lib/ui/polling.py) and the pages that use it.

A real asyncio loop stands in for the kernel's (``kernel_loop`` is patched to return it);
what must hold: the step runs every period while ``active()`` holds and stops when it does
not, a failing step is logged and the next one still runs, ``stop``/``start(0)`` end it,
and outside a kernel nothing is scheduled at all.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import async_support
import pytest

from hoiku_lib.cases.schema import load_cases
from hoiku_lib.ui import polling, trainer_app
from hoiku_lib.ui.polling import Poller
from hoiku_lib.workshop.store import WorkshopStore

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "cases_good"


@pytest.fixture
def on_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """kernel_loop() returns the running loop, as in a kernel."""
    monkeypatch.setattr(polling, "kernel_loop", asyncio.get_running_loop)


async def _settle(seconds: float = 0.15) -> None:
    await asyncio.sleep(seconds)


def test_steps_while_active_and_stops_when_not(on_loop: None) -> None:
    calls: list[int] = []

    async def run() -> None:
        poller = Poller(lambda: calls.append(1), lambda: len(calls) < 3, "test")
        poller.start(0.01)
        await _settle()
        assert len(calls) == 3  # not one more once active() said no

    async_support.run(run())


def test_a_failing_step_is_logged_and_the_next_one_runs(
    on_loop: None, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    def step() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database busy")

    async def run() -> None:
        poller = Poller(step, lambda: len(calls) < 3, "the look-up")
        poller.start(0.01)
        await _settle()

    with caplog.at_level(logging.ERROR, logger=polling.__name__):
        async_support.run(run())
    assert len(calls) == 3
    assert [r.getMessage() for r in caplog.records] == ["the look-up failed"]


@pytest.mark.parametrize("how", ["stop", "start(0)"])
def test_stop_and_start_zero_end_it(on_loop: None, how: str) -> None:
    calls: list[int] = []

    async def run() -> None:
        poller = Poller(lambda: calls.append(1), lambda: True, "test")
        poller.start(0.01)
        await _settle(0.05)
        poller.stop() if how == "stop" else poller.start(0)
        seen = len(calls)
        await _settle(0.05)
        assert seen > 0 and len(calls) == seen

    async_support.run(run())


def test_outside_a_kernel_nothing_is_scheduled() -> None:
    calls: list[int] = []

    async def run() -> None:
        poller = Poller(lambda: calls.append(1), lambda: True, "test")
        poller.start(0.01)  # kernel_loop() is None here: no IPython kernel
        await _settle(0.05)

    async_support.run(run())
    assert calls == []


def test_the_trainers_auto_refresh_polls_until_switched_off(
    on_loop: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(trainer_app, "REFRESH_SECONDS", 0.01)
    store = WorkshopStore.for_content(tmp_path / "ws.sqlite")
    refreshed: list[int] = []

    async def run() -> None:
        app = trainer_app.TrainerApp(lang="en", cases=load_cases(GOOD), store=store)
        app.case_select.value = "fx_adult_labour"
        app.open_button.click()
        monkeypatch.setattr(app, "refresh", lambda: refreshed.append(1))
        app.auto_refresh.value = True
        await _settle()
        assert refreshed  # refreshed on its own
        app.auto_refresh.value = False
        seen = len(refreshed)
        await _settle(0.05)
        assert len(refreshed) == seen

    try:
        async_support.run(run())
    finally:
        store.dispose()
