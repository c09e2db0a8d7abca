"""Behind an https:// address the server's cookies are HTTPS only; on plain http they are not.

A trainer who puts `hoiku serve` behind a TLS proxy gives `--public-url https://…`. The
passcode's login cookie, the `_xsrf` cookie and the anonymous participant id must then carry
`Secure`, so a browser never sends them unencrypted. On the usual http:// workshop network
they must not, or browsers would drop them and nobody could log in.
"""

from __future__ import annotations

import urllib.request
from http.client import HTTPResponse
from pathlib import Path

from e2e_support import serve_process

from hoiku_lib.workshop.ids import COOKIE as PARTICIPANT_COOKIE

PASSCODE = "tyopaja-2026"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


def _cookies(url: str) -> dict[str, str]:
    """Each cookie the response sets: name → its whole Set-Cookie line (only the headers
    are read; the page itself is left unread)."""
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        resp: HTTPResponse = opener.open(url, timeout=60)
    except urllib.error.HTTPError as err:  # a redirect still sets its cookies
        resp = err  # type: ignore[assignment]
    try:
        lines = resp.headers.get_all("Set-Cookie") or []
    finally:
        resp.close()
    return {line.split("=", 1)[0]: line for line in lines}


def _secure(line: str) -> bool:
    return "secure" in [part.strip().lower() for part in line.split(";")]


def _login_and_case_cookies(tmp: Path, *extra: str) -> dict[str, str]:
    with serve_process(tmp, "--token", PASSCODE, *extra, pool=0) as srv:
        login = _cookies(f"{srv.url}?token={PASSCODE}")
        case = _cookies(f"{srv.url}voila/render/dashboards/case.ipynb?token={PASSCODE}")
    return {**login, **case}


def test_behind_https_every_cookie_is_https_only(tmp_path: Path) -> None:
    cookies = _login_and_case_cookies(tmp_path, "--public-url", "https://tyopaja.example.fi/")
    login = [name for name in cookies if name.startswith("username-")]
    assert login and PARTICIPANT_COOKIE in cookies and "_xsrf" in cookies
    assert all(_secure(line) for line in cookies.values()), sorted(cookies)


def test_on_plain_http_no_cookie_asks_for_https(tmp_path: Path) -> None:
    cookies = _login_and_case_cookies(tmp_path)
    assert PARTICIPANT_COOKIE in cookies and "_xsrf" in cookies
    assert not any(_secure(line) for line in cookies.values()), sorted(cookies)
