"""Benchmark: N workshop participants in separate processes submit at once to one SQLite file.

Prints submissions per second and latencies; checks that every answer was counted once.
Run: .venv/bin/python bench/workshop_concurrency.py [--participants 50] [--db FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import workshop_simulate as simulate  # noqa: E402  (a test helper: tests/workshop_simulate.py)

from hoiku_lib.workshop.store import WorkshopStore


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: temporary)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.sqlite"
        store = WorkshopStore(db)
        codes = store.open_session("bench_case", 1)
        store.dispose()
        start = time.perf_counter()
        results = simulate.run(str(db), codes.join_code, args.participants)
        wall = time.perf_counter() - start
        check = WorkshopStore(db)
        agg = check.aggregates(codes.trainer_code, 0)
        check.dispose()
    latencies = [lat for _, first, second, *_ in results for lat in (first, second)]
    span = max(r[4] for r in results) - min(r[3] for r in results)
    submissions = len(latencies)
    busy = max(latencies)  # the last writer waited for all the others
    want_signs, want_actions = simulate.expected_counts(args.participants)
    ok = agg.answers == args.participants and agg.signs == want_signs
    ok = ok and agg.actions == want_actions
    print(f"participants (processes):   {args.participants}")
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
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
