"""What `hoiku serve` may do, decided before anything starts.

Pure functions so the security rules (a token off loopback, the audit notebook only on
loopback) are unit-tested without a server.
"""

from __future__ import annotations

import ipaddress
import math
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from hoiku_lib.serve.venue import base_url, valid_public_url
from hoiku_lib.ui.join import PASSCODE_ENV, PUBLIC_URL_ENV
from hoiku_lib.workshop.ids import HEADER as PARTICIPANT_HEADER

#: Dashboards a workshop participant or trainer opens, in the order the landing page
#: lists them. Paths are relative to the served notebooks directory.
DASHBOARDS: tuple[tuple[str, str], ...] = (
    ("refcard", "dashboards/refcard.ipynb"),
    ("case", "dashboards/case.ipynb"),
    ("quiz", "dashboards/quiz.ipynb"),
    ("trainer", "dashboards/trainer.ipynb"),
    # the trainer's projector: opened from the console's link (?view=KEY), read-only
    ("present", "dashboards/present.ipynb"),
)
#: The quality officers' notebook: served only with --with-audit, only on loopback.
AUDIT: tuple[str, str] = ("audit", "audit.ipynb")
#: Participant dashboards get preheated kernels; the trainer console and audit do not.
#: The whole group opens the case exercise at the trainer's signal, so it gets the full
#: pool; the reference card is opened now and then, so a couple of kernels suffice.
#: The knowledge test is opened by the group twice a workshop, so a couple of kernels too.
PARTICIPANT_DASHBOARDS: frozenset[str] = frozenset({"refcard", "case", "quiz"})
POOL_CAP: dict[str, int] = {"refcard": 2, "quiz": 2}

#: Passcode alphabet without look-alikes (0/o, 1/l/i) so it can be read off a projector.
_PASSCODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
AUTO_TOKEN = "auto"
#: Seconds before a used preheated kernel is replaced (bench/serve_bench.py).
REFILL_DELAY_S = 15.0
#: Participants `hoiku serve` is ready for without any option (issue 13: the README's run
#: command serves a group of 30 arriving within 5 s). `--expect N` for another group size.
DEFAULT_EXPECT = 30
#: Kept ready beyond the group, as a share of it (at least SPARE_MIN): late-comers and
#: reloads get a ready page without a second full pool being started behind the group.
SPARE_SHARE = 0.05
SPARE_MIN = 2
#: Extra pages beyond --max-pages for the trainer console and the audit, so a trainer who
#: reloads the console in a full room still gets in.
TRAINER_RESERVE = 2
#: Memory of one dashboard kernel, for the figure said at start and the refusal of a group
#: the computer cannot hold: 30.5 MB PSS per kernel forked from the fork server with 8
#: kernels, 26.5 MB with 104 (bench/serve_bench.py --kernels; hoiku_lib/serve/forkserver.py),
#: with room for a page in use.
KERNEL_MB = 34
#: The same for kernels started as new interpreters (``HOIKU_SERVE_FORK=0``, or no fork on
#: the system): 44.1 MB PSS each with 8 kernels, with the same room.
KERNEL_MB_UNFORKED = 46
#: The environment variable that turns the fork server off (hoiku_lib/serve/forkserver.py).
FORK_ENV = "HOIKU_SERVE_FORK"


def forking(env: dict[str, str] | None = None) -> bool:
    """Are kernels forked? Yes where the system can fork, unless ``HOIKU_SERVE_FORK=0``."""
    value = (os.environ if env is None else env).get(FORK_ENV, "").strip()
    return hasattr(os, "fork") and value != "0"


def kernel_mb(env: dict[str, str] | None = None) -> int:
    """One kernel's memory as this server will start them: the start message and the
    refusal of a group too big for the computer must not understate it."""
    return KERNEL_MB if forking(env) else KERNEL_MB_UNFORKED


def memory_needed_mb(opts: ServeOptions) -> float:
    """The memory of every page the server takes at once: one figure for the start message
    and for the refusal of a group too big for the computer."""
    return kernels_at_most(opts) * kernel_mb()


class ServeRefused(Exception):
    """The requested configuration is unsafe; ``key`` names the serve.po message."""

    def __init__(self, key: str, **fmt: object) -> None:
        super().__init__(key)
        self.key = key
        self.fmt = fmt


@dataclass
class ServeOptions:
    """Everything `hoiku serve` was asked for, after validation."""

    notebooks_dir: Path
    host: str = "127.0.0.1"
    port: int = 8866
    open_browser: bool = True
    #: participants arriving at once (--expect); sizes the pool and the page ceiling
    expect: int = DEFAULT_EXPECT
    #: case-exercise kernels started in advance (--pool); None = expect
    pool: int | None = None
    token: str = ""
    lang: str | None = None
    db: str | None = None
    with_audit: bool = False
    #: pages served at once (kernels in use; the waiting pool comes on top); None = default
    max_pages: int | None = None
    cull_idle_timeout: int = 1800
    cull_interval: int = 60
    extra_env: dict[str, str] = field(default_factory=dict)
    #: the address participants use (--public-url); None = this machine's (venue.base_url)
    public_url: str | None = None


def is_loopback(host: str) -> bool:
    """True only for addresses that other machines cannot reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name or '' (all interfaces): treat as reachable


def new_passcode(length: int = 10) -> str:
    """A random passcode that is easy to read aloud and type on a phone."""
    return "".join(secrets.choice(_PASSCODE_ALPHABET) for _ in range(length))


def physical_memory_mb() -> float | None:
    """This computer's memory (None where the system does not say)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (ValueError, OSError, AttributeError):
        return None


def validate(opts: ServeOptions, memory_mb: float | None = None) -> ServeOptions:
    """Refuse unsafe or impossible combinations; generate the token when asked (``--token
    auto``). ``memory_mb``: the computer's memory (default: asked from the system)."""
    if opts.token == AUTO_TOKEN:
        opts.token = new_passcode()
    if opts.expect < 1:
        raise ServeRefused("serve.error.expect")
    if opts.pool is None:
        opts.pool = opts.expect
    if opts.pool < 0:
        raise ServeRefused("serve.error.pool")
    if opts.max_pages is None:
        opts.max_pages = ceiling_for(opts.expect, opts.pool)
    if opts.max_pages < 1:
        raise ServeRefused("serve.error.max_pages")
    have = physical_memory_mb() if memory_mb is None else memory_mb
    need = memory_needed_mb(opts)
    if have is not None and need > have:
        raise ServeRefused(
            "serve.error.memory", pages=opts.max_pages, need=need / 1000, have=have / 1000
        )
    if not is_loopback(opts.host) and not opts.token:
        raise ServeRefused("serve.error.token_required", host=opts.host)
    if opts.token and len(opts.token) < 8:
        raise ServeRefused("serve.error.token_short")
    if opts.with_audit and not is_loopback(opts.host):
        raise ServeRefused("serve.error.audit_loopback")
    if opts.public_url is not None and not valid_public_url(opts.public_url):
        raise ServeRefused("serve.error.public_url")
    if not (opts.notebooks_dir / "dashboards").is_dir():
        raise ServeRefused("serve.error.no_dashboards", path=opts.notebooks_dir / "dashboards")
    if opts.with_audit and not (opts.notebooks_dir / AUDIT[1]).is_file():
        raise ServeRefused("serve.error.no_audit", path=opts.notebooks_dir)
    return opts


def spare(expect: int) -> int:
    """Kernels kept ready beyond the expected group (late-comers, reloads)."""
    return max(SPARE_MIN, math.ceil(expect * SPARE_SHARE))


def ceiling_for(expect: int, pool: int) -> int:
    """``--max-pages`` when not given: the group, its spare and the reference card's and the
    knowledge test's pages, at least 40 (an ordinary laptop holds 40 sessions, and a trainer
    trying it out alone must not be refused a group of 30), and never below the pool."""
    others = sum(POOL_CAP.values())
    return max(40, expect + spare(expect) + others, pool)


def kernels_at_most(opts: ServeOptions) -> int:
    """Sessions running with every page open: the ceiling, the spare kept ready for the
    next arrival, and the small pools of the other participant pages."""
    pool = int(opts.pool or 0)
    others = sum(min(pool, cap) for cap in POOL_CAP.values())
    return int(opts.max_pages or 0) + min(pool, spare(opts.expect)) + others


def refill_target(opts: ServeOptions, pages_open: int) -> int:
    """How many ready case-exercise kernels to hold while ``pages_open`` pages are served.

    Voilà refills a pool to its full size after every page taken from it; after a group of
    100 took 100, that would start 100 more (another 5 GB on a laptop). HOIKU keeps ready
    whoever of the expected group has not arrived yet, plus a few spare, and no more than
    the pool or the ceiling allow.
    """
    pool = int(opts.pool or 0)
    if pool == 0:
        return 0
    wanted = max(opts.expect - pages_open, 0) + min(pool, spare(opts.expect))
    room = max(int(opts.max_pages or 0) - pages_open, 0)
    return max(0, min(pool, wanted, room))


def served_notebooks(opts: ServeOptions) -> dict[str, str]:
    """Dashboard id → notebook path (relative to notebooks_dir) for those that exist."""
    found = {key: rel for key, rel in DASHBOARDS if (opts.notebooks_dir / rel).is_file()}
    if opts.with_audit:
        found[AUDIT[0]] = AUDIT[1]
    return found


def secure_cookies(opts: ServeOptions) -> bool:
    """Are the server's cookies sent over HTTPS only? Yes when the participants reach it at
    an ``https://`` address (``--public-url``, a TLS proxy in front): the passcode's login
    cookie and the anonymous participant id must then never travel unencrypted."""
    return bool(opts.public_url) and urlsplit(str(opts.public_url)).scheme == "https"


def voila_config(opts: ServeOptions) -> dict[str, dict[str, object]]:
    """Traitlets configuration for the Voilà application, as plain data.

    Plain nested dicts (class → trait → value) so a unit test can read the exact settings
    and compare them with Voilà's documentation; ``app`` turns them into a Config.
    """
    notebooks = served_notebooks(opts)
    pool = int(opts.pool or 0)
    pools: dict[str, dict[str, int]] = {"default": {"pool_size": 0}}
    for key, rel in notebooks.items():
        if key in PARTICIPANT_DASHBOARDS:
            pools[rel] = {"pool_size": min(pool, POOL_CAP.get(key, pool))}
    config: dict[str, dict[str, object]] = {
        "Voila": {
            "ip": opts.host,
            "port": opts.port,
            "port_retries": 0,
            "open_browser": opts.open_browser,
            "token": opts.token,
            "root_dir": str(opts.notebooks_dir),
        },
        "VoilaConfiguration": {
            "strip_sources": True,
            "show_tracebacks": False,
            "allow_template_override": "NO",
            "allow_theme_override": "NO",
            "template": "lab",
            "file_allowlist": [],
            "preheat_kernel": pool > 0,
            # the browser's languages reach the kernel as $HTTP_ACCEPT_LANGUAGE, so a
            # dashboard opened without ?lang= speaks the visitor's language; the anonymous
            # participant id as $HTTP_X_HOIKU_PARTICIPANT (set by HOIKU's render handler
            # from its cookie, never taken from the browser's own headers)
            "http_header_envs": ["Accept-Language", PARTICIPANT_HEADER],
        },
        "VoilaExecutor": {"iopub_timeout": 30},
        # Kernels talk to the server over Unix sockets in Voilà's private connection folder,
        # not TCP ports on 127.0.0.1: no port race when 30 or 100 kernels start at once
        # (measured: a heartbeat's "Address already in use"), and no port another local
        # user can reach.
        "KernelManager": {"transport": "ipc"},
        "MappingKernelManager": {
            "cull_idle_timeout": opts.cull_idle_timeout,
            "cull_interval": opts.cull_interval,
            # A participant listening to the trainer keeps the page open but idle: only
            # kernels whose page is closed are culled.
            "cull_connected": False,
            "cull_busy": False,
        },
        # Refill the pool only after the crowd has its pages: on 2 cores, starting new
        # kernels at once competes with the participants who are arriving (measured).
        "VoilaKernelManager": {"kernel_pools_config": pools, "fill_delay": REFILL_DELAY_S},
    }
    if secure_cookies(opts):  # the login, _xsrf and participant cookies: HTTPS only
        config["Voila"]["tornado_settings"] = {"xsrf_cookie_kwargs": {"secure": True}}
        config["IdentityProvider"] = {"cookie_options": {"secure": True}}
    return config


def kernel_env(opts: ServeOptions) -> dict[str, str]:
    """Environment variables every dashboard kernel inherits from the server."""
    env = dict(opts.extra_env)
    if opts.db:
        env["HOIKU_DB"] = opts.db
    if opts.lang:
        env["HOIKU_LANG"] = opts.lang
    # the trainer console's join link and QR code (hoiku_lib/serve/venue.py)
    env[PUBLIC_URL_ENV] = base_url(opts.host, opts.port, opts.public_url)
    if opts.token:
        env[PASSCODE_ENV] = opts.token
    # A preheated kernel asks the server for its page request over a websocket; Voilà
    # defaults that address to 127.0.0.1, which is wrong when bound to one other address.
    if opts.host not in ("", "0.0.0.0", "::"):
        env["VOILA_APP_IP"] = "127.0.0.1" if is_loopback(opts.host) else opts.host
    return env
