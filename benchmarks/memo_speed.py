"""Memo time on the `make demo` pair: HTML and PDF against the JSON diff they are rendered from.

Whole processes, run in turn (json, html, pdf, json, ...) so machine drift hits all alike; medians
and each format's ratio to the JSON diff of the same round.

    .venv/bin/python benchmarks/memo_speed.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "fixtures" / "seeds" / "yangpu-2024-plan.txt"
NEW = ROOT / "fixtures" / "seeds" / "yangpu-2025-compilation.txt"


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reportdiff", *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "diff --format json (baseline)": [
                "diff",
                str(OLD),
                str(NEW),
                "--format",
                "json",
                "-o",
                f"{tmp}/d.json",
            ],
            "memo -o memo.html": ["memo", str(OLD), str(NEW), "-o", f"{tmp}/m.html"],
            "memo -o memo.md": ["memo", str(OLD), str(NEW), "-o", f"{tmp}/m.md"],
            "memo -o memo.pdf": ["memo", str(OLD), str(NEW), "-o", f"{tmp}/m.pdf"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(run(command))
        pages = subprocess.run(
            ["pdfinfo", f"{tmp}/m.pdf"], capture_output=True, text=True, check=False
        ).stdout
        size = {
            name: Path(f"{tmp}/{f}").stat().st_size
            for name, f in (("html", "m.html"), ("pdf", "m.pdf"), ("md", "m.md"))
        }
    base = times["diff --format json (baseline)"]
    print(f"{OLD.name} → {NEW.name}, {args.runs} runs, medians")
    print("| command | wall (s) | × json diff |")
    print("|---|---:|---:|")
    for name, walls in times.items():
        ratios = [w / b for w, b in zip(walls, base, strict=True)]
        print(f"| {name} | {statistics.median(walls):.2f} | {statistics.median(ratios):.2f} |")
    page_line = next((line for line in pages.splitlines() if line.startswith("Pages")), "")
    print(
        f"\nsizes: HTML {size['html'] // 1024} KiB, Markdown {size['md'] // 1024} KiB, "
        f"PDF {size['pdf'] // 1024} KiB ({page_line.split()[-1] if page_line else '?'} pages)"
    )


if __name__ == "__main__":
    main()
