"""Throughput and peak memory of `hoiku audit` end to end (read → rules → stats → outputs).

Usage: .venv/bin/python bench/audit_throughput.py [N ...]   (default: 10000 100000)
Generates N synthetic ≈500-character notes (seeded), audits them with 2 workers and writes
all outputs. Prints records/s and peak RSS (this process + its worker children).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hoiku_lib.audit.pipeline import run_audit
from hoiku_lib.audit.report import write_outputs

GEN = (
    "from hoiku_lib.audit.sample import write_sample; "
    "write_sample(r'{src}', {n}, seed={n}, labels=False)"
)


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child (MB).

    The child figure includes the sample generator's process (run first, small)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            src = Path(tmp) / f"sample_{n}.csv"
            # generate in a child process so its memory does not count as the audit's
            subprocess.run([sys.executable, "-c", GEN.format(src=str(src), n=n)], check=True)
            mb = src.stat().st_size / 1e6
            start = time.perf_counter()
            result = run_audit(src, workers=2, progress=False)
            write_outputs(result, Path(tmp) / f"out_{n}", "fi")
            elapsed = time.perf_counter() - start
            own, child = peak_rss_mb()
            print(
                f"n={n:>9,d} file={mb:7.1f} MB  {elapsed:7.1f} s  {n / elapsed:8.0f} records/s  "
                f"peak RSS main={own:6.0f} MB worker={child:6.0f} MB"
            )


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [10_000, 100_000])
