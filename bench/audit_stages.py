"""Warm per-stage CPU time of the audit, in µs a note, in one process (no workers, no outputs).

Usage: .venv/bin/python bench/audit_stages.py [N] [REPEATS]   (default: 20000 notes, 7 repeats)

Generates N synthetic notes (seeded), maps them into 10,000-row chunks as ``run_audit`` does,
audits the first rows once (the workers' warm-up) and then times, each as the minimum of
REPEATS passes of CPU time: the names (``pii.detect_many`` on the notes), the disclosure
detector (``disclosure.find_many`` on the masked notes), the whole detection stage
(``detect``) and a worker's whole chunk (``audit_chunk``: keys masked, validation, detection,
rules, findings). The minimum is the steadiest figure on a shared machine; compare two trees
by running this back to back (``PYTHONPATH=tree``), alternating, several times.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path


def best(fn, items: list, repeats: int, n: int) -> float:  # noqa: ANN001
    """Minimum CPU seconds over ``repeats`` passes of ``fn`` on every item, in µs a note."""
    low = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for item in items:
            fn(item)
        low = min(low, time.process_time() - start)
    return low / n * 1e6


def main(n: int, repeats: int) -> None:
    from hoiku_lib.audit import disclosure, pii, pipeline
    from hoiku_lib.audit.detect import detect
    from hoiku_lib.audit.sample import write_sample
    from hoiku_lib.audit.validate import validate_and_type

    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "notes.csv"
        write_sample(src, n, seed=n, labels=False)
        chunks = list(pipeline._mapped_chunks(src, 10_000, {}, pipeline._Tracker()))
    pipeline._warm(chunks[0], "fi")
    gc.freeze()
    pipeline._worker_gc()
    typed = [validate_and_type(pipeline.mask_keys(c))[0] for c in chunks]
    notes = [d["note_text"].fillna("").astype(str).tolist() for d in typed]
    masked = [
        [pii.mask(t, s) if s else t for t, s in zip(x, pii.detect_many(x), strict=True)]
        for x in notes
    ]
    total = sum(len(c) for c in chunks)
    names = best(pii.detect_many, notes, repeats, total)
    found = best(disclosure.find_many, masked, repeats, total)
    stage = best(detect, typed, repeats, total)
    whole = best(lambda c: pipeline.audit_chunk(c, "fi"), chunks, max(1, repeats // 2), total)
    print(
        f"{total:,d} notes, min of {repeats}: names {names:5.1f}  disclosure {found:5.1f}  "
        f"detect {stage:5.1f}  audit_chunk {whole:5.1f} µs a note"
    )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    args = [int(x) for x in sys.argv[1:]]
    main(args[0] if args else 20_000, args[1] if len(args) > 1 else 7)
