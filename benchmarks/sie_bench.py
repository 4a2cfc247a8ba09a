"""Parse and aggregate a SIE file with samverka.ledger.sie, and report speed and memory.

Usage: python benchmarks/sie_bench.py FILE [--tracemalloc]

Prints elapsed (wall) and CPU time, #TRANS rows per second, peak memory, and for comparison
the time a bare Python loop needs to read the same file's lines. Peak memory is the process's
maximum resident set size (getrusage), and how much it grew during the parse; --tracemalloc
measures Python allocations instead, more exactly but with the parse running many times
slower, so it is a separate run.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samverka.ledger.sie import read  # noqa: E402 - after the path set-up above


def bare_loop(path: Path) -> tuple[float, int]:
    """The floor: iterate over the binary file's lines and do nothing (best of three)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        n = 0
        with path.open("rb") as f:
            for _line in f:
                n += 1
        best = min(best, time.perf_counter() - start)
    return best, n


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--tracemalloc", action="store_true", help="measure Python allocations")
    args = parser.parse_args()

    loop_s, lines = bare_loop(args.file)  # also warms the page cache for the real run
    gc.collect()
    rss_before = maxrss_mib()
    if args.tracemalloc:
        tracemalloc.start()
    start, cpu_start = time.perf_counter(), time.process_time()
    sie = read(args.file)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak = ""
    if args.tracemalloc:
        _current, peak_bytes = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak = f"{peak_bytes / 2**20:.1f} MiB traced"
    rss_after = maxrss_mib()

    rows = sie.counts.get("TRANS", 0)
    size = args.file.stat().st_size
    print(f"file:            {args.file} ({size / 2**20:.1f} MiB, {lines} lines)")
    print(f"#TRANS rows:     {rows}  (#VER {sie.counts.get('VER', 0)})")
    print(f"parse+aggregate: {elapsed:.2f} s  ({rows / elapsed:,.0f} rows/s)")
    print(f"  CPU time:      {cpu:.2f} s  ({rows / cpu:,.0f} rows/s; less disturbed by other load)")
    print(f"bare line loop:  {loop_s:.2f} s  ({elapsed / loop_s:.1f}x)")
    print(f"max RSS:         {rss_after:.1f} MiB (grew {rss_after - rss_before:.1f} MiB in read)")
    if peak:
        print(f"peak (traced):   {peak}")
    print(f"aggregate keys:  {len(sie.trans_sums)}")
    print(f"checks passed:   {', '.join(sie.checks_passed)}; findings: {len(sie.findings)}")


if __name__ == "__main__":
    main()
