"""The vocabulary of headline indicators (``reportdiff/data/indicators.toml``) and its lookup.

A figure whose phrase (the words before it that say what it measures, see
:func:`reportdiff.grammar.figure_phrase`) matches an entry's pattern, in one of the entry's unit
families and at the report's level of government, is that headline indicator: it gets the entry's
canonical id and name, and is paired across editions by id.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

#: Quantity kinds (see :class:`~reportdiff.numbers.quantities.Quantity`) by unit family.
UNIT_FAMILY = {
    "percent": "percent",
    "points": "points",
    "permille": "percent",
    "money": "money",
    "amount": "money",
    "count": "count",
    "mass": "mass",
    "version": "version",
    "ratio": "ratio",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One headline indicator of the vocabulary."""

    id: str
    """Canonical id (``gdp_growth``): the key of its series in ``numbers``, ``diff``, ``track``."""
    name: str
    """Display name in local reports (``地区生产总值增长``)."""
    name_national: str
    """Display name in the State Council's reports (``国内生产总值增长``)."""
    patterns: tuple[re.Pattern[str], ...]
    units: frozenset[str]
    """Unit families the figure may have (``percent``, ``money`` …)."""
    levels: frozenset[str]
    """Governments that state it: ``national``, ``provincial``, ``district``."""
    horizons: frozenset[str]
    """``annual`` and/or ``five-year``."""
    better: str | None
    """``higher``, ``lower`` or ``ceiling``: how a result is judged against its target."""
    tolerance: Decimal = Decimal(0)
    """How far from a higher/lower target a result still counts as met (in the figure's unit)."""
    fallback: tuple[re.Pattern[str], ...] = ()
    """Patterns of figures that stand for the indicator only when the report states it nowhere
    itself (中央财政赤字 for 财政赤字)."""
    examples: tuple[str, ...] = ()
    not_examples: tuple[str, ...] = ()

    def display(self, level: str, kind: str = "percent") -> str:
        """The name a reader of a report of ``level`` expects for a figure of ``kind``: an
        indicator stated both as an amount and as a growth rate names the rate 「…增长」.

        >>> entry("budget_revenue").display("provincial", "percent")
        '一般公共预算收入增长'
        >>> entry("budget_revenue").display("national", "money")
        '一般公共预算收入'
        """
        name = self.name_national if level == "national" else self.name
        if UNIT_FAMILY.get(kind) == "percent" and len(self.units) > 1:
            return name if name.endswith(("增长", "增速")) else name + "增长"
        return name

    def matches(self, phrase: str) -> bool:
        """Does ``phrase`` (white space removed) name this indicator?"""
        return any(pattern.search(phrase) for pattern in self.patterns)


@functools.cache
def vocabulary() -> tuple[Entry, ...]:
    """The shipped vocabulary, in file order.

    >>> [e.id for e in vocabulary()][:3]
    ['gdp_growth', 'cpi', 'urban_jobs']
    """
    text = resources.files("reportdiff").joinpath("data/indicators.toml").read_text("utf-8")
    entries = []
    for key, spec in tomllib.loads(text).items():
        entries.append(
            Entry(
                id=key,
                name=spec["name"],
                name_national=spec.get("name_national", spec["name"]),
                patterns=tuple(re.compile(f"(?:{p})$") for p in spec["patterns"]),
                units=frozenset(spec["units"]),
                levels=frozenset(spec["levels"]),
                horizons=frozenset(spec["horizons"]),
                better=spec.get("better"),
                tolerance=Decimal(spec.get("tolerance", "0")),
                fallback=tuple(re.compile(f"(?:{p})$") for p in spec.get("fallback", ())),
                examples=tuple(spec.get("examples", ())),
                not_examples=tuple(spec.get("not_examples", ())),
            )
        )
    return tuple(entries)


@functools.cache
def entry(indicator_id: str) -> Entry:
    """The entry of a canonical id (KeyError when unknown)."""
    for candidate in vocabulary():
        if candidate.id == indicator_id:
            return candidate
    raise KeyError(indicator_id)


def lookup(phrase: str, kind: str, level: str) -> tuple[Entry, bool] | None:
    """The headline indicator ``phrase`` names for a figure of ``kind`` in a report of
    ``level``, and whether only by a fallback pattern; None when it names none.

    >>> lookup("国内生产总值增长", "percent", "national")[0].id
    'gdp_growth'
    >>> found = lookup("中央财政赤字", "money", "national")
    >>> found[0].id, found[1]
    ('deficit_size', True)
    >>> lookup("占地区生产总值比重", "percent", "provincial") is None
    True
    """
    phrase = "".join(phrase.split())
    family = UNIT_FAMILY.get(kind)
    if not phrase or family is None:
        return None
    fitting = [e for e in vocabulary() if family in e.units and level in e.levels]
    for candidate in fitting:
        if candidate.matches(phrase):
            return candidate, False
    for candidate in fitting:
        if any(pattern.search(phrase) for pattern in candidate.fallback):
            return candidate, True
    return None
