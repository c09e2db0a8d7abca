"""What a dashboard kernel knows about the page request that opened it.

A preheated Voilà kernel runs the notebook before anyone asks for the page, so the query
string (``?lang=sv``) is not in its environment yet. Voilà hands it over on a websocket
when the page is requested; :func:`request_query` waits for that only in a preheated
kernel, and only once. Call it in the notebook cell AFTER the heavy imports, so those are
preheated and only the cheap part runs when the page is opened.

Lightweight on purpose (stdlib + ``websockets``): importing ``voila`` in a participant
kernel would pull in the Jupyter server. It lives with the widgets, not with the server:
a page learns what it needs (``?lang=``, Accept-Language, the participant id) from the
environment and query its kernel is given, never by importing ``hoiku_lib.serve``.
"""

from __future__ import annotations

import json
import os
from functools import cache
from urllib.parse import parse_qs


def _receive_request_info() -> dict[str, str]:
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect  # only preheated kernels need it

    from hoiku_lib.ui.join import PASSCODE_ENV

    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    kernel_id = os.environ.get("VOILA_KERNEL_ID", "")
    url = f"ws://{host}:{port}{base}voila/query/{kernel_id}"
    # with --token every route needs the passcode, this socket too (hoiku_lib.serve.app)
    passcode = os.environ.get(PASSCODE_ENV, "")
    headers = {"Authorization": f"token {passcode}"} if passcode else None
    try:
        with connect(url, open_timeout=5, additional_headers=headers) as ws:
            # No time limit: a pool kernel may wait an hour for its visitor, and giving up
            # early would serve that visitor the default language instead of theirs.
            payload = ws.recv()
    except (OSError, TimeoutError, WebSocketException):
        return {}
    try:
        info = json.loads(payload)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in info.items()} if isinstance(info, dict) else {}


@cache
def request_query() -> dict[str, str]:
    """The page's query parameters (first value of each); {} outside Voilà."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        os.environ.update(_receive_request_info())
    parsed = parse_qs(os.environ.get("QUERY_STRING", ""))
    return {key: values[0] for key, values in parsed.items() if values}


def participant_id() -> str | None:
    """The browser's anonymous participant id (HOIKU's render handler hands it over from
    the ``hoiku_participant`` cookie as ``$HTTP_X_HOIKU_PARTICIPANT``); None outside Voilà."""
    from hoiku_lib.workshop.ids import ENV, valid_participant_id

    request_query()  # a preheated kernel learns its request (and so the header) here
    value = os.environ.get(ENV)
    return value if valid_participant_id(value) else None
