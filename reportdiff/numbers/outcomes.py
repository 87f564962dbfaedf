"""Target → outcome: last year's targets against the results this year's report gives for them.

The first table an analyst writes: the growth target of x%左右 against the reported growth, the CPI
target against the reported CPI. The old edition's annual targets are paired with the new
edition's annual outcomes — the same headline indicator first (canonical id and unit family, the
first statement of the result in the new edition), then, for the rest, by their words and unit.
Where the vocabulary says how a result is judged, each pair gets a verdict: ``met``, ``exceeded``
or ``missed``; else ``n/a``. A headline target the new edition reports no result for is listed
as ``not_reported``. A headline target stated in words only (「居民收入增长和经济增长同步」) is
paired with the result too; keeping pace with growth is judged against the reported growth.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportdiff.grammar import WORD_TARGET
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


def _in_words(target: Indicator, outcome: Indicator, growth: Indicator | None) -> str:
    """The verdict on a target stated in words: one to keep pace with economic growth
    (「居民收入增长和经济增长同步」) is met when the result is no more than the indicator's
    tolerance below the reported growth, missed when further below; any other (「稳定增长」), or a
    result that stands for the indicator only by a fallback reading (the urban figure for all
    residents), is not judged."""
    paced = WORD_TARGET.search(target.quantity.raw)
    if paced is None or not paced.group("pace") or growth is None or outcome.fallback:
        return "n/a"
    if outcome.quantity.unit != "%" or growth.quantity.unit != "%":
        return "n/a"
    tolerance = entry(outcome.indicator_id).tolerance if outcome.indicator_id else Decimal(0)
    return "met" if outcome.quantity.signed >= growth.quantity.signed - tolerance else "missed"


def _judge(
    target: Indicator, outcome: Indicator | None, score: float, growth: Indicator | None = None
) -> TargetOutcome:
    known = entry(target.indicator_id) if target.indicator_id else None
    if outcome is None:
        return TargetOutcome(target.key, target, None, "not_reported", None, 0.0)
    if target.quantity.kind == "words":
        return TargetOutcome(
            target.key, target, outcome, _in_words(target, outcome, growth), None, score
        )
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
    olds: tuple[Indicator, ...],
    news: tuple[Indicator, ...],
    *,
    options: Options,
    in_words: tuple[Indicator, ...] = (),
) -> tuple[TargetOutcome, ...]:
    """Pair the old edition's annual targets with the new edition's annual outcomes; headline
    targets the old edition states only in words (``in_words``, see
    :func:`~reportdiff.numbers.indicators.word_targets`) are paired with the result too, after the
    figures, for indicators no figure targets."""
    targets = [
        i
        for i in dedupe(olds, options.number_threshold)
        if i.role == "target" and i.horizon == "annual" and i.quantity.kind != "version"
    ]
    figured = {i.indicator_id for i in targets if i.indicator_id is not None}
    targets += [i for i in in_words if i.horizon == "annual" and i.indicator_id not in figured]
    results = [i for i in news if i.role == "outcome" and i.horizon == "annual" and not i.cited]
    growth = next(
        (r for r in results if r.indicator_id == "gdp_growth" and r.quantity.unit == "%"), None
    )
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
                and (family is None or UNIT_FAMILY.get(r.quantity.kind) == family)
            ),
            None,
        )
        if found is not None:
            used.add(found)
        outcome = results[found] if found is not None else None
        rows.append(_judge(target, outcome, 1.0, growth))
    open_results = [r for k, r in enumerate(results) if k not in used]
    strict = min(1.0, options.number_threshold + 0.15)
    for i, j, score in assign(left, open_results, strict, set()):
        if left[i].quantity.unit == open_results[j].quantity.unit:
            rows.append(_judge(left[i], open_results[j], score))
    position = {id(t): k for k, t in enumerate(targets)}
    rows.sort(key=lambda row: (row.target.indicator_id is None, position[id(row.target)]))
    return tuple(rows)
