"""How far two labellers agree on rewrites, and where reportdiff stands between them.

A second labeller labelled some scopes of the dev truth again, by reading, without seeing the
first labelling (``fixtures/truth/second/*.toml``, same format as ``fixtures/truth/rewrites/``).
For each such file, on its scope:

* **first's rewrites found whole by the second's links** — the benchmark's changed-pairing
  recall (``real_accuracy.py``: every sentence of a rewrite linked to its other side) with the
  second labelling in reportdiff's place: the recall a careful reader reaches against the truth;
* the same the other way round;
* **removed** — sentences each calls removed, and those both do;
* **reportdiff** — its changed-pairing recall against each labelling, on the same scope.

A quote names the sentence holding most of it (a short sentence's quote may run into the next
one), for both labellings alike.

    .venv/bin/python benchmarks/label_agreement.py CORPUS [--second DIR]
"""

from __future__ import annotations

import argparse
import bisect
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_accuracy import ROOT, Edition, Unit, _compared, _links, squeeze  # noqa: E402

Rewrite = tuple[frozenset[Unit], frozenset[Unit]]


def main_unit(edition: Edition, quote: str) -> set[Unit]:
    """The unit holding most of ``quote`` (every overlapped unit's share compared)."""
    text = squeeze(quote)
    at = edition.stream.find(text)
    if at < 0:
        return edition.find(quote)
    end = at + len(text)
    first = bisect.bisect_right(edition.starts, at) - 1
    last = bisect.bisect_left(edition.starts, end) - 1
    bounds = [*edition.starts, len(edition.stream)]

    def share(k: int) -> int:
        return min(end, bounds[k + 1]) - max(at, bounds[k])

    return {edition.units[max(range(first, last + 1), key=lambda k: (share(k), -k))]}


def labels(path: Path, old: Edition, new: Edition) -> tuple[list[Rewrite], set[Unit]]:
    data = tomllib.loads(path.read_text("utf-8"))
    rewrites: list[Rewrite] = []
    for item in data.get("rewrite", []):
        olds = frozenset(u for q in item["old"] for u in main_unit(old, q))
        news = frozenset(u for q in item["new"] for u in main_unit(new, q))
        if olds and news:
            rewrites.append((olds, news))
    removed = {u for item in data.get("removed", []) for u in main_unit(old, item["old"])}
    return rewrites, removed


def found_whole(rewrites: list[Rewrite], links: set[tuple[Unit, Unit]]) -> int:
    return sum(
        all(any((i, j) in links for j in news) for i in olds)
        and all(any((i, j) in links for i in olds) for j in news)
        for olds, news in rewrites
    )


Counts = tuple[int, ...]
"""Rewrites of the first and of the second labelling, first's found whole by the second's links
and the other way round, removed by the first / the second / both, rewrites of the first and of
the second that reportdiff finds whole."""


def agreement(corpus: Path, second_path: Path) -> Counts:
    first_path = ROOT / "fixtures" / "truth" / "rewrites" / second_path.name
    second_data = tomllib.loads(second_path.read_text("utf-8"))
    comparison, old, new = _compared(corpus, second_data["old"], second_data["new"])
    old_scope: set[Unit] = set()
    new_scope: set[Unit] = set()
    for entry in second_data["scope"]:
        left, _, right = (part.strip() for part in str(entry).partition("→"))
        old_scope |= old.scope(left) or set()
        new_scope |= new.scope(right) or set()

    def in_scope(rewrites: list[Rewrite]) -> list[Rewrite]:
        return [(o, n) for o, n in rewrites if o & old_scope or n & new_scope]

    first, first_removed = labels(first_path, old, new)
    second, second_removed = labels(second_path, old, new)
    first, second = in_scope(first), in_scope(second)
    first_removed &= old_scope
    second_removed &= old_scope
    first_links = {(i, j) for o, n in first for i in o for j in n}
    second_links = {(i, j) for o, n in second for i in o for j in n}
    tool = {pair for pair in _links(comparison) if isinstance(pair[0], int)}

    return (
        len(first),
        len(second),
        found_whole(first, second_links),
        found_whole(second, first_links),
        len(first_removed),
        len(second_removed),
        len(first_removed & second_removed),
        found_whole(first, tool),
        found_whole(second, tool),
    )


def row(name: str, c: Counts) -> str:
    def ratio(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.2f}" if b else "—"

    return (
        f"| {name} | {c[0]} | {c[1]} | {ratio(c[2], c[0])} | {ratio(c[3], c[1])}"
        f" | {c[4]} / {c[5]} / {c[6]} | {ratio(c[7], c[0])} | {ratio(c[8], c[1])} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path, help="the corpus folder (national/, 2025/, 2026/)")
    parser.add_argument("--second", type=Path, default=ROOT / "fixtures" / "truth" / "second")
    args = parser.parse_args(argv)
    rows = [
        "| pair (scope of the second file) | first's rewrites | second's rewrites"
        " | first's found whole by second | second's found whole by first"
        " | removed: first / second / both | reportdiff vs first | reportdiff vs second |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = [0] * 9
    for path in sorted(args.second.glob("*.toml")):
        counts = agreement(args.corpus, path)
        rows.append(row(path.stem, counts))
        total = [a + b for a, b in zip(total, counts, strict=True)]
    rows.append(row("**all**", tuple(total)))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
