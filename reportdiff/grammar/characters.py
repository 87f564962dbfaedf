"""Characters and numerals: invisible and wide spaces, CJK counts, width, the folded key
that structure rules match against, Chinese numerals.
"""

from __future__ import annotations

import re
import unicodedata

#: Zero-width characters and soft hyphens: invisible in every viewer, never part of the text.
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: Spaces other than the ASCII space that real files use for indentation and alignment
#: (ideographic space, no-break space, en/em/thin spaces, tabs).
WIDE_SPACE = re.compile(r"[\u3000\u00a0\u2002\u2003\u2009\u202f\t]")
#: A CJK unified ideograph (the basic block, where report text lives).
CJK = re.compile(r"[\u4e00-\u9fff]")


def cjk_count(text: str) -> int:
    """How many CJK ideographs ``text`` holds (a report is Chinese: few means not a report).

    >>> cjk_count("GDP增长5%")
    2
    """
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def is_latin(ch: str) -> bool:
    """A Latin letter: Latin words wrapped across lines are rejoined with a space."""
    return ch.isascii() and ch.isalpha()


def display_width(text: str) -> float:
    """Width in CJK character cells: a CJK character counts 1, a half-width character 0.5.

    >>> display_width("增长5%")
    3.0
    """
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’—…●" else 1.0 for ch in text)


def structure_key(text: str) -> str:
    """The form of a line that structure rules match: NFKC (full-width digits and brackets
    folded: （一） → (一), １． → 1.), character by character so that offsets stay aligned with
    the text — a character NFKC would widen (Ⅲ → III in 「Ⅲ期」) is kept as it is, and never
    stops the rest of the line from being folded (2025 Hebei report, paragraph 9).

    >>> structure_key("（一）推进")
    '(一)推进'
    >>> structure_key("（二）重大战略走深走实、成效明显。…Ⅲ期")
    '(二)重大战略走深走实、成效明显。…Ⅲ期'
    """
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) == len(text):
        return folded
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


#: Chinese numerals of list labels (一、 … 十、, 一是 … 十是).
HAN_DIGITS = "一二三四五六七八九十"
#: Chinese numerals of larger labels (第一百零二部分, 两, 〇).
HAN_NUMERALS = HAN_DIGITS + "百零〇两"
_HAN_VALUE = {ch: i for i, ch in enumerate(HAN_DIGITS, start=1)}
_HAN_WRITE = "零一二三四五六七八九"


def han_value(numeral: str) -> int:
    """The value of a list-label numeral up to 99; 0 when it is not one.

    >>> [han_value(n) for n in ("三", "十", "十二", "二十", "二十三", "甲")]
    [3, 10, 12, 20, 23, 0]
    """
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _HAN_VALUE.get(numeral[1:], 0)
    if numeral.endswith("十"):
        return _HAN_VALUE.get(numeral[:-1], 0) * 10
    if "十" in numeral:
        tens, units = numeral.split("十", 1)
        return _HAN_VALUE.get(tens, 0) * 10 + _HAN_VALUE.get(units, 0)
    return _HAN_VALUE.get(numeral, 0) if len(numeral) == 1 else 0


def han_numeral(n: int) -> str:
    """How a list label writes ``n`` (Word keeps 一、 … as numbering definitions).

    >>> [han_numeral(n) for n in (1, 10, 21, 105, 110)]
    ['一', '十', '二十一', '一百零五', '一百一十']
    """
    if n <= 0:
        return str(n)
    if n < 10:
        return _HAN_WRITE[n]
    if n < 20:
        return "十" + (_HAN_WRITE[n % 10] if n % 10 else "")
    if n < 100:
        return _HAN_WRITE[n // 10] + "十" + (_HAN_WRITE[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        if not rest:
            tail = ""
        elif rest < 10:
            tail = "零" + _HAN_WRITE[rest]
        else:
            tail = ("一" if rest < 20 else "") + han_numeral(rest)
        return _HAN_WRITE[n // 100] + "百" + tail
    return str(n)
