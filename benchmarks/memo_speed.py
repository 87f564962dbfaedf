"""Memo cost on the `make demo` pairs: whole commands against the JSON diff, and PDF time per page.

Two measurements, both as ratios or per-page figures taken in the same run (machine drift hits
all alike):

1. Whole processes, run in turn (json, html, md, pdf, side-by-side, json, ...): medians and each
   command's ratio to the JSON diff of the same round.
2. In one process, the records computed once, each --detail level typeset to PDF after a warm-up:
   pages, seconds and milliseconds per page (what fixed table layout and the shorter memo buy;
   the layout cost of a PDF grows with its pages).

With ``--baseline DIR`` (a checkout of older code, e.g. ``git worktree add --detach /tmp/old
ab19e2c``) only the PDF is timed, per page, for the old code's memo and this code's standard and
full memos, alternating in fresh processes round after round (a loaded machine slows all alike);
CPU seconds beside wall seconds, since the typesetting is one single-threaded process.

    .venv/bin/python benchmarks/memo_speed.py [--runs 3] [--baseline DIR] [--pair demo|cross]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAIRS = {
    "zhejiang 2025 → 2026 (demo)": (
        ROOT / "fixtures" / "demo" / "zhejiang-2025.docx",
        ROOT / "fixtures" / "demo" / "zhejiang-2026.txt",
    ),
    "yangpu plan 2024 → compilation 2025": (
        ROOT / "fixtures" / "seeds" / "yangpu-2024-plan.txt",
        ROOT / "fixtures" / "seeds" / "yangpu-2025-compilation.txt",
    ),
}


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reportdiff", *args, "-q"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def pdf_pages(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages")).split()[-1])


def commands(runs: int, old: Path, new: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        jobs = {
            "diff -o d.json (baseline)": ["diff", str(old), str(new), "-o", f"{tmp}/d.json"],
            "memo -o memo.html": ["memo", str(old), str(new), "-o", f"{tmp}/m.html"],
            "memo -o memo.md": ["memo", str(old), str(new), "-o", f"{tmp}/m.md"],
            "memo -o memo.pdf": ["memo", str(old), str(new), "-o", f"{tmp}/m.pdf"],
            "memo --side-by-side v.html": [
                "memo",
                str(old),
                str(new),
                "--side-by-side",
                f"{tmp}/v.html",
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(runs):
            for name, job in jobs.items():
                times[name].append(run(job))
        sizes = {
            f: Path(f"{tmp}/{f}").stat().st_size // 1024 for f in ("m.html", "m.pdf", "v.html")
        }
    base = times["diff -o d.json (baseline)"]
    print("| command | wall (s) | × json diff |")
    print("|---|---:|---:|")
    for name, walls in times.items():
        ratios = [w / b for w, b in zip(walls, base, strict=True)]
        print(f"| {name} | {statistics.median(walls):.2f} | {statistics.median(ratios):.2f} |")
    print(
        f"\nsizes: memo HTML {sizes['m.html']} KiB, memo PDF {sizes['m.pdf']} KiB, "
        f"side-by-side {sizes['v.html']} KiB"
    )


def per_page(old: Path, new: Path) -> None:
    from reportdiff.options import Options
    from reportdiff.pipeline import compare_files
    from reportdiff.render import RenderContext, render

    records = compare_files(str(old), str(new), options=Options()).as_records()
    print("\n| --detail | pages | PDF (s) | ms / page |")
    print("|---|---:|---:|---:|")
    for detail in ("brief", "standard", "full"):
        context = RenderContext(detail=detail)
        render(records, "pdf", context)  # warm: fonts, stylesheets
        start = time.perf_counter()
        data = render(records, "pdf", context)
        elapsed = time.perf_counter() - start
        assert isinstance(data, bytes)
        pages = pdf_pages(data)
        print(f"| {detail} | {pages} | {elapsed:.2f} | {1000 * elapsed / pages:.0f} |")


#: Run in a fresh process with the code under test first on the path: compare, warm up on a
#: short memo (imports, fonts, stylesheets), then time one PDF of the records; the old code's
#: RenderContext may not know --detail.
_TIMED_PDF = """
import json, sys, time
from reportdiff.options import Options
from reportdiff.pipeline import compare_files
from reportdiff.render import RenderContext, render
old, new, detail, out = sys.argv[1:5]
records = compare_files(old, new, options=Options()).as_records()
try:
    context = RenderContext(detail=detail)
except TypeError:
    context = RenderContext()
render({**records, "changes": records["changes"][:10]}, "pdf", context)
wall, cpu = time.perf_counter(), time.process_time()
data = render(records, "pdf", context)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
open(out, "wb").write(data)
print(json.dumps({"wall": wall, "cpu": cpu}))
"""


def against_baseline(baseline: Path, runs: int, old: Path, new: Path) -> None:
    """PDF time per page: the baseline checkout's memo against this code's, alternating."""
    variants = {
        f"baseline {baseline.name} (its only memo)": (baseline, "standard"),
        "this code, --detail standard": (ROOT, "standard"),
        "this code, --detail full": (ROOT, "full"),
    }
    rows: dict[str, list[tuple[int, float, float]]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            for name, (tree, detail) in variants.items():
                out = f"{tmp}/m.pdf"
                env = {**os.environ, "PYTHONPATH": str(tree)}
                done = subprocess.run(
                    [sys.executable, "-c", _TIMED_PDF, str(old), str(new), detail, out],
                    env=env,
                    cwd=tmp,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                timing = json.loads(done.stdout.strip().splitlines()[-1])
                rows[name].append(
                    (pdf_pages(Path(out).read_bytes()), timing["wall"], timing["cpu"])
                )
    print("\n| PDF of | pages | wall s (runs) | CPU s (runs) | CPU ms / page (median) |")
    print("|---|---:|---:|---:|---:|")
    for name, results in rows.items():
        pages = results[0][0]
        walls = ", ".join(f"{w:.1f}" for _, w, _ in results)
        cpus = ", ".join(f"{c:.1f}" for _, _, c in results)
        per = statistics.median(1000 * c / p for p, _, c in results)
        print(f"| {name} | {pages} | {walls} | {cpus} | {per:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout of older code to time against")
    parser.add_argument("--pair", choices=("demo", "cross"), help="only this pair")
    args = parser.parse_args()
    for key, (name, (old, new)) in zip(("demo", "cross"), PAIRS.items(), strict=True):
        if args.pair and key != args.pair:
            continue
        print(f"\n## {name}, {args.runs} runs\n")
        if args.baseline:
            against_baseline(args.baseline.resolve(), args.runs, old, new)
            continue
        commands(args.runs, old, new)
        per_page(old, new)


if __name__ == "__main__":
    main()
