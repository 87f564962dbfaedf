"""Precision and recall of ``compare_numbers`` against hand-made truth lists.

Usage: ``python benchmarks/numbers_accuracy.py [-v]`` from the repository root. Each truth list in
``fixtures/number-truth/*.toml`` names two seeds and the shifts a careful reader finds between them
(see the comments in those files). A reported shift counts as right when its kind (or an accepted
alternative kind) and its raw figures match a truth entry not matched before; precision is right
reports / all reports, recall is matched truth entries / all truth entries. ``-v`` lists the misses
and the false reports.
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.load import load  # noqa: E402
from reportdiff.numbers import NumberShift, compare_numbers  # noqa: E402
from reportdiff.options import Options  # noqa: E402
from reportdiff.outline import build_outline  # noqa: E402
from reportdiff.tokens import cut  # noqa: E402


def _norm(text: str | None) -> str:
    return "".join((text or "").split())


def matches(shift: NumberShift, truth: dict[str, Any]) -> bool:
    """Whether a reported shift is the truth entry."""
    kinds = {truth["kind"], *truth.get("accept", ())}
    if shift.kind not in kinds:
        return False
    for side, indicator in (("old", shift.old), ("new", shift.new)):
        expected = truth.get(side)
        if expected is None:
            continue
        if indicator is None or _norm(indicator.quantity.raw) != _norm(expected):
            return False
        needle = truth.get(f"{side}_has")
        if needle and needle not in indicator.sentence:
            return False
    return True


def evaluate(path: Path) -> dict[str, Any]:
    """Run one truth list; returns counts, the misses and the false reports."""
    spec = tomllib.loads(path.read_text("utf-8"))
    options = Options()
    seeds = ROOT / "fixtures" / "seeds"
    started = time.perf_counter()
    old = build_outline(load(seeds / spec["old"], options=options), options=options)
    new = build_outline(load(seeds / spec["new"], options=options), options=options)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    shifts = compare_numbers(old, new, options=options, mode=spec.get("mode", "editions"))
    elapsed = time.perf_counter() - started
    truth = list(spec["shift"])
    unmatched = list(range(len(truth)))
    right: list[NumberShift] = []
    wrong: list[NumberShift] = []
    for shift in shifts:
        hit = next((k for k in unmatched if matches(shift, truth[k])), None)
        if hit is None:
            wrong.append(shift)
        else:
            unmatched.remove(hit)
            right.append(shift)
    return {
        "name": path.stem,
        "reported": len(shifts),
        "truth": len(truth),
        "right": len(right),
        "precision": len(right) / len(shifts) if shifts else 1.0,
        "recall": (len(truth) - len(unmatched)) / len(truth) if truth else 1.0,
        "misses": [truth[k] for k in unmatched],
        "wrong": wrong,
        "seconds": elapsed,
        "baseline": baseline,
    }


def _describe(shift: NumberShift) -> str:
    old = shift.old.quantity.raw if shift.old else "—"
    new = shift.new.quantity.raw if shift.new else "—"
    return f"{shift.kind}: {shift.indicator}: {old} → {new}"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    cut("预热")  # load the segmenter's dictionary before anything is timed
    print(
        "| truth list | reported | truth | right | precision | recall | compare time "
        "| × load+outline |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    results = [
        evaluate(path)
        for path in sorted((ROOT / "fixtures" / "number-truth").glob("plan2024-to-*.toml"))
    ]
    for r in results:
        print(
            f"| {r['name']} | {r['reported']} | {r['truth']} | {r['right']} | "
            f"{r['precision']:.2f} | "
            f"{r['recall']:.2f} | {r['seconds']:.2f} s | {r['seconds'] / r['baseline']:.1f} |"
        )
    if verbose:
        for r in results:
            print(f"\n## {r['name']}")
            for miss in r["misses"]:
                print(
                    f"  missed: {miss['kind']}: {miss['indicator']}: {miss.get('old', '—')} → "
                    f"{miss.get('new', '—')}"
                )
            for shift in r["wrong"]:
                print(f"  false:  {_describe(shift)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
