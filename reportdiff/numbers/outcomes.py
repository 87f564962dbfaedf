"""Target → outcome: last year's targets against the results this year's report gives for them.

The first table an analyst writes: the growth target of x%左右 against the reported growth, the CPI
target against the reported CPI. The old edition's annual targets are paired with the new
edition's annual outcomes — the same headline indicator first (canonical id and unit family, the
first statement of the result in the new edition), then, for the rest, by their words and unit.
Where the vocabulary says how a result is judged, each pair gets a verdict: ``met``, ``exceeded``
or ``missed``; else ``n/a``. A headline target the new edition reports no result for is listed
as ``not_reported``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportdiff.numbers.changes import delta_text
from reportdiff.numbers.indicators import Indicator
from reportdiff.numbers.pairing import assign, dedupe
from reportdiff.numbers.quantities import QUALIFIER_CLASS, Quantity
from reportdiff.numbers.vocabulary import UNIT_FAMILY, entry
from reportdiff.options import Options

#: Verdicts, in the order the table lists them.
VERDICTS = ("missed", "met", "exceeded", "n/a", "not_reported")


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    """One of last year's targets and what this year's report says became of it."""

    indicator: str
    target: Indicator
    outcome: Indicator | None
    verdict: str
    """One of :data:`VERDICTS`."""
    difference: str | None
    """The result against the target in the values' own scale (``+0.7个百分点``); None without a
    result or when the target is a range the result falls inside."""
    score: float = 0.0

    def as_record(self) -> dict[str, Any]:
        """The ``target_outcomes`` entry of the numbers and diff records."""

        def side(indicator: Indicator | None) -> dict[str, Any] | None:
            if indicator is None:
                return None
            return {
                **indicator.quantity.as_record(),
                "role": indicator.role,
                "horizon": indicator.horizon,
                "sentence": indicator.sentence_record(),
            }

        return {
            "indicator": self.indicator,
            "indicator_id": self.target.indicator_id,
            "target": side(self.target),
            "outcome": side(self.outcome),
            "verdict": self.verdict,
            "difference": self.difference,
            "score": round(self.score, 3),
        }


def _bounds(quantity: Quantity) -> tuple[Decimal, Decimal]:
    """The target's low and high end as signed values (a fall of 3%–4% is -4..-3)."""
    low, high = quantity.value, quantity.high if quantity.high is not None else quantity.value
    if quantity.falls:
        return -high, -low
    return low, high


def verdict(
    target: Quantity, outcome: Quantity, better: str | None, tolerance: Decimal = Decimal(0)
) -> str:
    """How a result compares with its target, where the indicator says which way is better.

    ``higher``: above the target (beyond ``tolerance``) exceeded, within it met, below missed;
    ``lower`` the mirror (a fall stated as a negative: a bigger fall exceeded); ``ceiling``
    (prices, unemployment, deficits): at or under the target met, above missed. A target bounded
    以内/以下/低于 is a ceiling whatever the indicator.

    >>> from decimal import Decimal as D
    >>> from reportdiff.numbers.quantities import extract_quantities as q
    >>> verdict(q("增长8%左右")[0], q("增长8.7%")[0], "higher", D("0.5"))
    'exceeded'
    >>> verdict(q("增长7.5%")[0], q("增长7.8%")[0], "higher", D("0.5"))
    'met'
    >>> verdict(q("涨幅3%左右")[0], q("上涨3.3%")[0], "ceiling")
    'missed'
    >>> verdict(q("能耗降低4%左右")[0], q("能耗下降1.2%")[0], "lower")
    'missed'
    """
    if better is None or target.unit != outcome.unit:
        return "n/a"
    low, high = _bounds(target)
    value = outcome.signed
    classes = {QUALIFIER_CLASS.get(word) for word in (target.qualifier or "").split()}
    if "≤" in classes and better != "lower":
        better = "ceiling"
    if better == "ceiling":
        return "met" if value <= high else "missed"
    if better == "higher":
        if value > high + tolerance:
            return "exceeded"
        return "met" if value >= low - tolerance else "missed"
    if value < low - tolerance:
        return "exceeded"
    return "met" if value <= high + tolerance else "missed"


def _difference(target: Quantity, outcome: Quantity) -> str | None:
    if target.unit != outcome.unit:
        return None
    low, high = _bounds(target)
    value = outcome.signed
    if low <= value <= high:
        return None  # on target, or inside its range
    reference = low if value <= low else high
    base = Quantity(
        raw="",
        value=abs(reference),
        unit=target.unit,
        qualifier=None,
        kind=target.kind,
        scale=target.scale,
        falls=reference < 0,
    )
    return delta_text(base, outcome)


def _judge(target: Indicator, outcome: Indicator | None, score: float) -> TargetOutcome:
    known = entry(target.indicator_id) if target.indicator_id else None
    if outcome is None:
        return TargetOutcome(target.key, target, None, "not_reported", None, 0.0)
    return TargetOutcome(
        target.key,
        target,
        outcome,
        verdict(
            target.quantity,
            outcome.quantity,
            known.better if known else None,
            known.tolerance if known else Decimal(0),
        ),
        _difference(target.quantity, outcome.quantity),
        score,
    )


def target_outcomes(
    olds: tuple[Indicator, ...], news: tuple[Indicator, ...], *, options: Options
) -> tuple[TargetOutcome, ...]:
    """Pair the old edition's annual targets with the new edition's annual outcomes."""
    targets = [
        i
        for i in dedupe(olds, options.number_threshold)
        if i.role == "target" and i.horizon == "annual" and i.quantity.kind != "version"
    ]
    results = [i for i in news if i.role == "outcome" and i.horizon == "annual" and not i.cited]
    used: set[int] = set()
    rows: list[TargetOutcome] = []
    left: list[Indicator] = []
    seen_ids: set[tuple[str, str | None]] = set()
    for target in targets:
        family = UNIT_FAMILY.get(target.quantity.kind)
        if target.indicator_id is None:
            left.append(target)
            continue
        key = (target.indicator_id, family)
        if key in seen_ids:
            continue  # a headline restated (a second figure of the same indicator) is one row
        seen_ids.add(key)
        found = next(
            (
                k
                for k, r in enumerate(results)
                if k not in used
                and r.indicator_id == target.indicator_id
                and UNIT_FAMILY.get(r.quantity.kind) == family
            ),
            None,
        )
        if found is not None:
            used.add(found)
        rows.append(_judge(target, results[found] if found is not None else None, 1.0))
    open_results = [r for k, r in enumerate(results) if k not in used]
    strict = min(1.0, options.number_threshold + 0.15)
    for i, j, score in assign(left, open_results, strict, set()):
        if left[i].quantity.unit == open_results[j].quantity.unit:
            rows.append(_judge(left[i], open_results[j], score))
    position = {id(t): k for k, t in enumerate(targets)}
    rows.sort(key=lambda row: (row.target.indicator_id is None, position[id(row.target)]))
    return tuple(rows)
