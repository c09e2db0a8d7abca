"""Start the configured Voilà application and tell the trainer where it is."""

from __future__ import annotations

import errno
import os
import socket

from hoiku_lib.cli_support import Exit, UserError
from hoiku_lib.formatting import decimal
from hoiku_lib.i18n import t, tn
from hoiku_lib.serve.options import ServeOptions, memory_needed_mb
from hoiku_lib.serve.venue import base_url


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host or "0.0.0.0", port))
        except OSError as exc:
            return exc.errno != errno.EADDRINUSE
    return True


def public_url(opts: ServeOptions) -> str:
    """The address to give participants (with the passcode, so one click logs in): the
    machine's LAN address when bound to every interface, else ``--public-url``/``--host``."""
    url = base_url(opts.host, opts.port, opts.public_url)
    return f"{url}?token={opts.token}" if opts.token else url


def capacity_notice(opts: ServeOptions, lang: str) -> str:
    """How many pages the server takes at once, and the memory that takes."""
    pages = int(opts.max_pages or 0)
    gb = decimal(memory_needed_mb(opts) / 1000, lang, 1)
    return tn("ws.capacity", pages, lang, gb=gb)


def serve(opts: ServeOptions, lang: str) -> int:
    """Serve until stopped; exit code 0 on a normal stop."""
    if not _port_free(opts.host, opts.port):
        raise UserError("serve.error.port_in_use", exit=Exit.INPUT, port=opts.port)
    from hoiku_lib.serve import forkserver, pool
    from hoiku_lib.serve.app import build_app
    from hoiku_lib.serve.kernel import kernelspec_dir

    # the dashboards' kernels start without the debugger (hoiku_lib/serve/kernel.py),
    # forked from one preloaded process (hoiku_lib/serve/forkserver.py)
    fork = forkserver.enabled()
    specs = kernelspec_dir(provisioner=forkserver.PROVISIONER_NAME if fork else None)
    paths = [str(specs), os.environ.get("JUPYTER_PATH", "")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in paths if p)
    app = build_app(opts)
    if fork:  # started after build_app: it inherits the environment the kernels are given
        forkserver.start(specs)
    print(t("serve.started", lang, url=public_url(opts)), flush=True)
    if opts.token:
        print(t("serve.token_notice", lang, token=opts.token), flush=True)
    print(capacity_notice(opts, lang), flush=True)
    print(t("serve.stop_notice", lang), flush=True)
    # the pool refills ahead of the group, and the trainer is told when it is ready
    pool.attach(app, opts, lambda line: print(line, flush=True), lang)
    app.start()
    return Exit.OK
