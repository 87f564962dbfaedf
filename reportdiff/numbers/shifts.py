"""Shifts: the indicators of two editions paired into changed, unchanged, added and dropped.

Indicators are paired when they measure the same thing (:func:`similarity`: shared key words and
characters, the same dimension, the same kind of measure), greedily best-first and one to one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportdiff.grammar import CJK
from reportdiff.model import Outline
from reportdiff.numbers.indicators import GENERIC, Indicator, extract_indicators
from reportdiff.numbers.quantities import NEUTRAL_QUALIFIERS, Quantity, plain
from reportdiff.options import Options

if TYPE_CHECKING:
    from reportdiff.align import SectionAlignment

#: Kinds of shift, most important first (the sort order of ``number_shifts``).
SHIFT_KINDS = (
    "value_changed",
    "qualifier_changed",
    "unit_changed",
    "disagrees",
    "outcome_vs_target",
    "added",
    "dropped",
    "agrees",
    "unchanged",
)
_DIMENSION = {
    "amount": "money",
    "money": "money",
    "percent": "percent",
    "points": "points",
    "permille": "permille",
    "count": "count",
    "version": "version",
    "area": "area",
    "length": "length",
    "ratio": "ratio",
    "mass": "mass",
    "power": "power",
    "energy": "energy",
}


@dataclass(frozen=True, slots=True)
class NumberShift:
    """One indicator across two editions: changed, unchanged, added or dropped."""

    indicator: str
    kind: str
    """One of :data:`SHIFT_KINDS`."""
    old: Indicator | None
    new: Indicator | None
    change: str | None
    """Short human text (``-3 个百分点``, ``+1.0``, ``以上 → (none)``); None when unchanged."""
    score: float = 0.0
    """How sure the pairing is (0..1); 0 for added/dropped."""

    def as_record(self) -> dict[str, Any]:
        """The ``number_shifts`` entry of the diff record."""

        def side(indicator: Indicator | None) -> dict[str, Any] | None:
            if indicator is None:
                return None
            return {**indicator.quantity.as_record(), "role": indicator.role}

        return {
            "indicator": self.indicator,
            "kind": self.kind,
            "old": side(self.old),
            "new": side(self.new),
            "change": self.change,
            "old_sentence": self.old.sentence_record() if self.old else None,
            "new_sentence": self.new.sentence_record() if self.new else None,
            "score": round(self.score, 3),
        }


@functools.lru_cache(maxsize=65536)
def _bigrams(words: tuple[str, ...]) -> frozenset[str]:
    """Character bigrams of the key's telling words (all words when every one is generic)."""
    telling = [w for w in words if w not in GENERIC]
    text = "".join(telling or words)
    return (
        frozenset(text[i : i + 2] for i in range(len(text) - 1))
        if len(text) > 1
        else frozenset({text})
    )


@functools.lru_cache(maxsize=65536)
def _expanded(terms: tuple[str, ...]) -> frozenset[str]:
    """Key words plus the halves of four-character words (工程建设 → 工程, 建设), so that
    segmentation
    differences between editions (工程建设 / 工程项目) still share words."""
    words = set(terms)
    for term in terms:
        if len(term) == 4 and CJK.match(term):
            words.update((term[:2], term[2:]))
    return frozenset(words)


#: A count of awards or list places is another indicator than a count of things built.
_MEASURE_TERMS = frozenset(
    {"比重", "占比", "人均", "均值", "密度", "上榜", "入选", "获评", "荣获", "获得"}
)


def _is_measure(term: str) -> bool:
    """Words that change what is measured: a share, a rate, a per-head value."""
    return term in _MEASURE_TERMS or (term.endswith("率") and len(term) >= 2)


def _weight(term: str) -> float:
    return 0.3 if term in GENERIC else 1.0


def similarity(a: Indicator, b: Indicator) -> float:
    """How likely two indicators measure the same thing (0..1): shared key words and characters."""
    if _DIMENSION.get(a.quantity.kind) != _DIMENSION.get(b.quantity.kind):
        return 0.0
    terms_a, terms_b = _expanded(a.terms), _expanded(b.terms)
    if not terms_a or not terms_b:
        return 0.0
    if all(t in GENERIC for t in terms_a) or all(t in GENERIC for t in terms_b):
        return 0.0  # 增长 alone says nothing about what grew
    if {t for t in terms_a if _is_measure(t)} != {t for t in terms_b if _is_measure(t)}:
        return 0.0  # 地区生产总值 增长 is not 占地区生产总值 比重
    shared = terms_a & terms_b
    weight_a = sum(_weight(t) for t in terms_a)
    weight_b = sum(_weight(t) for t in terms_b)
    word_score = sum(_weight(t) for t in shared) / ((weight_a + weight_b) / 2)
    grams_a, grams_b = _bigrams(a.terms), _bigrams(b.terms)
    gram_score = len(grams_a & grams_b) / min(len(grams_a), len(grams_b))
    if not any(t not in GENERIC for t in shared) and gram_score < 0.6:
        return 0.0
    score = 0.5 * word_score + 0.5 * gram_score
    if a.quantity.unit == b.quantity.unit:
        score += 0.05
    if a.quantity.value == b.quantity.value and a.quantity.high == b.quantity.high:
        # The same figure is evidence too, the more so when it is not a small everyday count.
        score += 0.1 if a.quantity.value >= 10 else 0.05
    return min(score, 1.0)


#: Similarity at which two equal figures of one report are the same statement said twice.
_SAME = 0.85
#: ... and in the same chapter, where a summary's headline list restates its body.
_NEAR = 0.7


def _chapter(indicator: Indicator) -> str:
    return indicator.section_id.split(".", 1)[0]


def _dedupe(indicators: Iterable[Indicator], threshold: float) -> list[Indicator]:
    """Drop repeats: a summary restates its headlines in the body; a plan names the version it
    replaces (6.0 done, 7.0 planned: only the newest version of a plan counts for pairing)."""
    kept: list[Indicator] = []
    by_value: dict[tuple[Decimal, Decimal | None, str, str | None, str], list[Indicator]] = {}
    for indicator in indicators:
        q = indicator.quantity
        group = by_value.setdefault((q.value, q.high, q.unit, q.qualifier, indicator.role), [])
        if any(
            other.key == indicator.key
            or similarity(other, indicator) >= _SAME
            or (_chapter(other) == _chapter(indicator) and similarity(other, indicator) >= _NEAR)
            for other in group
        ):
            continue
        group.append(indicator)
        kept.append(indicator)
    versions = [i for i in kept if i.quantity.kind == "version"]
    superseded = {
        id(a)
        for a in versions
        for b in versions
        if b.quantity.value > a.quantity.value and similarity(a, b) >= threshold
    }
    return [i for i in kept if id(i) not in superseded]


def _partners(alignment: SectionAlignment | None) -> set[tuple[str, str]]:
    """(old section id, new section id) pairs the section alignment matched."""
    pairs: set[tuple[str, str]] = set()
    if alignment is None:
        return pairs
    for pair in alignment.pairs:
        if pair.old is not None and pair.new is not None:
            pairs.add((pair.old.id, pair.new.id))
    return pairs


def _assign(
    olds: list[Indicator], news: list[Indicator], threshold: float, partners: set[tuple[str, str]]
) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairing above ``threshold``; ties broken by position."""
    scored: list[tuple[float, int, int]] = []
    by_dimension: dict[str | None, list[tuple[int, Indicator]]] = {}
    for j, b in enumerate(news):
        by_dimension.setdefault(_DIMENSION.get(b.quantity.kind), []).append((j, b))
    for i, a in enumerate(olds):
        for j, b in by_dimension.get(_DIMENSION.get(a.quantity.kind), ()):
            score = similarity(a, b)
            if score <= 0:
                continue
            if (a.section_id, b.section_id) in partners:
                score = min(1.0, score + 0.05)
            if score >= threshold:
                scored.append((score, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    result: list[tuple[int, int, float]] = []
    for score, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        result.append((i, j, score))
    return result


def _human(value: Decimal) -> str:
    """A Decimal for people: 亿/万 for large values, no exponent, no needless zeros."""
    sign = "-" if value < 0 else "+"
    magnitude = abs(value)
    for size, label in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if magnitude >= size:
            return f"{sign}{plain((magnitude / size).quantize(Decimal('0.01')))}{label}"
    return f"{sign}{plain(magnitude) if magnitude == magnitude.to_integral() else magnitude}"


def _show(quantity: Quantity) -> str:
    return quantity.raw.replace(" ", "")


def _shown_qualifier(quantity: Quantity) -> str:
    words = [q for q in (quantity.qualifier or "").split() if q not in NEUTRAL_QUALIFIERS]
    return " ".join(words) or "(none)"


def describe_change(old: Quantity, new: Quantity) -> tuple[str, str | None]:
    """The kind of change between two paired quantities and a short text saying it."""
    parts: list[str] = []
    kind = "unchanged"
    if old.unit != new.unit and not (
        old.kind in ("amount", "money") and new.kind in ("amount", "money")
    ):
        kind = "unit_changed"
        parts.append(f"{_show(old)} → {_show(new)}")
    elif old.value != new.value or old.high != new.high:
        kind = "value_changed"
        if old.high is not None or new.high is not None:
            parts.append(f"{_show(old)} → {_show(new)}")
        elif old.kind == "percent":
            parts.append(f"{_human(new.value - old.value)} 个百分点")
        elif old.kind == "version":
            parts.append(f"{old.value} → {new.value}")
        else:
            unit = "" if old.unit in ("", "元") and old.kind == "amount" else old.unit
            parts.append(f"{_human(new.value - old.value)}{(' ' + unit) if unit else ''}")
    if old.compared_qualifier != new.compared_qualifier:
        if kind == "unchanged":
            kind = "qualifier_changed"
        parts.append(f"{_shown_qualifier(old)} → {_shown_qualifier(new)}")
    return kind, "; ".join(parts) or None


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
    targets); an unpaired target is then tried against the other edition's outcomes
    (``outcome_vs_target``: how last year's target turned out, or last year's result against this
    year's target); targets and plan versions left over are ``added``/``dropped``. Summary mode:
    the same indicator in both is ``agrees``/``disagrees``; summary numbers the full report lacks
    are ``added``/``dropped``.
    """
    threshold = options.number_threshold
    pairing = _Pairing(
        _dedupe(extract_indicators(old, options=options), threshold),
        _dedupe(extract_indicators(new, options=options), threshold),
        _partners(alignment),
    )
    if mode == "summary":
        return _sorted(_summary_shifts(pairing, old, new, options))
    return _sorted(_edition_shifts(pairing, options))


class _Pairing:
    """The indicators of both editions and which of them are paired so far."""

    def __init__(
        self, olds: list[Indicator], news: list[Indicator], partners: set[tuple[str, str]]
    ) -> None:
        self.olds = olds
        self.news = news
        self.partners = partners
        self.used_old: set[int] = set()
        self.used_new: set[int] = set()

    def round(
        self,
        old_ok: Callable[[Indicator], bool],
        new_ok: Callable[[Indicator], bool],
        threshold: float,
        *,
        same_unit: bool = False,
    ) -> list[tuple[Indicator, Indicator, float]]:
        """Pair the still unpaired indicators that pass ``old_ok`` / ``new_ok``: best first, one
        to one, above ``threshold`` (and, with ``same_unit``, only figures in the same unit)."""
        old_idx = [i for i, a in enumerate(self.olds) if i not in self.used_old and old_ok(a)]
        new_idx = [j for j, b in enumerate(self.news) if j not in self.used_new and new_ok(b)]
        candidates = _assign(
            [self.olds[i] for i in old_idx],
            [self.news[j] for j in new_idx],
            threshold,
            self.partners,
        )
        made: list[tuple[Indicator, Indicator, float]] = []
        for i, j, score in candidates:
            a, b = self.olds[old_idx[i]], self.news[new_idx[j]]
            if same_unit and a.quantity.unit != b.quantity.unit:
                continue  # a result in other units is another indicator
            made.append((a, b, score))
            self.used_old.add(old_idx[i])
            self.used_new.add(new_idx[j])
        return made

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


def _summary_shifts(
    pairing: _Pairing, old: Outline, new: Outline, options: Options
) -> list[NumberShift]:
    """A summary against its full report: agrees / disagrees, and what only the summary says."""
    from reportdiff.summary import summary_side

    shifts: list[NumberShift] = []
    for role in ("target", "outcome"):
        same = _has_role(role)
        for a, b, score in pairing.round(same, same, options.number_threshold):
            kind, change = describe_change(a.quantity, b.quantity)
            agreement = "agrees" if kind == "unchanged" else "disagrees"
            shifts.append(NumberShift(b.key, agreement, a, b, change, score))
    # Numbers only the summary states (the full report's extra detail is not news).
    if (summary_side(old, new) or "new") == "new":
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
    """Year against year: like with like, then a leftover target against the other side's
    outcomes, then what is left alone."""
    shifts: list[NumberShift] = []
    roles = ("target", "outcome") if options.numbers_all else ("target",)
    for role in roles:
        same = _has_role(role, versions=True)
        for a, b, score in pairing.round(same, same, options.number_threshold):
            kind, change = describe_change(a.quantity, b.quantity)
            shifts.append(NumberShift(b.key, kind, a, b, change, score))
    # A target left over against the other edition's outcomes: a separate, labelled kind.
    strict = min(1.0, options.number_threshold + 0.15)
    target, outcome = _has_role("target"), _has_role("outcome")
    for old_ok, new_ok in ((target, outcome), (outcome, target)):
        for a, b, score in pairing.round(old_ok, new_ok, strict, same_unit=True):
            _, change = describe_change(a.quantity, b.quantity)
            shifts.append(NumberShift(b.key, "outcome_vs_target", a, b, change, score))
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


def _any_side(shift: NumberShift) -> Indicator:
    side = shift.new or shift.old
    assert side is not None, "a shift has at least one side"
    return side


def _sorted(shifts: list[NumberShift]) -> tuple[NumberShift, ...]:
    order = {kind: rank for rank, kind in enumerate(SHIFT_KINDS)}

    def key(shift: NumberShift) -> tuple[int, str, int, int, str]:
        return (
            order.get(shift.kind, len(order)),
            shift.indicator,
            shift.new.line if shift.new else 0,
            shift.old.line if shift.old else 0,
            _any_side(shift).quantity.raw,
        )

    return tuple(sorted(shifts, key=key))


@dataclass(frozen=True, slots=True)
class NumberComparison:
    """The shifts between two reports, as ``reportdiff numbers OLD NEW`` prints them."""

    old: Outline
    new: Outline
    mode: str
    shifts: tuple[NumberShift, ...]

    def as_records(self) -> dict[str, Any]:
        """Schema ``reportdiff.numbers/1`` with ``shifts`` (the diff record's ``number_shifts``)."""
        counts = {kind: 0 for kind in SHIFT_KINDS}
        for shift in self.shifts:
            counts[shift.kind] += 1
        return {
            "schema": "reportdiff.numbers/1",
            "mode": self.mode,
            "old": {"path": self.old.document.source, "title": self.old.title},
            "new": {"path": self.new.document.source, "title": self.new.title},
            "stats": counts,
            "shifts": [shift.as_record() for shift in self.shifts],
        }
