"""Indicators: each quantity of a report with what it measures, its role and where it stands.

An :class:`Indicator` is a :class:`~reportdiff.numbers.quantities.Quantity` with its name, its
canonical id when it is a headline indicator of the vocabulary
(``reportdiff/data/indicators.toml``), its role (``target`` / ``outcome``, see
:mod:`~reportdiff.numbers.roles`), its horizon (``annual`` / ``five-year``) and its section and
line.

:func:`headline_indicators` gives one report's headline indicators by canonical id: the API that
``track`` and ``corpus`` build their series on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from reportdiff.grammar import (
    ALREADY_CUES,
    CITED_TARGET,
    CLAUSE_STOPS,
    FIVE_YEAR_CUES,
    FROM_BASE,
    INCREMENT,
    LAST_YEAR,
    ONE_YEAR,
    REACHED_CUES,
    TARGET_STATEMENT,
    WORD_TARGET,
    YEAR_BASE,
    figure_phrase,
    report_level,
)
from reportdiff.model import Outline
from reportdiff.numbers.phrases import Phrase, phrases
from reportdiff.numbers.quantities import (
    SUFFIX_QUALIFIERS,
    Quantity,
    extract_quantities,
    extract_years,
)
from reportdiff.numbers.roles import Unit, report_year, units
from reportdiff.numbers.vocabulary import lookup
from reportdiff.numbers.words import clause_bounds, content, display_key, key_terms
from reportdiff.options import Options

#: One clause of a sentence (up to clause punctuation other than 、).
_CLAUSE = re.compile(f"[^{re.escape(CLAUSE_STOPS)}]+")

#: How an indicator's name was found (``name_source`` in the records).
NAME_SOURCES = ("vocabulary", "phrase", "list", "words")


@dataclass(frozen=True, slots=True)
class Indicator:
    """A quantity with what it measures, its role and where it stands."""

    key: str
    """What is measured, as a reader names it: the vocabulary's name for a headline indicator
    (``地区生产总值增长``), else the noun phrase of the sentence (``新增养老床位``)."""
    quantity: Quantity
    role: str
    """``target`` (plan sections, 目标, 力争, 确保, 预期) or ``outcome`` (review sections,
    完成, 实现)."""
    section_id: str
    section_title: str
    sentence: str
    line: int
    terms: tuple[str, ...] = ()
    """Normalised content words of the key, for pairing across editions."""
    years: tuple[int, ...] = ()
    """Years the sentence mentions: context, never indicators."""
    indicator_id: str | None = None
    """Canonical id of a headline indicator (``gdp_growth``), None outside the vocabulary."""
    name_source: str = "words"
    """Where :attr:`key` comes from: ``vocabulary``, ``phrase`` (the sentence's noun phrase),
    ``list`` (an item of a 分别 list) or ``words`` (content words, when the sentence gives no
    usable phrase)."""
    horizon: str = "annual"
    """``annual`` or ``five-year`` (年均, 累计, a five-year plan's targets or review)."""
    phrase: str = field(default="", compare=False)
    """The noun phrase as the sentence writes it (also for vocabulary names)."""
    fallback: bool = field(default=False, compare=False)
    """The canonical id is the vocabulary's fallback reading (中央财政赤字 for 财政赤字): it stands
    for the indicator only where the report states the indicator itself nowhere."""
    cited: bool = field(default=False, compare=False)
    """The figure is cited as a reference, not stated: where a change starts from
    (「由1997年的5160元增加到…」) or an earlier target quoted in a review
    (「没有实现年初确定的…4%左右…的目标」); the start of a change said to be last year's
    (「从去年的2.1%提高到2.3%」) is last year's result and not cited."""
    stated: bool = field(default=False, compare=False)
    """It stands in the report's statement of the year's targets (the paragraph that says
    「主要预期目标是：…」, from there on): what the report itself lists as its headline."""

    def as_record(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {
            "key": self.key,
            "indicator_id": self.indicator_id,
            "name_source": self.name_source,
            "phrase": self.phrase or None,
            "role": self.role,
            "horizon": self.horizon,
            "stated": self.stated,
            "quantity": self.quantity.as_record(),
            "section_id": self.section_id,
            "section_title": self.section_title,
            "sentence": self.sentence,
            "line": self.line,
            "years": list(self.years),
        }

    def sentence_record(self) -> dict[str, Any]:
        """The sentence reference used by ``number_shifts``."""
        return {
            "section_id": self.section_id,
            "section_title": self.section_title,
            "text": self.sentence,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class NumberList:
    """Every indicator of one report (``reportdiff numbers FILE``), ``reportdiff.numbers/1``."""

    source: str
    title: str | None
    level: str
    """``national``, ``provincial`` or ``district`` (:func:`reportdiff.grammar.report_level`)."""
    indicators: tuple[Indicator, ...]

    def as_records(self) -> dict[str, Any]:
        """The canonical, JSON-safe form (``reportdiff/schemas/numbers.schema.json``)."""
        roles = {"target": 0, "outcome": 0}
        for indicator in self.indicators:
            roles[indicator.role] = roles.get(indicator.role, 0) + 1
        headline = sum(1 for i in self.indicators if i.indicator_id is not None)
        return {
            "schema": "reportdiff.numbers/1",
            "source": self.source,
            "title": self.title,
            "level": self.level,
            "stats": {"indicators": len(self.indicators), **roles, "headline": headline},
            "indicators": [i.as_record() for i in self.indicators],
        }


def _has_suffix(quantity: Quantity) -> bool:
    return any(w in SUFFIX_QUALIFIERS for w in (quantity.qualifier or "").split())


def _sentence_role(text: str) -> str:
    return "outcome" if REACHED_CUES.search(text) else "target"


def _role(unit: Unit, quantity: Quantity, segment: str) -> str:
    """The unit's role, unless the words before the figure say otherwise: a figure cited as the
    base already reached is an outcome (在已有47个…和49项…基础上: the whole clause), so is one
    of last year or the start of a change (去年…2.6%, 从去年的2.1%: the words since the figure
    before); a stated target is a target."""
    text = unit.text
    clause_start, _ = clause_bounds(text, quantity.start, quantity.start)
    if ALREADY_CUES.search(text[clause_start : quantity.start]):
        return "outcome"
    if FROM_BASE.search(segment) or LAST_YEAR.search(segment):
        return "outcome"
    if TARGET_STATEMENT.search(text[: quantity.start]):
        return "target"
    if unit.reviews or unit.past:
        return "outcome"
    return unit.role or _sentence_role(text)


def _horizon(unit: Unit, phrase: Phrase, segment: str, quantity: Quantity, year: int | None) -> str:
    """年均/累计/五年 before the figure make it five-year; one year named in its clause (up to
    the last comma: 「2024年达到1.3万亿元、增长5.8%」) makes it that year's; else its sentence's
    horizon."""
    if phrase.five_year or FIVE_YEAR_CUES.search(segment):
        return "five-year"
    if unit.five_year:
        text = unit.text
        clause_start = max(text.rfind(mark, 0, quantity.start) for mark in CLAUSE_STOPS) + 1
        if YEAR_BASE.search(text, clause_start, quantity.start):
            return "five-year"  # 「2025年总量比2020年增加超7400亿元」: over the years between
        for found in ONE_YEAR.finditer(text, clause_start, quantity.start):
            stated = found.group("year")
            if stated is None or year is None or int(stated) <= year:
                return "annual"
        return "five-year"
    return "annual"


def _cited(text: str, quantity: Quantity, segment: str) -> bool:
    """An earlier target quoted in a review, or where a change starts from; but the start of a
    change said to be last year's (「赤字率从去年的2.1%提高到2.3%」) is last year's result."""
    if CITED_TARGET.search(text[: quantity.start]):
        return True
    base = FROM_BASE.search(segment)
    return base is not None and not LAST_YEAR.search(base.group())


def extract_indicators(outline: Outline, *, options: Options) -> tuple[Indicator, ...]:
    """Every quantity of the report as an indicator, in document order."""
    level = report_level(outline.document.text)
    year = report_year(outline)
    indicators: list[Indicator] = []
    statement_paragraph = -1
    continues = False  # 「主要预期目标是：」 alone: the figures follow in the next paragraph
    for unit in units(outline):
        statement = TARGET_STATEMENT.search(unit.text)
        quantities = extract_quantities(unit.text)
        if statement:
            statement_paragraph = unit.paragraph
            continues = unit.text.rstrip().endswith(("：", ":")) and not quantities
        elif continues and unit.paragraph != statement_paragraph:
            statement_paragraph, continues = unit.paragraph, False
        if not quantities:
            continue
        years = extract_years(unit.text)
        for index, (quantity, phrase) in enumerate(
            zip(quantities, phrases(unit.text, quantities), strict=True)
        ):
            clause_start, _ = clause_bounds(unit.text, quantity.start, quantity.start)
            if index > 0:  # the words since the figure before: 「从去年的2.1%提高到2.3%」
                previous = quantities[index - 1]
                clause_start = max(clause_start, previous.start + len(previous.raw))
            segment = unit.text[clause_start : quantity.start]
            indicator = _indicator(unit, quantities, index, phrase, level, years, segment, year)
            stated = unit.paragraph == statement_paragraph and (
                statement is None or statement.start() < quantity.start
            )
            indicators.append(replace(indicator, stated=stated) if stated else indicator)
    return tuple(indicators)


def _indicator(
    unit: Unit,
    quantities: tuple[Quantity, ...],
    index: int,
    phrase: Phrase,
    level: str,
    years: tuple[int, ...],
    segment: str,
    year: int | None,
) -> Indicator:
    quantity = quantities[index]
    terms = key_terms(unit.text, quantities, index)
    if phrase.listed and phrase.text:
        terms = content(phrase.text)
    found = lookup(phrase.text, quantity.kind, level) if phrase.text else None
    if found is None and quantity.kind == "version":
        found = lookup("".join(terms), quantity.kind, level)
    entry, fallback = found if found is not None else (None, False)
    if INCREMENT.search(segment):
        quantity = replace(quantity, qualifier=" ".join(["增加", quantity.qualifier or ""]).strip())
    if phrase.qualifier and not _has_suffix(quantity):
        quantity = replace(
            quantity, qualifier=f"{quantity.qualifier or ''} {phrase.qualifier}".strip()
        )
    if entry is not None and fallback and phrase.text:
        key, source = phrase.text, "vocabulary"  # 中央财政赤字 stands for 财政赤字: say which
    elif entry is not None:
        key, source = entry.display(level, quantity.kind), "vocabulary"
    elif phrase.text:
        key, source = phrase.text, "list" if phrase.listed else "phrase"
    else:
        key, source = display_key(terms, quantity, unit.text), "words"
    return Indicator(
        key=key,
        quantity=quantity,
        role=_role(unit, quantity, segment),
        section_id=unit.section.id,
        section_title=unit.section.title,
        sentence=unit.text,
        line=unit.line,
        terms=tuple(terms),
        years=years,
        indicator_id=entry.id if entry is not None else None,
        name_source=source,
        horizon=_horizon(unit, phrase, segment, quantity, year),
        phrase=phrase.text,
        fallback=fallback,
        cited=_cited(unit.text, quantity, segment),
    )


def word_targets(outline: Outline, *, options: Options) -> tuple[Indicator, ...]:
    """Headline targets the report's statement of the year's targets gives in words, without a
    figure (「居民收入增长和经济增长同步」): what last year's income target was when the next report
    gives the income result. Each is an indicator whose quantity is of kind ``words`` (its raw
    text is the clause; it has no value), one per canonical id, in document order."""
    from decimal import Decimal

    level = report_level(outline.document.text)
    found: list[Indicator] = []
    seen: set[str] = set()
    statement_paragraph = -1
    for unit in units(outline):
        statement = TARGET_STATEMENT.search(unit.text)
        if statement:
            statement_paragraph = unit.paragraph
        if unit.paragraph != statement_paragraph or unit.role == "outcome" or unit.past:
            continue
        begin = statement.end() if statement else 0
        for clause in _CLAUSE.finditer(unit.text[begin:]):
            text = clause.group().strip()
            words = WORD_TARGET.search(text)
            if words is None or extract_quantities(text):
                continue
            name = figure_phrase(text[: words.start()])
            if words.group("grows") and not name.endswith(("增长", "增速")):
                name += "增长"
            hit = lookup(name, "percent", level) if name else None
            if hit is None or hit[1] or hit[0].id in seen:
                continue
            entry = hit[0]
            seen.add(entry.id)
            start = begin + clause.start() + (len(clause.group()) - len(clause.group().lstrip()))
            quantity = Quantity(text, Decimal(0), "", None, "words", start=start)
            found.append(
                Indicator(
                    key=entry.display(level),
                    quantity=quantity,
                    role="target",
                    section_id=unit.section.id,
                    section_title=unit.section.title,
                    sentence=unit.text,
                    line=unit.line,
                    terms=tuple(content(name)),
                    indicator_id=entry.id,
                    name_source="vocabulary",
                    horizon="five-year" if unit.five_year else "annual",
                    phrase=name,
                    stated=True,
                )
            )
    return tuple(found)


def list_numbers(outline: Outline, *, options: Options) -> NumberList:
    """All indicators of one report, for ``reportdiff numbers FILE``."""
    return NumberList(
        source=outline.document.source,
        title=outline.title,
        level=report_level(outline.document.text),
        indicators=extract_indicators(outline, options=options),
    )


def headline_indicators(
    outline: Outline,
    *,
    options: Options,
    role: str | None = "target",
    indicators: tuple[Indicator, ...] | None = None,
) -> tuple[Indicator, ...]:
    """One report's headline indicators with their canonical ids: what ``track`` and ``corpus``
    build their series on.

    The annual targets are those of the report's statement of the year's targets (the paragraph
    that says 「主要预期目标是：…」); the State Council's reports also state their fiscal and
    monetary targets (赤字, 国债, 中央预算内投资, M2) and some others (粮食, 能耗, 进出口) in
    paragraphs of their own, so for them the first statement of each other headline indicator
    counts too, as it does for five-year targets and when a report has no statement paragraph.
    Outcomes
    (``role="outcome"``, or ``None`` for both) are the first statement of each. One indicator per
    (canonical id, horizon, role, unit family). ``indicators``: the report's
    :func:`extract_indicators`, when the caller has them already (the same objects come back).
    """
    from reportdiff.numbers.vocabulary import UNIT_FAMILY

    every = [
        i
        for i in (
            indicators if indicators is not None else extract_indicators(outline, options=options)
        )
        if i.indicator_id is not None and (role is None or i.role == role)
    ]
    order = {id(i): k for k, i in enumerate(every)}
    has_statement = any(i.stated for i in every)
    national = report_level(outline.document.text) == "national"

    def counts(indicator: Indicator) -> bool:
        if indicator.role != "target" or indicator.horizon != "annual" or not has_statement:
            return True
        return indicator.stated or national

    seen: set[tuple[str, str, str, str | None]] = set()
    out: list[Indicator] = []
    # Statement figures first, so that a restatement elsewhere never displaces them; a fallback
    # reading only where the indicator itself is stated nowhere.
    for indicator in sorted(every, key=lambda i: (i.fallback, not i.stated, order[id(i)])):
        if not counts(indicator):
            continue
        family = UNIT_FAMILY.get(indicator.quantity.kind)
        key = (indicator.indicator_id or "", indicator.horizon, indicator.role, family)
        if key in seen:
            continue
        seen.add(key)
        out.append(indicator)
    return tuple(sorted(out, key=lambda i: order[id(i)]))
