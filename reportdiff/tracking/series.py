"""Indicator series across N editions: one point per edition that states the indicator.

A headline indicator (canonical id) is the same series in every edition by its id. Any other
figure is chained to the series whose latest point it resembles most (the similarity the numbers
stage pairs two editions with), one figure per series and edition, so 「加装电梯 200台」 in one
edition and 「多层住宅加装电梯 300台」 in a later one are one series. When an edition states an
indicator more than once, one statement is its point (the edition's own headline statement, then
a figure introduced as a target, then the first; for a plan version the newest) and the others are
kept as ``also``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportdiff.numbers import describe_change, similarity
from reportdiff.options import Options
from reportdiff.tracking.headline import HeadlineNumber, vocabulary_rank

__all__ = ["KINDS", "Point", "Series", "build_series"]

#: Series kinds in reading order.
KINDS = ("target", "version", "outcome")
_MONEY = frozenset({"money", "amount"})


@dataclass(frozen=True, slots=True)
class Point:
    """What one edition states for one series."""

    edition: int
    number: HeadlineNumber
    also: tuple[HeadlineNumber, ...] = ()
    """Other statements of the same indicator in the same edition."""
    change_kind: str | None = None
    """How it moved from the series' previous point (``value_changed``, ``unchanged`` …)."""
    change: str | None = None
    """The move in words (``+1 个百分点``, ``7.0 → 8.0``, ``以上 → (none)``)."""


@dataclass(frozen=True, slots=True)
class Series:
    """One indicator over the editions."""

    indicator: str
    name: str
    canonical: bool
    kind: str
    horizon: str
    points: tuple[Point, ...]

    def as_record(self, labels: Sequence[str]) -> dict[str, Any]:
        """The ``series[]`` entry of ``reportdiff.track/1``."""
        stated = {point.edition for point in self.points}
        return {
            "indicator": self.indicator,
            "name": self.name,
            "canonical": self.canonical,
            "kind": self.kind,
            "horizon": self.horizon,
            "first": labels[self.points[0].edition],
            "last": labels[self.points[-1].edition],
            "gaps": [label for k, label in enumerate(labels) if k not in stated],
            "points": [
                {
                    "edition": labels[point.edition],
                    **point.number.as_record(),
                    "change_kind": point.change_kind,
                    "change": point.change,
                    "also": [
                        {"raw": other.quantity.raw, "line": other.line} for other in point.also
                    ],
                }
                for point in self.points
            ],
        }


@dataclass
class _Builder:
    key: tuple[str, str, str]
    number: HeadlineNumber
    points: list[Point] = field(default_factory=list)

    @property
    def last(self) -> Point:
        return self.points[-1]


def _included(number: HeadlineNumber, options: Options) -> bool:
    """Headline indicators always; other figures when they are targets or plan versions."""
    return number.canonical or number.kind != "outcome" or options.numbers_all


def _preference(number: HeadlineNumber) -> tuple[Any, ...]:
    """Which of an edition's statements of one indicator is its point (smallest first)."""
    version = -number.quantity.value if number.kind == "version" else 0
    return (
        number.kind == "version" and number.role != "target",
        version,
        not number.headline,
        not number.target_wording,
        number.line,
    )


def _grouped(
    numbers: Sequence[HeadlineNumber],
) -> list[tuple[HeadlineNumber, list[HeadlineNumber]]]:
    """An edition's statements grouped by indicator, kind and horizon: (point, others)."""
    groups: dict[tuple[str, str, str], list[HeadlineNumber]] = {}
    for number in numbers:
        groups.setdefault((number.indicator, number.kind, number.horizon), []).append(number)
    out = []
    for members in groups.values():
        ordered = sorted(members, key=_preference)
        out.append((ordered[0], sorted(ordered[1:], key=lambda n: n.line)))
    return out


def _comparable(a: HeadlineNumber, b: HeadlineNumber) -> bool:
    qa, qb = a.quantity, b.quantity
    return qa.kind == qb.kind or (qa.kind in _MONEY and qb.kind in _MONEY)


def _point(
    edition: int, number: HeadlineNumber, also: list[HeadlineNumber], builder: _Builder | None
) -> Point:
    if builder is None or not builder.points:
        return Point(edition, number, tuple(also))
    kind, change = describe_change(builder.last.number.quantity, number.quantity)
    return Point(edition, number, tuple(also), kind, change)


def build_series(
    editions: Sequence[Sequence[HeadlineNumber]], *, options: Options
) -> tuple[Series, ...]:
    """Series of every indicator over ``editions`` (each edition's figures in document order)."""
    builders: list[_Builder] = []
    by_key: dict[tuple[str, str, str], _Builder] = {}
    threshold = options.number_threshold
    for edition, numbers in enumerate(editions):
        groups = _grouped([n for n in numbers if _included(n, options)])
        loose: list[tuple[HeadlineNumber, list[HeadlineNumber]]] = []
        for number, also in groups:
            key = (number.indicator, number.kind, number.horizon)
            if not number.canonical:
                loose.append((number, also))
                continue
            builder = by_key.get(key)
            if builder is None:
                builder = by_key[key] = _Builder(key, number)
                builders.append(builder)
            builder.points.append(_point(edition, number, also, builder))
        open_builders = [b for b in builders if not b.number.canonical and b.last.edition < edition]
        scored: list[tuple[float, int, int]] = []
        for j, (number, _) in enumerate(loose):
            for i, builder in enumerate(open_builders):
                last = builder.last.number
                if last.kind != number.kind or not _comparable(last, number):
                    continue
                score = (
                    1.0
                    if last.indicator == number.indicator
                    else similarity(last.source, number.source)
                )
                if score >= threshold:
                    scored.append((score, i, j))
        scored.sort(key=lambda item: (-item[0], item[1], item[2]))
        taken_builders: set[int] = set()
        taken_numbers: set[int] = set()
        for _, i, j in scored:
            if i in taken_builders or j in taken_numbers:
                continue
            taken_builders.add(i)
            taken_numbers.add(j)
            number, also = loose[j]
            builder = open_builders[i]
            builder.points.append(_point(edition, number, also, builder))
        for j, (number, also) in enumerate(loose):
            if j not in taken_numbers:
                builder = _Builder((number.indicator, number.kind, number.horizon), number)
                builder.points.append(_point(edition, number, also, None))
                builders.append(builder)
    series = [
        Series(
            indicator=b.number.indicator,
            name=b.number.name,
            canonical=b.number.canonical,
            kind=b.number.kind,
            horizon=b.number.horizon,
            points=tuple(b.points),
        )
        for b in builders
    ]
    return tuple(sorted(series, key=_order))


def _order(series: Series) -> tuple[Any, ...]:
    """Headline indicators first in reading order, then the others by where they first appear."""
    first = series.points[0]
    return (
        not series.canonical,
        vocabulary_rank(series.indicator),
        series.horizon != "annual",
        KINDS.index(series.kind),
        first.edition,
        first.number.line,
        series.indicator,
        first.number.quantity.raw,
    )
