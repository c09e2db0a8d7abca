"""Benchmark: N workshop participants in separate processes submit at once to one database.

Prints submissions per second and latencies; checks that every answer was counted once. Runs on
a temporary SQLite file and, where Debian's PostgreSQL is installed (./dev test installs it), on
a throw-away PostgreSQL server started for the run (tests/pg_server.py), one after the other.
Run: .venv/bin/python bench/workshop_concurrency.py [--participants 50] [--db FILE | --url URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import pg_server  # noqa: E402  (a test helper: tests/pg_server.py)
import workshop_simulate as simulate  # noqa: E402  (a test helper: tests/workshop_simulate.py)

from hoiku_lib.workshop.store import WorkshopStore


def measure(url: str, participants: int) -> bool:
    """Run the crowd against one database URL (or SQLite path) and print its figures."""
    store = WorkshopStore(url)
    codes = store.open_session("bench_case", 1)
    store.dispose()
    start = time.perf_counter()
    results = simulate.run(str(url), codes.join_code, participants)
    wall = time.perf_counter() - start
    check = WorkshopStore(url)
    agg = check.aggregates(codes.trainer_code, 0)
    check.dispose()
    latencies = [lat for _, first, second, *_ in results for lat in (first, second)]
    span = max(r[4] for r in results) - min(r[3] for r in results)
    submissions = len(latencies)
    busy = max(latencies)  # the last writer waited for all the others
    want_signs, want_actions = simulate.expected_counts(participants)
    ok = agg.answers == participants and agg.signs == want_signs
    ok = ok and agg.actions == want_actions
    print(f"participants (processes):   {participants}")
    print(f"submissions (incl. replace): {submissions}")
    print(f"answers counted:            {agg.answers} ({'all, none twice' if ok else 'MISMATCH'})")
    print(f"wall time incl. spawn:      {wall:.2f} s")
    print(
        f"throughput:                 {submissions / span:.0f} submissions/s "
        f"({submissions} in {span:.2f} s, first start to last finish)"
    )
    print(
        f"latency median / p95 / max: {statistics.median(latencies) * 1000:.1f} / "
        f"{statistics.quantiles(latencies, n=20)[-1] * 1000:.1f} / {busy * 1000:.1f} ms"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: temporary)")
    parser.add_argument("--url", default=None, help="a database URL instead of both defaults")
    args = parser.parse_args()
    if args.db or args.url:
        return 0 if measure(args.url or str(args.db), args.participants) else 1
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        print("== SQLite (a temporary file)")
        ok = measure(str(Path(tmp) / "bench.sqlite"), args.participants) and ok
    if pg_server.available():
        with pg_server.postgres_server() as url:
            print("== PostgreSQL (a throw-away server, psycopg 3)")
            ok = measure(url, args.participants) and ok
    else:
        print("== PostgreSQL: not installed here (./dev test installs it); skipped")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
