"""The frame around the text: title block, salutation, contents, glossary, bylines, dates,
the kind of document a title names.
"""

from __future__ import annotations

import re

from reportdiff.grammar.characters import HAN_NUMERALS

#: A paragraph that opens by addressing the audience, however it goes on (「各位代表！」,
#: 「各位代表：现在，我代表…」): where a report's body starts.
ADDRESSED = re.compile(r"^(?:各位代表|各位委员|同志们)")
#: A year the text names as a year (「2002年」, 「2025 年」): its four digits.
NAMED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
#: The salutation on a line of its own: 「各位代表：」.
SALUTATION = re.compile(r"^(?:各位代表|各位委员|同志们)[：:，,！!]?$")
#: A paragraph addressed to the audience again (「各位代表，过去的一年…」): it speaks to the whole
#: part, not to the subsection before it.
ADDRESS = re.compile(r"^(?:各位代表|各位委员|同志们)[，,]")
#: The heading of a table of contents.
TOC_TITLE = re.compile(r"^目\s*录$")
#: An entry of a table of contents: a numbered heading without a sentence end.
TOC_ENTRY = re.compile(
    rf"^(?:\d{{1,2}}[、.．]|第[{HAN_NUMERALS}]+(?:部分|章|篇)|[{HAN_NUMERALS}]{{1,3}}、)"
    r"\s*\S[^。；]{0,60}$"
)
#: The heading of a glossary at the end of a report: 「名词解释」, 「附：名词解释」.
GLOSSARY_TITLE = re.compile(r"^(?:附[：:]?\s*)?(?:名词解释|名词注释|名词说明|注释|词语解释)$")
#: The issuing body printed in brackets under a chapter title: 「(杨浦区发展改革委)」.
BYLINE = re.compile(
    r"^[（(]([^（）()]{2,30}(?:委员会|委|局|办公室|办|政府|中心|院|所|部|会|处|室|队|行|公司))[）)]$"
)
#: An issuing body in brackets at the end of a contents entry.
TRAILING_BYLINE = re.compile(r"\s*[（(][^（）()]{2,30}[）)]\s*$")
#: A date: 2025年1月 / 2025-01-15.
DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月|\d{4}-\d{1,2}-\d{1,2}")
TRAILING_DATE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}$")
#: The kind of document a title names (报告, 摘要, 计划…), at its end.
DOC_TYPE = re.compile(r"(?:报告|摘要|汇编|任务|计划|纲要|规划|决议|意见|方案|草案|公报)》?$")
#: A document that says it is a summary of another.
SUMMARY_MARK = re.compile(r"摘要|摘编")
#: A year in a heading (2024年工作回顾): left out when comparing headings of two editions.
YEAR = re.compile(r"(?:19|20)\d{2}\s*(?=年|[-—–至~]|$|\D)")


def is_title_meta(key: str) -> bool:
    """Date, meeting, issuing body or banner lines of a title block: not the title itself.

    >>> is_title_meta("——2025年1月15日在上海市黄浦区第六届人民代表大会第五次会议上")
    True
    """
    return bool(
        key.startswith(("—", "-"))
        or DATE.search(key)
        or "专题报道" in key
        or re.search(r"(?:会议上|审议通过|会议|通过)$", key)
        or (len(key) <= 16 and re.search(r"(?:委员会|人民政府|办公室|局)$", key))
    )
