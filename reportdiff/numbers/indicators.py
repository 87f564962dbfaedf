"""Indicators: each quantity of a report with what it measures, its role and where it stands.

An :class:`Indicator` is a :class:`~reportdiff.numbers.quantities.Quantity` with its key (the words
that say what is measured), its role (``target`` in plan sections and promises, ``outcome`` in
review sections and figures reported as reached) and its section and line. The role comes from the
section's heading (``grammar.heading_role``), a numbered run whose later item is the plan, the
years a heading names, and the sentence's own wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportdiff.grammar import (
    ALREADY_CUES,
    CJK,
    CLAUSE_BREAKS,
    REACHED_CUES,
    heading_role,
    is_first_label,
    policy_terms,
)
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.numbers.quantities import ARABIC, WIDTH, Quantity, extract_quantities, extract_years
from reportdiff.options import Options
from reportdiff.tokens import cut

_CLAUSE_MARKS = CLAUSE_BREAKS + "（）()"
_CONJUNCTIONS = re.compile(r"以及|和|及|与|并且|并")

#: Words that never say what is measured.
_STOP = frozenset(
    """
同比 的 了 等 全年 年度 今年 明年 去年 上年 全区 我区 杨浦 杨浦区
区内 累计 共 共计 其中 已 将 预计 力争 确保 努力 突破 超过 达到
达 约 近 左右 以上 以下 以内 余 多 持续 进一步 不断 积极 全力
加快 推动 推进 完成 实现 开展 实施 年 一批 同期 较 比 较上年
比上年 为 在 对 于 是 有 和 及 与 并 各 每 目标 主要 预期 计划
建议 提前 成功 全面 深入 扎实 稳步 有序 大力 着力 力求 争取 再 新
总量 总计 合计 分别 此外 同时 以 从 到 由 占 个 项 逐步 基本
全部 当年 首批 一是 二是 三是 四是 五是 六是 高于 低于 不低于
不少于 保持 控制 年底 年内 期间
""".split()
)
#: Words that say little on their own: they count, but less than the nouns around them.
GENERIC = frozenset(
    """
建设 改造 项目 工作 服务 增长 提升 新增 新建 打造 推出 制定 升级
优化 发展 规模 总额 任务 工程 中心 企业 活动 举办 组织 提高 增加
下降 减少 开工 竣工 覆盖 建成 培育 引进 落地 支持 打响 开放 数量
能力 水平 提供 举措 措施 改革 方案 全市 市级 区级 重点 重大 办好
实施方案
""".split()
)
_VERBS = frozenset(
    "升级 推出 制定 出台 实施 优化 发布 加强 打造 建设 落实 研究 制订 编制 印发".split()
)
_SYNONYMS = {
    "增速": "增长",
    "GDP": "地区生产总值",
    "平米": "平方米",
    "改革方案": "方案",
    "实施方案": "方案",
    "行动方案": "方案",
    "电梯加装": "加装电梯",
}

_ROLE_KINDS = frozenset(
    {SectionKind.PART, SectionKind.HEADING, SectionKind.TITLE, SectionKind.BULLET}
)
_YEAR_KINDS = frozenset({SectionKind.PART, SectionKind.HEADING, SectionKind.TITLE})


@dataclass(frozen=True, slots=True)
class Indicator:
    """A quantity with what it measures, its role and where it stands."""

    key: str
    """What is measured, as words (``地区生产总值 增长``, ``营商环境 方案 版本``, ``加装 电梯``)."""
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

    def as_record(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {
            "key": self.key,
            "role": self.role,
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
    indicators: tuple[Indicator, ...]

    def as_records(self) -> dict[str, Any]:
        """The canonical, JSON-safe form."""
        roles = {"target": 0, "outcome": 0}
        for indicator in self.indicators:
            roles[indicator.role] = roles.get(indicator.role, 0) + 1
        return {
            "schema": "reportdiff.numbers/1",
            "source": self.source,
            "title": self.title,
            "stats": {"indicators": len(self.indicators), **roles},
            "indicators": [i.as_record() for i in self.indicators],
        }


@dataclass(frozen=True, slots=True)
class _Unit:
    """A sentence (or a heading) with its section and the role its section sets."""

    text: str
    line: int
    section: Section
    role: str | None


def _heading_role(section: Section, target_year: int | None) -> str | None:
    """The role a heading sets for the text after it: review → outcome, plan → target."""
    title = section.title
    if len(title) > 60 or section.kind not in _ROLE_KINDS:
        return None
    role = heading_role(title)
    if role is not None:
        return "target" if role.is_plan else "outcome"
    years = extract_years(title)
    if years and target_year is not None and section.kind is not SectionKind.BULLET:
        return "target" if max(years) >= target_year else "outcome"
    return None


_RESET_STYLES = frozenset({"han-dun", "part"})
_BACKGROUND_KINDS = frozenset({SectionKind.GLOSSARY, SectionKind.TOC})


def _section_roles(sections: list[Section], target_year: int | None) -> dict[str, str | None]:
    """Each numbered section's role; in a run 一、二、三、 whose later item is the plan, the earlier
    items without a cue of their own are the review (一、发挥平台机制作用 … 三、开启2025年新篇)."""
    roles = {s.id: _heading_role(s, target_year) if s.title else None for s in sections}
    runs: dict[str, list[list[Section]]] = {}
    for section in sections:
        if section.style is None or section.kind not in _YEAR_KINDS:
            continue
        style_runs = runs.setdefault(section.style, [])
        if not style_runs or is_first_label(section.number):
            style_runs.append([])
        style_runs[-1].append(section)
    for style_runs in runs.values():
        for run in style_runs:
            first_target = next((k for k, s in enumerate(run) if roles[s.id] == "target"), None)
            for section in run[: first_target or 0]:
                if roles[section.id] is None:
                    roles[section.id] = "outcome"
    return roles


def _units(outline: Outline) -> list[_Unit]:
    """Sentences (and headings) in document order, each with its section and its section's role.

    Hard-wrapped lines are joined by repair before the outline is built, so an outline sentence
    is a whole sentence here."""
    sections: list[Section] = [outline.root, *outline.iter_sections()]
    title_years = [
        y
        for s in sections[1:]
        if len(s.title) <= 60 and s.kind in _YEAR_KINDS
        for y in extract_years(s.title)
    ]
    target_year = max(title_years) if title_years else None
    roles = _section_roles(sections[1:], target_year)
    units: list[_Unit] = []
    state: str | None = None
    for section in sections:
        sentences = section.sentences
        if not section.title and not sentences:
            continue
        role = roles.get(section.id)
        if section.kind in _BACKGROUND_KINDS:
            role = "outcome"  # a glossary or contents: definitions and facts, never targets
        if role is not None or (section.style in _RESET_STYLES and is_first_label(section.number)):
            state = role
        if section.title and not (sentences and sentences[0].text == section.title):
            units.append(_Unit(section.title, section.line, section, state))
        units.extend(_Unit(s.text.strip(), s.line, section, state) for s in sentences)
    return units


def _regroup(tokens: tuple[str, ...]) -> list[str]:
    """Re-cut two tokens that straddle a policy term: 重大/工程建设 → 重大工程/建设, so that the
    term comes out the same whatever word follows it."""
    terms = policy_terms()
    out = list(tokens)
    i = 0
    while i + 1 < len(out):
        joined = out[i] + out[i + 1]
        for size in range(len(joined) - 1, len(out[i]), -1):
            if joined[:size] in terms:
                out[i], out[i + 1] = joined[:size], joined[size:]
                break
        i += 1
    return out


def _content(text: str) -> list[str]:
    """Content words of ``text``: jieba tokens minus stop words, numbers and punctuation."""
    words: list[str] = []
    for token in _regroup(cut(text.replace(" ", ""))):
        token = _SYNONYMS.get(token, token)
        if token in _STOP or not CJK.search(token) and not token.isalpha():
            continue
        if len(token) == 1 and not CJK.match(token):
            continue
        words.append(token)
    return words


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS) + 1
    rights = [i for i in (text.find(mark, end) for mark in _CLAUSE_MARKS) if i >= 0]
    return left, min(rights) if rights else len(text)


def _key_terms(text: str, quantities: tuple[Quantity, ...], index: int) -> list[str]:
    """The words that say what quantity ``index`` of ``text`` measures."""
    quantity = quantities[index]
    q_end = quantity.start + len(quantity.raw)
    clause_start, clause_end = _clause_bounds(text, quantity.start, q_end)
    left_start = clause_start
    if index > 0:
        previous = quantities[index - 1]
        left_start = max(left_start, previous.start + len(previous.raw))
    right_end = clause_end
    if index + 1 < len(quantities):
        right_end = min(right_end, quantities[index + 1].start)
    left_text = text[left_start : quantity.start]
    right_text = text[q_end:right_end] if q_end <= right_end else ""
    right = _content(right_text)[:4]
    if (
        not right
        and index + 1 < len(quantities)
        and not text[q_end : quantities[index + 1].start].strip()
    ):
        # 10类58项政府实事项目: the next number's words describe this one too.
        after_next = quantities[index + 1].start + len(quantities[index + 1].raw)
        right = _content(text[after_next:clause_end])[:4]
    pieces = _CONJUNCTIONS.split(left_text)
    if right and len(pieces) > 1:
        left_text = pieces[-1]
    left = _content(left_text)[-4:]
    if quantity.kind in ("percent", "points", "permille", "ratio") and left:
        terms = left + [w for w in right if w in ("增长", "下降", "提高")]
    elif quantity.kind == "version":
        terms = [w for w in left if w not in _VERBS][-3:] + [w for w in right if w not in _VERBS][
            :2
        ]
    else:
        terms = left[-2:] + right if right else left
    if all(t in GENERIC for t in terms):
        # 区级财政收入完成 154.99 亿元，同比增长 8%: the subject sits in the clause before.
        earlier = text[:clause_start].rstrip(_CLAUSE_MARKS + " ")
        previous_start, _ = _clause_bounds(earlier, len(earlier), len(earlier))
        subject = earlier[previous_start:]
        first_number = ARABIC.search(subject.translate(WIDTH))
        if first_number:
            subject = subject[: first_number.start()]
        terms = [w for w in _content(subject) if w not in GENERIC][:3] + terms
    seen: list[str] = []
    for term in terms:
        if term not in seen:
            seen.append(term)
    return seen


def _display_key(terms: list[str], quantity: Quantity, sentence: str) -> str:
    """The key as a reader writes it: words that stand together in the sentence are joined
    (公办幼儿园托班, not 公办 幼儿园 托 班), words the sentence keeps apart stay apart
    (地区生产总值 增长)."""
    text = "".join(sentence.split())
    words: list[str] = []
    for term in terms[:6]:
        if words and (words[-1] + term) in text:
            words[-1] += term
        else:
            words.append(term)
    if quantity.kind == "version" and "版本" not in words:
        words.append("版本")
    return " ".join(words) if words else quantity.unit or quantity.kind


def _sentence_role(text: str) -> str:
    return "outcome" if REACHED_CUES.search(text) else "target"


def extract_indicators(outline: Outline, *, options: Options) -> tuple[Indicator, ...]:
    """Every quantity of the report as an indicator, in document order."""
    indicators: list[Indicator] = []
    for unit in _units(outline):
        quantities = extract_quantities(unit.text)
        if not quantities:
            continue
        years = extract_years(unit.text)
        role = unit.role or _sentence_role(unit.text)
        for index, quantity in enumerate(quantities):
            terms = _key_terms(unit.text, quantities, index)
            clause_start, _ = _clause_bounds(unit.text, quantity.start, quantity.start)
            done = ALREADY_CUES.search(unit.text[clause_start : quantity.start])
            indicators.append(
                Indicator(
                    key=_display_key(terms, quantity, unit.text),
                    quantity=quantity,
                    role="outcome" if done else role,
                    section_id=unit.section.id,
                    section_title=unit.section.title,
                    sentence=unit.text,
                    line=unit.line,
                    terms=tuple(terms),
                    years=years,
                )
            )
    return tuple(indicators)


def list_numbers(outline: Outline, *, options: Options) -> NumberList:
    """All indicators of one report, for ``reportdiff numbers FILE``."""
    return NumberList(
        source=outline.document.source,
        title=outline.title,
        indicators=extract_indicators(outline, options=options),
    )
