"""How `reportdiff check` scales: one seed, then corpora of 100 and 1,000 report-sized files.

The corpus is made from the seeds: every file takes ~90 paragraphs, each built from 3–7 sentences
drawn at random (seeded) from all five seed reports, under the seeds' own headings, so files are
report-sized (~30 KB), realistic in vocabulary, and distinct; every tenth file also repeats one of
its paragraphs, so there is something to find. Each figure is one whole `reportdiff check` process
(median of --runs), with and without --across; the growth from 100 to 1,000 files is the ratio of
the two times (10 would be linear).

    .venv/bin/python benchmarks/check_speed.py [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.text import split_sentences  # noqa: E402

SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
HEADINGS = ["一、", "二、", "三、", "四、", "五、"]


def make_corpus(folder: Path, count: int) -> list[Path]:
    sentences = []
    for seed in SEEDS:
        for line in seed.read_text("utf-8").splitlines():
            sentences += [s for s in split_sentences(line) if len(s) > 12]
    rng = random.Random(count)
    paths = []
    for n in range(count):
        lines = [f"某区 {2020 + n % 6} 年政府工作报告（第 {n} 号稿）", ""]
        paragraphs = []
        for h, label in enumerate(HEADINGS):
            lines += [f"{label}第{h + 1}部分工作", ""]
            for _ in range(18):
                paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(3, 7)))
                paragraphs.append(paragraph)
                lines += [paragraph, ""]
        if n % 10 == 0:
            lines += [rng.choice(paragraphs), ""]
        path = folder / f"report-{n:04d}.txt"
        path.write_text("\n".join(lines), "utf-8")
        paths.append(path)
    return paths


def timed(args: list[str], runs: int) -> float:
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reportdiff", "check", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = make_corpus(Path(tmp), 1000)
        small = big[:100]
        seed = str(ROOT / "fixtures" / "seeds" / "yangpu-2025-compilation.txt")
        rows = [("one seed (compilation, 108 KB)", timed([seed], args.runs))]
        for across in (False, True):
            flag = ["--across"] if across else []
            t100 = timed([*map(str, small), *flag], args.runs)
            t1000 = timed([*map(str, big), *flag], args.runs)
            label = "with --across" if across else "each file alone"
            rows.append((f"100 files, {label}", t100))
            rows.append((f"1,000 files, {label} (growth ×{t1000 / t100:.1f})", t1000))
    print("| run | wall (s) |")
    print("|---|---:|")
    for name, wall in rows:
        print(f"| {name} | {wall:.2f} |")


if __name__ == "__main__":
    main()
