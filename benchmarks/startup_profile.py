"""Where a `reportdiff diff` of the demo pair spends its time: imports, dictionary, stages.

Two fresh processes per tree (median of --runs): one with ``python -X importtime`` for the import
cost of each top-level package (cumulative, as first imported), one that times the phases of the
run in turn — CLI import, segmenter load, load + outline, mode choice, section alignment, sentence
diff, numbers, JSON rendering. ``--before DIR`` profiles another checkout (e.g. ``git archive main
| tar -x -C DIR``) in the same run, with this project's virtualenv, for a before/after table.

    .venv/bin/python benchmarks/startup_profile.py [--runs 3] [--before DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
OLD, NEW = SEEDS / "yangpu-2024-plan.txt", SEEDS / "yangpu-2025-compilation.txt"

PHASES = r"""
import json, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import reportdiff.cli
mark("import reportdiff.cli")
from reportdiff.options import Options
from reportdiff.load import load
from reportdiff.outline import build_outline
from reportdiff import pipeline
from reportdiff.render import render
mark("import pipeline + render")
from reportdiff import tokens
(tokens.warm if hasattr(tokens, "warm") else tokens._tokenizer)()
mark("segmenter load")
options = Options()
old = build_outline(load(sys.argv[1], options=options), options=options)
new = build_outline(load(sys.argv[2], options=options), options=options)
mark("load + outline")
mode, summary, side, note = pipeline.choose_mode(old, new, options=options)
mark("mode")
alignment = pipeline.align_sections(old, new, options=options)
mark("align sections")
diff = pipeline.diff_sentences(old, new, alignment, options=options, formulations=side != "old")
mark("diff sentences")
numbers = pipeline.compare_with_outcomes(old, new, options=options, alignment=alignment, mode=mode)
mark("numbers")
comparison = pipeline.Comparison(old=old, new=new, mode=mode, alignment=alignment, diff=diff,
    number_shifts=numbers.shifts, target_outcomes=numbers.outcomes, summary=summary,
    summary_side=side, mode_note=note.text, mode_reason=note)
render(comparison.as_records(), "json")
mark("render json")
print(json.dumps([(b[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]))
"""


def importtime(tree: Path) -> dict[str, float]:
    """Seconds of import per top-level package, from ``-X importtime``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-X", "importtime", "-m", "reportdiff", "diff", str(OLD), str(NEW)]
    out = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, env=env, cwd=tree
    )
    totals: dict[str, float] = defaultdict(float)
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if name.startswith("  ") or not cumulative.strip().isdigit():
            continue  # nested: counted in its parent
        top = name.strip().split(".")[0]
        totals[top] += int(cumulative) / 1e6
    return dict(totals)


def phases(tree: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", PHASES, str(OLD), str(NEW)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
        check=True,
    )
    return dict(json.loads(out.stdout))


def whole(tree: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = (
        "import subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(time.perf_counter() - t)"
    )
    command = [sys.executable, "-m", "reportdiff", "diff", str(OLD), str(NEW), "--format", "json"]
    out = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, env=env, cwd=tree
    )
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout to profile alongside")
    args = parser.parse_args()
    trees = {"before": args.before, "after": ROOT} if args.before else {"now": ROOT}
    imports: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    steps: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    walls: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, tree in trees.items():
            imports[name].append(importtime(tree))
            steps[name].append(phases(tree))
            walls[name].append(whole(tree))
    names = list(trees)
    print(f"`diff {OLD.name} {NEW.name} --format json`, {args.runs} runs, medians (s)\n")
    print("| phase | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for phase in steps[names[-1]][0]:
        cells = [statistics.median(run.get(phase, 0.0) for run in steps[n]) for n in names]
        print(f"| {phase} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")
    cells = [statistics.median(walls[n]) for n in names]
    print("| **whole process** | " + " | ".join(f"**{c:.2f}**" for c in cells) + " |")
    print("\nImport time per top-level package (cumulative, where first imported):\n")
    packages = sorted(
        {p for n in names for run in imports[n] for p in run},
        key=lambda p: -max(statistics.median(r.get(p, 0.0) for r in imports[n]) for n in names),
    )
    print("| package | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for package in packages[:12]:
        cells = [statistics.median(r.get(package, 0.0) for r in imports[n]) for n in names]
        print(f"| {package} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
