"""Shifts: the indicators of two editions paired into changed, unchanged, added and dropped.

Like is paired with like: targets with targets (outcomes with outcomes with ``--all``), annual
figures with annual figures and five-year ones with five-year ones. Three rounds, each one to
one: the same statement in both editions (a file against itself shows no shift); the same headline
indicator of the vocabulary (same canonical id and unit family); then indicators that measure the
same thing by their words (:func:`~reportdiff.numbers.pairing.similarity`). How last year's
targets turned out is a separate table (:mod:`~reportdiff.numbers.outcomes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportdiff.model import Outline
from reportdiff.numbers.changes import describe_change
from reportdiff.numbers.indicators import Indicator, extract_indicators, word_targets
from reportdiff.numbers.outcomes import TargetOutcome, target_outcomes
from reportdiff.numbers.pairing import assign, dedupe, partners
from reportdiff.numbers.roles import report_year
from reportdiff.numbers.vocabulary import UNIT_FAMILY, entry
from reportdiff.options import Options

if TYPE_CHECKING:
    from reportdiff.align import SectionAlignment

#: Kinds of shift, most important first (the sort order of ``number_shifts``).
SHIFT_KINDS = (
    "value_changed",
    "qualifier_changed",
    "unit_changed",
    "disagrees",
    "added",
    "dropped",
    "agrees",
    "unchanged",
)
#: Kinds that are a change a reader should see (the headline count); the others are listed only.
CHANGED_KINDS = frozenset(SHIFT_KINDS) - {"agrees", "unchanged"}


@dataclass(frozen=True, slots=True)
class NumberShift:
    """One indicator across two editions: changed, unchanged, added or dropped."""

    indicator: str
    """Its name (the vocabulary's for a headline indicator, else the sentence's phrase)."""
    kind: str
    """One of :data:`SHIFT_KINDS`."""
    old: Indicator | None
    new: Indicator | None
    change: str | None
    """Short human text in the values' own scale (``-3个百分点``, ``+1.6万亿元``, ``7.0 → 8.0``,
    ``以上 → (none)``); None when unchanged."""
    score: float = 0.0
    """How sure the pairing is (0..1); 0 for added/dropped."""

    @property
    def side(self) -> Indicator:
        """The new side, or the old one of a dropped indicator."""
        side = self.new or self.old
        assert side is not None, "a shift has at least one side"
        return side

    def as_record(self) -> dict[str, Any]:
        """The ``number_shifts`` entry of the diff record."""

        def side(indicator: Indicator | None) -> dict[str, Any] | None:
            if indicator is None:
                return None
            return {
                **indicator.quantity.as_record(),
                "role": indicator.role,
                "horizon": indicator.horizon,
            }

        return {
            "indicator": self.indicator,
            "indicator_id": self.side.indicator_id,
            "name_source": self.side.name_source,
            "kind": self.kind,
            "old": side(self.old),
            "new": side(self.new),
            "change": self.change,
            "old_sentence": self.old.sentence_record() if self.old else None,
            "new_sentence": self.new.sentence_record() if self.new else None,
            "score": round(self.score, 3),
        }


def _reported_alone(indicator: Indicator, options: Options) -> bool:
    """Whether an unpaired indicator is worth an added/dropped entry."""
    if options.numbers_all:
        return True
    if indicator.quantity.kind == "version":
        return indicator.role == "target" or "方案" in indicator.terms
    return indicator.role == "target"


def compare_numbers(
    old: Outline,
    new: Outline,
    *,
    options: Options,
    alignment: SectionAlignment | None = None,
    mode: str = "editions",
) -> tuple[NumberShift, ...]:
    """Pair the indicators of two editions (or of a summary and its full report) into shifts.

    Editions: targets are paired with targets (value, qualifier and unit changes, unchanged
    targets); targets and plan versions left over are ``added``/``dropped`` (a target the new
    edition reports a result for is in the target → outcome table instead). Summary mode: the same
    indicator in both is ``agrees``/``disagrees``; summary numbers the full report lacks are
    ``added``/``dropped``.
    """
    return compare_with_outcomes(old, new, options=options, alignment=alignment, mode=mode).shifts


def compare_indicators(
    olds: tuple[Indicator, ...],
    news: tuple[Indicator, ...],
    *,
    options: Options,
    section_pairs: set[tuple[str, str]] | None = None,
    mode: str = "editions",
    summary_new: bool = True,
) -> tuple[NumberShift, ...]:
    """The pairing stage alone, on indicators already extracted (what ``benchmarks/speed.py``
    times): dedupe both sides, pair them, sort the shifts."""
    threshold = options.number_threshold
    pairing = _Pairing(dedupe(olds, threshold), dedupe(news, threshold), section_pairs or set())
    if mode == "summary":
        return _sorted(_summary_shifts(pairing, options, summary_new=summary_new))
    return _sorted(_edition_shifts(pairing, options))


def _like(a: Indicator, b: Indicator) -> bool:
    """Like with like: the same role and horizon (plan versions are targets), and never a
    headline indicator with another figure (a cut of 450亿元 in the deficit is not the deficit)."""
    role_a = "target" if a.quantity.kind == "version" else a.role
    role_b = "target" if b.quantity.kind == "version" else b.role
    return role_a == role_b and a.horizon == b.horizon and a.indicator_id == b.indicator_id


class _Pairing:
    """The indicators of both editions and which of them are paired so far."""

    def __init__(
        self, olds: list[Indicator], news: list[Indicator], section_pairs: set[tuple[str, str]]
    ) -> None:
        self.olds = olds
        self.news = news
        self.section_pairs = section_pairs
        self.used_old: set[int] = set()
        self.used_new: set[int] = set()

    def _open(self, ok: Callable[[Indicator], bool]) -> tuple[list[int], list[int]]:
        old_idx = [i for i, a in enumerate(self.olds) if i not in self.used_old and ok(a)]
        new_idx = [j for j, b in enumerate(self.news) if j not in self.used_new and ok(b)]
        return old_idx, new_idx

    def _take(self, i: int, j: int) -> tuple[Indicator, Indicator]:
        self.used_old.add(i)
        self.used_new.add(j)
        return self.olds[i], self.news[j]

    def identical(self, ok: Callable[[Indicator], bool]) -> list[tuple[Indicator, Indicator]]:
        """The same statement in both editions: same sentence, same figure at the same place."""
        old_idx, new_idx = self._open(ok)
        waiting: dict[tuple[str, int, str, str, str], list[int]] = {}
        for j in new_idx:
            b = self.news[j]
            key = (b.sentence, b.quantity.start, b.quantity.raw, b.role, b.horizon)
            waiting.setdefault(key, []).append(j)
        made = []
        for i in old_idx:
            a = self.olds[i]
            queue = waiting.get((a.sentence, a.quantity.start, a.quantity.raw, a.role, a.horizon))
            if queue:
                made.append(self._take(i, queue.pop(0)))
        return made

    def canonical(self, ok: Callable[[Indicator], bool]) -> list[tuple[Indicator, Indicator]]:
        """The same headline indicator: canonical id, unit family, role and horizon (and a
        fallback reading with a fallback reading: 中央财政赤字 with 中央财政赤字), in order."""
        old_idx, new_idx = self._open(ok)
        waiting: dict[tuple[str, str | None, str, str, bool], list[int]] = {}
        for j in new_idx:
            b = self.news[j]
            if b.indicator_id is not None:
                key = (
                    b.indicator_id,
                    UNIT_FAMILY.get(b.quantity.kind),
                    b.role,
                    b.horizon,
                    b.fallback,
                )
                waiting.setdefault(key, []).append(j)
        made = []
        for i in old_idx:
            a = self.olds[i]
            if a.indicator_id is None:
                continue
            key = (a.indicator_id, UNIT_FAMILY.get(a.quantity.kind), a.role, a.horizon, a.fallback)
            queue = waiting.get(key)
            if queue:
                made.append(self._take(i, queue.pop(0)))
        return made

    def similar(
        self, ok: Callable[[Indicator], bool], threshold: float
    ) -> list[tuple[Indicator, Indicator, float]]:
        """Indicators that measure the same thing by their words, best first, one to one."""
        old_idx, new_idx = self._open(ok)
        made = []
        for i, j, score in assign(
            [self.olds[i] for i in old_idx],
            [self.news[j] for j in new_idx],
            threshold,
            self.section_pairs,
        ):
            a, b = self.olds[old_idx[i]], self.news[new_idx[j]]
            if _like(a, b):
                made.append((*self._take(old_idx[i], new_idx[j]), score))
        return made

    def rounds(
        self, ok: Callable[[Indicator], bool], threshold: float
    ) -> list[tuple[Indicator, Indicator, float]]:
        """All three rounds on the indicators that pass ``ok``."""
        made = [(a, b, 1.0) for a, b in self.identical(ok)]
        made += [(a, b, 1.0) for a, b in self.canonical(ok)]
        return made + self.similar(ok, threshold)

    def unpaired_old(self) -> list[Indicator]:
        return [a for i, a in enumerate(self.olds) if i not in self.used_old]

    def unpaired_new(self) -> list[Indicator]:
        return [b for j, b in enumerate(self.news) if j not in self.used_new]


def _has_role(role: str, *, versions: bool = False) -> Callable[[Indicator], bool]:
    """A filter on the indicator's role (plan versions count as targets when ``versions``)."""

    def check(indicator: Indicator) -> bool:
        return indicator.role == role or (
            versions and role == "target" and indicator.quantity.kind == "version"
        )

    return check


def _ceiling(a: Indicator, b: Indicator) -> bool:
    """Whether both sides are one headline indicator whose target is a cap (prices, unemployment,
    deficits): there a plain figure and 控制在…以内 say the same."""
    if a.indicator_id is None or a.indicator_id != b.indicator_id:
        return False
    return entry(a.indicator_id).better == "ceiling"


def _summary_shifts(pairing: _Pairing, options: Options, *, summary_new: bool) -> list[NumberShift]:
    """A summary against its full report: agrees / disagrees, and what only the summary says."""
    shifts: list[NumberShift] = []
    for role in ("target", "outcome"):
        for a, b, score in pairing.rounds(_has_role(role), options.number_threshold):
            kind, change = describe_change(a.quantity, b.quantity, ceiling=_ceiling(a, b))
            agreement = "agrees" if kind == "unchanged" else "disagrees"
            shifts.append(NumberShift(b.key, agreement, a, b, change, score))
    # Numbers only the summary states (the full report's extra detail is not news).
    if summary_new:
        shifts.extend(
            NumberShift(b.key, "added", None, b, None)
            for b in pairing.unpaired_new()
            if _reported_alone(b, options)
        )
    else:
        shifts.extend(
            NumberShift(a.key, "dropped", a, None, None)
            for a in pairing.unpaired_old()
            if _reported_alone(a, options)
        )
    return shifts


def _edition_shifts(pairing: _Pairing, options: Options) -> list[NumberShift]:
    """Year against year: like with like, then what is left alone."""
    shifts: list[NumberShift] = []
    roles = ("target", "outcome") if options.numbers_all else ("target",)
    for role in roles:
        for a, b, score in pairing.rounds(_has_role(role, versions=True), options.number_threshold):
            kind, change = describe_change(a.quantity, b.quantity, ceiling=_ceiling(a, b))
            shifts.append(NumberShift(b.key, kind, a, b, change, score))
    shifts.extend(
        NumberShift(a.key, "dropped", a, None, None)
        for a in pairing.unpaired_old()
        if _reported_alone(a, options)
    )
    shifts.extend(
        NumberShift(b.key, "added", None, b, None)
        for b in pairing.unpaired_new()
        if _reported_alone(b, options)
    )
    return shifts


def _sorted(shifts: list[NumberShift]) -> tuple[NumberShift, ...]:
    order = {kind: rank for rank, kind in enumerate(SHIFT_KINDS)}

    def key(shift: NumberShift) -> tuple[int, str, int, int, str]:
        return (
            order.get(shift.kind, len(order)),
            shift.indicator,
            shift.new.line if shift.new else 0,
            shift.old.line if shift.old else 0,
            shift.side.quantity.raw,
        )

    return tuple(sorted(shifts, key=key))


def count_changes(shifts: tuple[NumberShift, ...]) -> int:
    """The headline count: shifted numbers only (unchanged and agreeing ones are listed, not
    counted), so a file against itself has 0."""
    return sum(1 for shift in shifts if shift.kind in CHANGED_KINDS)


@dataclass(frozen=True, slots=True)
class NumberComparison:
    """The shifts between two reports, as ``reportdiff numbers OLD NEW`` prints them."""

    old: Outline
    new: Outline
    mode: str
    shifts: tuple[NumberShift, ...]
    outcomes: tuple[TargetOutcome, ...] = ()
    """Last year's targets (old edition) against this year's reported results (new edition)."""
    outcomes_note: str | None = None
    """Why there is no target → outcome table between two editions that are not consecutive
    years (2015 → 2019: the 2019 report reviews 2018); None otherwise."""

    def as_records(self) -> dict[str, Any]:
        """Schema ``reportdiff.numbers/1`` (``reportdiff/schemas/numbers.schema.json``) with
        ``shifts`` (the diff record's ``number_shifts``) and ``target_outcomes``."""
        counts = {kind: 0 for kind in SHIFT_KINDS}
        for shift in self.shifts:
            counts[shift.kind] += 1
        return {
            "schema": "reportdiff.numbers/1",
            "mode": self.mode,
            "old": {"path": self.old.document.source, "title": self.old.title},
            "new": {"path": self.new.document.source, "title": self.new.title},
            "stats": {**counts, "changed": count_changes(self.shifts)},
            "shifts": [shift.as_record() for shift in self.shifts],
            "target_outcomes": [outcome.as_record() for outcome in self.outcomes],
            "target_outcomes_note": self.outcomes_note,
        }


def _reviews(old: Outline, new: Outline) -> tuple[bool, str | None]:
    """Whether the new edition reports how the old one's targets turned out: it plans for the
    year after the old one (a report reviews the year before its own), and it is not the same
    text; with the reason when it does not though both name their years."""
    old_year, new_year = report_year(old), report_year(new)
    if old_year is not None and new_year is not None:
        if new_year == old_year + 1:
            return True, None
        if new_year > old_year + 1:
            return False, (
                f"the new edition plans for {new_year} and reviews {new_year - 1}, not "
                f"{old_year}: the old edition's {old_year} targets are not compared with results"
            )
        return False, None
    return old.document.text != new.document.text, None


def compare_with_outcomes(
    old: Outline,
    new: Outline,
    *,
    options: Options,
    alignment: SectionAlignment | None = None,
    mode: str = "editions",
) -> NumberComparison:
    """Shifts and, between editions, the target → outcome table, extracting each side once."""
    olds = extract_indicators(old, options=options)
    news = extract_indicators(new, options=options)
    summary_new = True
    if mode == "summary":
        from reportdiff.summary import summary_side

        summary_new = (summary_side(old, new) or "new") == "new"
    shifts = compare_indicators(
        olds,
        news,
        options=options,
        section_pairs=partners(alignment),
        mode=mode,
        summary_new=summary_new,
    )
    reviews, note = _reviews(old, new)
    if mode != "editions" or not reviews:
        return NumberComparison(old, new, mode, shifts, (), note if mode == "editions" else None)
    outcomes = target_outcomes(
        olds, news, options=options, in_words=word_targets(old, options=options)
    )
    # A target the new edition reports a result for is in the outcome table, not "dropped".
    reported = {row.target for row in outcomes if row.outcome is not None}
    shifts = tuple(
        s for s in shifts if not (s.kind == "dropped" and s.old is not None and s.old in reported)
    )
    return NumberComparison(old, new, mode, shifts, outcomes)
