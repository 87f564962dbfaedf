"""Number shifts: every quantity of a report as an indicator, and indicators paired across editions.

Readers of these reports look for the numbers first (the growth target, the fiscal revenue
target, the lifts to install, the version of the business-environment plan), so this stage turns
each quantity into an :class:`Indicator` (what is measured, the :class:`Quantity`, target or
outcome) and pairs the indicators of two editions into :class:`NumberShift` records
(``number_shifts`` of the diff record). Three stages, one module each:

- :mod:`~reportdiff.numbers.quantities`: figures of a sentence (value, unit, range, qualifier);
- :mod:`~reportdiff.numbers.indicators`: what each figure measures and whether it is a target;
- :mod:`~reportdiff.numbers.shifts`: indicators of two editions paired into shifts.
"""

from reportdiff.numbers.indicators import Indicator, NumberList, extract_indicators, list_numbers
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
    compare_numbers,
    describe_change,
    similarity,
)

__all__ = [
    "SHIFT_KINDS",
    "Indicator",
    "NumberComparison",
    "NumberList",
    "NumberShift",
    "Quantity",
    "compare_numbers",
    "describe_change",
    "extract_indicators",
    "extract_quantities",
    "extract_years",
    "list_numbers",
    "parse_chinese_number",
    "similarity",
]
