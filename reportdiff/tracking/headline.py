"""One edition's numbers as tracking sees them: each figure with the indicator it states.

This module is the single adapter between ``track``/``corpus`` and the numbers stage. Figures come
from :func:`reportdiff.numbers.extract_indicators`; :func:`headline_numbers` gives each one an
indicator: the canonical id of the shared vocabulary of headline indicators
(``reportdiff/data/indicators.toml``: ``gdp_growth``, ``cpi``, ``business_environment_version`` …,
the ids of ``fixtures/number-truth/README.md``) when the figure states a headline indicator, else
the readable key the numbers stage built (``Indicator.key``). Which figure is an edition's own
statement of a headline indicator is :func:`reportdiff.numbers.headline_indicators`' answer, the
one the ``numbers`` command gives. Nothing else in tracking or corpus knows how an indicator is
recognised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportdiff.grammar import report_level
from reportdiff.model import Block, Outline
from reportdiff.numbers import Indicator, Quantity, extract_indicators, headline_indicators
from reportdiff.numbers.vocabulary import Entry, entry, vocabulary
from reportdiff.options import Options

__all__ = [
    "HeadlineNumber",
    "figure_line",
    "headline_numbers",
    "identify",
    "is_canonical",
    "vocabulary_rank",
]

#: Wording that introduces a target figure: in its own sentence or in the one just before it
#: (今年经济社会发展的主要预期目标是：国内生产总值增长8%左右).
_TARGET_WORDING = re.compile(r"目标|预期")


def _ranks() -> dict[str, int]:
    return {item.id: rank for rank, item in enumerate(vocabulary())}


@dataclass(frozen=True, slots=True)
class HeadlineNumber:
    """One figure of one edition with the indicator it states."""

    indicator: str
    """Canonical id (``gdp_growth``) for a headline indicator, else the readable key."""
    name: str
    """How a reader names the indicator (``生产总值增长``, or the key itself)."""
    canonical: bool
    """True when ``indicator`` is a canonical id of the vocabulary."""
    horizon: str
    """``annual`` or ``five-year`` (a 年均 figure over a plan period)."""
    target_wording: bool
    """The figure is introduced as a target (目标, 预期) in its sentence or the one before."""
    line: int
    """Source line of the figure itself."""
    source: Indicator
    headline: bool = False
    """The edition's own statement of the indicator
    (:func:`~reportdiff.numbers.headline_indicators`: its statement of the year's targets, or
    the first statement of a result): the series' point when the edition states it more than
    once."""

    @property
    def quantity(self) -> Quantity:
        return self.source.quantity

    @property
    def role(self) -> str:
        return self.source.role

    @property
    def kind(self) -> str:
        """Series kind: ``version`` for plan versions (x.0版), else ``target`` or ``outcome``."""
        return "version" if self.quantity.kind == "version" else self.role

    def as_record(self) -> dict[str, Any]:
        """The point fields of a figure (schema ``reportdiff.track/1``)."""
        quantity = self.quantity.as_record()
        return {
            "raw": quantity["raw"],
            "value": quantity["value"],
            "high": quantity["high"],
            "unit": quantity["unit"],
            "qualifier": quantity["qualifier"],
            "role": self.role,
            "line": self.line,
            "sentence_line": self.source.line,
            "section_id": self.source.section_id,
            "section_title": self.source.section_title,
            "sentence": self.source.sentence,
        }


def is_canonical(indicator: str) -> bool:
    """Whether ``indicator`` is a canonical id (``gdp_growth``, or ``gdp_growth.five_year``).

    >>> is_canonical("gdp_growth.five_year"), is_canonical("城市更新项目")
    (True, False)
    """
    return indicator.split(".", 1)[0] in _ranks()


def vocabulary_rank(indicator: str) -> int:
    """Reading order of a canonical id (the vocabulary's order, GDP first); indicators outside
    the vocabulary last."""
    ranks = _ranks()
    return ranks.get(indicator, len(ranks))


def identify(indicator: Indicator) -> tuple[Entry | None, str]:
    """The headline indicator a figure states (or None) and its horizon (annual / five-year), as
    the numbers stage read them; a fallback reading (中央财政赤字 for 财政赤字) is no headline
    figure by itself (:func:`headline_numbers` takes it where the report states the indicator
    nowhere else).

    >>> from reportdiff.load import load_bytes
    >>> from reportdiff.outline import build_outline
    >>> text = "今年经济社会发展的主要预期目标是：国内生产总值增长8%左右，占GDP比重为13.0%。"
    >>> outline = build_outline(load_bytes(text.encode(), source="r.txt"), options=Options())
    >>> figures = extract_indicators(outline, options=Options())
    >>> [getattr(identify(i)[0], "id", None) for i in figures]
    ['gdp_growth', None]
    """
    if indicator.indicator_id is None or indicator.fallback:
        return None, indicator.horizon
    return entry(indicator.indicator_id), indicator.horizon


def _sentences_before(outline: Outline) -> dict[tuple[str, int], str]:
    """(section id, line) of each sentence → the sentence before it in its section."""
    before: dict[tuple[str, int], str] = {}
    for section in outline.iter_sections():
        previous = section.title
        for sentence in section.sentences:
            before.setdefault((section.id, sentence.line), previous)
            previous = sentence.text
    return before


def figure_line(blocks: Sequence[Block], indicator: Indicator) -> int:
    """The source line of the figure itself (a hard-wrapped sentence starts lines earlier)."""
    raw = indicator.quantity.raw
    for block in blocks:
        if block.line <= indicator.line <= block.end_line:
            head = indicator.sentence[: min(8, len(indicator.sentence))]
            start = block.text.find(head) if head else -1
            if start < 0:
                return indicator.line
            at = block.text.find(raw, start + max(indicator.quantity.start - 2, 0))
            return block.line_at(at) if at >= 0 else indicator.line
    return indicator.line


def headline_numbers(outline: Outline, *, options: Options) -> tuple[HeadlineNumber, ...]:
    """Every figure of ``outline`` with its indicator, in document order.

    Each figure is cited at the line where the figure itself stands (``line``), which in a
    hard-wrapped file may be lines after the start of its sentence."""
    before = _sentences_before(outline)
    blocks = sorted(outline.document.blocks, key=lambda b: b.line)
    level = report_level(outline.document.text)
    indicators = extract_indicators(outline, options=options)
    stated = {
        id(i)
        for i in headline_indicators(outline, options=options, role=None, indicators=indicators)
    }
    found: list[HeadlineNumber] = []
    for indicator in indicators:
        line = figure_line(blocks, indicator)
        known, horizon = identify(indicator)
        headline = id(indicator) in stated
        if known is None and headline and indicator.indicator_id is not None:
            known = entry(indicator.indicator_id)  # a fallback reading the report stands by
        context = indicator.sentence + before.get((indicator.section_id, indicator.line), "")
        wording = bool(_TARGET_WORDING.search(context))
        if known is not None:
            name = known.display(level, indicator.quantity.kind)
            found.append(
                HeadlineNumber(
                    known.id, name, True, horizon, wording, line, indicator, headline=headline
                )
            )
        else:
            found.append(
                HeadlineNumber(
                    indicator.key, indicator.key, False, horizon, wording, line, indicator
                )
            )
    return tuple(found)
