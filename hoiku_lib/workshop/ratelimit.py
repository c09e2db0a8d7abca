"""Wrong join codes and trainer codes: a few tries, then a pause that grows.

A join code is 6 characters of a 31-letter alphabet (about 887 million codes) and a trainer
code 16; what keeps a guesser from walking through them is that each page (one kernel) gets
``MAX_WRONG`` wrong tries within ``WINDOW_S``, then every try — the right code too — is
refused for ``BASE_LOCK_S`` seconds; each further lock doubles that, up to ``MAX_LOCK_S``.
Wrong tries older than ``WINDOW_S`` no longer count, and ``WINDOW_S`` without a wrong one
brings the lock back to its base length. A right code does not wipe the count: otherwise
anyone who knows one code (their own workshop's) could slip it in between guesses and
never be held up. A participant who mistypes twice never notices; a script gets at most 25
wrong tries in any 10 minutes and, once the lock is at its longest, 5 per 5 minutes, per
page; the server's page limit (``--max-pages``) caps the pages.

Pure and clock-injected (stdlib only, no I/O), so the property tests can drive any sequence
of tries through a fake clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_WRONG = 5
WINDOW_S = 600.0
BASE_LOCK_S = 30.0
MAX_LOCK_S = 300.0


@dataclass
class CodeLimiter:
    """Counts wrong codes of one kind on one page; ``wait()`` says how long tries are refused."""

    max_wrong: int = MAX_WRONG
    window_s: float = WINDOW_S
    base_lock_s: float = BASE_LOCK_S
    max_lock_s: float = MAX_LOCK_S
    clock: Callable[[], float] = time.monotonic
    _wrong: list[float] = field(default_factory=list, repr=False)
    _locked_until: float = field(default=-math.inf, repr=False)
    _locks: int = field(default=0, repr=False)
    _last_wrong: float = field(default=-math.inf, repr=False)

    def wait(self) -> float:
        """Seconds until a code may be tried again; 0.0 when it may be tried now."""
        return max(0.0, self._locked_until - self.clock())

    def lock_length(self, nth: int) -> float:
        """How long the ``nth`` lock (1, 2, …) lasts: doubling from the base, capped."""
        return min(self.base_lock_s * 2 ** (nth - 1), self.max_lock_s)

    def wrong(self) -> None:
        """A wrong code was tried (only call it for a try that ``wait()`` allowed)."""
        now = self.clock()
        if now < self._locked_until:
            return  # refused tries are not tries: the code was never looked up
        if now - self._last_wrong >= self.window_s:
            self._locks = 0  # a quiet spell: the next lock is the short one again
        self._last_wrong = now
        self._wrong = [t for t in self._wrong if now - t < self.window_s] + [now]
        if len(self._wrong) >= self.max_wrong:
            self._locks += 1
            self._locked_until = now + self.lock_length(self._locks)
            self._wrong = []


def wait_text(seconds: float, lang: str) -> str:
    """'30 sekunnin kuluttua' / 'om 2 minuter' / 'in 5 minutes' for a lock's remaining time
    (rounded up, so a page never says "try again" while it would still refuse)."""
    from hoiku_lib.i18n import tn

    whole = max(1, math.ceil(seconds))
    if whole < 90:
        return tn("ws.wait_seconds", whole, lang)
    return tn("ws.wait_minutes", math.ceil(whole / 60), lang)
