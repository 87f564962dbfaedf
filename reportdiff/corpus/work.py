"""The work of one pair, run in a worker process (local pool or Dask worker).

:func:`run_pair` takes a :class:`~reportdiff.corpus.pairs.PairJob` (both reports' bytes, so a
worker needs no access to the user's files) and returns a :class:`PairOutcome`: the files to
write, the pair's panel rows and its line of the index. It never raises: a bad input fails its
pair only, with the one-line message the CLI would print.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportdiff.corpus.pairs import PairJob
from reportdiff.errors import ReportdiffError

if TYPE_CHECKING:
    from reportdiff.model import Block, Outline
    from reportdiff.numbers import TargetOutcome
    from reportdiff.options import Options
    from reportdiff.pipeline import Comparison
    from reportdiff.tracking.headline import HeadlineNumber

__all__ = ["PANEL_COLUMNS", "PairOutcome", "panel_rows", "run_pair", "warm_up"]

#: Columns of ``panel.csv``: one row per pair and indicator.
PANEL_COLUMNS = ("label", "indicator", "kind", "old", "new", "change", "old_line", "new_line")


@dataclass(frozen=True, slots=True)
class PairOutcome:
    """What a worker hands back for one pair."""

    label: str
    key: str
    status: str
    """``ok`` or ``failed``."""
    error: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    """File name inside the pair's folder → content (``diff.json``, ``memo.html`` …)."""
    panel: tuple[tuple[str, ...], ...] = ()
    summary: dict[str, Any] = field(default_factory=dict)
    """The pair's counts and headline targets, for the index."""
    seconds: float = 0.0


def warm_up() -> None:
    """Load the segmenter once per worker, before its first pair (not once per pair)."""
    from reportdiff.tokens import cut

    cut("优化营商环境")


def _canonical_rows(label: str, comparison: Comparison, options: Options) -> list[tuple[str, ...]]:
    """Headline indicators paired by their canonical id, as ``track`` pairs two editions: this
    edition's target against last edition's; then last edition's target against the outcome this
    edition reports for it (``outcome_vs_target``), as the comparison's own target → outcome table
    pairs them (consecutive years only; a target stated in words is judged by its verdict)."""
    from reportdiff.numbers import describe_change
    from reportdiff.tracking.headline import headline_numbers
    from reportdiff.tracking.series import build_series

    editions = [headline_numbers(o, options=options) for o in (comparison.old, comparison.new)]
    series = [s for s in build_series(editions, options=options) if s.canonical]
    blocks = [
        sorted(o.document.blocks, key=lambda b: b.line) for o in (comparison.old, comparison.new)
    ]
    reported: dict[str, TargetOutcome] = {}
    for outcome_row in comparison.target_outcomes:
        known = outcome_row.target.indicator_id
        if known is not None and outcome_row.outcome is not None:
            reported.setdefault(known, outcome_row)
    rows: list[tuple[str, ...]] = []
    targets = {(s.indicator, s.horizon): s for s in series if s.kind != "outcome"}
    for (indicator, horizon), target in targets.items():
        name = indicator if horizon == "annual" else f"{indicator}.five_year"
        by_edition = {p.edition: p.number for p in target.points}
        old, new = by_edition.get(0), by_edition.get(1)
        if old is not None and new is not None:
            kind, change = describe_change(old.quantity, new.quantity)
        else:
            kind, change = ("added" if old is None else "dropped"), None
        rows.append(_row(label, name, kind, old, new, change))
        if horizon == "annual" and indicator in reported:
            rows.append(_outcome_row(label, reported.pop(indicator), blocks))
    rows.extend(_outcome_row(label, row, blocks) for row in reported.values())
    return rows


def _outcome_row(label: str, row: TargetOutcome, blocks: list[list[Block]]) -> tuple[str, ...]:
    """An ``outcome_vs_target`` row of the panel from the comparison's target → outcome table."""
    from reportdiff.numbers import describe_change
    from reportdiff.tracking.headline import figure_line

    target, outcome = row.target, row.outcome
    assert outcome is not None and target.indicator_id is not None
    if target.quantity.kind == "words":
        change: str | None = row.verdict  # 「居民收入增长和经济增长同步」: no figure to subtract
    else:
        change = describe_change(target.quantity, outcome.quantity)[1]
    return (
        label,
        target.indicator_id,
        "outcome_vs_target",
        "".join(target.quantity.raw.split()),
        "".join(outcome.quantity.raw.split()),
        change or "",
        str(figure_line(blocks[0], target)),
        str(figure_line(blocks[1], outcome)),
    )


def _row(
    label: str,
    name: str,
    kind: str,
    old: HeadlineNumber | None,
    new: HeadlineNumber | None,
    change: str | None,
) -> tuple[str, ...]:
    def raw(number: HeadlineNumber | None) -> str:
        return "".join(number.quantity.raw.split()) if number is not None else ""

    return (
        label,
        name,
        kind,
        raw(old),
        raw(new),
        change or "",
        str(old.line) if old is not None else "",
        str(new.line) if new is not None else "",
    )


def panel_rows(label: str, comparison: Comparison, options: Options) -> tuple[tuple[str, ...], ...]:
    """One row per pair and indicator: headline indicators first (reading order, paired by
    canonical id), then every other number shift of the comparison."""
    from reportdiff.tracking.headline import figure_line, identify

    rows = _canonical_rows(label, comparison, options)
    blocks = {
        side: sorted(outline.document.blocks, key=lambda b: b.line)
        for side, outline in (("old", comparison.old), ("new", comparison.new))
    }
    for shift in comparison.number_shifts:
        side = shift.new if shift.new is not None else shift.old
        if side is None or identify(side)[0] is not None:
            continue  # headline indicators are paired above, by their id
        rows.append(
            (
                label,
                side.key,
                shift.kind,
                "".join(shift.old.quantity.raw.split()) if shift.old is not None else "",
                "".join(shift.new.quantity.raw.split()) if shift.new is not None else "",
                shift.change or "",
                str(figure_line(blocks["old"], shift.old)) if shift.old is not None else "",
                str(figure_line(blocks["new"], shift.new)) if shift.new is not None else "",
            )
        )
    return tuple(rows)


def _summary(comparison: Comparison, panel: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    from reportdiff.tracking.headline import is_canonical

    records = comparison.as_records()
    stats = records["stats"]
    headline = [
        {"indicator": row[1], "kind": row[2], "old": row[3], "new": row[4], "change": row[5]}
        for row in panel
        if is_canonical(row[1])
    ]
    return {
        "mode": records["mode"],
        "old_title": records["old"]["title"],
        "new_title": records["new"]["title"],
        "sections": stats["sections"],
        "changes": stats["changes"],
        "commitments": stats["commitments"],
        "number_shifts": stats["number_shifts"],
        "new_formulations": len(records["new_formulations"]),
        "headline": headline,
    }


def _outline(data: bytes, name: str, job: PairJob) -> Outline:
    from reportdiff.load import load_bytes
    from reportdiff.outline import build_outline

    return build_outline(load_bytes(data, source=name, options=job.options), options=job.options)


def run_pair(job: PairJob) -> PairOutcome:
    """Compare one pair and render its files; a failure is returned, never raised."""
    from reportdiff.pipeline import compare
    from reportdiff.render import RenderContext, render, to_json

    started = time.perf_counter()
    try:
        old = _outline(job.old_data, job.old_name, job)
        new = _outline(job.new_data, job.new_name, job)
        comparison = compare(old, new, options=job.options)
        records = comparison.as_records()
        files = {"diff.json": to_json(records).encode("utf-8")}
        if job.memo:
            context = RenderContext(lang=job.options.lang, title=job.options.title)
            memo = render(records, job.memo, context)
            files[f"memo.{job.memo}"] = memo.encode("utf-8") if isinstance(memo, str) else memo
        panel = panel_rows(job.label, comparison, job.options)
        summary = _summary(comparison, panel)
    except ReportdiffError as exc:
        return PairOutcome(job.label, job.key, "failed", str(exc), seconds=_since(started))
    except Exception as exc:  # a bug on one odd file must not stop thousands of pairs
        message = f"internal error ({type(exc).__name__}: {exc}); please report it with the files"
        return PairOutcome(job.label, job.key, "failed", message, seconds=_since(started))
    return PairOutcome(job.label, job.key, "ok", None, files, panel, summary, _since(started))


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
