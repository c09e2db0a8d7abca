"""With `hoiku serve --token`, does every route want the passcode?

One real server with a passcode and a preheated case kernel; real HTTP requests to each
kind of route, without the passcode, with a wrong one and with the right one, and real
websocket attempts on a real kernel's channels and on the preheated kernel's request socket.
The pages redirect to the passcode form; everything else answers 403; only the passcode
form and the five stock files it shows are open.
"""

from __future__ import annotations

import stat
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import pytest
from e2e_support import (
    WIDGET_TIMEOUT_MS,
    Server,
    close_like_a_person,
    page_kernel_id,
    serve_process,
)

from hoiku_lib.i18n import t

PASS = "room-passcode-42"
#: a kernel id no server has (fixed, so that every test worker collects the same test ids)
FAKE = str(uuid.UUID(int=0x5EED))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None):  # noqa: ANN201
    """(status, Location header) of one request, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect())
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as resp:
            return resp.status, resp.headers.get("Location")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location")


def ws_status(url: str, headers: dict[str, str] | None = None) -> int:
    """101 when the websocket opens, else the HTTP status the server refused it with
    (the sync client: Playwright's sync API keeps an event loop running in this thread)."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    try:
        with connect(url, open_timeout=20, additional_headers=headers):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve_process(tmp_path_factory.mktemp("gated"), "--token", PASS, pool=1) as srv:
        yield srv


@pytest.fixture
def gated(served: Server) -> str:
    return served.url


#: Pages: without the passcode, a redirect to the passcode form.
PAGES = ["", "case", "refcard", "trainer", "voila/render/dashboards/refcard.ipynb"]
#: Every other kind of route: (path, status with the passcode); 403 without it.
OTHERS = [
    ("voila/static/voila.js", 200),
    ("voila/templates/lab/static/index.css", 200),
    ("voila/labextensions/@jupyter-widgets/jupyterlab-manager/package.json", 200),
    ("voila/api/themes/@jupyterlab/theme-light-extension/index.css", 200),
    ("static/style/index.css", 404),
    ("voila/files/audit.ipynb", 403),
    (f"api/kernels/{FAKE}", 404),
    ("api/kernels", 404),
    ("api/contents", 404),
    ("api/status", 404),
    ("voila/tree", 302),
    ("logout", 404),
    ("no/such/place", 404),
]
#: Open to anyone: the passcode form and what it shows.
OPEN = [
    "login",
    "voila/static/favicon.ico",
    "voila/static/style/bootstrap.min.css",
    "voila/static/style/bootstrap-theme.min.css",
    "voila/static/style/index.css",
    "voila/static/logo/logo.png",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_without_the_passcode_goes_to_the_passcode_form(gated: str, path: str) -> None:
    for query in ("", "?token=wrong-passcode"):
        status, location = fetch(gated + path + query)
        assert status == 302 and location.startswith("/login?next="), (path, query)


@pytest.mark.parametrize("path", ["", "case?lang=sv", "trainer"])
def test_a_page_with_the_passcode_is_served(gated: str, path: str) -> None:
    joiner = "&" if "?" in path else "?"
    status, location = fetch(f"{gated}{path}{joiner}token={PASS}")
    if path == "":
        assert status == 200
    else:  # the short address leads to the dashboard (the passcode goes with the cookie)
        assert status == 302 and location.startswith("/voila/render/dashboards/")


@pytest.mark.parametrize(("path", "with_passcode"), OTHERS)
def test_every_other_route_refuses_without_the_passcode(
    gated: str, path: str, with_passcode: int
) -> None:
    assert fetch(gated + path)[0] == 403
    assert fetch(gated + path + "?token=wrong-passcode")[0] == 403
    assert fetch(gated + path, headers={"Authorization": "token wrong-passcode"})[0] == 403
    assert fetch(f"{gated}{path}?token={PASS}")[0] == with_passcode
    assert fetch(gated + path, headers={"Authorization": f"token {PASS}"})[0] == with_passcode


def test_the_unload_beacon_needs_the_passcode(gated: str) -> None:
    assert fetch(f"{gated}voila/api/shutdown/{FAKE}", method="POST")[0] == 403


@pytest.mark.parametrize("path", OPEN)
def test_the_passcode_form_and_its_stock_files_are_open(gated: str, path: str) -> None:
    assert fetch(gated + path)[0] == 200


def test_websockets_need_the_passcode(gated: str, browser) -> None:  # noqa: ANN001
    """A real case page (preheated kernel): it works in the browser with the passcode,
    in the language asked for, so its kernel got its request over the gated socket; the
    same kernel's channels refuse a websocket without the passcode."""
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    try:
        page.goto(f"{gated}case?lang=sv&token={PASS}")
        page.wait_for_selector(".hoiku-join", timeout=WIDGET_TIMEOUT_MS)
        assert page.inner_text(".hoiku-join") == t("case.join", "sv")
        kernel = page_kernel_id(page)
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
        ws = gated.replace("http://", "ws://")
        channels = f"{ws}api/kernels/{kernel}/channels"
        assert ws_status(channels) == 403
        assert ws_status(channels + "?token=wrong-passcode") == 403
        assert ws_status(channels, {"Cookie": cookies}) == 101
        query = f"{ws}voila/query/{FAKE}"
        assert ws_status(query) == 403
        assert ws_status(query, {"Authorization": "token wrong-passcode"}) == 403
        assert ws_status(query, {"Authorization": f"token {PASS}"}) == 101
    finally:
        close_like_a_person(page)
        context.close()


def test_the_server_without_a_passcode_stays_open(server) -> None:  # noqa: ANN001
    """On one's own computer (no --token) nothing changes: no form, no 403."""
    assert fetch(server.url)[0] == 200
    assert fetch(server.url + "voila/static/voila.js")[0] == 200
    assert fetch(server.url + "no/such/place")[0] == 404


def test_the_server_makes_its_database_private_before_any_kernel(served: Server) -> None:
    """`hoiku serve --db new.sqlite` creates the file -rw------- at start, before any page
    opens the store (the tests run under the usual umask 0022)."""
    assert stat.S_IMODE(served.db.stat().st_mode) == 0o600
