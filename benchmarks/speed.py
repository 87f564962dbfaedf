"""Whole-process time and peak memory of `reportdiff diff` against its floor and naive baselines.

Every figure is one fresh process, measured from outside (wall time, and peak RSS from
``getrusage(RUSAGE_CHILDREN)`` in a per-run wrapper), run A B C ... in turn so that drift of a
noisy machine hits every command alike; the table gives medians and each command's ratio to the
floor (load + outline + jieba segmentation of both files) measured in the same run.

    .venv/bin/python benchmarks/speed.py [--runs 5] [--old FILE] [--new FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
PY = sys.executable

# Each command reads OLD and NEW from argv.
FLOOR = """
import sys
from reportdiff.load import load
from reportdiff.options import Options
from reportdiff.outline import build_outline
from reportdiff.tokens import cut
for path in sys.argv[1:3]:
    outline = build_outline(load(path, options=Options()), options=Options())
    for section in outline.iter_sections():
        for sentence in section.sentences:
            cut(sentence.text)
"""
LOAD_ONLY = """
import sys
from reportdiff.load import load
from reportdiff.options import Options
from reportdiff.outline import build_outline
for path in sys.argv[1:3]:
    build_outline(load(path, options=Options()), options=Options())
"""
DIFFLIB_LINES = """
import difflib, sys
a, b = (open(p, encoding="utf-8").read().splitlines() for p in sys.argv[1:3])
list(difflib.unified_diff(a, b, lineterm=""))
"""
DIFFLIB_CHARS = """
import difflib, sys
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
"""
DMP_WHOLE = """
import sys
from diff_match_patch import diff_match_patch
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
dmp = diff_match_patch()
dmp.Diff_Timeout = 1.0
diffs = dmp.diff_main(a, b)
dmp.diff_cleanupSemantic(diffs)
"""
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "rss_kb": rss, "code": code, "timeout": float(sys.argv[1])}))
"""


def commands(old: str, new: str) -> dict[str, list[str]]:
    reportdiff = [PY, "-m", "reportdiff"]
    return {
        "floor: load + outline + segment": [PY, "-c", FLOOR, old, new],
        "load + outline only": [PY, "-c", LOAD_ONLY, old, new],
        "reportdiff diff --format json": [*reportdiff, "diff", old, new, "--format", "json"],
        "reportdiff diff (text)": [*reportdiff, "diff", old, new, "--color", "never"],
        "baseline: difflib lines (unified_diff)": [PY, "-c", DIFFLIB_LINES, old, new],
        "baseline: difflib chars (autojunk=False)": [PY, "-c", DIFFLIB_CHARS, old, new],
        "baseline: diff-match-patch whole text (1 s timeout)": [PY, "-c", DMP_WHOLE, old, new],
    }


def measure(command: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [PY, "-c", WRAPPER, "0", *command], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, float] = json.loads(out.stdout)
    if result["code"] != 0:
        raise SystemExit(f"command failed: {' '.join(command[:4])}...")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old", default=str(SEEDS / "yangpu-2024-plan.txt"))
    parser.add_argument("--new", default=str(SEEDS / "yangpu-2025-compilation.txt"))
    parser.add_argument(
        "--skip-chars",
        action="store_true",
        help="skip the character-level difflib baseline (minutes on big pairs)",
    )
    args = parser.parse_args()
    table = commands(args.old, args.new)
    if args.skip_chars:
        table.pop("baseline: difflib chars (autojunk=False)")
    for command in table.values():  # warm-up: file cache, jieba's dictionary cache
        measure(command)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in table}
    for _ in range(args.runs):
        for name, command in table.items():
            samples[name].append(measure(command))
    floor = [s["wall"] for s in samples["floor: load + outline + segment"]]
    print(f"{Path(args.old).name} → {Path(args.new).name}, {args.runs} runs each, medians\n")
    print("| command | wall (s) | × floor | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    for name, runs in samples.items():
        walls = [r["wall"] for r in runs]
        ratios = [w / f for w, f in zip(walls, floor, strict=True)]
        rss = statistics.median(r["rss_kb"] for r in runs) / 1024
        print(
            f"| {name} | {statistics.median(walls):.2f} | {statistics.median(ratios):.2f} "
            f"| {rss:.0f} |"
        )


if __name__ == "__main__":
    main()
