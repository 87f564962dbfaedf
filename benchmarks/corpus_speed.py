"""How fast `reportdiff corpus` goes, and what 30,000 pairs would take.

    .venv/bin/python benchmarks/corpus_speed.py CORPUS [--workers 1 2] [--projection-workers 8 64]

Runs the 28 provincial pairs of CORPUS (2025/*.docx → 2026/*.txt) through ``run_corpus`` with
1 and 2 workers, in a local process pool and on a local Dask cluster (a scheduler and worker
processes started by ``distributed.LocalCluster``), each into a fresh folder (nothing skipped).
Reports wall time, pairs per minute, pairs per core-minute (pairs / (workers × minutes)), the
speed-up from 1 to 2 workers, and checks that every run wrote the same panel.csv. The projection
for 30,000 pairs (3,000 local governments × 10 years) divides by the measured pairs per
core-minute and assumes linear scaling (pairs are independent; the only shared work is the
parent writing results).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.corpus import run_corpus  # noqa: E402
from reportdiff.options import Options  # noqa: E402

PROJECTED_PAIRS = 30_000


def _pairs_csv(corpus: Path, folder: Path) -> Path:
    provinces = sorted(p.stem for p in (corpus / "2025").glob("*.docx"))
    rows = [
        f"{p},{corpus / '2025' / (p + '.docx')},{corpus / '2026' / (p + '.txt')}" for p in provinces
    ]
    path = folder / "pairs.csv"
    path.write_text("label,old,new\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def _run(pairs: Path, out: Path, workers: int, dask: bool) -> float:
    started = time.perf_counter()
    if dask:
        from distributed import LocalCluster

        with LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            started = time.perf_counter()  # workers up; the warm-up counts, as in a pool
            run_corpus(pairs, out, options=Options(), scheduler=cluster.scheduler_address)
    else:
        run_corpus(pairs, out, options=Options(), jobs=workers)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--projection-workers", type=int, nargs="+", default=[2, 8, 32, 128])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pairs = _pairs_csv(args.corpus, folder)
        total = len(pairs.read_text("utf-8").splitlines()) - 1
        results = []
        panels = set()
        for dask in (False, True):
            for workers in args.workers:
                out = folder / f"{'dask' if dask else 'local'}-{workers}"
                seconds = _run(pairs, out, workers, dask)
                panels.add(hashlib.sha256((out / "panel.csv").read_bytes()).hexdigest())
                per_core = total / (workers * seconds / 60)
                results.append((dask, workers, seconds, per_core))
        print()
        header = (
            "runner",
            "workers",
            "pairs",
            "wall time",
            "pairs/min",
            "per core-minute",
            "speed-up",
        )
        print("| " + " | ".join(header) + " |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for dask, workers, seconds, per_core in results:
            base = next(s for d, w, s, _ in results if d == dask and w == args.workers[0])
            print(
                f"| {'Dask LocalCluster' if dask else 'local pool'} | {workers} | {total} | "
                f"{seconds:.1f} s | {total / seconds * 60:.1f} | {per_core:.1f} | "
                f"{base / seconds:.2f}× |"
            )
        print(f"\nidentical panels across runs: {'yes' if len(panels) == 1 else 'NO'}")
        best = max(r[3] for r in results)
        print(f"\nprojection for {PROJECTED_PAIRS:,} pairs at {best:.1f} pairs per core-minute:")
        print("| workers | hours |")
        print("|---:|---:|")
        for workers in args.projection_workers:
            print(f"| {workers} | {PROJECTED_PAIRS / (best * workers) / 60:.1f} |")


if __name__ == "__main__":
    main()
