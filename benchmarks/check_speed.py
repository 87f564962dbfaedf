"""How `reportdiff check --across` scales: time, peak RSS and recall at 100 / 1,000 / 5,000 files.

The files are light edits of real reports: file *n* is report ``n mod R`` of the corpus (every
.txt and .docx under CORPUS, read once through reportdiff's own loader), with four seeded edits —
a figure changed, a sentence dropped, a word inserted, a paragraph dropped — so that a corpus of
1,000 files holds each real report ~14 times with small differences, as a drafting office's
archive of drafts does. Into these, passages of the seed reports (``fixtures/seeds/``, not part of
the corpus) are planted with known copy counts: one in every file, one in every 10th, one in every
100th, one in two files only. A planted copy is *found* when an RD104 finding covers its line, as
the copy reported or as the other copy; recall must be 1 at every size.

Each figure is one whole ``reportdiff check --across --format json`` process, measured from
outside (wall time; CPU time — user + system — and peak RSS of the child from ``getrusage``).
The growth exponent between two sizes is ``log(t2 / t1) / log(n2 / n1)``: 1 is linear, 0 is flat;
the time exponent is taken on CPU time, which a machine shared with other work does not inflate
as it does the wall time.

    .venv/bin/python benchmarks/check_speed.py CORPUS [--sizes 100,1000,5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.load import load  # noqa: E402
from reportdiff.options import Options  # noqa: E402
from reportdiff.text import split_sentences  # noqa: E402

SEEDS = ROOT / "fixtures" / "seeds"
#: Planted passages: (name, every how many files a copy is planted; 0 = in two files only).
PLANTS = (("every file", 1), ("every 10th file", 10), ("every 100th file", 100), ("two files", 0))
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_kb": usage.ru_maxrss, "code": code.returncode,
                  "stderr": code.stderr.decode("utf-8", "replace")[-2000:]}))
"""


def real_reports(corpus: Path) -> list[tuple[list[str], frozenset[str]]]:
    """Every report of the corpus as its repaired paragraphs (one per line), with the body
    paragraphs that ``check`` reads (not a glossary, table of contents or title block) before
    which a planted passage stands as body text too."""
    from reportdiff.check import _units
    from reportdiff.outline import build_outline

    paths = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".docx"))
    reports = []
    for path in paths:
        document = load(str(path), options=Options())
        lines = document.text.splitlines()
        body = {u.text for u in _units(build_outline(document, options=Options()))}
        after = {b for a, b in zip(lines, lines[1:], strict=False) if a.endswith("。")}
        reports.append((lines, frozenset(body & after)))
    return reports


def planted_passages() -> list[str]:
    """Long paragraphs of the seeds: real text that no corpus report contains."""
    found = []
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = [line.strip() for line in seed.read_text("utf-8").splitlines()]
        found += [line for line in lines if len(line) > 150 and line.count("。") >= 3][:2]
    return found[: len(PLANTS)]


def light_edit(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Four small edits of a real report, as between two drafts."""
    out = list(paragraphs)
    long = [i for i, p in enumerate(out) if len(p) > 80]
    if not long:
        return out
    i = rng.choice(long)
    out[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), out[i], count=1)
    i = rng.choice(long)
    sentences = split_sentences(out[i])
    if len(sentences) > 2:
        del sentences[rng.randrange(len(sentences))]
        out[i] = "".join(sentences)
    i = rng.choice(long)
    cut = rng.randrange(len(out[i]))
    out[i] = out[i][:cut] + "进一步" + out[i][cut:]
    del out[rng.choice(long)]
    return out


def make_corpus(
    folder: Path, count: int, reports: list[tuple[list[str], frozenset[str]]]
) -> dict[str, list[tuple[str, int]]]:
    """Write ``count`` files; return every planted copy as (path, line) per planted passage."""
    passages = planted_passages()
    planted: dict[str, list[tuple[str, int]]] = {name: [] for name, _ in PLANTS}
    for n in range(count):
        rng = random.Random(n)
        paragraphs, body = reports[n % len(reports)]
        lines = light_edit(paragraphs, rng)
        plants = []
        for (name, every), passage in zip(PLANTS, passages, strict=True):
            if (every and n % every == 0) or (not every and n in (1, count - 1)):
                plants.append((name, passage))
        for name, passage in plants:
            places = [i for i, line in enumerate(lines) if line in body] or [len(lines) // 2]
            lines.insert(rng.choice(places), f"\x00{name}\x00{passage}")
        path = folder / f"report-{n:05d}.txt"
        text = []
        for line in lines:
            if line.startswith("\x00"):
                _, name, passage = line.split("\x00")
                planted[name].append((str(path), len(text) + 1))
                line = passage
            text.append(line)
        path.write_text("\n".join(text) + "\n", "utf-8")
    return planted


def run_check(paths: list[Path], out: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "reportdiff", "check", "--across", "--format", "json"]
    command += ["--fail-on", "error", "-o", str(out), *map(str, paths)]
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    )
    measured: dict[str, Any] = json.loads(result.stdout)
    if measured["code"] not in (0, 1) or not out.is_file():
        raise SystemExit(f"check failed with exit {measured['code']}: {measured['stderr']}")
    return measured


def recall(out: Path, planted: dict[str, list[tuple[str, int]]]) -> dict[str, tuple[int, int]]:
    """Per planted passage: (copies found, copies planted)."""
    records = json.loads(out.read_text("utf-8"))
    covered: dict[str, list[tuple[int, int]]] = {}
    for finding in records["findings"]:
        if finding["code"] != "RD104":
            continue
        for loc in (finding["location"], finding["other"]):
            covered.setdefault(loc["path"], []).append((loc["line"], loc["end_line"]))
    result = {}
    for name, copies in planted.items():
        if len(copies) < 2:  # one copy is no duplicate
            continue
        found = sum(
            1 for path, line in copies if any(a <= line <= b for a, b in covered.get(path, ()))
        )
        result[name] = (found, len(copies))
    return result


def exponent(x1: float, y1: float, x2: float, y2: float) -> float:
    return math.log(y2 / y1) / math.log(x2 / x1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of real reports (.txt, .docx)")
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--keep", type=Path, help="write the generated files here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    reports = real_reports(args.corpus)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        for size in sizes:
            folder = base / f"n{size}"
            folder.mkdir(parents=True, exist_ok=True)
            planted = make_corpus(folder, size, reports)
            paths = sorted(folder.glob("*.txt"))
            out = base / f"check-{size}.json"
            measured = run_check(paths, out)
            records = json.loads(out.read_text("utf-8"))
            found = recall(out, planted)
            rows.append((size, measured, len(records["findings"]), found))
            print(
                f"{size} files: {measured['wall']:.1f} s ({measured['cpu']:.1f} s CPU), "
                f"{measured['rss_kb'] / 1024:.0f} MiB, "
                f"{len(records['findings'])} findings, planted {found}",
                file=sys.stderr,
            )
    print(f"{len(reports)} real reports, light edits, `check --across`\n")
    print("| files | wall (s) | CPU (s) | peak RSS (MiB) | findings | planted copies found |")
    print("|---:|---:|---:|---:|---:|---|")
    for size, measured, findings, found in rows:
        planted_text = ", ".join(f"{name} {a}/{b}" for name, (a, b) in found.items())
        print(
            f"| {size:,} | {measured['wall']:.1f} | {measured['cpu']:.1f} "
            f"| {measured['rss_kb'] / 1024:.0f} "
            f"| {findings:,} | {planted_text} |"
        )
    if len(rows) > 1:
        print("\n| growth | time exponent (CPU) | memory exponent |")
        print("|---|---:|---:|")
        for (n1, m1, _, _), (n2, m2, _, _) in zip(rows, rows[1:], strict=False):
            print(
                f"| {n1:,} → {n2:,} | {exponent(n1, m1['cpu'], n2, m2['cpu']):.2f} "
                f"| {exponent(n1, m1['rss_kb'], n2, m2['rss_kb']):.2f} |"
            )


if __name__ == "__main__":
    main()
