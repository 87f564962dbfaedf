"""Quantities: every figure of a sentence with its value, unit, range and qualifiers.

Values are ``Decimal`` in a base unit (3千亿 == 3000亿 == 300000000000), the raw text is kept for
display. Years, dates, ordinals, list and footnote numbers, codes (G1, 5G, 20号线, 228街坊) and bare
integers without a unit are context, never quantities.

Reading one figure is a chain of small steps (:func:`_quantity_at`): reject what a neighbouring
character makes a code or an ordinal, reject dates, years and list numbers, read a range, the
multiplier (万, 亿, 千亿), the unit (or 余/多 then the unit), recognise plan versions (8.0版), and
finally the qualifiers written around the figure (超过 … 以上, 力争 earlier in the clause).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from reportdiff.grammar import (
    AGE_BAND,
    CAPPING_VERBS,
    CJK,
    CLAUSE_BREAKS,
    FALL_WORDS,
    NEUTRAL_QUALIFIERS,
    TITLE_SPAN,
)

#: Same-length folding so offsets in the folded text are offsets in the original.
WIDTH = str.maketrans("０１２３４５６７８９％．－～，", "0123456789%.-~,")

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
UNITS: dict[str, tuple[str, str]] = {
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
    "吨标准煤": ("吨标准煤", "mass"),
    "吨": ("吨", "mass"),
    "公斤": ("公斤", "mass"),
    "千克": ("公斤", "mass"),
    "斤": ("斤", "mass"),
    "立方米": ("立方米", "volume"),
    "微克/立方米": ("微克/立方米", "concentration"),
    "标准箱": ("标箱", "count"),
    "标箱": ("标箱", "count"),
    "个月": ("个月", "duration"),
    "架次": ("架次", "count"),
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
    "艘",
    "起",
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
    UNITS.setdefault(_word, (_word, "count"))
_UNIT_KEYS = tuple(sorted(UNITS, key=len, reverse=True))

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
SUFFIX_QUALIFIERS = ("左右", "以上", "以下", "以内", "之内", "上下", "余", "多")
#: Qualifiers that say the same thing: compared by class, displayed as written.
QUALIFIER_CLASS = {
    **dict.fromkeys(("以上", "超过", "不低于", "不少于", "高于", "多于", "逾", "超", "突破"), "≥"),
    **dict.fromkeys(("以下", "以内", "之内", "不超过", "不高于", "低于"), "≤"),
    **dict.fromkeys(("约", "左右", "近", "上下"), "≈"),
    **dict.fromkeys(("余", "多"), "+"),
}

ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_CHINESE = re.compile(r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")
_PERCENT_CN = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)")
_RANGE_SEP = "-—–~至到"
#: A rate's denominator after its unit: 元/月, 元/吨, 公斤/亩.
_PER_UNIT = re.compile(
    r"/(?:立方米|平方米|千瓦时|小时|公斤|月|年|人|吨|亩|天|户|斤|件|次|台|m2|m³)"
)
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
    """percent, points, money, count, version, area, length, ratio, amount, ...; ``words`` for a
    target stated in words without a figure (「居民收入增长和经济增长同步」: raw is the clause, the
    value means nothing and is recorded as null)."""
    high: Decimal | None = None
    """High end of a range (``5—6所``), else None."""
    start: int = 0
    """Offset of the raw text in its sentence."""
    scale: str = ""
    """The multiplier as written (``万``, ``亿``, ``万亿``, ``千亿``), ``""`` when none: deltas are
    shown in the values' own scale (``+1.6万亿元``)."""
    falls: bool = False
    """The sentence states the figure as a fall (``能耗下降2.5%``): the value is the size of the
    fall, :attr:`signed` its sign."""

    @property
    def signed(self) -> Decimal:
        """The value with the sign the wording gives it (a fall of 0.7% is -0.7)."""
        return -self.value if self.falls else self.value

    def as_record(self) -> dict[str, Any]:
        """JSON-safe form; Decimals as strings."""
        return {
            "raw": self.raw,
            "value": None
            if self.kind == "words"
            else format(self.value, "f")
            if self.kind == "version"
            else plain(self.value),
            "high": plain(self.high) if self.high is not None else None,
            "unit": self.unit,
            "scale": self.scale,
            "qualifier": self.qualifier,
            "kind": self.kind,
            "direction": "down" if self.falls else None,
        }

    @property
    def compared_qualifier(self) -> str:
        """The qualifiers' meaning, for comparing editions: 以上 and 超过 both say "at least";
        控制在 is a verb that places the figure, and says "at most" only where no bound is written
        (控制在4.6% and 4.6%以内 mean the same, 控制在4%左右 is about 4%)."""
        return self.meaning()

    def meaning(self, ceiling: bool = False) -> str:
        """:attr:`compared_qualifier`, for an indicator whose target is a ceiling (prices,
        unemployment, deficits) when ``ceiling``: there a plain figure is a cap too (城镇登记失业率
        4.6% and 控制在4.6%以内 mean the same)."""
        words = (self.qualifier or "").split()
        parts = {QUALIFIER_CLASS.get(q, q) for q in words} - NEUTRAL_QUALIFIERS
        if not parts & {"≤", "≥", "≈"} and (ceiling or CAPPING_VERBS & set(words)):
            parts.add("≤")
        return " ".join(sorted(parts))


def plain(value: Decimal) -> str:
    """A Decimal as plain text without exponent or trailing zeros (``3E+11`` → ``300000000000``)."""
    return format(value.normalize(), "f")


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


def skip_space(text: str, i: int) -> int:
    """The first offset at or after ``i`` that is not a space."""
    while i < len(text) and text[i] in " \u3000":
        i += 1
    return i


def extract_quantities(sentence: str) -> tuple[Quantity, ...]:
    """Every quantity of ``sentence`` (years, dates, ordinals, codes and bare integers left out)."""
    text = sentence.translate(WIDTH)
    found: list[Quantity] = []
    names = [m.span() for m in TITLE_SPAN.finditer(text)]
    names += [m.span() for m in AGE_BAND.finditer(text)]
    taken_until = 0
    for start, number, after, value in _numbers(text):
        if start < taken_until or any(a <= start < b for a, b in names):
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
    for match in ARABIC.finditer(text):
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


class _Measure(NamedTuple):
    """What follows a figure: where it ends, its unit, range and 余/多 inside it."""

    end: int
    unit: str
    kind: str
    value: Decimal
    high: Decimal | None
    inner_qualifier: str | None
    scale: str = ""


def _quantity_at(
    text: str, original: str, start: int, end: int, number: str, value: Decimal
) -> Quantity | None:
    """Build the quantity whose number sits at ``text[start:end]``, or None for non-quantities."""
    if number.startswith("百分之"):
        measure = _Measure(end, "%", "percent", value, None, None)
    else:
        if _is_code_or_ordinal(text, start, end) or _is_context(text, start, end, number, value):
            return None
        found = _measure(text, start, end, number, value)
        if found is None:
            return None
        measure = found
    return _qualified(text, original, start, measure)


def _is_code_or_ordinal(text: str, start: int, end: int) -> bool:
    """G1, NICE2035, 1+X+12, F2-07, 第19届, 5G, 2023DAF, 3+: a neighbour makes it a name."""
    before = text[start - 1] if start > 0 else ""
    if before and before.isascii() and (before.isalpha() or before in "+-/." or before.isdigit()):
        return True
    if before == "第" or (start >= 2 and text[start - 2 : start].strip() == "第"):
        return True
    return end < len(text) and (text[end].isascii() and text[end].isalpha() or text[end] == "+")


def _is_context(text: str, start: int, end: int, number: str, value: Decimal) -> bool:
    """Years, days of a month, list numbers (1. / 2、 at the start) and bracketed notes ((3))."""
    if _year_like(number, value) and not number.startswith("0"):
        after = _scale_at(text, skip_space(text, end))[1]  # 1981亿元 is an amount, not a year
        if _YEAR_AFTER.match(text, end) or not _unit_at(text, skip_space(text, after)):
            return True
    j = skip_space(text, end)
    if text.startswith(("月", "日", "时"), j) and value <= 31 and "." not in number:
        return True
    if (
        text[j : j + 1] in ("、", ".", "．")
        and not text[j + 1 : j + 2].isdigit()
        and text[:start].rstrip() == ""
    ):
        return True
    before = text[start - 1] if start > 0 else ""
    if before == "每":
        return True  # 每50公斤提高7.4元: the base of a rate, not a quantity
    return bool(before and before in "（(" and text[j : j + 1] and text[j : j + 1] in "）)")


def _range_high(text: str, j: int, number: str, value: Decimal) -> tuple[Decimal | None, int]:
    """The high end of a range starting at ``j`` (5—6所, 5-6个, 5%-6%) and where it ends."""
    k = j
    if text.startswith("%", k) and k + 1 < len(text) and text[k + 1] in _RANGE_SEP:
        k += 1
    if k >= len(text) or text[k] not in _RANGE_SEP:
        return None, j
    second = ARABIC.match(text, skip_space(text, k + 1))
    if not second or _year_like(number, value):
        return None, j
    high = Decimal(second.group(0).replace(",", ""))
    after = second.end()
    if high > value and (_unit_at(text, skip_space(text, after)) or text.startswith("%", after)):
        return high, skip_space(text, after)
    return None, j


def _scale_at(text: str, j: int) -> tuple[str, int]:
    """Multipliers right after a figure (万, 亿, 千亿, 万亿) and where they end; 千米, 千瓦 and 千克
    are units, not 千."""
    scale = ""
    m = j
    while m < len(text) and text[m] in "千万亿" and len(scale) < 2:
        scale += text[m]
        m += 1
    if scale and text.startswith(("米", "瓦", "克"), m) and scale[-1] == "千":
        scale, m = scale[:-1], m - 1
    return scale, m if scale else j


def _unit_or_inner_qualifier(
    text: str, i: int
) -> tuple[tuple[str, tuple[str, str]] | None, str | None, Decimal, int]:
    """The unit at ``i`` or, after 余/多, the unit after it (140 余件, 7千余万人次, 300多场):
    (unit match, inner qualifier, extra multiplier, offset of the unit)."""
    unit_info = _unit_at(text, skip_space(text, i))
    if unit_info is not None:
        return unit_info, None, Decimal(1), skip_space(text, i)
    q = skip_space(text, i)
    if not (
        text[q : q + 1] in ("余", "多") and (_unit_at(text, q + 1) or text[q + 1 : q + 2] in "万亿")
    ):
        return None, None, Decimal(1), i
    inner = text[q]
    q += 1
    extra = ""
    while q < len(text) and text[q] in "万亿" and len(extra) < 2:
        extra += text[q]
        q += 1
    return _unit_at(text, q), inner, _multiplier(extra) if extra else Decimal(1), q


def _measure(text: str, start: int, end: int, number: str, value: Decimal) -> _Measure | None:
    """Range, multiplier, unit and version reading of the figure at ``text[start:end]``."""
    high, j = _range_high(text, skip_space(text, end), number, value)
    scale, j = _scale_at(text, j)
    unit_info, inner, extra, unit_start = _unit_or_inner_qualifier(text, j)
    multiplier = (_multiplier(scale) if scale else Decimal(1)) * extra
    i = j if inner is None else unit_start
    unit, kind = "", ""
    if unit_info is not None:
        unit_text, (unit, kind) = unit_info
        after_unit = unit_start + len(unit_text)
        if unit_text in ("个", "项", "家", "条") and text.startswith("号", after_unit):
            return None
        if text.startswith("级", after_unit):
            return None  # 20万吨级泊位, 千亿级台阶: a class, not a quantity
        per = _PER_UNIT.match(text, after_unit)
        if per and unit_text != "%":
            unit, after_unit = unit + per.group(0), per.end()  # 796元/月, 25微克/立方米
        i = after_unit
    if text.startswith(_NAME_AFTER, skip_space(text, j)):
        return None
    if kind != "version" and _is_version(text, start, end, number, multiplier, unit, kind):
        unit, kind, i = "版", "version", end
    if not kind:
        if multiplier < 10**4:
            return None  # a bare integer: footnote marker, code, list number
        kind = "amount"
    if kind == "version" and multiplier != 1:
        return None
    return _Measure(
        i,
        unit,
        kind,
        value * multiplier,
        high * multiplier if high is not None else None,
        inner,
        _scale_name(multiplier * _numeral_scale(number)),
    )


def _numeral_scale(number: str) -> Decimal:
    """The multiplier a Chinese numeral carries inside it (三千亿: 亿), 1 for Arabic figures."""
    if number[:1].isdigit():
        return Decimal(1)
    for char, size in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if char in number:
            return size
    return Decimal(1)


#: Names of the scales a figure is written in, largest first.
SCALES = (
    ("万亿", Decimal(10) ** 12),
    ("千亿", Decimal(10) ** 11),
    ("亿", Decimal(10) ** 8),
    ("千万", Decimal(10) ** 7),
    ("百万", Decimal(10) ** 6),
    ("万", Decimal(10) ** 4),
)


def _scale_name(multiplier: Decimal) -> str:
    return next((name for name, size in SCALES if size == multiplier), "")


def _is_version(
    text: str, start: int, end: int, number: str, multiplier: Decimal, unit: str, kind: str
) -> bool:
    """A plan version without 版 (首席服务员 2.0, 7.0项目): x.0 after a word or a closing quote."""
    if not ("." in number and number.endswith(".0") and multiplier == 1):
        return False
    if kind not in ("", "count") or (unit and not text.startswith("项目", skip_space(text, end))):
        return False
    before = text[start - 1] if start > 0 else ""
    return bool(before and (before == " " or CJK.match(before) or before in '”"」》'))


def _qualified(text: str, original: str, start: int, measure: _Measure) -> Quantity:
    """The quantity with its qualifiers: after (以上, 左右), before (超过, 不低于, 近, 约, 达到) and
    力争 earlier in the clause; the raw text reads as written (超过40%, 突破3千亿, 近 7000 家)."""
    i = measure.end
    after = [measure.inner_qualifier] if measure.inner_qualifier else []
    q = skip_space(text, i)
    for word in SUFFIX_QUALIFIERS:
        if not text.startswith(word, q):
            continue
        if word in ("余", "多") and measure.unit and CJK.match(text[q + 1 : q + 2]):
            continue  # 300台多层住宅: 多 starts the next word (but 3亿多农村人口: over 3亿)
        after.append(word)
        i = q + len(word)
        break
    before: list[str] = []
    prefix = _match_prefix(text, start, _PREFIX_QUALIFIERS)
    clause_start = max(text.rfind(mark, 0, start) for mark in CLAUSE_BREAKS)
    if "力争" in text[clause_start + 1 : start]:
        before.append("力争")
    if prefix is not None:
        before.append(prefix[0])
        start = prefix[1]
    falls = _match_prefix(text, start, FALL_WORDS) is not None
    return Quantity(
        raw=original[start:i].strip(),
        value=measure.value,
        unit=measure.unit,
        qualifier=" ".join(before + after) or None,
        kind=measure.kind,
        high=measure.high,
        start=start,
        scale=measure.scale,
        falls=falls,
    )


def _year_like(number: str, value: Decimal) -> bool:
    return "." not in number and len(number) == 4 and 1900 <= value <= 2100


def _unit_at(text: str, i: int) -> tuple[str, tuple[str, str]] | None:
    for key in _UNIT_KEYS:
        if text.startswith(key, i):
            return key, UNITS[key]
    return None


def extract_years(sentence: str) -> tuple[int, ...]:
    """The years a sentence mentions (2023 年, 2023-2025 年), sorted, as context for its numbers."""
    years = {int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", sentence.translate(WIDTH))}
    return tuple(sorted(years))
