"""Accuracy of the numbers stage against hand-made truth.

Usage, from the repository root::

    .venv/bin/python benchmarks/numbers_accuracy.py [-v]                    # seed shift lists
    .venv/bin/python benchmarks/numbers_accuracy.py --corpus /work/shared/corpus [-v]
        [--split dev|holdout|all] [--sample 100 --seed 7] [--growth]

**Seeds** (always): each ``fixtures/number-truth/plan2024-to-*.toml`` names two seeds and every
number shift a careful reader finds between them. A reported shift is right when its kind (or an
accepted alternative) and its raw figures match a truth entry not matched before; entries of kind
``outcome_vs_target`` are matched against the target → outcome table instead.

**Corpus** (``--corpus``), against ``targets-*.toml`` and ``outcomes-national.toml`` (format in
that folder's README), per indicator and overall, for the ``dev`` and the ``holdout`` reports
separately:

- *targets*: the report's headline targets (:func:`reportdiff.numbers.headline_indicators`) against
  the labelled ones, per (indicator, horizon); right when value (and high end), unit and qualifier
  are all right. A labelled qualitative target (no value) that the tool gives a number for is a
  false report. Only indicators the truth file labels somewhere count (the labeller's scope).
- *pairing*: the year-over-year shifts (``compare_numbers``) of 2025 → 2026 per province and of
  consecutive national years, against the pairs the two years' labels imply (an indicator with a
  value in both); right when both sides are the labelled figures. A pair counts as reported when
  one of its sides is a headline target of its report (the labels' scope).
- *target → outcome*: the ``target_outcomes`` table of consecutive national years against
  ``outcomes-national.toml``; right when the outcome is the labelled figure (verdicts scored apart).
  Entries whose result is stated in words only (目标没有完成) have no figure to pair: not counted.
- *readable names* (``--sample N --seed S``): N rows drawn at random from the dev reports' numbers,
  judged by reading in ``fixtures/number-truth/readable-names.toml`` (each judgement is tied to the
  name it judged: a row whose name changed since is reported as unjudged).
- *growth* (``--growth``): the numbers stage on 1, 2, 4, 8 national reports concatenated
  (extraction and pairing timed apart, similarity calls counted), with the growth exponents.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.load import load  # noqa: E402
from reportdiff.model import Outline  # noqa: E402
from reportdiff.numbers import (  # noqa: E402
    Indicator,
    NumberShift,
    compare_indicators,
    compare_with_outcomes,
    extract_indicators,
    headline_indicators,
    target_outcomes,
    word_targets,
)
from reportdiff.numbers.quantities import SCALES, UNITS  # noqa: E402
from reportdiff.options import Options  # noqa: E402
from reportdiff.outline import build_outline  # noqa: E402
from reportdiff.tokens import cut  # noqa: E402

TRUTH = ROOT / "fixtures" / "number-truth"
OPTIONS = Options()


def _norm(text: str | None) -> str:
    return "".join((text or "").split())


# ----------------------------------------------------------------------------------------------
# Seeds: shift truth lists


def matches(shift: NumberShift, truth: dict[str, Any]) -> bool:
    """Whether a reported shift is the truth entry."""
    kinds = {truth["kind"], *truth.get("accept", ())}
    if shift.kind not in kinds:
        return False
    return _sides_match(shift.old, shift.new, truth)


def _sides_match(old: Indicator | None, new: Indicator | None, truth: dict[str, Any]) -> bool:
    for side, indicator in (("old", old), ("new", new)):
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
    """Run one seed truth list; returns counts, the misses and the false reports."""
    spec = tomllib.loads(path.read_text("utf-8"))
    seeds = ROOT / "fixtures" / "seeds"
    started = time.perf_counter()
    old = build_outline(load(seeds / spec["old"], options=OPTIONS), options=OPTIONS)
    new = build_outline(load(seeds / spec["new"], options=OPTIONS), options=OPTIONS)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    comparison = compare_with_outcomes(old, new, options=OPTIONS, mode=spec.get("mode", "editions"))
    elapsed = time.perf_counter() - started
    truth = list(spec["shift"])
    unmatched = list(range(len(truth)))
    reports: list[tuple[str, Indicator | None, Indicator | None, str]] = [
        (s.kind, s.old, s.new, s.indicator) for s in comparison.shifts
    ]
    reports += [
        ("outcome_vs_target", row.target, row.outcome, row.indicator)
        for row in comparison.outcomes
        if row.outcome is not None
    ]
    right: list[str] = []
    wrong: list[str] = []
    for kind, a, b, name in reports:
        hit = next(
            (
                k
                for k in unmatched
                if kind in {truth[k]["kind"], *truth[k].get("accept", ())}
                and _sides_match(a, b, truth[k])
            ),
            None,
        )
        described = (
            f"{kind}: {name}: {a.quantity.raw if a else '—'} → {b.quantity.raw if b else '—'}"
        )
        if hit is None:
            wrong.append(described)
        else:
            unmatched.remove(hit)
            right.append(described)
    return {
        "name": path.stem,
        "reported": len(reports),
        "truth": len(truth),
        "right": len(right),
        "precision": len(right) / len(reports) if reports else 1.0,
        "recall": (len(truth) - len(unmatched)) / len(truth) if truth else 1.0,
        "misses": [truth[k] for k in unmatched],
        "wrong": wrong,
        "seconds": elapsed,
        "baseline": baseline,
    }


def seeds_table(verbose: bool) -> None:
    print("| truth list | reported | truth | right | precision | recall | compare time |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    results = [evaluate(path) for path in sorted(TRUTH.glob("plan2024-to-*.toml"))]
    for r in results:
        print(
            f"| {r['name']} | {r['reported']} | {r['truth']} | {r['right']} | "
            f"{r['precision']:.2f} | {r['recall']:.2f} | {r['seconds']:.2f} s |"
        )
    if verbose:
        for r in results:
            print(f"\n{r['name']}")
            for miss in r["misses"]:
                print(
                    f"  missed: {miss['kind']}: {miss['indicator']}: {miss.get('old', '—')} → "
                    f"{miss.get('new', '—')}"
                )
            for described in r["wrong"]:
                print(f"  false:  {described}")


# ----------------------------------------------------------------------------------------------
# Corpus truth


class Corpus:
    """The corpus folder, each report loaded and outlined once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._outlines: dict[str, Outline] = {}
        self._indicators: dict[str, tuple[Indicator, ...]] = {}
        self._headline: dict[str, set[tuple[int, int, str]]] = {}

    def outline(self, report: str) -> Outline:
        if report not in self._outlines:
            document = load(self.folder / report, options=OPTIONS)
            self._outlines[report] = build_outline(document, options=OPTIONS)
        return self._outlines[report]

    def indicators(self, report: str) -> tuple[Indicator, ...]:
        if report not in self._indicators:
            self._indicators[report] = extract_indicators(self.outline(report), options=OPTIONS)
        return self._indicators[report]

    def headline(self, report: str) -> set[tuple[int, int, str]]:
        """Where the report's headline targets stand: (line, offset, raw)."""
        if report not in self._headline:
            self._headline[report] = {
                (i.line, i.quantity.start, i.quantity.raw)
                for i in headline_indicators(self.outline(report), options=OPTIONS)
            }
        return self._headline[report]


@dataclass
class Score:
    """Counts of one measure: right reports, all reports, all truth entries."""

    right: int = 0
    reported: int = 0
    truth: int = 0
    notes: list[str] = field(default_factory=list)
    unlabelled: int = 0
    """Wrong reports the truth cannot judge: a pair whose indicator one report's labels hold no
    target for (the labels list the statement of the year's targets; the report may state that
    target elsewhere, 「正常年景下粮食产量达到900亿斤以上」 in its plan chapter)."""

    @property
    def precision(self) -> float:
        return self.right / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.truth if self.truth else 1.0


def _scale_and_unit(unit: str) -> tuple[Decimal, str]:
    """万人 → (10000, 人), 亿斤 → (1e8, 斤), % → (1, %)."""
    for name, size in SCALES:
        rest = unit.removeprefix(name)
        if rest != unit and rest in UNITS:
            return size, UNITS[rest][0]
    return Decimal(1), UNITS[unit][0] if unit in UNITS else unit


#: Words the truth (and a reader) does not count as qualifiers: verbs of placement.
_NOT_QUALIFIERS = {"控制在", "保持在", "稳定在", "力争"}
_SUFFIXES = ("左右", "以上", "以下", "以内", "之内", "上下", "余", "多")


def main_qualifier(words: str | None) -> str:
    """The one qualifier a reader cites: the bound after the figure (左右, 以上…), else the one
    before it (超过, 不低于, 达到…), placement verbs left out."""
    parts = [w for w in (words or "").split() if w not in _NOT_QUALIFIERS]
    after = [w for w in parts if w in _SUFFIXES]
    if after:
        return after[0]
    return parts[-1] if parts else ""


def truth_figure(t: dict[str, Any]) -> tuple[Decimal, Decimal | None, str, str] | None:
    """(value, high, unit, qualifier) of a truth entry in base units; None when qualitative."""
    if not t.get("value"):
        return None
    size, unit = _scale_and_unit(t["unit"])
    high = Decimal(t["high"]) * size if t.get("high") else None
    return Decimal(t["value"]) * size, high, unit, t.get("qualifier", "")


def tool_figure(indicator: Indicator) -> tuple[Decimal, Decimal | None, str, str]:
    q = indicator.quantity
    return q.value, q.high, q.unit, main_qualifier(q.qualifier)


def _same(t: dict[str, Any], indicator: Indicator, *, qualifier: bool = True) -> bool:
    expected = truth_figure(t)
    if expected is None:
        return False
    got = tool_figure(indicator)
    if (got[2], got[0], got[1]) != (expected[2], expected[0], expected[1]):
        return False
    return not qualifier or got[3] == expected[3]


def load_truth(name: str) -> dict[str, Any]:
    return tomllib.loads((TRUTH / name).read_text("utf-8"))


def target_reports() -> list[dict[str, Any]]:
    reports: list[dict[str, Any]] = []
    for path in sorted(TRUTH.glob("targets-*.toml")):
        spec = tomllib.loads(path.read_text("utf-8"))
        scope = {t["indicator"] for r in spec["report"] for t in r.get("target", ())}
        for report in spec["report"]:
            reports.append({**report, "scope": scope})
    return reports


def score_targets(corpus: Corpus, reports: list[dict[str, Any]], split: str) -> dict[str, Score]:
    """Headline targets per indicator (key ``all`` for the total)."""
    scores: dict[str, Score] = defaultdict(Score)
    for report in reports:
        if split != "all" and report["split"] != split:
            continue
        tool = [
            i
            for i in headline_indicators(corpus.outline(report["report"]), options=OPTIONS)
            if i.indicator_id in report["scope"]
        ]
        truths = report.get("target", [])
        used: set[int] = set()
        for t in truths:
            key = t["indicator"]
            horizon = t.get("horizon", "annual")
            found = next(
                (
                    k
                    for k, i in enumerate(tool)
                    if k not in used and i.indicator_id == key and i.horizon == horizon
                ),
                None,
            )
            if truth_figure(t) is None:
                if found is not None:  # a number where the report states none
                    used.add(found)
                    for bucket in (key, "all"):
                        scores[bucket].reported += 1
                    scores[key].notes.append(
                        f"{report['report']}: qualitative {t['quote']} ← {tool[found].quantity.raw}"
                    )
                continue
            for bucket in (key, "all"):
                scores[bucket].truth += 1
            if found is None:
                scores[key].notes.append(f"{report['report']}: missed {horizon} {t['quote']}")
                continue
            used.add(found)
            for bucket in (key, "all"):
                scores[bucket].reported += 1
            if _same(t, tool[found]):
                for bucket in (key, "all"):
                    scores[bucket].right += 1
            else:
                scores[key].notes.append(
                    f"{report['report']}: wrong {t['quote']} = {t['value']}{t['unit']}"
                    f"{t.get('qualifier', '')} ← {tool[found].quantity.raw} "
                    f"({tool[found].quantity.qualifier}) L{tool[found].line}"
                )
        for k, i in enumerate(tool):
            if k in used or i.indicator_id is None:
                continue
            for bucket in (i.indicator_id, "all"):
                scores[bucket].reported += 1
            scores[i.indicator_id].notes.append(
                f"{report['report']}: extra {i.horizon} {i.quantity.raw} L{i.line} {i.phrase}"
            )
    return scores


def _pairs_expected(
    old: dict[str, Any], new: dict[str, Any]
) -> dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]]:
    """(indicator, horizon) → (old truth, new truth) for indicators with a value in both."""

    def valued(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for t in report.get("target", []):
            key = (t["indicator"], t.get("horizon", "annual"))
            if truth_figure(t) is not None and key not in out:
                out[key] = t
        return out

    a, b = valued(old), valued(new)
    return {key: (a[key], b[key]) for key in a if key in b}


def _labelled(report: dict[str, Any]) -> set[tuple[str, str]]:
    """(indicator, horizon) of every target a report's labels list, in figures or in words."""
    return {(t["indicator"], t.get("horizon", "annual")) for t in report.get("target", [])}


def edition_pairs(reports: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Consecutive national years and each province's 2025 → 2026."""
    by_name = {r["report"]: r for r in reports}
    pairs = []
    national = sorted(
        (r for r in reports if r["report"].startswith("national/")), key=lambda r: r["year"]
    )
    for a, b in zip(national, national[1:], strict=False):
        if b["year"] == a["year"] + 1:
            pairs.append((a, b))
    for name, report in sorted(by_name.items()):
        if name.startswith("2025/"):
            province = Path(name).stem
            other = by_name.get(f"2026/{province}.txt")
            if other is not None:
                pairs.append((report, other))
    return pairs


def score_pairing(corpus: Corpus, reports: list[dict[str, Any]], split: str) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for old, new in edition_pairs(reports):
        if split != "all" and split not in (old["split"], new["split"]):
            continue
        if split == "dev" and "holdout" in (old["split"], new["split"]):
            continue
        expected = _pairs_expected(old, new)
        scope = old["scope"] | new["scope"]
        shifts = compare_indicators(
            corpus.indicators(old["report"]), corpus.indicators(new["report"]), options=OPTIONS
        )
        label = f"{old['report']} → {new['report']}"
        for key in expected:
            for bucket in (key[0], "all"):
                scores[bucket].truth += 1
        seen: set[tuple[str, str]] = set()
        old_headline, new_headline = corpus.headline(old["report"]), corpus.headline(new["report"])
        for shift in shifts:
            if shift.old is None or shift.new is None:
                continue
            ids = {shift.old.indicator_id, shift.new.indicator_id} - {None}
            if not ids & scope:
                continue
            where_old = (shift.old.line, shift.old.quantity.start, shift.old.quantity.raw)
            where_new = (shift.new.line, shift.new.quantity.start, shift.new.quantity.raw)
            if where_old not in old_headline and where_new not in new_headline:
                continue  # two figures outside both reports' target statements: not labelled
            key = (shift.old.indicator_id or shift.new.indicator_id or "", shift.old.horizon)
            if shift.old.indicator_id != shift.new.indicator_id or key in seen:
                for bucket in (key[0], "all"):
                    scores[bucket].reported += 1
                scores[key[0]].notes.append(
                    f"{label}: odd pair {shift.old.quantity.raw} ({shift.old.key}) → "
                    f"{shift.new.quantity.raw} ({shift.new.key})"
                )
                continue
            seen.add(key)
            for bucket in (key[0], "all"):
                scores[bucket].reported += 1
            truth = expected.get(key)
            if truth and _same(truth[0], shift.old) and _same(truth[1], shift.new):
                for bucket in (key[0], "all"):
                    scores[bucket].right += 1
            else:
                if not truth and not (key in _labelled(old) and key in _labelled(new)):
                    for bucket in (key[0], "all"):
                        scores[bucket].unlabelled += 1
                scores[key[0]].notes.append(
                    f"{label}: {key[1]} {shift.old.quantity.raw} → {shift.new.quantity.raw}"
                    + (
                        f" (truth {truth[0]['quote']} → {truth[1]['quote']})"
                        if truth
                        else " (no such pair)"
                    )
                )
        for key in expected:
            if key not in seen:
                scores[key[0]].notes.append(f"{label}: missed pair {key}")
    return scores


def score_outcomes(
    corpus: Corpus, reports: list[dict[str, Any]], split: str
) -> tuple[dict[str, Score], Score]:
    splits = {r["report"]: r["split"] for r in reports}
    spec = load_truth("outcomes-national.toml")
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for o in spec["outcome"]:
        if o.get("value"):  # a result stated in words (目标没有完成) has no figure to pair
            by_pair[(o["target_report"], o["outcome_report"])].append(o)
    scores: dict[str, Score] = defaultdict(Score)
    verdicts = Score()
    for (old, new), truths in sorted(by_pair.items()):
        report_splits = {splits.get(old, "dev"), splits.get(new, "dev")}
        if split == "dev" and "holdout" in report_splits:
            continue
        if split == "holdout" and "holdout" not in report_splits:
            continue
        rows = target_outcomes(
            corpus.indicators(old),
            corpus.indicators(new),
            options=OPTIONS,
            in_words=word_targets(corpus.outline(old), options=OPTIONS),
        )
        scope = {t["indicator"] for t in truths}
        for t in truths:
            for bucket in (t["indicator"], "all"):
                scores[bucket].truth += 1
        matched: set[int] = set()
        for row in rows:
            if row.outcome is None or row.target.indicator_id not in scope:
                continue
            key = row.target.indicator_id
            for bucket in (key, "all"):
                scores[bucket].reported += 1
            hit = next(
                (
                    k
                    for k, t in enumerate(truths)
                    if k not in matched
                    and t["indicator"] == key
                    and _same(t, row.outcome, qualifier=False)
                ),
                None,
            )
            if hit is None:
                scores[key].notes.append(
                    f"{old} → {new}: {row.target.quantity.raw} → {row.outcome.quantity.raw} "
                    f"L{row.outcome.line} (truth: "
                    + ", ".join(t["outcome_quote"] for t in truths if t["indicator"] == key)
                    + ")"
                )
                continue
            matched.add(hit)
            for bucket in (key, "all"):
                scores[bucket].right += 1
            verdicts.truth += 1
            verdicts.reported += 1
            if row.verdict == truths[hit]["verdict"]:
                verdicts.right += 1
            else:
                verdicts.notes.append(
                    f"{old}: {key} {row.target.quantity.raw} → {row.outcome.quantity.raw}: "
                    f"{row.verdict}, truth {truths[hit]['verdict']}"
                )
        for k, t in enumerate(truths):
            if k not in matched:
                scores[t["indicator"]].notes.append(f"{old} → {new}: missed {t['outcome_quote']}")
    return scores, verdicts


def print_scores(title: str, scores: dict[str, Score], verbose: bool) -> None:
    print(f"\n{title}\n")
    print("| indicator | truth | reported | right | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for key in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[key]
        name = "**all**" if key == "all" else key
        print(
            f"| {name} | {s.truth} | {s.reported} | {s.right} | "
            f"{s.precision:.2f} | {s.recall:.2f} |"
        )
    unjudged = scores["all"].unlabelled if "all" in scores else 0
    if unjudged:
        wrong = scores["all"].reported - scores["all"].right
        print(
            f"\nof the {wrong} wrong reports, {unjudged} pair "
            "an indicator one of the two reports' labels hold no target for (outside the labels' "
            "scope, counted wrong above)"
        )
    if verbose:
        for key in sorted(scores):
            for note in scores[key].notes:
                print(f"  {key}: {note}")


# ----------------------------------------------------------------------------------------------
# Readable names


def sample_rows(
    corpus: Corpus, reports: Iterable[str], n: int, seed: int
) -> list[tuple[str, Indicator]]:
    rows = [(r, i) for r in sorted(reports) for i in corpus.indicators(r)]
    return random.Random(seed).sample(rows, min(n, len(rows)))


def score_names(
    corpus: Corpus, reports: list[dict[str, Any]], n: int, seed: int, verbose: bool
) -> None:
    judged_path = TRUTH / "readable-names.toml"
    judged: dict[tuple[str, int, str], dict[str, Any]] = {}
    if judged_path.exists():
        for row in tomllib.loads(judged_path.read_text("utf-8")).get("row", []):
            judged[(row["report"], row["line"], row["raw"])] = row
    dev = [r["report"] for r in reports if r["split"] == "dev"]
    rows = sample_rows(corpus, dev, n, seed)
    readable = unjudged = 0
    print(f"\nReadable names: {len(rows)} rows drawn from the dev reports, seed {seed}\n")
    for report, indicator in rows:
        key = (report, indicator.line, indicator.quantity.raw)
        verdict = judged.get(key)
        if verdict is None or verdict["name"] != indicator.key:
            unjudged += 1
            print(
                f'[[row]]\nreport = "{report}"\nline = {indicator.line}\n'
                f'raw = "{indicator.quantity.raw}"'
                f'\nname = "{indicator.key}"\nsource = "{indicator.name_source}"\nreadable = ?\n'
            )
            continue
        readable += bool(verdict["readable"])
        if verbose and not verdict["readable"]:
            print(
                f"  unreadable: {report} L{indicator.line} {indicator.quantity.raw}: "
                f"{indicator.key}"
            )
    judged_count = len(rows) - unjudged
    share = readable / judged_count if judged_count else 0.0
    print(
        "| rows | judged | readable | share |\n|---:|---:|---:|---:|\n"
        f"| {len(rows)} | {judged_count} | {readable} | {share:.2%} |"
    )


# ----------------------------------------------------------------------------------------------
# Growth of the pairing stage


def growth(corpus: Corpus) -> None:
    """The numbers stage on 1, 2, 4, 8 national reports concatenated into one old and one new
    text (2003… against 2004…): extraction, pairing (default and ``--all``) and the number of
    similarity calls, with the growth exponents (log time ratio / log size ratio)."""
    import reportdiff.numbers.pairing as pairing
    from reportdiff.load import load_bytes

    years = sorted(int(p.stem) for p in (corpus.folder / "national").glob("*.txt"))
    texts = {y: (corpus.folder / "national" / f"{y}.txt").read_text("utf-8") for y in years}
    calls = 0
    original = pairing.similarity

    def counted(a: Indicator, b: Indicator) -> float:
        nonlocal calls
        calls += 1
        return original(a, b)

    print("\nNumbers stage growth (k national reports concatenated, old and new)\n")
    print("| k | characters | indicators | extract s | pair s | pair --all s | similarity calls |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    points = []
    pairing.similarity = counted  # type: ignore[assignment]
    try:
        for k in (1, 2, 4, 8):
            old = "\n".join(texts[y] for y in years[:k])
            new = "\n".join(texts[y] for y in years[1 : k + 1])
            outlines = [
                build_outline(load_bytes(t.encode("utf-8"), source=f"{n}.txt"), options=OPTIONS)
                for n, t in (("old", old), ("new", new))
            ]
            started = time.perf_counter()
            olds, news = (extract_indicators(o, options=OPTIONS) for o in outlines)
            extract = time.perf_counter() - started
            calls = 0
            started = time.perf_counter()
            compare_indicators(olds, news, options=OPTIONS)
            pair = time.perf_counter() - started
            started = time.perf_counter()
            compare_indicators(olds, news, options=OPTIONS.evolve(numbers_all=True))
            pair_all = time.perf_counter() - started
            size = len(old) + len(new)
            points.append((size, extract, pair, pair_all, calls))
            print(
                f"| {k} | {size} | {len(olds) + len(news)} | {extract:.2f} | {pair:.3f} | "
                f"{pair_all:.3f} | {calls} |"
            )
    finally:
        pairing.similarity = original  # type: ignore[assignment]
    first, last = points[0], points[-1]
    scale = math.log(last[0] / first[0])

    def exponent(k: int) -> float:
        return math.log(last[k] / first[k]) / scale

    stage = math.log((last[1] + last[2]) / (first[1] + first[2])) / scale
    print(
        f"\ngrowth exponents (k = 1 → 8): stage {stage:.2f}, extraction {exponent(1):.2f}, "
        f"pairing {exponent(2):.2f}, pairing --all {exponent(3):.2f}, "
        f"similarity calls {exponent(4):.2f}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default=None)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    cut("预热")  # load the segmenter's dictionary before anything is timed
    print("Seed shift lists\n")
    seeds_table(args.verbose)
    if args.corpus is None:
        return 0
    corpus = Corpus(args.corpus)
    reports = target_reports()
    for split in [args.split] if args.split else ["dev", "holdout"]:
        print(f"\n### {split} reports")
        print_scores(
            f"Headline targets ({split})", score_targets(corpus, reports, split), args.verbose
        )
        print_scores(
            f"Year-over-year pairing ({split})", score_pairing(corpus, reports, split), args.verbose
        )
        outcomes, verdicts = score_outcomes(corpus, reports, split)
        print_scores(f"Target → outcome pairing ({split})", outcomes, args.verbose)
        print(f"\nverdicts right: {verdicts.right}/{verdicts.truth}")
        if args.verbose:
            for note in verdicts.notes:
                print(f"  verdict: {note}")
    if args.sample:
        score_names(corpus, reports, args.sample, args.seed, args.verbose)
    if args.growth:
        growth(corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
