"""Numbering labels and their nesting (第一部分 > 一、 > （一） > 1. > （1）), item labels
(一是/二是), table captions, and what starts a structural line.
"""

from __future__ import annotations

import re

from reportdiff.grammar.characters import HAN_DIGITS, HAN_NUMERALS, structure_key

#: Headline bullets that head a section (▶用心用情惠民生…).
HEADLINE_BULLETS = "▶■●◆►"
#: Bullets that start a row or item inside a table or list (● / ▪ / •).
ITEM_BULLETS = "●■◆▪•▶◇○□"

#: Numbering styles of headings, outermost first, matched against :func:`structure_key` of a
#: line: (style, pattern with the label as group 1 and the rest as group 2).
HEADING_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^(第[{HAN_NUMERALS}]+(?:部分|章|篇))\s*(.*)$")),
    ("han-dun", re.compile(rf"^([{HAN_NUMERALS}]{{1,3}}、)\s*(.*)$")),
    ("han-paren", re.compile(rf"^([(][{HAN_NUMERALS}]{{1,3}}[)])\s*(.*)$")),
    ("num-dot", re.compile(r"^(\d{1,2}(?:\.(?!\d)|、))\s*(.*)$")),
    ("num-paren", re.compile(r"^([(]\d{1,2}[)])\s*(.*)$")),
    ("bullet", re.compile(rf"^([{HEADLINE_BULLETS}])\s*(.*)$")),
)
#: Nesting rank of each numbered style: 第一部分 > 一、 > （一） > 1. > （1）. A heading closes
#: the open sections of equal or lower rank (a higher number).
STYLE_RANK: dict[str, float] = {
    "part": 0,
    "han-dun": 2,
    "han-paren": 3,
    "num-dot": 4,
    "num-paren": 5,
}


def heading_label(text: str) -> tuple[str, re.Match[str]] | None:
    """(style, match) of the numbering label a line starts with, else None.

    >>> heading_label("（三）推进城市更新")[0], heading_label("2.5 亿元") is None
    ('han-paren', True)
    """
    key = structure_key(text)
    for style, pattern in HEADING_LABELS:
        found = pattern.match(key)
        if found:
            return style, found
    return None


#: Any enumeration label at the start of a sentence or heading, to leave out of comparisons:
#: heading labels, 一是/其一 items, 第一， and circled numbers.
ENUMERATION_LABEL = re.compile(
    rf"^(?:[{HAN_DIGITS}百]+是|其[{HAN_DIGITS}]|第[{HAN_DIGITS}百]+(?:部分|章|节|篇)?[,，、]?"
    rf"|[{HAN_DIGITS}百]+、|[(（][{HAN_DIGITS}百\d]+[)）]|\d{{1,2}}[.．、](?!\d)"
    rf"|[{HEADLINE_BULLETS}]|[①-⑳])\s*"
)


def strip_labels(text: str) -> str:
    """``text`` without the (at most two) enumeration labels it starts with.

    >>> strip_labels("（一）一是推进改造"), strip_labels("第一部分 总体要求")
    ('推进改造', '总体要求')
    """
    for _ in range(2):  # "（一）一是..." carries two labels
        stripped = ENUMERATION_LABEL.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return text


def label_length(text: str) -> int:
    """Length of the enumeration label(s) at the start of ``text`` and the white space after."""
    end = 0
    for _ in range(2):
        match = ENUMERATION_LABEL.match(text, end)
        if not match or match.end() == end:
            break
        end = match.end()
    while end < len(text) and text[end].isspace():
        end += 1
    return end


#: A token that is only an item label (一是, 其二): no content of its own.
ITEM_TOKEN = re.compile(rf"[{HAN_DIGITS}百]+是|其[{HAN_DIGITS}]")
#: An 一是/二是 (or 一要/二要) item inside a paragraph; group 1 is the numeral.
ITEM_LABEL = re.compile(rf"([{HAN_DIGITS}]{{1,3}})(是|要)")
#: A line that starts with an item label (「二是加快…」): a new item, never a wrapped tail.
ITEM_START = re.compile(rf"^[{HAN_DIGITS}]{{1,3}}[是要]")


def is_first_label(number: str | None) -> bool:
    """一、 / 1. / 第一部分: the first item of a numbered run (a new chapter restarts its own
    review and plan).

    >>> is_first_label("一、"), is_first_label("（二）")
    (True, False)
    """
    label = (number or "").strip("、.．（）() ")
    return label in ("一", "1", "第一部分", "第一章")


#: A table caption: 「表1 2024年主要指标」.
TABLE_CAPTION = re.compile(r"^(表\s*\d{1,2})\s*(\S.*)$")

#: The start of anything structural on a line: a heading label, the salutation, a ——bullet, a
#: table caption (matched against :func:`structure_key`).
STRUCTURAL_START = re.compile(
    rf"^(?:第[{HAN_DIGITS}百]+(?:部分|章|节|篇)|[{HAN_DIGITS}]+、|[(][{HAN_DIGITS}]+[)]"
    rf"|[(]\d{{1,2}}[)]|\d{{1,2}}[.、](?!\d)|[{HEADLINE_BULLETS}]|各位代表[：:，,]?$|——"
    r"|表\s*\d{1,2}\s*\S)"
)


def is_structural(text: str) -> bool:
    """Does the line start a heading, the salutation, a ——bullet or a table caption?

    >>> is_structural("（二）重大战略走深走实"), is_structural("二〇二五年")
    (True, False)
    """
    return bool(STRUCTURAL_START.match(structure_key(text[:12])))
