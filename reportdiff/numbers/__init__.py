"""Number shifts: every quantity of a report as an indicator, and indicators paired across editions.

Readers of these reports look for the numbers first (the growth target, the fiscal revenue
target, the lifts to install, the version of the business-environment plan), so this stage turns
each quantity into an :class:`Indicator` (what is measured, the :class:`Quantity`, target or
outcome) and pairs the indicators of two editions into :class:`NumberShift` records
(``number_shifts`` of the diff record). Three stages, one module each:

- :mod:`~reportdiff.numbers.quantities`: figures of a sentence (value, unit, range, qualifier);
- :mod:`~reportdiff.numbers.indicators`: what each figure measures and whether it is a target;
- :mod:`~reportdiff.numbers.shifts`: indicators of two editions paired into shifts, and
  :mod:`~reportdiff.numbers.outcomes`: last year's targets against this year's results.

Helpers: :mod:`~reportdiff.numbers.phrases` (readable names), :mod:`~reportdiff.numbers.words`
(content words for pairing), :mod:`~reportdiff.numbers.roles` (target or outcome, horizon),
:mod:`~reportdiff.numbers.vocabulary` (the headline indicators as data),
:mod:`~reportdiff.numbers.pairing` (similarity and the candidate index),
:mod:`~reportdiff.numbers.changes` (deltas in the values' own scale).
"""

from reportdiff.numbers.changes import delta_text, describe_change
from reportdiff.numbers.indicators import (
    Indicator,
    NumberList,
    extract_indicators,
    headline_indicators,
    list_numbers,
    word_targets,
)
from reportdiff.numbers.outcomes import TargetOutcome, target_outcomes
from reportdiff.numbers.pairing import similarity
from reportdiff.numbers.quantities import (
    Quantity,
    extract_quantities,
    extract_years,
    parse_chinese_number,
)
from reportdiff.numbers.shifts import (
    SHIFT_KINDS,
    NumberComparison,
    NumberShift,
    compare_indicators,
    compare_numbers,
    compare_with_outcomes,
    count_changes,
)

__all__ = [
    "SHIFT_KINDS",
    "Indicator",
    "NumberComparison",
    "NumberList",
    "NumberShift",
    "Quantity",
    "TargetOutcome",
    "compare_indicators",
    "compare_numbers",
    "compare_with_outcomes",
    "count_changes",
    "delta_text",
    "describe_change",
    "extract_indicators",
    "extract_quantities",
    "extract_years",
    "headline_indicators",
    "list_numbers",
    "parse_chinese_number",
    "similarity",
    "target_outcomes",
    "word_targets",
]
