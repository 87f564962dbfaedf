"""``reportdiff track``: N editions of a report, read as series over time.

Indicator series (one point per edition that states the indicator, gaps where one does not),
commitments and new formulations with the first and last edition each appears in, and the
lifetime of task headings. ``Track.as_records()`` is the canonical record (schema
``reportdiff.track/1``, ``reportdiff/schemas/track.schema.json``); every output derives from it.

The module is named ``tracking`` so that the notebook function ``reportdiff.track`` is never
shadowed by a submodule of the same name.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdiff.errors import ConfigError
from reportdiff.model import Outline
from reportdiff.options import Options
from reportdiff.tracking.headline import HeadlineNumber, headline_numbers
from reportdiff.tracking.lifetimes import (
    Lifetime,
    commitment_lifetimes,
    formulation_lifetimes,
    heading_lifetimes,
)
from reportdiff.tracking.series import Series, build_series

__all__ = ["SCHEMA", "Track", "edition_labels", "track_files", "track_outlines"]

SCHEMA = "reportdiff.track/1"


@dataclass(frozen=True, slots=True)
class Track:
    """What N editions say over time."""

    labels: tuple[str, ...]
    outlines: tuple[Outline, ...]
    numbers: tuple[tuple[HeadlineNumber, ...], ...]
    series: tuple[Series, ...]
    commitments: tuple[Lifetime, ...]
    formulations: tuple[Lifetime, ...]
    headings: tuple[Lifetime, ...]

    def as_records(self) -> dict[str, Any]:
        """The canonical, JSON-safe record (schema ``reportdiff.track/1``)."""
        labels = self.labels
        total = len(labels)
        carried = [c for c in self.commitments if len(c.editions) > 1]
        return {
            "schema": SCHEMA,
            "editions": [
                {
                    "label": label,
                    "path": outline.document.source,
                    "title": outline.title,
                    "format": outline.document.fmt,
                    "figures": len(numbers),
                    "headline_figures": sum(1 for n in numbers if n.canonical),
                }
                for label, outline, numbers in zip(labels, self.outlines, self.numbers, strict=True)
            ],
            "series": [series.as_record(labels) for series in self.series],
            "commitments": [c.as_record(labels) for c in carried],
            "formulations": [f.as_record(labels) for f in self.formulations],
            "headings": [h.as_record(labels) for h in self.headings],
            "stats": {
                "editions": total,
                "series": len(self.series),
                "headline_series": sum(1 for s in self.series if s.canonical),
                "commitments": _commitment_stats(self.commitments, total),
                "formulations": len(self.formulations),
                "headings": _status_counts(self.headings, total),
            },
        }

    def records(self) -> dict[str, Any]:
        """Same as :meth:`as_records` (the notebook spelling)."""
        return self.as_records()

    def _repr_html_(self) -> str:
        """Jupyter shows a track as its HTML summary: the headline series and their charts."""
        from reportdiff.render import RenderContext
        from reportdiff.render.track import render_summary_html

        return render_summary_html(self.as_records(), RenderContext())


def _status_counts(lifetimes: Sequence[Lifetime], total: int) -> dict[str, int]:
    counts = dict.fromkeys(("throughout", "appeared", "vanished", "passing"), 0)
    for lifetime in lifetimes:
        counts[lifetime.status(total)] += 1
    return counts


def _commitment_stats(commitments: Sequence[Lifetime], total: int) -> dict[str, Any]:
    """Carried commitments by status, and per edition how many are new and how many end there."""
    carried = [c for c in commitments if len(c.editions) > 1]
    return {
        "carried": len(carried),
        "single_edition": len(commitments) - len(carried),
        **_status_counts(carried, total),
        "new_per_edition": [
            sum(1 for c in commitments if c.editions[0] == k) for k in range(total)
        ],
        "last_per_edition": [
            sum(1 for c in commitments if c.editions[-1] == k) for k in range(total)
        ],
    }


def edition_labels(paths: Sequence[str], labels: Sequence[str] | None = None) -> tuple[str, ...]:
    """The name of each edition in tables: given labels, else file names without extension
    (``2019.txt`` → ``2019``), numbered when two would read the same."""
    if labels:
        if len(labels) != len(paths):
            raise ConfigError(
                f"{len(labels)} labels for {len(paths)} editions; give one --label per file"
            )
        chosen = [str(label) for label in labels]
    else:
        chosen = [Path(os.fspath(p)).stem or str(p) for p in paths]
    seen: dict[str, int] = {}
    out = []
    for label in chosen:
        seen[label] = seen.get(label, 0) + 1
        out.append(
            label if seen[label] == 1 and chosen.count(label) == 1 else f"{label}#{seen[label]}"
        )
    return tuple(out)


def track_outlines(
    outlines: Sequence[Outline], labels: Sequence[str], *, options: Options
) -> Track:
    """Track ``outlines`` (oldest first): series, commitments, formulations and headings."""
    from reportdiff.pipeline import compare

    if len(outlines) < 2:
        raise ConfigError("tracking needs at least two editions; give two or more files")
    editions_options = options.evolve(mode="editions")
    numbers = tuple(headline_numbers(outline, options=options) for outline in outlines)
    comparisons = [
        compare(old, new, options=editions_options)
        for old, new in zip(outlines, outlines[1:], strict=False)
    ]
    return Track(
        labels=tuple(labels),
        outlines=tuple(outlines),
        numbers=numbers,
        series=build_series(numbers, options=options),
        commitments=commitment_lifetimes(outlines, comparisons),
        formulations=formulation_lifetimes(outlines, comparisons),
        headings=heading_lifetimes(outlines, comparisons),
    )


def track_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    options: Options,
    labels: Sequence[str] | None = None,
) -> Track:
    """Load, outline and track the editions at ``paths`` (in the order given)."""
    from reportdiff.load import load
    from reportdiff.outline import build_outline

    names = [os.fspath(p) for p in paths]
    chosen = edition_labels(names, labels)
    outlines = [build_outline(load(name, options=options), options=options) for name in names]
    return track_outlines(outlines, chosen, options=options)
