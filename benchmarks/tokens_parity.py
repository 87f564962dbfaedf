"""Does the fast segmenter (rjieba) give jieba's tokens? Every sentence of a corpus, both ways.

Every report under CORPUS (.txt, .docx) and every text fixture is loaded through reportdiff's own
loader; every sentence is cut as written and folded (the stages cut both forms), by jieba (the
reference: HMM off, the policy terms added) and by rjieba (the same terms added). Prints the
number of strings, how many differ (with examples) and the time of each backend.

    .venv/bin/python benchmarks/tokens_parity.py CORPUS
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff import tokens  # noqa: E402
from reportdiff.load import load  # noqa: E402
from reportdiff.options import Options  # noqa: E402
from reportdiff.text import fold, split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    paths = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".txt", ".docx"))
    paths += sorted((ROOT / "fixtures").rglob("*.txt"))
    strings: set[str] = set()
    for path in paths:
        if path.name.lower() == "readme.md":
            continue
        try:
            text = load(str(path), options=Options()).text
        except Exception:  # noqa: BLE001 - a fixture that is meant to be refused
            continue
        for line in text.splitlines():
            for sentence in split_sentences(line):
                strings.update((sentence, fold(sentence)))
    ordered = sorted(strings)
    start = time.perf_counter()
    reference = tokens._load("jieba")
    jieba_load = time.perf_counter() - start
    start = time.perf_counter()
    fast = tokens._load("rjieba")
    fast_load = time.perf_counter() - start
    start = time.perf_counter()
    expected = [reference.cut(s) for s in ordered]
    jieba_cut = time.perf_counter() - start
    start = time.perf_counter()
    got = [fast.cut(s) for s in ordered]
    fast_cut = time.perf_counter() - start
    differing = [(s, a, b) for s, a, b in zip(ordered, expected, got, strict=True) if a != b]
    chars = sum(map(len, ordered))
    print(f"{len(paths)} files, {len(ordered):,} distinct strings ({chars:,} characters)\n")
    print("| backend | load (s) | segment (s) | tokens identical to jieba |")
    print("|---|---:|---:|---|")
    print(f"| jieba (reference) | {jieba_load:.2f} | {jieba_cut:.2f} | — |")
    same = f"{len(ordered) - len(differing):,} / {len(ordered):,}"
    print(f"| rjieba | {fast_load:.2f} | {fast_cut:.2f} | {same} |")
    for sentence, a, b in differing[:10]:
        print(f"\n{sentence!r}\n  jieba:  {a}\n  rjieba: {b}")


if __name__ == "__main__":
    main()
