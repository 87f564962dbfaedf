"""Whole-process time and peak memory of `reportdiff diff` against its floor and naive baselines,
and the growth of each stage with the size of the reports.

Every figure is one fresh process, measured from outside (wall time, and peak RSS from
``getrusage(RUSAGE_CHILDREN)`` in a per-run wrapper), run A B C ... in turn so that drift of a
noisy machine hits every command alike; the table gives medians and each command's ratio to the
**jieba floor** measured in the same run: load + outline both files and segment every sentence
with jieba as reportdiff did before it had a faster backend (plain ``import jieba``, dictionary
load, policy terms, HMM off). The floor with the default backend is a row of its own.

With ``--corpus DIR`` (the development corpus: ``2025/<province>.docx`` and ``2026/<province>.txt``)
it also times each stage in-process on 1, 2, 4 and 8 concatenated year-over-year pairs and fits the
growth exponent of each stage (slope of log time over log size; 1 is linear).

    .venv/bin/python benchmarks/speed.py [--runs 5] [--old FILE] [--new FILE] [--corpus DIR]
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
FLOOR_JIEBA = """
import logging, os, sys
import jieba
from reportdiff.grammar import policy_terms
from reportdiff.load import load
from reportdiff.options import Options
from reportdiff.outline import build_outline
jieba.setLogLevel(logging.WARNING)
tokenizer = jieba.Tokenizer()
tokenizer.tmp_dir = os.path.join(os.path.expanduser("~"), ".cache", "reportdiff")
tokenizer.initialize()
for term in sorted(policy_terms()):
    tokenizer.add_word(term, freq=None, tag=None)
for path in sys.argv[1:3]:
    outline = build_outline(load(path, options=Options()), options=Options())
    for section in outline.iter_sections():
        for sentence in section.sentences:
            list(tokenizer.cut(sentence.text, HMM=False))
"""
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


STAGES = """
import json, sys, time
from reportdiff import pipeline, tokens
from reportdiff.load import load
from reportdiff.options import Options
from reportdiff.outline import build_outline
from reportdiff.render import render
tokens.warm()
options = Options(mode="editions")
times = {}
start = time.perf_counter()
old = build_outline(load(sys.argv[1], options=options), options=options)
new = build_outline(load(sys.argv[2], options=options), options=options)
times["load + outline"] = time.perf_counter() - start
start = time.perf_counter()
alignment = pipeline.align_sections(old, new, options=options)
times["align sections"] = time.perf_counter() - start
start = time.perf_counter()
diff = pipeline.diff_sentences(old, new, alignment, options=options)
times["sentence diff"] = time.perf_counter() - start
start = time.perf_counter()
numbers = pipeline.compare_with_outcomes(old, new, options=options, alignment=alignment,
                                         mode="editions")
times["numbers"] = time.perf_counter() - start
start = time.perf_counter()
comparison = pipeline.Comparison(old=old, new=new, mode="editions", alignment=alignment,
                                 diff=diff, number_shifts=numbers.shifts,
                                 target_outcomes=numbers.outcomes)
render(comparison.as_records(), "json")
times["records + json"] = time.perf_counter() - start
print(json.dumps(times))
"""


def growth(corpus: Path, counts: tuple[int, ...] = (1, 2, 4, 8)) -> None:
    """Each stage's time on 1, 2, 4, 8 concatenated year-over-year pairs, and its exponent."""
    import math
    import tempfile

    sys.path.insert(0, str(ROOT))
    from reportdiff.load import load
    from reportdiff.options import Options

    provinces = sorted(
        p.stem
        for p in (corpus / "2025").glob("*.docx")
        if (corpus / "2026" / f"{p.stem}.txt").is_file()
    )[: max(counts)]
    texts = [
        (
            load(str(corpus / "2025" / f"{p}.docx"), options=Options()).text,
            load(str(corpus / "2026" / f"{p}.txt"), options=Options()).text,
        )
        for p in provinces
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            old, new = Path(tmp, f"old-{count}.txt"), Path(tmp, f"new-{count}.txt")
            old.write_text("\n".join(t[0] for t in texts[:count]), "utf-8")
            new.write_text("\n".join(t[1] for t in texts[:count]), "utf-8")
            out = subprocess.run(
                [PY, "-c", STAGES, str(old), str(new)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            size = len(old.read_text("utf-8")) + len(new.read_text("utf-8"))
            rows.append((count, size, json.loads(out.stdout)))
    stages = list(rows[0][2])
    print(f"\nStages on 1–{max(counts)} concatenated pairs ({', '.join(provinces)}), seconds\n")
    print(
        "| stage | "
        + " | ".join(f"{c} ({s // 1000} k chars)" for c, s, _ in rows)
        + " | exponent |"
    )
    print("|---|" + "---:|" * (len(rows) + 1))
    for stage in stages:
        xs = [math.log(size) for _, size, _ in rows]
        ys = [math.log(max(times[stage], 1e-4)) for _, _, times in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
        cells = " | ".join(f"{times[stage]:.2f}" for _, _, times in rows)
        print(f"| {stage} | {cells} | {slope:.2f} |")


def commands(old: str, new: str) -> dict[str, list[str]]:
    reportdiff = [PY, "-m", "reportdiff"]
    return {
        "jieba floor: load + outline + segment (jieba)": [PY, "-c", FLOOR_JIEBA, old, new],
        "floor with the default segmenter": [PY, "-c", FLOOR, old, new],
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
    parser.add_argument("--corpus", type=Path, help="also fit each stage's growth on this corpus")
    parser.add_argument("--only-growth", action="store_true", help="skip the floor table")
    args = parser.parse_args()
    if args.corpus and args.only_growth:
        growth(args.corpus)
        return
    table = commands(args.old, args.new)
    if args.skip_chars:
        table.pop("baseline: difflib chars (autojunk=False)")
    for command in table.values():  # warm-up: file cache, jieba's dictionary cache
        measure(command)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in table}
    for _ in range(args.runs):
        for name, command in table.items():
            samples[name].append(measure(command))
    floor = [s["wall"] for s in samples["jieba floor: load + outline + segment (jieba)"]]
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
    if args.corpus:
        growth(args.corpus)


if __name__ == "__main__":
    main()
