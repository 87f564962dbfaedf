"""Characters every reader cleans the same way: radicals folded into ideographs, line breaks.

PDF text layers emit Kangxi radicals and CJK Radicals Supplement characters for ordinary
ideographs (⽣ for 生); a file saved on another system ends its lines with CR or U+2028. Readers
pass their text through here so every format hands repair the characters a reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from reportdiff.grammar import INVISIBLE, WIDE_SPACE

#: CJK Radicals Supplement characters that PDF text layers emit for ordinary (mostly simplified)
#: ideographs; NFKC maps only two of this block, so the equivalents (from Unicode's
#: EquivalentUnifiedIdeograph data) are listed here.
RADICAL_SUPPLEMENT = {
    "\u2e81": "厂",
    "\u2e84": "乙",
    "\u2e86": "冂",
    "\u2e87": "几",
    "\u2e8c": "小",
    "\u2e8d": "小",
    "\u2e8e": "兀",
    "\u2e8f": "尣",
    "\u2e90": "尢",
    "\u2e92": "巳",
    "\u2e93": "幺",
    "\u2e94": "彑",
    "\u2e96": "忄",
    "\u2e97": "心",
    "\u2e98": "扌",
    "\u2e99": "攵",
    "\u2e9b": "旡",
    "\u2e9d": "月",
    "\u2e9e": "歺",
    "\u2e9f": "母",
    "\u2ea0": "民",
    "\u2ea1": "氵",
    "\u2ea2": "氺",
    "\u2ea3": "灬",
    "\u2ea4": "爫",
    "\u2ea6": "丬",
    "\u2ea7": "牛",
    "\u2ea8": "犭",
    "\u2ea9": "王",
    "\u2eaa": "疋",
    "\u2eab": "罒",
    "\u2eac": "示",
    "\u2ead": "礻",
    "\u2eae": "竹",
    "\u2eaf": "糹",
    "\u2eb0": "纟",
    "\u2eb2": "罒",
    "\u2eb3": "罓",
    "\u2eb4": "网",
    "\u2eb7": "羊",
    "\u2eb9": "耂",
    "\u2eba": "肀",
    "\u2ebb": "聿",
    "\u2ebc": "月",
    "\u2ebd": "臼",
    "\u2ebe": "艹",
    "\u2ebf": "艹",
    "\u2ec0": "艹",
    "\u2ec1": "虎",
    "\u2ec2": "衤",
    "\u2ec3": "覀",
    "\u2ec4": "西",
    "\u2ec5": "见",
    "\u2ec6": "角",
    "\u2ec7": "角",
    "\u2ec8": "讠",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ecc": "辶",
    "\u2ecd": "辶",
    "\u2ecf": "阝",
    "\u2ed0": "钅",
    "\u2ed1": "長",
    "\u2ed2": "镸",
    "\u2ed3": "长",
    "\u2ed4": "门",
    "\u2ed6": "阝",
    "\u2ed7": "雨",
    "\u2ed8": "青",
    "\u2ed9": "韦",
    "\u2eda": "页",
    "\u2edb": "风",
    "\u2edc": "飞",
    "\u2edd": "食",
    "\u2edf": "飠",
    "\u2ee0": "饣",
    "\u2ee2": "马",
    "\u2ee3": "骨",
    "\u2ee4": "鬼",
    "\u2ee5": "鱼",
    "\u2ee6": "鸟",
    "\u2ee7": "卤",
    "\u2ee8": "麦",
    "\u2ee9": "黄",
    "\u2eea": "黾",
    "\u2eeb": "斉",
    "\u2eec": "齐",
    "\u2eed": "歯",
    "\u2eee": "齿",
    "\u2eef": "竜",
    "\u2ef0": "龙",
    "\u2ef1": "龜",
    "\u2ef2": "亀",
    "\u2ef3": "龟",
}
_RADICAL_OR_COMPAT = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def unify_ideographs(text: str) -> str:
    """Map Kangxi radicals, CJK Radicals Supplement and CJK compatibility ideographs to the unified
    ideographs a reader sees (⽣ U+2F63 → 生), so PDF text compares equal to typed text.

    >>> unify_ideographs("推进⽣态⽂明，⻓三⻆")
    '推进生态文明，长三角'
    """
    if not _RADICAL_OR_COMPAT.search(text):
        return text

    def one(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in RADICAL_SUPPLEMENT:
            return RADICAL_SUPPLEMENT[ch]
        mapped = unicodedata.normalize("NFKC", ch)
        return mapped if len(mapped) == 1 else ch

    return _RADICAL_OR_COMPAT.sub(one, text)


#: Every line break text files use (CRLF, CR, LF, U+2028/U+2029, NEL); a form feed ends a line.
LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x0c\x85]")


def split_lines(text: str) -> list[str]:
    """Split on every line break text files use.

    >>> split_lines("一、回顾\\r\\n正文\\r结束\\u2028")
    ['一、回顾', '正文', '结束', '']
    """
    return LINE_BREAK.split(text)


def indented_lines(lines: Sequence[str]) -> tuple[int, ...]:
    """Indexes of the lines with text that open with white space (any width of space or tab).

    >>> indented_lines(["一、回顾", "　　2008年是极不平凡的一年。", " 理水平不断提升", "   "])
    (1, 2)
    """
    found: list[int] = []
    for index, raw in enumerate(lines):
        text = WIDE_SPACE.sub(" ", INVISIBLE.sub("", raw))
        if text[:1] == " " and text.strip():
            found.append(index)
    return tuple(found)
