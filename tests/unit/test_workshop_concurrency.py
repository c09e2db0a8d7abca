"""Do 50 participants in separate processes, submitting at once, all get counted exactly once?

Timings are not asserted here; bench/workshop_concurrency.py prints them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import workshop_simulate as simulate

from hoiku_lib.workshop.store import WorkshopStore

PARTICIPANTS = 50


@pytest.mark.timeout(300)
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_fifty_processes_submit_at_once(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    db = (
        request.getfixturevalue("postgres_url")
        if backend == "postgresql"
        else str(tmp_path / "ws.sqlite")
    )
    store = WorkshopStore(db)
    codes = store.open_session("case_one", 2)
    store.dispose()
    results = simulate.run(db, codes.join_code, PARTICIPANTS)
    assert [n for n, *_ in results] == list(range(PARTICIPANTS))

    fresh = WorkshopStore(db)  # a new engine on the same file sees everything
    agg = fresh.aggregates(codes.trainer_code, 0)
    signs, actions = simulate.expected_counts(PARTICIPANTS)
    assert agg.answers == PARTICIPANTS
    assert agg.signs == signs and agg.actions == actions
    assert fresh.answer_count(codes.trainer_code) == {0: PARTICIPANTS}
    fresh.dispose()
