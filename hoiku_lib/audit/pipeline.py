"""The audit, written down once: read → map headers → validate and type → mask the keys →
detect → rules → statistics.

Order matters: values are validated as they are typed (a bad value becomes NA and a
row-numbered remark); identifiers are masked in the keys and detected (and masked) in the
text before any rule runs, and the disclosure detector reads only masked text, so no
evidence can carry one. The input is processed in chunks, so a large export streams.
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from hoiku_lib.audit.cells import FORMULA_STARTS, csv_text
from hoiku_lib.audit.io import ROW_COLUMN, read_chunks
from hoiku_lib.audit.mapping import resolve
from hoiku_lib.audit.problems import AuditInputError, Problem, merge
from hoiku_lib.audit.validate import validate_and_type

LARGE_INPUT_BYTES = 5 << 20
REVIEW_IDS = 20
KEEP_FINDINGS = 20_000  # findings kept in memory for the report, workbook and notebook
# findings.csv: the design's four columns, then where to find the record
FINDINGS_FILE_COLUMNS = ["record_id", "rule_id", "severity", "evidence", "unit", "row"]
_TEXT_COLUMNS = ("record_id", "rule_id", "severity", "evidence", "unit")
SPOOL_IN_MEMORY = 32 << 20  # findings beyond this go to an anonymous temporary file


@dataclass
class AuditResult:
    """Everything the outputs need; text in it is already masked."""

    file: str
    lang: str
    n_records: int = 0
    findings: object = None  # DataFrame: the first KEEP_FINDINGS findings, in file order
    findings_total: int = 0
    # every finding as findings.csv rows (no header), masks neutral (pii.MASKS): a temporary
    # file that nobody else can open and that disappears with the result
    findings_spool: object = None
    counts: object = None  # DataFrame: rule_id, unit, month, applicable, compliant
    delays: object = None  # DataFrame: unit, entries, median_days, max_days
    problems: list[Problem] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    period: tuple[str, str] | None = None
    pii_found: bool = False  # a certain identifier or a strong name: "send it back"
    possible_names: int = 0  # records whose only evidence of a name is weak: "check these"
    mapping: dict[str, str] = field(default_factory=dict)  # export header → canonical column
    first_ids: list[str] = field(default_factory=list)  # masked ids for manual review

    @property
    def summary(self):  # noqa: ANN201
        """summary.csv rows: one per rule, Wilson interval, NA out of the denominator."""
        import pandas as pd

        from hoiku_lib.audit.rules import all_rules
        from hoiku_lib.audit.stats import summary_row

        totals = self.counts.groupby("rule_id")[["applicable", "compliant"]].sum()
        rows = []
        for rule in all_rules():
            app, comp = totals.loc[rule.id] if rule.id in totals.index else (0, 0)
            rows.append(summary_row(rule.id, int(app), int(comp)))
        return pd.DataFrame(rows)

    @property
    def per_unit(self):  # noqa: ANN201
        """Compliance per rule and unit."""
        import pandas as pd

        from hoiku_lib.audit.rules import RULE_IDS
        from hoiku_lib.audit.stats import summary_row

        totals = self.counts.groupby(["rule_id", "unit"])[["applicable", "compliant"]].sum()
        rows = []
        for (rule_id, unit), (app, comp) in totals.iterrows():
            row = summary_row(rule_id, int(app), int(comp))
            row["unit"] = unit
            rows.append(row)
        frame = pd.DataFrame(rows)
        if frame.empty:
            return frame
        order = {r: i for i, r in enumerate(RULE_IDS)}
        frame["_order"] = frame["rule_id"].map(order)
        return frame.sort_values(["_order", "unit"]).drop(columns="_order").reset_index(drop=True)


@dataclass
class ChunkResult:
    """What one chunk adds to the audit; its text is already masked."""

    findings_csv: str  # findings.csv rows (no header), in file order, cells neutralised
    n_findings: int
    findings: object  # DataFrame of the same findings (None when there are none)
    counts: object  # DataFrame: rule_id, unit, month, applicable, compliant
    delays: object  # DataFrame: unit, delay, n (how many entries had that delay)
    problems: list[Problem]
    pii_found: bool
    possible_names: int
    months: set[str]
    units: set[str]
    first_ids: list[str]
    n_records: int


def audit_chunk(chunk, lang: str) -> ChunkResult:  # noqa: ANN001
    """Mask the keys of one mapped chunk and run the rules on it (in a worker process)."""
    chunk = mask_keys(chunk)
    found, counts, delays, problems, (pii_found, possible), month = process_chunk(chunk, lang)
    text, n = "", 0
    if found is not None:  # in file order, then the rules' order (process_chunk)
        text, n = findings_csv(found), len(found)
    delays = delays.groupby(["unit", "delay"]).size().rename("n").reset_index()
    return ChunkResult(
        text,
        n,
        found,
        counts,
        delays,
        problems,
        pii_found,
        possible,
        set(month.unique().tolist()),
        set(chunk["unit"].astype(str).str.strip().unique().tolist()),
        [str(x) for x in chunk["record_id"].head(REVIEW_IDS)],
        len(chunk),
    )


def process_chunk(chunk, lang: str):  # noqa: ANN001, ANN201
    """The steps on one mapped chunk: validate and type, detect, the rules, the counts →
    (findings, counts, delays, problems, (pii_found, possible_names), month)."""
    import numpy as np
    import pandas as pd

    from hoiku_lib.audit.detect import detect
    from hoiku_lib.audit.rules import all_rules

    df, problems = validate_and_type(chunk)
    detections = detect(df)
    month = pd.Series("", index=df.index, dtype=object)
    for col in ("entry_date", "visit_date"):
        if col in df.columns:
            stamp = pd.Series(year_months(df[col]), index=df.index, dtype=object)
            month = stamp.where(stamp != "", month)
    picked, flags = [], {}  # picked: (rule number, positions of its findings, evidence)
    for k, rule in enumerate(all_rules()):
        applies, finding, evidence = rule.check(df, detections)
        applies = applies.astype(bool)
        finding = finding.astype(bool) & applies
        hit = np.flatnonzero(finding.to_numpy())
        if len(hit):
            picked.append((k, hit, evidence.iloc[hit].astype(str).tolist()))
        flags[(rule.id, "applicable")] = applies.to_numpy()
        flags[(rule.id, "compliant")] = (applies & ~finding).to_numpy()
    # one group-by for every rule: (unit, month) × (rule, applicable|compliant) counts
    wide = pd.DataFrame(flags, index=df.index).groupby([df["unit"], month]).sum()
    wide.index.names = ["unit", "month"]
    counts = wide.stack(level=0, future_stack=True).rename_axis(["unit", "month", "rule_id"])
    counts = counts.reset_index()[["rule_id", "unit", "month", "applicable", "compliant"]]
    delays = pd.DataFrame(columns=["unit", "delay"])
    if {"visit_date", "entry_date"} <= set(df.columns):
        delay = (df["entry_date"] - df["visit_date"]).dt.days
        ok = delay.notna() & (delay >= 0)
        delays = pd.DataFrame({"unit": df.loc[ok, "unit"], "delay": delay[ok].astype(int)})
    pii_found, possible = detections.verdict()
    found = _findings_frame(df, picked) if picked else None
    return found, counts, delays, problems, (pii_found, possible), month


def _findings_frame(df, picked: list):  # noqa: ANN001, ANN202
    """The chunk's findings as findings.csv's columns, in file order and then the rules'
    order (the same with any chunking): one frame built from arrays, sorted once."""
    import numpy as np
    import pandas as pd

    from hoiku_lib.audit.rules import all_rules

    rules = all_rules()
    pos = np.concatenate([hit for _, hit, _ in picked])
    number = np.concatenate([np.full(len(hit), k) for k, hit, _ in picked])
    evidence = np.array([e for _, _, ev in picked for e in ev], dtype=object)
    rows = df[ROW_COLUMN].to_numpy()[pos]
    order = np.lexsort((number, rows))  # by row, then by the rule's place in the registry
    pos, number = pos[order], number[order]
    ids = np.array([r.id for r in rules], dtype=object)[number]
    severity = np.array([r.severity for r in rules], dtype=object)[number]
    return pd.DataFrame(
        {
            "record_id": df["record_id"].to_numpy()[pos],
            "rule_id": pd.array(ids, dtype=str),
            "severity": pd.array(severity, dtype=str),
            "evidence": pd.array(evidence[order], dtype=str),
            "unit": df["unit"].to_numpy()[pos],
            "row": rows[order],
        }
    ).astype({"record_id": df["record_id"].dtype, "unit": df["unit"].dtype})


_CSV_RISKY_FIRST = frozenset((*FORMULA_STARTS, "'"))


def findings_csv(found) -> str:  # noqa: ANN001
    """findings.csv rows (no header) of ``found``: exactly what ``to_csv(index=False,
    header=False)`` writes after :func:`~hoiku_lib.audit.cells.csv_series` on the text
    columns (a cell a spreadsheet would read as a formula is quoted), written by the csv
    module from lists (only a cell that starts with a formula character is looked at)."""
    columns = []
    for col in FINDINGS_FILE_COLUMNS:
        values = found[col].tolist()
        if col in _TEXT_COLUMNS:
            values = [csv_text(v) if v[:1] in _CSV_RISKY_FIRST else v for v in map(str, values)]
        columns.append(values)
    buf = io.StringIO()
    csv.writer(buf, lineterminator=os.linesep).writerows(zip(*columns, strict=True))
    return buf.getvalue()


def year_months(dates) -> list[str]:  # noqa: ANN001
    """ "YYYY-MM" of each date ("" where there is none), formatted once per distinct date
    (the same as ``dates.dt.strftime("%Y-%m").fillna("")``)."""
    import pandas as pd

    codes, uniques = pd.factorize(dates)
    formatted = [*pd.DatetimeIndex(uniques).strftime("%Y-%m"), ""]
    return [formatted[c] for c in codes.tolist()]  # code -1 (no date) → the last, ""


_ID_SUSPECT = r"\d{6}[-+A-FU-Y]\d{3}|@|\d{7,}|[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+"


def mask_keys(chunk):  # noqa: ANN001, ANN201
    """Mask identifiers in record ids and unit names too: every output repeats them.

    A unit's name is capitalised words ("Päivystys Pohjoinen", "Terveysasema Keskusta"), so
    there a word counts as a name only when it is on the name lists."""
    from hoiku_lib.audit.pii import mask, mask_key

    chunk = chunk.copy()
    if "record_id" in chunk.columns:
        ids = chunk["record_id"].fillna("").astype(str)
        suspect = ids.str.contains(_ID_SUSPECT, regex=True)
        if suspect.any():
            chunk.loc[suspect, "record_id"] = ids[suspect].map(mask)
    if "unit" in chunk.columns:
        units = chunk["unit"].fillna("").astype(str)
        chunk["unit"] = units.map({u: mask_key(u) for u in units.unique()})
    return chunk


def _sum_counts(parts: list):  # noqa: ANN202
    """Per-chunk counts folded into one row per (rule, unit, month)."""
    import pandas as pd

    data = pd.concat(parts, ignore_index=True)
    keys = ["rule_id", "unit", "month"]
    return data.groupby(keys, as_index=False, sort=False)[["applicable", "compliant"]].sum()


def _sum_delays(parts: list):  # noqa: ANN202
    """Per-chunk delay histograms folded into one (unit, delay, n) histogram."""
    import pandas as pd

    data = pd.concat(parts, ignore_index=True)
    return data.groupby(["unit", "delay"], as_index=False)["n"].sum()


def _audit_star(args: tuple) -> ChunkResult:
    return audit_chunk(*args)


WARM_ROWS = 64
# A worker's collector runs after this many new container objects, not 700: a chunk makes
# millions (match objects, tuples, lists) and keeps few, and each run costs time (about a
# tenth of a worker's time before, measured on 20,000 notes).
WORKER_GC_THRESHOLD = 10_000


def _worker_gc() -> None:
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _warm(chunk, lang: str) -> None:  # noqa: ANN001
    """Audit the first rows once here, before the workers are forked: the patterns, word
    lists, automata, models and the schema are built (and modules imported) once in this
    process instead of once in every worker, which inherits them. Only per-word and
    per-value caches fill; the result is dropped."""
    audit_chunk(chunk.head(WARM_ROWS), lang)


@dataclass
class _Tracker:
    """What the reader learns across chunks: header mapping, ids seen, bad lines."""

    mapping: dict[str, str] = field(default_factory=dict)
    id_hashes: list = field(default_factory=list)  # uint64 arrays, one per chunk
    id_rows: list = field(default_factory=list)  # their spreadsheet rows
    bad_lines: list[int] = field(default_factory=list)

    def duplicate_rows(self) -> list[int]:
        """Rows of every record whose id occurs more than once (by 64-bit hash of the id:
        a million ids take 16 MB instead of a dictionary of strings)."""
        import numpy as np

        if not self.id_hashes:
            return []
        hashes = np.concatenate(self.id_hashes)
        rows = np.concatenate(self.id_rows)
        order = np.argsort(hashes, kind="stable")
        hashes, rows = hashes[order], rows[order]
        same = hashes[1:] == hashes[:-1]
        dup = np.zeros(len(hashes), dtype=bool)
        dup[1:] |= same
        dup[:-1] |= same
        return sorted(int(r) for r in rows[dup])


def _mapped_chunks(path: Path, chunksize: int, overrides: dict[str, str], track: _Tracker):  # noqa: ANN202
    """Chunks with canonical column names; fills ``track`` on the way."""
    import pandas as pd

    rename: dict[str, str] | None = None
    for headers, chunk in read_chunks(path, chunksize):
        if rename is None:
            rename, mapping_problems = resolve(headers, overrides)
            track.mapping.update(rename)
            fatal = [p for p in mapping_problems if p.fatal]
            if fatal:
                raise AuditInputError(path.name, fatal)
        track.bad_lines.extend(chunk.attrs.get("bad_lines") or [])
        keep = [h for h in rename if h in chunk.columns]
        chunk = chunk[[*keep, ROW_COLUMN]].rename(columns=rename)
        # duplicates are judged on the raw ids, before identifiers in them are masked
        ids = chunk["record_id"].astype(str).str.strip()
        given = (ids != "").to_numpy()
        track.id_hashes.append(pd.util.hash_array(ids.to_numpy(dtype=object)[given]))
        track.id_rows.append(chunk[ROW_COLUMN].to_numpy()[given])
        yield chunk


def run_audit(
    path: Path,
    overrides: dict[str, str] | None = None,
    lang: str = "fi",
    chunksize: int = 10_000,
    progress: bool | None = None,
    workers: int | None = None,
) -> AuditResult:
    """Audit the export at ``path``; raises AuditInputError when nothing can be audited, and
    VoikkoMissingError when names cannot be told apart (the audit never runs weaker)."""
    import pandas as pd
    from tqdm import tqdm

    from hoiku_lib import morphology
    from hoiku_lib.audit.stats import delay_table

    morphology.analyser()  # no Voikko, no audit: VoikkoMissingError before any work is done
    path = Path(path)
    result = AuditResult(file=path.name, lang=lang)
    large = path.exists() and path.stat().st_size >= LARGE_INPUT_BYTES
    if progress is None:
        progress = large
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if large else 1
    bar = tqdm(total=None, unit=" rows", disable=not progress, file=None, leave=False)
    findings, counts, delays, problems = [], [], [], []
    spool = tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, "w+", encoding="utf-8", newline="")
    result.findings_spool = spool
    track = _Tracker()
    months: set[str] = set()
    units: set[str] = set()
    pool = None
    try:
        mapped = _mapped_chunks(path, chunksize, overrides or {}, track)
        first = next(mapped, None)  # input faults of the first chunk surface right here
        chunks = itertools.chain([first], mapped) if first is not None else iter(())
        if workers > 1:
            import multiprocessing as mp

            if first is not None:
                _warm(first, lang)
            gc.freeze()  # what the workers inherit is never scanned by their collector
            try:
                pool = mp.get_context("fork").Pool(workers, initializer=_worker_gc)
            finally:
                gc.unfreeze()
            # The pool's feeder thread reads ahead while the workers run; the semaphore
            # keeps at most two chunks per worker in memory.
            slots = threading.BoundedSemaphore(2 * workers)

            def jobs():  # noqa: ANN202
                for chunk in chunks:
                    slots.acquire()
                    yield (chunk, lang)

            outputs = pool.imap(_audit_star, jobs())
        else:
            slots = None
            outputs = (audit_chunk(chunk, lang) for chunk in chunks)
        for part in outputs:
            if slots is not None:
                slots.release()
            spool.write(part.findings_csv)
            if part.n_findings and result.findings_total < KEEP_FINDINGS:
                findings.append(part.findings)
            result.findings_total += part.n_findings
            counts.append(part.counts)
            delays.append(part.delays)
            problems.extend(part.problems)
            if len(counts) >= 64:  # keep what grows with the input small
                counts, delays = [_sum_counts(counts)], [_sum_delays(delays)]
                problems = merge(problems)
            result.pii_found = result.pii_found or part.pii_found
            result.possible_names += part.possible_names
            months |= part.months
            units |= part.units
            if len(result.first_ids) < REVIEW_IDS:
                result.first_ids += part.first_ids[: REVIEW_IDS - len(result.first_ids)]
            result.n_records += part.n_records
            bar.update(part.n_records)
        if pool is not None:
            pool.close()
            pool.join()
            pool = None
    finally:
        bar.close()
        if pool is not None:
            pool.terminate()
    if track.bad_lines:
        problems.append(Problem("bad_line", rows=track.bad_lines))
    dup_rows = track.duplicate_rows()
    if dup_rows:
        problems.append(Problem("duplicate_id", where="record_id", rows=dup_rows))
    result.mapping = track.mapping
    result.findings = (
        pd.concat(findings, ignore_index=True).head(KEEP_FINDINGS)
        if findings
        else pd.DataFrame(columns=FINDINGS_FILE_COLUMNS)
    )
    result.counts = _sum_counts(counts)
    result.delays = delay_table(_sum_delays(delays))
    result.problems = merge(problems)
    result.units = sorted(u for u in units if u)
    months.discard("")
    if months:
        result.period = (min(months), max(months))
    return result
