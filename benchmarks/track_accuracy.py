"""How right `reportdiff track` is on the national series: every target point against the truth.

    .venv/bin/python benchmarks/track_accuracy.py CORPUS [-v]

Tracks the 14 national reports of CORPUS/national (oldest first) and compares each headline
target series point (value, high end, qualifier, horizon) with fixtures/number-truth/
targets-national.toml, per indicator: a point is right when its figure matches the labelled
target of that report; a labelled target without a point is a miss.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.options import Options  # noqa: E402
from reportdiff.tracking import track_files  # noqa: E402

TRUTH = ROOT / "fixtures" / "number-truth" / "targets-national.toml"


_SCALE = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def _scale(unit: str) -> Decimal:
    """Truth keeps 万/亿 in the unit (900 万人); the records hold base units (9000000 人)."""
    return next((size for prefix, size in _SCALE if unit.startswith(prefix)), Decimal(1))


def _same(point: dict[str, object], truth: dict[str, str]) -> bool:
    scale = _scale(truth.get("unit", ""))
    if Decimal(str(point["value"])) != Decimal(truth["value"]) * scale:
        return False
    high = point["high"] or ""
    if high and Decimal(str(high)) != Decimal(truth.get("high") or "0") * scale:
        return False
    words = set(str(point["qualifier"] or "").split()) - {"达到", "控制在", "保持在"}
    return words == (set(truth.get("qualifier", "").split()) - {"达到", "控制在", "保持在"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    truth = tomllib.loads(TRUTH.read_text("utf-8"))
    reports = truth["report"]
    paths = [str(args.corpus / r["report"]) for r in reports]
    labels = [Path(r["report"]).stem for r in reports]
    records = track_files(paths, options=Options(), labels=labels).as_records()
    series = {
        (s["indicator"], s["horizon"]): {p["edition"]: p for p in s["points"]}
        for s in records["series"]
        if s["canonical"] and s["kind"] != "outcome"
    }
    counts: Counter[tuple[str, str]] = Counter()
    for report, label in zip(reports, labels, strict=True):
        for target in report.get("target", ()):
            if not target.get("value"):
                continue
            key = (target["indicator"], target.get("horizon", "annual"))
            point = series.get(key, {}).get(label)
            if key not in series and target["indicator"] not in {k for k, _ in series}:
                counts[(key[0], "not tracked")] += 1
                continue
            verdict = "right" if point and _same(point, target) else "wrong" if point else "missed"
            counts[(key[0], verdict)] += 1
            if args.verbose and verdict != "right":
                got = point["raw"] if point else "—"
                print(f"{label} {key[0]} {key[1]}: {verdict}: {got} vs {target['quote']}")
    print("| indicator | right | wrong | missed | not tracked |")
    print("|---|---:|---:|---:|---:|")
    for indicator in sorted({k for k, _ in counts}):
        row = [counts[(indicator, v)] for v in ("right", "wrong", "missed", "not tracked")]
        print(f"| {indicator} | " + " | ".join(map(str, row)) + " |")


if __name__ == "__main__":
    main()
