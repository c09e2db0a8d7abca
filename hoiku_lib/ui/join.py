"""The workshop's join link, as the trainer's kernel builds it for the QR code.

`hoiku serve` hands every dashboard kernel the address participants use
(``$HOIKU_PUBLIC_URL``, see ``hoiku_lib.serve.venue``) and, when it has one, its passcode
(``$HOIKU_PASSCODE``). Stdlib only: no page imports the server.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

#: The server's base address for participants, handed to every dashboard kernel.
PUBLIC_URL_ENV = "HOIKU_PUBLIC_URL"
#: The server's passcode (``--token``), for the join link's QR code (docs/serve.md).
PASSCODE_ENV = "HOIKU_PASSCODE"
#: The query parameter of the case page that joins a workshop (``/case?join=K7PX2M``).
JOIN_PARAM = "join"


def join_link(join_code: str, base: str | None = None, passcode: str | None = None) -> str:
    """The case page that joins workshop ``join_code`` when opened; "" when the server's
    address is unknown (a console not started by `hoiku serve`). ``passcode`` logs the
    phone in to a server started with ``--token`` (Jupyter reads ``?token=`` on any page)."""
    base = base if base is not None else os.environ.get(PUBLIC_URL_ENV, "")
    if not base:
        return ""
    passcode = passcode if passcode is not None else os.environ.get(PASSCODE_ENV, "")
    query = {JOIN_PARAM: join_code}
    if passcode:
        query["token"] = passcode
    return f"{base.rstrip('/')}/case?{urlencode(query)}"
