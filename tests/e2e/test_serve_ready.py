"""`hoiku serve` without options prepares the case exercise for a group and says when it is
ready (issue 13): the README's run command as written, a real server, a real browser.

No timing is asserted (the figures under load are bench/serve_bench.py's); the test waits
as long as a loaded machine needs for the pool of 30 to start.
"""

from __future__ import annotations

import re
import time

import pytest
from e2e_support import WIDGET_TIMEOUT_MS, has_notebook, serve_process

from hoiku_lib.i18n import t, tn

READY_WAIT_S = 900


def _log_lines(log) -> list[str]:  # noqa: ANN001
    return log.read_text(encoding="utf-8", errors="replace").splitlines()


def test_the_default_server_says_it_is_ready_for_thirty_and_serves_the_case(
    tmp_path, new_page
) -> None:  # noqa: ANN001
    if not has_notebook("dashboards/case.ipynb"):
        pytest.skip("case dashboard not landed")
    with serve_process(tmp_path, "--lang", "en", pool=None) as server:
        starting = tn("serve.pool.starting", 30, "en")
        ready = re.compile(
            re.escape(tn("serve.pool.ready", 30, "en", time="TIME")).replace(
                "TIME", r"\d{1,2}:\d{2}"
            )
        )
        deadline = time.monotonic() + READY_WAIT_S
        while time.monotonic() < deadline:
            lines = _log_lines(server.log)
            if any(ready.fullmatch(line) for line in lines):
                break
            time.sleep(1)
        lines = _log_lines(server.log)
        assert starting in lines
        assert any(ready.fullmatch(line) for line in lines), lines[-20:]
        # the page limit and the memory it means were said before
        ceiling = tn("ws.capacity", 40, "en", gb="GB").split("GB")[0]
        assert any(line.startswith(ceiling) for line in lines)
        page = new_page()
        page.goto(server.dashboard("case", "en"), wait_until="commit")
        page.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)
        assert t("serve.dashboard.case.title", "en") in page.title()
