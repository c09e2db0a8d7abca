"""`hoiku serve` prepares the case exercise for the group it expects and says when it is
ready (issue 13): a real server, a real browser.

The server is started as the README's run command starts it, with one option: `--expect 4`,
a small group, so that its pool fills in seconds. That the command without options expects
30 and fills a pool of 30 is checked in tests/unit/test_serve_pool.py; filling 30 kernels
and serving 30 arrivals is bench/serve_bench.py's job (about 90 s of a two-core machine,
too much for every test run). No timing is asserted.
"""

from __future__ import annotations

import re
import time

import pytest
from e2e_support import WIDGET_TIMEOUT_MS, has_notebook, serve_process

from hoiku_lib.i18n import t, tn

READY_WAIT_S = 600
GROUP = 4


def test_the_server_says_when_it_is_ready_for_the_group_and_serves_the_case(
    tmp_path, new_page
) -> None:  # noqa: ANN001
    if not has_notebook("dashboards/case.ipynb"):
        pytest.skip("case dashboard not landed")
    with serve_process(tmp_path, "--lang", "en", "--expect", str(GROUP), pool=None) as server:
        starting = tn("serve.pool.starting", GROUP, "en")
        ready = re.compile(
            re.escape(tn("serve.pool.ready", GROUP, "en", time="TIME")).replace(
                "TIME", r"\d{1,2}:\d{2}"
            )
        )
        deadline = time.monotonic() + READY_WAIT_S
        while time.monotonic() < deadline:
            lines = server.log_lines()
            if any(ready.fullmatch(line) for line in lines):
                break
            time.sleep(1)
        lines = server.log_lines()
        assert starting in lines
        assert any(ready.fullmatch(line) for line in lines), lines[-20:]
        # the page limit (at least 40 pages, whatever the group) and its memory were said before
        ceiling = tn("ws.capacity", 40, "en", gb="GB").split("GB")[0]
        assert any(line.startswith(ceiling) for line in lines)
        page = new_page()
        page.goto(server.dashboard("case", "en"), wait_until="commit")
        page.wait_for_selector(".hoiku-case .hoiku-start", timeout=WIDGET_TIMEOUT_MS)
        assert t("serve.dashboard.case.title", "en") in page.title()
