"""`hoiku serve` as a server: offline pages, only the named notebooks, safe defaults."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from e2e_support import ROOT, WIDGET_TIMEOUT_MS, has_notebook

from hoiku_lib.i18n import t


def _status(url: str) -> int:
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


@pytest.mark.parametrize("key", ["refcard", "case", "trainer"])
def test_dashboard_loads_nothing_from_outside_the_server(server, new_page, key: str) -> None:
    """Offline venue: every request of a dashboard page goes to this server."""
    if not has_notebook(f"dashboards/{key}.ipynb"):
        pytest.skip(f"{key} dashboard not landed")
    page = new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda req: (
            None if req.url.startswith((server.url, "data:", "blob:")) else outside.append(req.url)
        ),
    )
    page.goto(server.dashboard(key))
    page.wait_for_selector(".hoiku-app", timeout=WIDGET_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert outside == []
    html = page.content()
    assert "cdn.jsdelivr.net" not in html


def test_only_the_named_notebooks_are_served(server) -> None:
    """No directory listing, no contents API, no other notebook, no template override."""
    assert _status(server.url + "voila/tree") == 302
    assert _status(server.url + "voila/api/contents/") == 404
    assert _status(server.url + "voila/render/dashboards/nope.ipynb") == 404
    assert _status(server.url + "voila/render/../pyproject.toml") == 404
    assert _status(server.url + "voila/files/audit.ipynb") in (403, 404)


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hoiku_lib.serve", "--no-browser", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"HOIKU_LANG": "en", "PATH": "/usr/bin:/bin"},
    )


def test_refuses_a_network_address_without_a_passcode() -> None:
    """Binding beyond loopback without --token stops with a plain sentence, no traceback."""
    proc = _serve("--host", "0.0.0.0", "--port", "1")
    assert proc.returncode == 2
    assert proc.stderr.strip() == t("serve.error.token_required", "en", host="0.0.0.0")


def test_refuses_the_audit_notebook_off_loopback() -> None:
    """Record samples stay on the quality officer's own machine."""
    proc = _serve("--host", "0.0.0.0", "--token", "auto", "--with-audit", "--port", "1")
    assert proc.returncode == 2
    assert proc.stderr.strip() == t("serve.error.audit_loopback", "en")
    assert "Traceback" not in proc.stderr


def test_a_passcode_keeps_strangers_out() -> None:
    """With --token, pages need it (once: a cookie follows); without it → the login page."""
    import os
    import signal
    import time

    from e2e_support import _free_port, _wait_ready

    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hoiku_lib.serve",
            "--no-browser",
            "--pool",
            "0",
            "--port",
            str(port),
            "--token",
            "workshop-2024",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_ready(base + "voila/static/voila.js?token=workshop-2024", proc)
        assert _status(base) == 302
        assert _status(base + "case") == 302
        assert _status(base + "?token=wrong-one") == 302
        assert _status(base + "?token=workshop-2024") == 200
        time.sleep(0.1)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    assert "token=workshop-2024" in (proc.stdout.read() if proc.stdout else "")
