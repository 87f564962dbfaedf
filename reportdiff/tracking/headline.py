"""One edition's numbers as tracking sees them: each figure with the indicator it states.

This module is the single adapter between ``track``/``corpus`` and the numbers stage. Figures come
from :func:`reportdiff.numbers.extract_indicators`; :func:`headline_numbers` gives each one an
indicator: a canonical id (``gdp_growth``, ``cpi``, ``business_environment_version`` …, the ids of
``fixtures/number-truth/README.md``) when the figure states a headline indicator, else the readable
key the numbers stage built (``Indicator.key``).

The canonical ids come from a small interim table (:data:`INTERIM_VOCABULARY`) until the numbers
stage ships its vocabulary of headline indicators (``reportdiff/data/indicators.*``); then this
module asks the numbers stage instead and the table goes. Nothing else in tracking or corpus
knows how an indicator is recognised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportdiff.grammar import CLAUSE_BREAKS
from reportdiff.model import Block, Outline
from reportdiff.numbers import Indicator, Quantity, extract_indicators
from reportdiff.options import Options

__all__ = [
    "INTERIM_VOCABULARY",
    "HeadlineNumber",
    "VocabularyEntry",
    "figure_line",
    "headline_numbers",
    "identify",
    "is_canonical",
    "vocabulary_rank",
]


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """A headline indicator: its id, display name, the quantity kinds it is stated in, and the
    words that name it right before the figure (``国内生产总值增长`` 8%左右)."""

    id: str
    name: str
    kinds: frozenset[str]
    lead: re.Pattern[str]


def _entry(id_: str, name: str, kinds: str, lead: str) -> VocabularyEntry:
    return VocabularyEntry(id_, name, frozenset(kinds.split()), re.compile(f"(?:{lead})$"))


#: Words allowed between an indicator's name and its figure (经济增长预期目标为7%左右,
#: 地区生产总值同比增长5%, 城镇登记失业率控制在4.6%以内).
_BETWEEN = (
    r"(?:同比|实际|预期|目标|预期目标|定为|确定为|为|是|要|力争|达到|确保|在|控制在|保持在|速度)*"
)
_REGION = r"(?:国内|地区|全省|全市|全区|全县|全州|全盟|全自治区|全国)?"

#: Interim headline vocabulary (see the module docstring), in the order analysts read them.
INTERIM_VOCABULARY: tuple[VocabularyEntry, ...] = (
    _entry("gdp_growth", "生产总值增长", "percent", rf"{_REGION}(?:生产总值|GDP)按?增长|经济增长"),
    _entry(
        "cpi",
        "居民消费价格涨幅",
        "percent",
        r"(?:居民)?消费价格(?:总水平|指数)?(?:涨幅|上涨|增长)|CPI",
    ),
    _entry("urban_jobs", "城镇新增就业", "count", r"城镇新增就业(?:人数|岗位)?"),
    _entry("unemployment_surveyed", "城镇调查失业率", "percent", r"(?:城镇)?调查失业率"),
    _entry("unemployment_registered", "城镇登记失业率", "percent", r"(?:城镇)?登记失业率"),
    _entry(
        "income_growth",
        "居民收入增长",
        "percent",
        r"(?:城乡)?居民(?:人均)?(?:可支配)?收入(?:实际)?增长",
    ),
    _entry(
        "energy_intensity",
        "单位生产总值能耗",
        "percent",
        rf"单位{_REGION}(?:生产总值|GDP)(?:能耗|能源消耗)(?:降低|下降)",
    ),
    _entry("deficit_ratio", "赤字率", "percent", r"赤字率"),
    _entry(
        "budget_revenue",
        "一般公共预算收入",
        "percent",
        r"(?:一般公共预算收入|地方级收入|地方财政收入|区级财政收入|财政收入)增长",
    ),
    _entry("fixed_asset_investment", "固定资产投资增长", "percent", r"固定资产投资增长"),
    _entry("retail_sales", "社会消费品零售总额增长", "percent", r"社会消费品零售(?:总额)?增长"),
    _entry("foreign_trade", "进出口增长", "percent", r"(?:外贸)?进出口(?:总额|总值)?增长|外贸增长"),
    _entry(
        "industrial_value_added",
        "规模以上工业增加值增长",
        "percent",
        r"(?:规模以上)?工业增加值增长",
    ),
    _entry(
        "business_environment_version", "优化营商环境方案版本", "version", r"营商环境(?:行动方案)?"
    ),
)
_RANK = {entry.id: rank for rank, entry in enumerate(INTERIM_VOCABULARY)}
_BETWEEN_AT_END = re.compile(rf"{_BETWEEN}$")
#: A figure that measures a share of, or a pull on, the indicator is another indicator
#: (占GDP比重为13.0%, 上拉GDP增长达2.1个百分点, 对经济增长贡献率).
_NOT_THE_INDICATOR = re.compile(r"比重|占|拉动|上拉|贡献|弹性")
#: A figure over a plan period: averaged (年均增长7%) or summed (五年城镇新增就业4500万人), said
#: in its clause or earlier in its sentence (五年来…, 2005年与2000年相比，国内生产总值增长57.3%).
_FIVE_YEAR = re.compile(r"年均|每年平均|平均每年|五年")
_FIVE_YEAR_SENTENCE = re.compile(r"今后五年|五年来|五年间|五年内|\d{4}年与\d{4}年相比")
#: Wording that introduces a target figure: in its own sentence or in the one just before it
#: (今年经济社会发展的主要预期目标是：国内生产总值增长8%左右).
_TARGET_WORDING = re.compile(r"目标|预期")
_SPACE = re.compile(r"\s+")
#: Words inside an indicator's name that do not change which indicator it is
#: (地区生产总值同比增长, 社会固定资产投资总额增长, 国内生产总值年均增长).
_DROPPED_WORDS = re.compile(r"同比|比上年|较上年|实际|年均|平均|总额(?=增长)")


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
    """Whether ``indicator`` is a canonical id (``gdp_growth``, or ``gdp_growth.five_year``)."""
    return indicator.split(".", 1)[0] in _RANK


def vocabulary_rank(indicator: str) -> int:
    """Reading order of a canonical id (GDP first); indicators outside the vocabulary last."""
    return _RANK.get(indicator, len(_RANK))


def _lead(indicator: Indicator) -> str:
    """The words of the figure's clause before the figure, spaces removed."""
    sentence = indicator.sentence
    start = indicator.quantity.start
    if sentence[start : start + len(indicator.quantity.raw)] != indicator.quantity.raw:
        start = sentence.find(indicator.quantity.raw)
        if start < 0:
            return ""
    begin = max((sentence.rfind(mark, 0, start) for mark in CLAUSE_BREAKS), default=-1) + 1
    return _SPACE.sub("", sentence[begin:start])


def identify(indicator: Indicator) -> tuple[VocabularyEntry | None, str]:
    """The headline indicator a figure states (or None) and its horizon (annual / five-year).

    >>> from reportdiff.numbers import extract_quantities
    >>> def figure(text):
    ...     q = extract_quantities(text)[0]
    ...     return Indicator("k", q, "target", "1", "t", text, 1)
    >>> identify(figure("国内生产总值增长8%左右"))[0].id
    'gdp_growth'
    >>> identify(figure("今年经济增长预期目标为7%左右"))[0].id
    'gdp_growth'
    >>> identify(figure("占GDP比重为13.0%"))[0] is None
    True
    >>> identify(figure("地区生产总值年均增长7%"))[1]
    'five-year'
    """
    lead = _lead(indicator)
    before = indicator.sentence[: max(indicator.quantity.start, 0)]
    five_year = _FIVE_YEAR.search(lead) or _FIVE_YEAR_SENTENCE.search(before)
    horizon = "five-year" if five_year else "annual"
    core = _BETWEEN_AT_END.sub("", _DROPPED_WORDS.sub("", lead))
    if _NOT_THE_INDICATOR.search(core[-12:]):
        return None, horizon
    for entry in INTERIM_VOCABULARY:
        if indicator.quantity.kind in entry.kinds and entry.lead.search(core):
            return entry, horizon
    return None, horizon


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
    found: list[HeadlineNumber] = []
    for indicator in extract_indicators(outline, options=options):
        line = figure_line(blocks, indicator)
        entry, horizon = identify(indicator)
        context = indicator.sentence + before.get((indicator.section_id, indicator.line), "")
        wording = bool(_TARGET_WORDING.search(context))
        if entry is not None:
            found.append(
                HeadlineNumber(entry.id, entry.name, True, horizon, wording, line, indicator)
            )
        else:
            found.append(
                HeadlineNumber(
                    indicator.key, indicator.key, False, horizon, wording, line, indicator
                )
            )
    return tuple(found)
