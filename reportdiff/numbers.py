"""Number shifts: every quantity of a report as an indicator, and indicators paired across editions.

Readers of these reports look for the numbers first (the growth target, the fiscal revenue
target, the lifts to install, the version of the business-environment plan), so this stage turns
each quantity into an :class:`Indicator` (what is measured, the :class:`Quantity`, target or
outcome) and pairs the indicators of two editions into :class:`NumberShift` records
(``number_shifts`` of the diff record).

Values are ``Decimal`` in a base unit (3千亿 == 3000亿 == 300000000000), the raw text is kept for
display. Years, dates, ordinals, list and footnote numbers, codes (G1, 5G, 20号线, 228街坊) and bare
integers without a unit are context, never indicators.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from reportdiff.grammar import (
    ALREADY_CUES,
    CJK,
    CLAUSE_BREAKS,
    REACHED_CUES,
    ends_paragraph,
    heading_role,
    is_first_label,
    policy_terms,
)
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.options import Options
from reportdiff.tokens import cut

if TYPE_CHECKING:
    from reportdiff.align import SectionAlignment

# ----------------------------------------------------------------------------------------------
# Quantities

#: Same-length folding so offsets in the folded text are offsets in the original.
_WIDTH = str.maketrans("０１２３４５６７８９％．－～，", "0123456789%.-~,")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_MULTIPLIER = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}

#: Unit text → (normalised unit, kind). Longest first when matching.
_UNITS: dict[str, tuple[str, str]] = {
    "%": ("%", "percent"),
    "‰": ("‰", "permille"),
    "个百分点": ("个百分点", "points"),
    "百分点": ("个百分点", "points"),
    "版": ("版", "version"),
    "倍": ("倍", "ratio"),
    "亿美元": ("美元", "money"),
    "美元": ("美元", "money"),
    "港元": ("港元", "money"),
    "欧元": ("欧元", "money"),
    "元": ("元", "money"),
    "平方公里": ("平方公里", "area"),
    "平方千米": ("平方公里", "area"),
    "平方米": ("平方米", "area"),
    "平米": ("平方米", "area"),
    "㎡": ("平方米", "area"),
    "公顷": ("公顷", "area"),
    "亩": ("亩", "area"),
    "公里": ("公里", "length"),
    "千米": ("公里", "length"),
    "米": ("米", "length"),
    "千瓦时": ("千瓦时", "energy"),
    "千瓦": ("千瓦", "power"),
    "兆瓦": ("兆瓦", "power"),
    "吨": ("吨", "mass"),
    "人次": ("人次", "count"),
    "户次": ("户次", "count"),
    "个次": ("个次", "count"),
    "张床位": ("张", "count"),
    "名": ("人", "count"),
}
_MEASURE_WORDS = (
    "个",
    "项",
    "所",
    "座",
    "家",
    "台",
    "条",
    "张",
    "套",
    "间",
    "户",
    "人",
    "名",
    "场",
    "次",
    "件",
    "辆",
    "部",
    "批",
    "类",
    "处",
    "栋",
    "幢",
    "位",
    "支",
    "宗",
    "笔",
    "例",
    "篇",
    "份",
    "块",
    "株",
    "棵",
    "只",
    "站",
    "床",
    "天",
    "小时",
    "岁",
    "册",
    "枚",
    "所",
)
for _word in _MEASURE_WORDS:
    _UNITS.setdefault(_word, (_word, "count"))
_UNIT_KEYS = tuple(sorted(_UNITS, key=len, reverse=True))

#: Words right after a number that make it a name or an ordinal, not a quantity.
_NAME_AFTER = (
    "号线",
    "号",
    "弄",
    "街坊",
    "地块",
    "届",
    "轮",
    "期",
    "级",
    "代",
    "分钟",
    "周年",
    "周岁",
    "条计划",
)
#: Qualifiers written before the number (longest first) and after it.
_PREFIX_QUALIFIERS = (
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "控制在",
    "保持在",
    "超过",
    "突破",
    "达到",
    "高于",
    "低于",
    "多于",
    "约",
    "近",
    "逾",
    "超",
    "达",
)
_SUFFIX_QUALIFIERS = ("左右", "以上", "以下", "以内", "之内", "上下", "余", "多")
#: Qualifiers that say the same thing: compared by class, displayed as written.
_QUALIFIER_CLASS = {
    **dict.fromkeys(("以上", "超过", "不低于", "不少于", "高于", "多于", "逾", "超", "突破"), "≥"),
    **dict.fromkeys(("以下", "以内", "之内", "不超过", "不高于", "低于", "控制在"), "≤"),
    **dict.fromkeys(("约", "左右", "近", "上下"), "≈"),
    **dict.fromkeys(("余", "多"), "+"),
}
#: Qualifiers that do not change what a number means when comparing editions.
_NEUTRAL_QUALIFIERS = frozenset({"达到", "达"})

_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_CHINESE = re.compile(r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")
_PERCENT_CN = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)")
_RANGE_SEP = "-—–~至到"
_YEAR_AFTER = re.compile(r"\s*(?:年|-\s*\d{4}|—\s*\d{4}|/)")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity of a sentence: its raw text, its value in the base unit and its qualifier."""

    raw: str
    """The text as written (``5%以上``, ``3千亿``, ``5—6所``, ``7.0 版``)."""
    value: Decimal
    """Value in the base unit (multipliers 万/亿/千 applied); the low end of a range."""
    unit: str
    """Normalised unit: ``%``, ``个百分点``, ``元``, ``平方米``, ``台``, ``版``;
    ``""`` for a bare amount."""
    qualifier: str | None
    """Qualifiers as written, space-separated (``以上``, ``力争 突破``, ``约 左右``);
    None when plain."""
    kind: str
    """percent, points, money, count, version, area, length, ratio, amount, ..."""
    high: Decimal | None = None
    """High end of a range (``5—6所``), else None."""
    start: int = 0
    """Offset of the raw text in its sentence."""

    def as_record(self) -> dict[str, Any]:
        """JSON-safe form; Decimals as strings."""
        return {
            "raw": self.raw,
            "value": format(self.value, "f") if self.kind == "version" else _dec(self.value),
            "high": _dec(self.high) if self.high is not None else None,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "kind": self.kind,
        }

    @property
    def compared_qualifier(self) -> str:
        """The qualifiers' meaning, for comparing editions: 以上 and 超过 both say "at least"."""
        parts = {_QUALIFIER_CLASS.get(q, q) for q in (self.qualifier or "").split()}
        return " ".join(sorted(parts - _NEUTRAL_QUALIFIERS))


def _dec(value: Decimal) -> str:
    """A Decimal as plain text without exponent or trailing zeros (``3E+11`` → ``300000000000``)."""
    text = format(value.normalize(), "f")
    return text


def parse_chinese_number(text: str) -> Decimal | None:
    """三千亿 → 300000000000, 一百二十 → 120, 五 → 5, 三点五 → 3.5; None when not a numeral."""
    if not text:
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        base = parse_chinese_number(whole) if whole else Decimal(0)
        if base is None or not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        return base + Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    total = Decimal(0)
    section = Decimal(0)
    digit: int | None = None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            section += Decimal(digit if digit is not None else 1) * _CN_UNITS[char]
            digit = None
        elif char in _CN_BIG:
            section += Decimal(digit or 0)
            if section == 0:
                section = Decimal(1)
            total = (
                (total + section) * _CN_BIG[char]
                if char == "亿"
                else total + section * _CN_BIG[char]
            )
            section = Decimal(0)
            digit = None
        else:
            return None
    return total + section + Decimal(digit or 0)


def _multiplier(text: str) -> Decimal:
    value = Decimal(1)
    for char in text:
        value *= _MULTIPLIER[char]
    return value


def _match_prefix(text: str, end: int, words: Iterable[str]) -> tuple[str, int] | None:
    """A word of ``words`` ending at ``end`` (spaces skipped), with its start."""
    while end > 0 and text[end - 1] == " ":
        end -= 1
    for word in words:
        if text.startswith(word, end - len(word)) and end - len(word) >= 0:
            return word, end - len(word)
    return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u3000":
        i += 1
    return i


def extract_quantities(sentence: str) -> tuple[Quantity, ...]:
    """Every quantity of ``sentence`` (years, dates, ordinals, codes and bare integers left out)."""
    text = sentence.translate(_WIDTH)
    found: list[Quantity] = []
    taken_until = 0
    for start, number, after, value in _numbers(text):
        if start < taken_until:
            continue
        quantity = _quantity_at(text, sentence, start, after, number, value)
        if quantity is None:
            continue
        found.append(quantity)
        taken_until = quantity.start + len(quantity.raw)
    return tuple(found)


def _numbers(text: str) -> Iterator[tuple[int, str, int, Decimal]]:
    """Candidate numbers in order: (start, number text, end offset, value)."""
    candidates: list[tuple[int, str, int, Decimal]] = []
    for match in _PERCENT_CN.finditer(text):
        raw_value = match.group(1)
        value = Decimal(raw_value) if raw_value[0].isdigit() else parse_chinese_number(raw_value)
        if value is not None:
            candidates.append((match.start(), match.group(0), match.end(), value))
    for match in _ARABIC.finditer(text):
        try:
            value = Decimal(match.group(0).replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numerals
            continue
        candidates.append((match.start(), match.group(0), match.end(), value))
    for match in _CHINESE.finditer(text):
        numeral = match.group(0)
        # Only numerals that carry a multiplier (三千亿, 十万) count; 一是/十四五/两旧一村 do not.
        if not any(c in "千万亿" for c in numeral):
            continue
        value = parse_chinese_number(numeral)
        if value is not None and value > 0:
            candidates.append((match.start(), numeral, match.end(), value))
    candidates.sort(key=lambda c: (c[0], -len(c[1])))
    return iter(candidates)


def _quantity_at(
    text: str, original: str, start: int, end: int, number: str, value: Decimal
) -> Quantity | None:
    """Build the quantity whose number sits at ``text[start:end]``, or None for non-quantities."""
    before = text[start - 1] if start > 0 else ""
    inner_qualifier: str | None = None
    if number.startswith("百分之"):
        i = end
        unit, kind = "%", "percent"
        high = None
        multiplier = Decimal(1)
    else:
        if (
            before
            and before.isascii()
            and (before.isalpha() or before in "+-/." or before.isdigit())
        ):
            return None  # G1, NICE2035, 1+X+12, F2-07, codes
        if before == "第" or (start >= 2 and text[start - 2 : start].strip() == "第"):
            return None
        stripped_before = text[:start].rstrip()
        i = end
        if i < len(text) and (text[i].isascii() and text[i].isalpha() or text[i] == "+"):
            return None  # 5G, 2023DAF, 3+
        # Years and dates are context, not indicators.
        if (
            "." not in number
            and len(number) == 4
            and 1900 <= value <= 2100
            and not number.startswith("0")
        ):
            if _YEAR_AFTER.match(text, i) or not _unit_at(text, _skip_space(text, i)):
                return None
        j = _skip_space(text, i)
        if text.startswith(("月", "日", "时"), j) and value <= 31 and "." not in number:
            return None
        # A list number: 1. / 2、 / (3) at the start.
        if (
            text[j : j + 1] in ("、", ".", "．")
            and not text[j + 1 : j + 2].isdigit()
            and stripped_before == ""
        ):
            return None
        if before and before in "（(" and text[j : j + 1] and text[j : j + 1] in "）)":
            return None
        # A range: 5—6所, 5-6个, 5%-6%.
        high = None
        k = j
        if text.startswith("%", k) and k + 1 < len(text) and text[k + 1] in _RANGE_SEP:
            k += 1
        if k < len(text) and text[k] in _RANGE_SEP:
            second = _ARABIC.match(text, _skip_space(text, k + 1))
            if second and not _year_like(number, value):
                try:
                    high_value = Decimal(second.group(0).replace(",", ""))
                except InvalidOperation:  # pragma: no cover
                    high_value = None
                after_second = second.end()
                if (
                    high_value is not None
                    and high_value > value
                    and (
                        _unit_at(text, _skip_space(text, after_second))
                        or text.startswith("%", after_second)
                    )
                ):
                    high = high_value
                    j = _skip_space(text, after_second)
        # Multipliers: 万, 亿, 千亿, 万亿 (also after a Chinese numeral they are already inside).
        multiplier_text = ""
        m = j
        while m < len(text) and text[m] in "千万亿" and len(multiplier_text) < 2:
            multiplier_text += text[m]
            m += 1
        if multiplier_text and (
            text.startswith(("米", "瓦", "克"), m) and multiplier_text[-1] == "千"
        ):
            multiplier_text, m = multiplier_text[:-1], m - 1  # 千米, 千瓦 are units
        multiplier = _multiplier(multiplier_text) if multiplier_text else Decimal(1)
        if multiplier_text:
            j = m
        i = j
        unit_info = _unit_at(text, _skip_space(text, i))
        # 余/多 between the number and the unit: 140 余件, 7千余万人次, 300多场.
        if unit_info is None:
            q = _skip_space(text, i)
            if text[q : q + 1] in ("余", "多") and (
                _unit_at(text, q + 1) or text[q + 1 : q + 2] in "万亿"
            ):
                inner_qualifier = text[q]
                q += 1
                extra = ""
                while q < len(text) and text[q] in "万亿" and len(extra) < 2:
                    extra += text[q]
                    q += 1
                if extra:
                    multiplier *= _multiplier(extra)
                i = q
                unit_info = _unit_at(text, i)
        if unit_info is not None:
            unit_text, (unit, kind) = unit_info
            unit_start = _skip_space(text, i)
            after_unit = unit_start + len(unit_text)
            if (
                kind == "count"
                and unit_text in ("个", "项", "家", "条")
                and text.startswith(("号",), after_unit)
            ):
                return None
            i = after_unit
        else:
            unit, kind = "", ""
        if text.startswith(_NAME_AFTER, _skip_space(text, j)):
            return None
        # Versions: 8.0版, 7.0 版, "服务员 2.0".
        if (
            kind != "version"
            and "." in number
            and number.endswith(".0")
            and multiplier == 1
            and (
                kind in ("", "count")
                and (not unit or text.startswith("项目", _skip_space(text, end)))
            )
        ):
            if before and (before == " " or CJK.match(before) or before in '”"」》'):
                unit, kind, i = "版", "version", end
        if not kind:
            if multiplier >= 10**4:
                unit, kind = "", "amount"
            else:
                return None  # a bare integer: footnote marker, code, list number
        if kind == "version" and multiplier != 1:
            return None
        if number.startswith("百分之"):
            i = end
        value = value * multiplier
        if high is not None:
            high = high * multiplier
    # Qualifiers after: 以上, 左右 ...
    qualifiers_after = [inner_qualifier] if inner_qualifier else []
    q = _skip_space(text, i)
    for word in _SUFFIX_QUALIFIERS:
        if not text.startswith(word, q):
            continue
        if word in ("余", "多") and CJK.match(text[q + 1 : q + 2]):
            continue  # 300台多层住宅: 多 starts the next word
        qualifiers_after.append(word)
        i = q + len(word)
        break
    # Qualifiers before: 超过, 不低于, 近, 约, 突破, 达到; and 力争 earlier in the clause.
    qualifiers_before: list[str] = []
    prefix = _match_prefix(text, start, _PREFIX_QUALIFIERS)
    if prefix is not None:
        qualifiers_before.append(prefix[0])
    clause_start = max(text.rfind(mark, 0, start) for mark in CLAUSE_BREAKS)
    if "力争" in text[clause_start + 1 : start]:
        qualifiers_before.insert(0, "力争")
    qualifier = " ".join(qualifiers_before + qualifiers_after) or None
    if prefix is not None:
        start = prefix[1]  # the raw text reads as written: 超过40%, 突破3千亿, 近 7000 家
    raw = original[start:i].strip()
    return Quantity(
        raw=raw, value=value, unit=unit, qualifier=qualifier, kind=kind, high=high, start=start
    )


def _year_like(number: str, value: Decimal) -> bool:
    return "." not in number and len(number) == 4 and 1900 <= value <= 2100


def _unit_at(text: str, i: int) -> tuple[str, tuple[str, str]] | None:
    for key in _UNIT_KEYS:
        if text.startswith(key, i):
            return key, _UNITS[key]
    return None


def extract_years(sentence: str) -> tuple[int, ...]:
    """The years a sentence mentions (2023 年, 2023-2025 年), sorted, as context for its numbers."""
    years = {
        int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", sentence.translate(_WIDTH))
    }
    return tuple(sorted(years))


# ----------------------------------------------------------------------------------------------
# Indicators

_CLAUSE_MARKS = CLAUSE_BREAKS + "（）()"
_CONJUNCTIONS = re.compile(r"以及|和|及|与|并且|并")
_FOOTNOTE_OR_PAGE = re.compile(r"^(?:\d{1,3}|-\s*\d{1,3}\s*-|[，,、])$")

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
_GENERIC = frozenset(
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
    """A logical sentence: outline sentences re-joined where a hard wrap cut them."""

    text: str
    line: int
    section: Section
    role: str | None


_CONTINUES = re.compile(r"[\u4e00-\u9fff0-9A-Za-z“”‘’\"（）()《》、，,]")


def _is_hard_wrapped(paragraphs: list[str]) -> bool:
    """True when many paragraphs are cut-off lines (a PDF text layer the loader left wrapped)."""
    if not paragraphs:
        return False
    cut_short = sum(1 for p in paragraphs if len(p) >= 20 and not ends_paragraph(p))
    return cut_short / len(paragraphs) >= 0.3


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
    """Logical sentences in document order, each with its section and its section's role."""
    sections: list[Section] = [outline.root, *outline.iter_sections()]
    title_years = [
        y
        for s in sections[1:]
        if len(s.title) <= 60 and s.kind in _YEAR_KINDS
        for y in extract_years(s.title)
    ]
    target_year = max(title_years) if title_years else None
    # (text, line, section, is a title, length of the paragraph it starts or 0 inside one)
    raw: list[tuple[str, int, Section, bool, int]] = []
    for section in sections:
        sentences = section.sentences
        if section.title and not (sentences and sentences[0].text == section.title):
            raw.append((section.title, section.line, section, True, 0))
        for paragraph in section.paragraphs:
            raw.extend(
                (
                    s.text.strip(),
                    s.line,
                    section,
                    False,
                    len(paragraph.text.strip()) if k == 0 else 0,
                )
                for k, s in enumerate(paragraph.sentences)
            )
    wrapped = _is_hard_wrapped(
        [p.text.strip() for s in sections if s.kind is not SectionKind.TABLE for p in s.paragraphs]
    )
    roles = _section_roles(sections[1:], target_year)
    units: list[_Unit] = []
    state: str | None = None
    current: Section | None = None
    buffer: list[str] = []
    buffer_line = 0
    buffer_section: Section | None = None

    def flush() -> None:
        if buffer and buffer_section is not None:
            units.append(_Unit("".join(buffer), buffer_line, buffer_section, state))
        buffer.clear()

    previous_paragraph = 0
    for text, line, section, is_title, paragraph_length in raw:
        if section is not current:
            flush()
            current = section
            role = roles.get(section.id)
            if section.kind in _BACKGROUND_KINDS:
                role = "outcome"  # a glossary or contents: definitions and facts, never targets
            if role is not None or (
                section.style in _RESET_STYLES and is_first_label(section.number)
            ):
                state = role
        if is_title:
            units.append(_Unit(text, line, section, state))
            continue
        if wrapped and buffer and _FOOTNOTE_OR_PAGE.match(text):
            continue
        if paragraph_length:
            # A new source line continues the sentence only after a full-width line, and never
            # when it starts a table bullet.
            if buffer and (previous_paragraph < 20 or not _CONTINUES.match(text)):
                flush()
            previous_paragraph = paragraph_length
        if not buffer:
            buffer_line, buffer_section = line, section
        buffer.append(text)
        if (
            not wrapped
            or section.kind is SectionKind.TABLE
            or ends_paragraph(text)
            or sum(map(len, buffer)) > 600
        ):
            flush()
    flush()
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
    if all(t in _GENERIC for t in terms):
        # 区级财政收入完成 154.99 亿元，同比增长 8%: the subject sits in the clause before.
        earlier = text[:clause_start].rstrip(_CLAUSE_MARKS + " ")
        previous_start, _ = _clause_bounds(earlier, len(earlier), len(earlier))
        subject = earlier[previous_start:]
        first_number = _ARABIC.search(subject.translate(_WIDTH))
        if first_number:
            subject = subject[: first_number.start()]
        terms = [w for w in _content(subject) if w not in _GENERIC][:3] + terms
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


# ----------------------------------------------------------------------------------------------
# Pairing across editions

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
    telling = [w for w in words if w not in _GENERIC]
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
    return 0.3 if term in _GENERIC else 1.0


def similarity(a: Indicator, b: Indicator) -> float:
    """How likely two indicators measure the same thing (0..1): shared key words and characters."""
    if _DIMENSION.get(a.quantity.kind) != _DIMENSION.get(b.quantity.kind):
        return 0.0
    terms_a, terms_b = _expanded(a.terms), _expanded(b.terms)
    if not terms_a or not terms_b:
        return 0.0
    if all(t in _GENERIC for t in terms_a) or all(t in _GENERIC for t in terms_b):
        return 0.0  # 增长 alone says nothing about what grew
    if {t for t in terms_a if _is_measure(t)} != {t for t in terms_b if _is_measure(t)}:
        return 0.0  # 地区生产总值 增长 is not 占地区生产总值 比重
    shared = terms_a & terms_b
    weight_a = sum(_weight(t) for t in terms_a)
    weight_b = sum(_weight(t) for t in terms_b)
    word_score = sum(_weight(t) for t in shared) / ((weight_a + weight_b) / 2)
    grams_a, grams_b = _bigrams(a.terms), _bigrams(b.terms)
    gram_score = len(grams_a & grams_b) / min(len(grams_a), len(grams_b))
    if not any(t not in _GENERIC for t in shared) and gram_score < 0.6:
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
            return f"{sign}{_dec((magnitude / size).quantize(Decimal('0.01')))}{label}"
    return f"{sign}{_dec(magnitude) if magnitude == magnitude.to_integral() else magnitude}"


def _show(quantity: Quantity) -> str:
    return quantity.raw.replace(" ", "")


def _shown_qualifier(quantity: Quantity) -> str:
    words = [q for q in (quantity.qualifier or "").split() if q not in _NEUTRAL_QUALIFIERS]
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
    targets);
    an unpaired target is then tried against the other edition's outcomes (``outcome_vs_target``:
    how last year's target turned out, or last year's result against this year's target); targets
    and plan versions left over are ``added``/``dropped``. Summary mode: the same indicator in both
    is ``agrees``/``disagrees``; summary numbers the full report lacks are ``added``/``dropped``.
    """
    threshold = options.number_threshold
    olds = _dedupe(extract_indicators(old, options=options), threshold)
    news = _dedupe(extract_indicators(new, options=options), threshold)
    partners = _partners(alignment)
    shifts: list[NumberShift] = []
    if mode == "summary":
        from reportdiff.align import summary_side

        side = summary_side(old, new) or "new"
        paired_old: set[int] = set()
        paired_new: set[int] = set()
        for role in ("target", "outcome"):
            old_idx = [i for i, a in enumerate(olds) if a.role == role]
            new_idx = [j for j, b in enumerate(news) if b.role == role]
            candidates = _assign(
                [olds[i] for i in old_idx], [news[j] for j in new_idx], threshold, partners
            )
            for i, j, score in candidates:
                a, b = olds[old_idx[i]], news[new_idx[j]]
                kind, change = describe_change(a.quantity, b.quantity)
                agreement = "agrees" if kind == "unchanged" else "disagrees"
                shifts.append(NumberShift(b.key, agreement, a, b, change, score))
                paired_old.add(old_idx[i])
                paired_new.add(new_idx[j])
        # Numbers only the summary states (the full report's extra detail is not news).
        if side == "new":
            shifts.extend(
                NumberShift(b.key, "added", None, b, None)
                for j, b in enumerate(news)
                if j not in paired_new and _reported_alone(b, options)
            )
        else:
            shifts.extend(
                NumberShift(a.key, "dropped", a, None, None)
                for i, a in enumerate(olds)
                if i not in paired_old and _reported_alone(a, options)
            )
        return _sorted(shifts)

    pairs_old: set[int] = set()
    pairs_new: set[int] = set()
    wide = options.numbers_all
    roles = ("target", "outcome") if wide else ("target",)
    for role in roles:
        old_idx = [
            i
            for i, a in enumerate(olds)
            if a.role == role or a.quantity.kind == "version" and role == "target"
        ]
        new_idx = [
            j
            for j, b in enumerate(news)
            if b.role == role or b.quantity.kind == "version" and role == "target"
        ]
        old_idx = [i for i in old_idx if i not in pairs_old]
        new_idx = [j for j in new_idx if j not in pairs_new]
        for i, j, score in _assign(
            [olds[i] for i in old_idx], [news[j] for j in new_idx], threshold, partners
        ):
            a, b = olds[old_idx[i]], news[new_idx[j]]
            kind, change = describe_change(a.quantity, b.quantity)
            shifts.append(NumberShift(b.key, kind, a, b, change, score))
            pairs_old.add(old_idx[i])
            pairs_new.add(new_idx[j])
    # A target left over against the other edition's outcomes: a separate, labelled kind.
    strict = min(1.0, threshold + 0.15)
    for targets_old in (True, False):
        if targets_old:
            old_idx = [i for i, a in enumerate(olds) if i not in pairs_old and a.role == "target"]
            new_idx = [j for j, b in enumerate(news) if j not in pairs_new and b.role == "outcome"]
        else:
            old_idx = [i for i, a in enumerate(olds) if i not in pairs_old and a.role == "outcome"]
            new_idx = [j for j, b in enumerate(news) if j not in pairs_new and b.role == "target"]
        for i, j, score in _assign(
            [olds[i] for i in old_idx], [news[j] for j in new_idx], strict, partners
        ):
            a, b = olds[old_idx[i]], news[new_idx[j]]
            if a.quantity.unit != b.quantity.unit:
                continue  # a result in other units is another indicator
            _, change = describe_change(a.quantity, b.quantity)
            shifts.append(NumberShift(b.key, "outcome_vs_target", a, b, change, score))
            pairs_old.add(old_idx[i])
            pairs_new.add(new_idx[j])
    shifts.extend(
        NumberShift(a.key, "dropped", a, None, None)
        for i, a in enumerate(olds)
        if i not in pairs_old and _reported_alone(a, options)
    )
    shifts.extend(
        NumberShift(b.key, "added", None, b, None)
        for j, b in enumerate(news)
        if j not in pairs_new and _reported_alone(b, options)
    )
    return _sorted(shifts)


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
