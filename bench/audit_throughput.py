"""Throughput and peak memory of `hoiku audit` end to end (read → rules → stats → outputs).

Usage: .venv/bin/python bench/audit_throughput.py [N ...]   (default: 10000 100000 1000000)

For each N: generates N synthetic ≈500-character notes (seeded, in a child process), then
audits them in a fresh child process as `hoiku audit` does on a large file (2 workers,
chunks streamed) and writes every output. Prints records/s, the wall time (of which the
outputs), the CPU time (user + system of the main process and its workers together), and
the peak resident memory of the audit's main process and of its largest worker; "bound" is
main + 2 × worker, an upper bound of the peak of the three together. Also prints the load
average at the start and the end: on a busy machine the wall time is worse, and CPU time is
the steadier figure (wall ≈ CPU / 2 on two free cores, plus the outputs' one core).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

GEN = (
    "from hoiku_lib.audit.sample import write_sample; "
    "write_sample(r'{src}', {n}, seed={n}, labels=False)"
)
RUN = """
import json, resource, time
from pathlib import Path
from hoiku_lib.audit.pipeline import run_audit
from hoiku_lib.audit.report import write_outputs
start = time.perf_counter()
result = run_audit(Path(r'{src}'), workers=2, progress=False)
audited = time.perf_counter()
write_outputs(result, Path(r'{out}'), 'fi', parallel=True)  # as the CLI writes them
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF)
child = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + child.ru_utime + child.ru_stime
print(json.dumps({{"n": result.n_records, "s": elapsed, "outputs": elapsed - (audited - start),
                  "cpu": cpu, "main": own.ru_maxrss / 1024, "worker": child.ru_maxrss / 1024}}))
"""


def main(sizes: list[int]) -> None:
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            src = Path(tmp) / f"sample_{n}.csv"
            subprocess.run([sys.executable, "-c", GEN.format(src=src, n=n)], check=True)
            mb = src.stat().st_size / 1e6
            code = RUN.format(src=src, out=Path(tmp) / f"out_{n}")
            done = subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            bound = r["main"] + 2 * r["worker"]
            print(
                f"n={r['n']:>9,d} file={mb:7.1f} MB  wall {r['s']:6.1f} s (outputs "
                f"{r['outputs']:4.1f} s)  CPU {r['cpu']:6.1f} s  {r['n'] / r['s']:8,.0f} "
                f"records/s  peak RSS main={r['main']:5.0f} MB worker={r['worker']:5.0f} MB "
                f"bound={bound:5.0f} MB"
            )
            src.unlink()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
