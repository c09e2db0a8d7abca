"""Helpers and fixtures of the end-to-end tests (imported by tests/e2e/conftest.py).

One real `hoiku serve` and one real chromium for the whole end-to-end session.

The server runs on a free port on 127.0.0.1 with a throw-away workshop database and is
stopped in ``finally``; readiness is probed on ``/voila/static/voila.js`` because ``GET /``
of a dashboard would start a kernel. Pages are waited on by their ``hoiku-…`` widgets,
never by page load. Screenshots go to ``test-artifacts/`` for a human to look at; no test
compares pixels.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hoiku_lib.package_data import NOTEBOOKS_DIR

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = Path(os.environ.get("HOIKU_E2E_NOTEBOOKS", NOTEBOOKS_DIR))
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: Generous: the first kernel of a dashboard that is not preheated starts cold.
WIDGET_TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve_command() -> list[str]:
    """`hoiku serve` through the project CLI when it has the plugin, else the module."""
    if (ROOT / "hoiku_lib" / "cli.py").is_file():
        return [
            sys.executable,
            "-c",
            "import sys; from hoiku_lib.cli import main; sys.exit(main())",
            "serve",
        ]
    return [sys.executable, "-m", "hoiku_lib.serve"]


def _wait_ready(url: str, proc: subprocess.Popen, deadline_s: float = 60) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"hoiku serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("hoiku serve did not become ready")


def has_notebook(rel: str) -> bool:
    return (NOTEBOOKS / rel).is_file()


class Server:
    """Where the session's server is and what it serves."""

    def __init__(self, url: str, db: Path, log: Path) -> None:
        self.notebooks = NOTEBOOKS
        self.url = url
        self.db = db
        self.log = log

    def dashboard(self, key: str, lang: str = "fi") -> str:
        return f"{self.url}{key}?lang={lang}"

    def log_lines(self) -> list[str]:
        """What the server has written to its terminal so far (Voilà's log included)."""
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def kernel_running(self, kernel_id: str) -> bool:
        """Does the server still run this kernel? (Jupyter's kernel API, no token here.)"""
        try:
            with urllib.request.urlopen(f"{self.url}api/kernels/{kernel_id}", timeout=5):
                return True
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return False
            raise


@contextmanager
def serve_process(tmp: Path, *extra: str, pool: int | None = 2) -> Iterator[Server]:
    """A real `hoiku serve` on a free port with its own workshop database, stopped after
    (``pool=None``: no ``--pool``, the server's own default)."""
    port = _free_port()
    db = tmp / "workshop.sqlite"
    log = tmp / "serve.log"
    cmd = [
        *_serve_command(),
        "--no-browser",
        "--port",
        str(port),
        *(["--pool", str(pool)] if pool is not None else []),
        "--db",
        str(db),
        "--notebooks",
        str(NOTEBOOKS),
        *extra,
    ]
    env = {**os.environ, "HOIKU_DB": str(db), "PYTHONWARNINGS": "ignore"}
    with log.open("wb") as log_fh:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log_fh, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        # with --token every route needs the passcode, the static files too
        token = extra[extra.index("--token") + 1] if "--token" in extra else ""
        query = f"?token={token}" if token else ""
        _wait_ready(f"http://127.0.0.1:{port}/voila/static/voila.js{query}", proc)
        yield Server(f"http://127.0.0.1:{port}/", db, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not (NOTEBOOKS / "dashboards").is_dir():
        pytest.skip("no notebooks/dashboards to serve")
    # Room for the whole session's pages (each test closes its pages, freeing the kernels).
    extra = ["--max-pages", "100"]
    if has_notebook("audit.ipynb"):
        extra.append("--with-audit")
    with serve_process(tmp_path_factory.mktemp("serve"), *extra) as srv:
        yield srv


def close_like_a_person(page, timeout_s: float = 5.0) -> None:  # noqa: ANN001
    """Close a tab as a person does: the page's beforeunload runs (Voilà's shutdown beacon)."""
    if page.is_closed():
        return
    try:
        with page.expect_event("close", timeout=timeout_s * 1000):
            page.close(run_before_unload=True)
    except Exception:  # noqa: BLE001 - a page that will not close is closed with its context
        pass


def page_kernel_id(page) -> str:  # noqa: ANN001
    """The kernel of a Voilà page, from its page config."""
    return page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium missing: run scripts/ensure-browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(params=["desktop", "phone"])
def viewport(request: pytest.FixtureRequest) -> dict[str, int]:
    return DESKTOP if request.param == "desktop" else PHONE


@pytest.fixture
def new_page(browser):  # noqa: ANN001, ANN201
    """Factory: a page in a fresh browser context (own cookies = own participant)."""
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP, locale: str = "fi-FI"):  # noqa: ANN202
        context = browser.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        for page in context.pages:
            close_like_a_person(page)  # frees the page's kernel, as a closed tab does
        time.sleep(0.2)  # let the beacons leave before the context goes
        context.close()


def screenshot(page, name: str) -> Path:  # noqa: ANN001
    """Save a full-page screenshot for review by eye (never compared)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # Voilà's layout keeps the document at viewport height, so full_page alone would
    # cut the dashboard off: grow the viewport to the content for the picture.
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('body, body *')]"
        ".map(e => e.getBoundingClientRect().bottom + window.scrollY))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 20, 6000)})
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


def axe_serious(page) -> list[dict]:  # noqa: ANN001
    """WCAG 2.1 A/AA violations of impact serious or critical on the current page."""
    if not AXE.is_file():
        pytest.skip("axe-core missing: run scripts/ensure-browser.sh")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
               runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
               resultTypes: ['violations']})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["html"][:160] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is an end-to-end test (``-m 'not e2e'`` skips them)."""
    here = Path(__file__).parent
    for item in items:
        module = getattr(item, "module", None)
        if here in Path(str(item.fspath)).parents and getattr(module, "E2E", True):
            item.add_marker(pytest.mark.e2e)


def assert_accessible(page, dashboard: str) -> None:  # noqa: ANN001
    """No serious or critical WCAG 2.1 AA violation on the page as it is now."""
    violations = axe_serious(page)
    assert violations == [], (dashboard, violations)
