"""How Chinese government reports are written: every rule about their form, in one place.

Numbering labels and their nesting, sentence and paragraph ends, the title block, salutation,
contents and glossary, the cue words of review / plan / target / suggestion headings, page numbers
and footnotes, and the boilerplate that is not the report (web-page chrome, licence footers, photo
captions). Every stage imports its rules from here and keeps no copy of its own, so a rule learnt on
one report is learnt for all stages at once. This module imports nothing from the package.

Each rule is named and shown on real text; ``tests/test_grammar.py`` and the doctests below keep
them honest.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from enum import StrEnum
from importlib import resources
from typing import Literal, NamedTuple

# --------------------------------------------------------------------------------------------
# Characters
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Numbering labels
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Sentences and paragraphs
# --------------------------------------------------------------------------------------------

#: Where a sentence ends (and where the diff splits paragraphs into sentences).
SENTENCE_END = "。！？；!?;"
#: What a finished paragraph may end with: a sentence end, or a colon introducing what follows.
PARAGRAPH_END = SENTENCE_END + "：:"
#: The end marks of a full sentence (not a clause cut at ；).
FULL_STOP = "。！？!?"
#: Punctuation that ends a clause: where one quantity's words stop and the next one's begin, and
#: after which an 一是 item may start.
CLAUSE_BREAKS = "，,；;。：:！？!?、"
#: Quotes and brackets that open a span a sentence end inside does not end.
OPENERS = '“‘「『（(《【〔["'
#: Quotes and brackets that close such a span; one right after an end mark stays with its
#: sentence (「…行动。”」).
CLOSERS = '”’」』）)》】〕]"'
BRACKET_PAIRS = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "《": "》",
    "【": "】",
    "〔": "〕",
    "[": "]",
}
#: Marks after which a line cannot end a sentence: the text goes on (「…推进，」 「…“」).
MID_SENTENCE = "，,、“‘（(《"
#: Trailing punctuation a comparison key leaves out (a sentence cut at ， or ： in one edition).
TRAILING_MARKS = re.compile(r"[.;!?。；！？…,，、:：\s]+$")


def ends_sentence(text: str) -> bool:
    """Does ``text`` end a sentence (an end mark, perhaps followed by a closing quote)?

    >>> ends_sentence("建设“AI+黄浦”。”"), ends_sentence("主要目标是：")
    (True, False)
    """
    stripped = text.rstrip()
    return stripped[-1:] in SENTENCE_END or (
        stripped[-1:] in CLOSERS and stripped[-2:-1] in SENTENCE_END
    )


def ends_paragraph(text: str) -> bool:
    """Does ``text`` end like a finished paragraph (so what follows may start a new one)?

    >>> ends_paragraph("主要目标是："), ends_paragraph("推进城市")
    (True, False)
    """
    stripped = text.rstrip()
    return stripped[-1:] in PARAGRAPH_END or (
        stripped[-1:] in CLOSERS and stripped[-2:-1] in PARAGRAPH_END
    )


#: The longest lead sentence that can name a paragraph's topic (「推动重点产业发光发热。」).
LEAD_MAX = 22
#: The longest first sentence of a numbered heading read as its title when body text follows on
#: the same line (「（二）重大战略走深走实、成效明显。…」).
RUN_IN_MAX = 60
_QUOTED_SPAN = re.compile(r"“[^”]*”|‘[^’]*’|《[^》]*》")


def is_topic_sentence(sentence: str) -> bool:
    """Is ``sentence`` (end mark included) short and nominal enough to head the paragraph it
    opens: 3–22 characters ending in 。 or ！, no comma, colon or figure outside quotes, and not
    an 一是 item?

    >>> is_topic_sentence("推动重点产业发光发热。"), is_topic_sentence("全年增长5%。")
    (True, False)
    >>> is_topic_sentence("二是抓好安全生产。")
    False
    """
    if ITEM_LABEL.match(sentence) or sentence[-1:] not in "。！":
        return False
    if not 3 <= len(sentence) - 1 <= LEAD_MAX:
        return False
    bare = _QUOTED_SPAN.sub("", sentence)
    return not (any(ch in bare for ch in "，,、；;：:") or re.search(r"\d", bare))


#: A sentence that sets the time of what follows instead of naming its topic: 「今年是“十五五”
#: 开局之年。」, 「2008年是极不平凡的一年。」, 「这一年，…」. It opens a paragraph (often the
#: targets paragraph) but never heads one.
TIME_SETTING = re.compile(
    r"^(?:今年|明年|去年|本年|当年|这一年|(?:19|20)\d{2}年|过去(?:的)?[一二三四五]年|刚刚过去的一年)"
    r"(?:是|以来|，|,)|(?:之年|的一年|的五年)[。！]?$"
)
#: A sentence with a pronoun for subject (「我们高度重视资源节约和环境保护。」) states something; a
#: topic sentence names a task or a field (「推动重点产业发光发热。」, 「在教育方面。」).
PRONOUN_SUBJECT = re.compile(r"^(?:我们|我国|我省|我市|我区|我县|他们|这些|这|此)")


def is_lead_sentence(sentence: str, rest: str) -> bool:
    """Can ``sentence``, followed by ``rest`` in its paragraph, head that paragraph as a section
    (a run-in lead)? It must read as a topic (:func:`is_topic_sentence`, a list with 、 allowed),
    not set the time
    (:data:`TIME_SETTING`), not have a pronoun for subject (:data:`PRONOUN_SUBJECT`), and be
    followed by its elaboration (at least as long as itself).

    >>> is_lead_sentence("扩大有效投资。", "扎实开展投资提质年活动，全年实施亿元以上项目1.6万个。")
    True
    >>> is_lead_sentence("深化川渝相互赋能、一体发展。", "实施320个共建项目，推进中线高铁。")
    True
    >>> is_lead_sentence("今年是“十五五”开局之年。", "做好今年工作意义重大，要坚持稳中求进。")
    False
    >>> is_lead_sentence("2008年是极不平凡的一年。", "我国经济社会发展经受住了历史罕见的挑战。")
    False
    >>> is_lead_sentence("我们高度重视资源节约和环境保护。", "节能减排取得突破性进展。")
    False
    """
    # A list inside the topic (「深化川渝相互赋能、一体发展。」) is still one topic.
    if not is_topic_sentence(sentence.replace("、", "")) or len(rest.strip()) < len(sentence):
        return False
    return not (TIME_SETTING.search(sentence) or PRONOUN_SUBJECT.match(sentence))


#: A paragraph that opens a new passage of its part, not an elaboration of the lead sentence
#: before it: a new time frame (「五年来，我们始终重视政府自身改革和建设。」, 「一年来，…」,
#: 「过去五年，…」) or the customary turn to the problems (「我们也清醒地认识到…」,
#: 「在看到成绩的同时…」).
PASSAGE_OPENING = re.compile(
    r"^(?:[一二三四五六七八九十]+年来|过去(?:的)?[一二三四五]年[，,]|我们也(?:要)?清醒地|在看到成绩的同时"
    r"|同时(?:，|,)?我们也)"
)


def opens_passage(text: str) -> bool:
    """Does a paragraph open a new passage (:data:`PASSAGE_OPENING`), closing any lead-sentence
    section before it?

    >>> opens_passage("五年来，我们始终重视政府自身改革和建设。"), opens_passage("二是实行减税。")
    (True, False)
    """
    return bool(PASSAGE_OPENING.match(text))


#: A ——bullet item (「——经济跨上新台阶。…」): one item of a list, a sibling of the items around it,
#: never the container of the paragraphs after it.
DASH_ITEM = re.compile(r"^——")


_FIRST_SENTENCE = re.compile(r"^[^。！]{2,24}[。！]")


def starts_with_topic_sentence(line: str) -> bool:
    """Does a line open with a topic sentence (:func:`is_topic_sentence`)? In hard-wrapped
    text such a line after a finished sentence starts a new paragraph even when the first-line
    indent was lost (「抓牢改革关键一招。…」).

    >>> starts_with_topic_sentence("抓牢改革关键一招。深化重点领域改革")
    True
    """
    found = _FIRST_SENTENCE.match(line)
    return found is not None and is_topic_sentence(found.group())


#: A paragraph that opens with a connective continues the argument before it (never a table
#: row, never a heading).
CONNECTIVE = re.compile(r"^(?:同时|此外|另外|总之|综上|总的来看)[，,]")


# --------------------------------------------------------------------------------------------
# Title block, salutation, contents, glossary
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# What a heading announces: review, plan, targets, suggestions
# --------------------------------------------------------------------------------------------


class Role(StrEnum):
    """What the text under a heading does."""

    REVIEW = "review"
    """Reports what was done (回顾, 执行情况, 工作情况, 主要成效 …)."""
    PLAN = "plan"
    """Sets out work to do (计划, 主要任务, 工作安排, 下一步 …)."""
    TARGETS = "targets"
    """States the year's targets (主要目标, 预期目标, 目标任务)."""
    SUGGESTIONS = "suggestions"
    """An end-of-term government's proposals for the new year (对今年政府工作的建议): a plan."""

    @property
    def is_plan(self) -> bool:
        """Plans, targets and suggestions all speak of work to come."""
        return self is not Role.REVIEW


_REVIEW_CUES = re.compile(
    r"回顾|执行情况|完成情况|工作情况|总结|进展情况|工作进展|主要成效|工作成效|成效明显|成效显著"
    r"|主要成绩|工作做法|取得的|取得了|存在问题|总体情况"
)
_TARGET_CUES = re.compile(r"主要目标|预期目标|目标任务")
_SUGGESTION_CUES = re.compile(r"建议")
#: Plan cues are compound words: 任务 or 思路 alone also head topics (「落实立德树人根本任务」,
#: 「以更广的思路优化…服务供给」), 主要任务 and 工作思路 announce a plan.
_PLAN_CUES = re.compile(
    r"计划|打算|工作安排|总体安排|主要任务|重点任务|工作任务|任务和措施|主要措施|工作措施"
    r"|主要举措|重点举措|举措$|下一步|工作思路|总体思路|发展思路|总体要求|工作要点|重点工作"
    r"|明年|今年|新篇|总体部署|\d{4}年的工作$|主要考虑"
)


def heading_role(title: str) -> Role | None:
    """What a heading announces, by its wording (a review cue wins: 「计划执行情况」 reviews).

    >>> heading_role("2023年国民经济和社会发展计划执行情况"), heading_role("2025年工作计划")
    (<Role.REVIEW: 'review'>, <Role.PLAN: 'plan'>)
    >>> heading_role("二、今年经济社会发展的总体要求、主要预期目标")
    <Role.TARGETS: 'targets'>
    >>> heading_role("三、对今年政府工作的建议"), heading_role("推进城市更新")
    (<Role.SUGGESTIONS: 'suggestions'>, None)
    """
    if _REVIEW_CUES.search(title):
        return Role.REVIEW
    if _TARGET_CUES.search(title):
        return Role.TARGETS
    if _SUGGESTION_CUES.search(title):
        return Role.SUGGESTIONS
    if _PLAN_CUES.search(title):
        return Role.PLAN
    return None


_FIVE_YEAR = re.compile(r"十[一二三四五六七八九]?五|五年")
_ONE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|今年|明年|本年度")


def plan_horizon(title: str) -> Literal["five-year", "year"] | None:
    """The span a plan heading speaks for: a five-year plan (「“十二五”时期的主要目标和任务」)
    or one year's work (「2012年主要任务」); None when the heading names neither. A national
    report in a plan's first year has both chapters, and each answers its own kind next year.

    >>> plan_horizon("二、“十二五”时期的主要目标和任务"), plan_horizon("三、2012年主要任务")
    ('five-year', 'year')
    >>> plan_horizon("（一）加强和改善宏观调控") is None
    True
    """
    if _FIVE_YEAR.search(title):
        return "five-year"
    if _ONE_YEAR.search(title):
        return "year"
    return None


#: Wording of a sentence that tells of the past (已, 了, 累计, 同比…): outside a plan section, an
#: action verb in such a sentence reports work done rather than promising it.
PAST_CUES = re.compile(r"已经|已|了|累计|同比|较上年|比上年|获评|荣获|成功举办|圆满")
#: Wording that reports a figure as reached or as the year's estimate (已, 累计, 荣获, 预计…):
#: the figure is an outcome whatever section it stands in.
REACHED_CUES = re.compile(
    r"已|累计|共计|荣获|获评|入选|首获|创历史|较好完成|完成了|实现了|达到了|预计|全年共"
)
#: Wording just before a figure that cites it as the base already reached (在已有47个事项基础上).
ALREADY_CUES = re.compile(r"已有|现有|已经|已|累计")
#: Wording that commits to something to come (将, 力争, 确保…).
FUTURE_CUES = re.compile(r"将|要|力争|确保|计划|预计|预期|目标|左右|以上|下一步|明年|今年")
#: Wording that promises action even inside a review (「下一步将…」).
PROMISE_CUES = re.compile(r"将|力争|确保|下一步|明年")
#: Verbs of action: a sentence with one, in a plan, commits to doing something.
ACTION_VERBS = re.compile(
    r"推进|实施|建设|完成|力争|确保|新增|加快|制定|推动|打造|深化|落实|开展|启动|建成|实现|提升|提高"
    r"|加强|健全|完善|培育|布局|举办|扩大|优化|强化|创建|出台|争创|持续|着力|全力|聚焦|支持|引导"
    r"|加装|新建|改建|改造|建立|构建|搭建|营造|发布|升级|推出|促进|做好|办好|打响|争取|发挥|整治|畅通"
    r"|开工|竣工|启用|引进|引育|扩容|筹措|保障|激发|加大|弘扬|坚持"
)


# --------------------------------------------------------------------------------------------
# Page numbers and footnotes
# --------------------------------------------------------------------------------------------

#: A page number on a line of its own, as text layers and typed copies write it:
#: 「- 8 -」, 「— 12 —」, 「第 8 页」, 「第8页 共20页」, 「8/20」, 「Page 3 of 9」.
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_]\s*\d{1,4}\s*[-—–－_]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|[-—–－]?\s*\d{1,4}\s*/\s*共?\s*\d{1,4}\s*页?[-—–－]?|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
#: In a page's top or bottom margin a bare number is a page number too (in the body it may be a
#: footnote marker or a table cell).
BARE_NUMBER = re.compile(r"^[-—–－_\s]*\d{1,4}[-—–－_\s]*$")


def is_page_number(text: str, *, in_margin: bool = False) -> bool:
    """Is the line a page number (``in_margin``: it stands in a page's top or bottom band)?

    >>> is_page_number("- 8 -"), is_page_number("8"), is_page_number("8", in_margin=True)
    (True, False, True)
    """
    text = text.strip()
    return bool(PAGE_NUMBER.match(text) or (in_margin and BARE_NUMBER.match(text)))


#: A footnote body at a page foot: 「1 “1+X+12”稳增长工作机制：…」.
FOOTNOTE_BODY = re.compile(r"^(\d{1,2})\s+(\S.*)$")
#: A bracketed footnote: 「[1] 两旧一村：…」.
BRACKET_NOTE = re.compile(r"^\[(\d{1,2})\]\s*(\S.*)$")


# --------------------------------------------------------------------------------------------
# Boilerplate: what a copy of a report carries that is not the report
# --------------------------------------------------------------------------------------------

#: Words of web-page navigation and page tools (登录 | 注册, 打印, 【字号：加大 还原 减小】).
CHROME_WORDS = (
    "登录",
    "注册",
    "分享",
    "打印",
    "导出",
    "筛选",
    "首页",
    "搜索",
    "笔记",
    "年份",
    "目录",
    "原文",
    "复制",
    "问答",
    "写下来",
    "返回",
    "收藏",
    "字号",
    "字体",
    "下载",
    "全屏",
    "加大",
    "还原",
    "减小",
    "关闭",
    "纠错",
    "扫一扫",
    "当前位置",
    "您的位置",
    "阅读量",
    "浏览量",
    "点击",
)
#: Lines a news site puts around an article: 「来源：河北日报」, 「时间：2026-02-02」,
#: 「（来源：青海日报）」, 「责任编辑：…」, 「相关报道：」, 「【字号：」, 「打印本页」.
_NEWS_LABELS = "来源|时间|发布时间|发表时间|发布日期|作者|编辑|责任编辑|责编|浏览次数|点击数|阅读量"
NEWS_CHROME = re.compile(
    rf"^[（(]?(?:{_NEWS_LABELS}|字号|字体)[：:].{{0,40}}$"
    r"|^相关(?:报道|新闻|阅读|链接|文档|附件)[：:>》]*.{0,40}$|^【字[号体][：:]?|^[【】]$|^打印本页$"
    r"|^关闭窗口$|^分享到[：:]?.*$"
)
#: A news site's label whose value the page puts on the next line: 「来源：」 then 「四川日报」.
NEWS_LABEL = re.compile(rf"^(?:{_NEWS_LABELS})[：:]$")
#: A photo caption with its credit: 「王正谱作政府工作报告。本报记者 霍艳恩摄」.
PHOTO_CAPTION = re.compile(
    r"(?:记者|摄影|图)\s*[\u4e00-\u9fff·]{2,12}\s*摄[)）]?$|^[(（]?图片来源[：:]"
)
#: The caption or news lede over a report's photo, in the title block: someone (never 我) *delivers*
#: the report — 「任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿」, 「省长赵刚作政府工作报告」,
#: 「2月3日，…开幕。省长毛伟明作政府工作报告。湖南日报全媒体记者 刘尚文 摄」.
DELIVERY_CAPTION = re.compile(r"^[^我]{0,80}作(?:政府)?工作报告(?:[。.]|$)")
#: A news agency's dateline: 「新华社北京3月5日电」, 「本报讯」, 「人民网北京3月5日电（记者 …）」.
DATELINE = re.compile(
    r"^(?:(?:新华社|中新社|人民网|新华网|央视网|本报)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电"
    r"|本报讯)(?:\s*[（(][^）)]{0,30}[）)])?\s*"
)
#: A page's publishing time: an ISO date, or any date with a clock time — 「2026-01-31 07:00:44」,
#: 「2026年02月10日 07时41分」 (a report's own date is written 2025年1月15日, without a time).
WEB_TIMESTAMP = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
    r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d{1,2}\s*[:时]\s*\d{2}\s*分?(?:\s*\d{2}\s*秒?)?$"
)
#: A breadcrumb separator or a line of page-tool symbols: 「>」, 「|」, 「×」.
NAV_SYMBOLS = re.compile(r"^[>＞»›|｜/×✕·•\s]+$")
#: The start of a 【字体：大 中 小】-style size control spread over one-character lines.
FONT_CONTROL = re.compile(r"^【?字[号体][：:]?$")
#: A line of links to related articles under a news article: everything after it is the site's.
RELATED_LINKS = re.compile(r"^相关(?:报道|新闻|阅读|链接|文档|附件|专题)(?:[：:]|>>|》》)?")


def is_chrome(text: str) -> bool:
    """Is a short line web-page chrome (navigation, page tools, source and date lines, photo
    credits) rather than report text?

    >>> [is_chrome(t) for t in ("下载", "【字号：", "来源：河北日报", "各位代表：", "一、工作回顾")]
    [True, True, True, False, False]
    >>> is_chrome("王正谱作政府工作报告。本报记者 霍艳恩摄"), is_chrome("扫一扫在手机打开当前页")
    (True, True)
    >>> is_chrome("目 录"), is_chrome("（来源：青海日报）"), is_chrome(">")
    (False, True, True)
    """
    text = text.strip()
    if NEWS_CHROME.match(text) or (len(text) <= 60 and PHOTO_CAPTION.search(text)):
        return True
    if TOC_TITLE.match(text) or len(text) > 16 or any(ch in text for ch in "。，；,;"):
        return False
    if "|" in text or NAV_SYMBOLS.match(text) or re.fullmatch(r"\d+/\d+", text):
        return True
    return any(word in text for word in CHROME_WORDS)


def is_web_timestamp(text: str) -> bool:
    """A page's publishing time on a line of its own (not a report's own date line).

    >>> is_web_timestamp("2026-01-31 07:00:44"), is_web_timestamp("2026年02月10日 07时41分")
    (True, True)
    >>> is_web_timestamp("2025年1月15日")
    False
    """
    return bool(WEB_TIMESTAMP.match(text.strip()))


def is_delivery_caption(text: str) -> bool:
    """A title-block line telling, in the third person, that someone delivered the report (a photo
    caption or a news lede): the report itself speaks as 我.

    >>> is_delivery_caption("省长叶建春作政府工作报告。本报全媒体记者 林 君摄")
    True
    >>> is_delivery_caption("现在，我代表省人民政府，向大会作政府工作报告，请予审议。")
    False

    The title block's own meeting line may say the same (「2025年1月13日在河北省第十四届人民代表大会
    第三次会议上河北省人民政府省长王正谱作政府工作报告。」): a line naming the meeting (会议上) is
    the report's, unless a photo credit ends it (:data:`PHOTO_CAPTION`).
    """
    text = text.strip()
    return bool(DELIVERY_CAPTION.match(text)) and not re.search(r"会议上|大会上", text)


#: The start of the licence footer Wikisource puts under every Chinese state document:
#: 「本作品是中华人民共和国的法律、法规，国家机关的决议…属于公有领域。」 and 「Public domain」.
LICENCE_FOOTER = re.compile(
    r"^(?:本作品是中华人民共和国的|本作品在全世界都属于公有领域|注：中文维基文库|Public domain$"
    r"|(?:true|false)$)"
)
#: What a licence footer says of the work, somewhere in it.
PUBLIC_DOMAIN = re.compile(r"公有领域|public domain", re.IGNORECASE)


def is_licence_footer_start(text: str) -> bool:
    """Does a line open a licence footer (Wikisource's, at the end of a report)?

    >>> is_licence_footer_start("本作品是中华人民共和国的"), is_licence_footer_start("本作品")
    (True, False)
    """
    return bool(LICENCE_FOOTER.match(text.strip()))


#: What a wiki's edit toolbar leaves in a copied page: bold/italic quote marks (''') on a line of
#: their own or after a sentence, and the toolbar's placeholder words (「粗体文字」).
WIKI_RESIDUE = re.compile(
    r"^(?:'{1,5}|粗体文字|斜体文字|链接标题|内部链接|外部链接|标题文字|插入非格式文本)$"
)
#: Wiki quote marks stuck to the end of a Chinese sentence: 「——改革开放进一步深化。'」.
WIKI_TRAILING_QUOTES = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])'{1,5}$")


def is_wiki_residue(text: str) -> bool:
    """A line that is only wiki markup left by an edit (a national report on Wikisource has one).

    >>> is_wiki_residue("粗体文字"), is_wiki_residue("'"), is_wiki_residue("文字")
    (True, True, False)
    """
    return bool(WIKI_RESIDUE.match(text.strip()))


#: Class, id or role names of HTML elements that hold page chrome, not content.
HTML_CHROME_NAMES = re.compile(
    r"(?i)(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|foot|"
    r"share|sharing|login|signin|sidebar|toolbar|topbar|ads?|advert\w*|"
    r"cookie\w*|copyright|pagination|pager)(?:$|[-_\s\d])"
)


# --------------------------------------------------------------------------------------------
# Policy vocabulary
# --------------------------------------------------------------------------------------------


#: A stance phrase of macro policy: the adjective a report gives its fiscal or monetary policy,
#: the phrase analysts lead with when it changes (national reports 2008 → 2009: 稳健的财政政策 /
#: 从紧的货币政策 → 积极的财政政策 / 适度宽松的货币政策; later 更加积极的财政政策).
STANCE_PHRASE = re.compile(
    r"((?:更加|更为)?(?:积极|稳健|从紧|适度从紧|适度宽松|宽松|灵活适度|稳健中性|审慎|中性|适度"
    r"|有力|有效|精准|灵活|宽松适度)的(?:财政|货币|宏观|就业|产业|社会)政策)"
)


def stance_phrases(text: str) -> list[str]:
    """The macro-policy stance phrases of a sentence (:data:`STANCE_PHRASE`), in order.

    >>> stance_phrases("今年要实行稳健的财政政策和从紧的货币政策。")
    ['稳健的财政政策', '从紧的货币政策']
    >>> stance_phrases("实施积极的财政政策和适度宽松的货币政策。")
    ['积极的财政政策', '适度宽松的货币政策']
    """
    return STANCE_PHRASE.findall(text)


@functools.cache
def policy_terms() -> frozenset[str]:
    """The shipped policy vocabulary (``reportdiff/data/policy_terms.txt``): terms such as
    营商环境 or 两旧一村 that segmentation keeps whole and 新提法 ranks first.

    >>> "营商环境" in policy_terms()
    True
    """
    text = resources.files("reportdiff").joinpath("data/policy_terms.txt").read_text("utf-8")
    terms = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(t for t in terms if t)


# --------------------------------------------------------------------------------------------
# Figures: how a report states a quantity and what it measures
# --------------------------------------------------------------------------------------------

#: An age band naming a group of people, not a quantity: 「3岁以下婴幼儿」, 「60岁及以上老年人」.
AGE_BAND = re.compile(r"\d+\s*(?:周)?岁(?:及)?(?:以下|以上|以内)(?=[\u4e00-\u9fff])")
#: A title in 《》 or a short quoted name: figures inside name a document or a policy package
#: (《…三年行动方案（2023-2025年）》, 稳经济“30条”, “1+N”政策体系).
TITLE_SPAN = re.compile(r"《[^》]*》|“[^“”]{1,10}”")
#: Words right before a figure that state it as a fall (「能耗下降2.5%左右」, 「价格下降0.7%」);
#: 「降至」 and 「降到」 give the level reached instead.
FALL_WORDS = ("下降", "降低", "减少", "回落", "下滑", "收窄")
#: The word that distributes figures over the items before it, in order:
#: 「原煤、原油、天然气产量分别达到7000万吨、1280万吨、10亿立方米」.
RESPECTIVELY = "分别"
#: A two-item list written as one word: 「城乡居民人均可支配收入分别增长5%和7%」 is urban, then
#: rural.
PAIRED_PREFIXES = {"城乡": ("城镇", "农村")}
#: Endings of a noun that names a measure (率, 额, 量, 收入, 价格, 涨幅…): an item of a 分别 list
#: ending so is whole (「城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内」), one ending
#: otherwise shares the last item's head (「原煤、原油、天然气产量」).
MEASURE_NOUN_END = re.compile(
    r"(?:率|额|量|值|收入|支出|价格|指数|比重|占比|强度|涨幅|增幅|增速|规模|总数|人数|面积|产量|投资|能耗|排放)$"
)
#: A per-unit modifier the first item of a list gives to all of them:
#: 「单位国内生产总值能耗和二氧化碳排放分别降低16%和17%」 is per unit of GDP for both.
SHARED_MODIFIER = re.compile(r"^单位(?:国内|地区)?(?:生产总值|GDP)")
#: What separates the items of such a list, the surest first: 、 (普及率 and 和美乡村 hold 及 and
#: 和 inside a word), then 和 / 以及 (「城镇和农村居民人均可支配收入分别增长4%和6%」), then 及 / 与.
LIST_SEPARATORS = (re.compile(r"、"), re.compile(r"、|以及|和"), re.compile(r"、|以及|和|及|与"))
#: The words before the first figure of 「从X提高到Y」: X is where the figure starts from, a result
#: already reached (「赤字率从去年的2.1%提高到2.3%」).
FROM_BASE = re.compile(r"(?:从|由)(?:去年|上年|(?:19|20)\d{2}\s*年)?(?:底|末)?(?:的)?\s*$")
#: Last year named as the time of a figure (「去年居民消费价格涨幅回落到2.6%」): a result, even in a
#: plan section; 比去年 / 较上年 / 上年同期 compare with last year instead, 在去年基础上 builds on
#: it, and 「在…的基础上年均增长7%」 is no 上年 at all.
LAST_YEAR = re.compile(r"(?<![比较同与础])(?:去年|上年)(?!同期|基础|的基础|水平)")
#: A target of an earlier year cited in a review (「没有实现年初确定的…能耗降低4%左右…的目标」):
#: the figure is the old target, not a result.
CITED_TARGET = re.compile(r"(?:年初|原|既定|预期|计划)(?:确定|提出|设定|制定)?的[^，。；]*$")
#: A figure stated as an increase rather than a level (「同时增加中央预算内经常性建设投资100亿元」,
#: 「比上年增加5700亿元」); 「增加到」 gives the level, 「增加值」 is another word.
INCREMENT = re.compile(r"(?:^|[，,；;]|同时|拟|先|今年|比上年|较上年)增加(?!值|到|至)")
#: Wording that makes a figure a multi-year average or total (「年均增长5.7%」): five-year.
FIVE_YEAR_CUES = re.compile(r"年均|累计|五年")
#: A sentence that speaks of a five-year period as a whole (「过去五年」, 「这五年」, 「今后五年」):
#: its figures are five-year totals, averages or targets.
FIVE_YEAR_PERIOD = re.compile(r"今后五年|未来五年|过去五年|这五年|五年来|以来的五年|五年间")
#: A heading over the targets of a five-year plan (「“十五五”时期经济社会发展的主要目标」,
#: 「（一）“十五五”发展目标」, 「关于“十五五”规划纲要草案的说明」).
FIVE_YEAR_PLAN = re.compile(
    r"十[一二三四五六七八九]五”?(?:时期|期间|规划)?[^，。；]{0,8}(?:目标|纲要)|今后五年|未来五年"
)
#: The time a sentence sets for its figures, as its opening says it (「过去一年，…」, 「2010年，…」,
#: 「初步统计，2024年全省…」, 「“十四五”时期，…」, 「今年…」, 「今后五年，…」): groups ``last``
#: (last year), ``period`` (the past five years), ``plan`` with ``plan_no`` (a five-year plan by its
#: number; 「“十五”」 needs its quotes), ``span`` … ``span_end`` and ``versus`` (years over a
#: period: 「从2003年到2006年」, 「2005年与2000年相比」), ``year`` (a year, not a price base
#: 「按2010年价格计算」 nor the base of a comparison 「比2020年增长」), ``now`` (this year, the
#: years ahead) and ``outline`` (the five-year plan's outline, 「《纲要（草案）》明确了…主要指标」).
#: Read by :func:`opening_time`.
OPENING_TIME = re.compile(
    r"(?P<last>去年|上年(?!同期)|过去一年|一年来)"
    r"|(?P<period>过去五年|过去的五年|五年来|这五年|以来的五年)"
    r"|(?P<plan>(?:“十(?P<plan_no>[一二三四五六七八九]?)五”|十(?P<plan_bare>[一二三四五六七八九])五)"
    r"(?:规划)?(?:时期|期间|以来))"
    r"|(?<![\d比较与同从由])(?P<span>(?:19|20)\d{2})\s*年?\s*(?:到|至|—|－|-|~)\s*(?P<span_end>(?:19|20)\d{2})\s*年"
    r"|(?<![\d比较与同从由])(?P<versus>(?:19|20)\d{2})\s*年(?:与|和|比)(?:19|20)\d{2}\s*年相比"
    r"|(?<![\d比较与同从由])(?P<year>(?:19|20)\d{2})\s*年(?!价格|不变价|的价格|前|[一二三四五六七八九十]|\d)"
    r"|(?P<now>今年|明年|今后五年|未来五年|今后一个时期)"
    r"|(?P<outline>《[^》]{0,40}纲要(?:（草案）|\(草案\)|草案)?》)"
)
#: How far into a sentence its opening time may stand (「初步统计，2024年」, 「其中，去年」).
OPENING_SPAN = 8


def plan_years(number: int) -> tuple[int, int]:
    """The years of the ``number``-th five-year plan (the third started in 1966, after the
    1963–1965 adjustment; each runs five years).

    >>> plan_years(11), plan_years(14), plan_years(15)
    ((2006, 2010), (2021, 2025), (2026, 2030))
    """
    start = 1956 + 5 * (number - 1)
    return start, start + 4


class OpeningTime(NamedTuple):
    """The time a sentence's opening names (see :func:`opening_time`)."""

    when: str
    """``past`` (last year, a past year or period) or ``now`` (this year, a later one)."""
    five_year: bool | None
    """A five-year period (「过去五年」, 「“十四五”时期」, 「今后五年」); False for one year; None
    when it cannot tell (a later year may be a plan's end, 「到2030年」)."""
    carries: bool
    """Set off by a comma (「过去一年，…」, 「2010年，…」): it sets the time of the sentences after
    it in the paragraph too; 「去年价格上涨的翘尾影响…」 names the time of its own subject only."""


def opening_time(sentence: str, year: int | None) -> OpeningTime | None:
    """When the figures of ``sentence`` hold, by the time its opening names, for a report that
    plans for ``year``; None when the opening names no time.

    >>> opening_time("过去一年，我们的各项工作取得了很大成绩。", 2011)
    OpeningTime(when='past', five_year=False, carries=True)
    >>> opening_time("初步统计，2024年全省地区生产总值57761亿元", 2025)[:2]
    ('past', False)
    >>> opening_time("2011年，是“十二五”开局之年", 2011)[:2]
    ('now', False)
    >>> opening_time("今后五年，…增长7%", 2011)[:2]
    ('now', True)
    >>> opening_time("“十四五”时期，全省地区生产总值年均增长5.5%", 2026)
    OpeningTime(when='past', five_year=True, carries=True)
    >>> opening_time("按2010年价格计算，2015年国内生产总值将超过55万亿元", 2011) is None
    True
    >>> opening_time("到2030年，高质量充分就业取得明显成效", 2026)[:2]
    ('now', None)
    >>> opening_time("去年价格上涨的翘尾影响约有1个百分点。", 2013).carries
    False
    >>> opening_time("2005年与2000年相比，国内生产总值增长57.3%", 2006)[:2]
    ('past', True)
    >>> opening_time("有效发明专利比2020年增长58.1%", 2026) is None
    True
    >>> opening_time("《纲要（草案）》明确了经济社会发展主要指标：一是…", 2026)
    OpeningTime(when='now', five_year=True, carries=True)
    """
    body = sentence.lstrip("—-－ \u3000")
    for match in OPENING_TIME.finditer(body, 0, OPENING_SPAN + 12):
        if match.start() > OPENING_SPAN:
            return None
        carries = body[match.end() : match.end() + 1] in ("，", ",")
        if match.group("last"):
            return OpeningTime("past", False, carries)
        if match.group("period"):
            return OpeningTime("past", True, carries)
        if match.group("outline"):
            return OpeningTime("now", True, True)  # the paragraph speaks of the plan's outline
        if match.group("now"):
            said = match.group("now")
            five_year = True if "五年" in said else (False if said == "今年" else None)
            return OpeningTime("now", five_year, carries)
        if year is None:
            return None
        if match.group("plan"):
            digit = match.group("plan_no") or match.group("plan_bare") or ""
            _, end = plan_years(10 + (han_value(digit) if digit else 0))
            return OpeningTime("past" if end < year else "now", True, carries)
        if match.group("span") or match.group("versus"):
            end = int(match.group("span_end") or match.group("versus"))
            return OpeningTime("past" if end < year else "now", True, carries)
        stated = int(match.group("year"))
        if stated > year:
            return OpeningTime("now", None, carries)
        return OpeningTime("past" if stated < year else "now", False, carries)
    return None


#: One year named in a figure's clause (「…，2024年达到1.3万亿元、增长5.8%」,
#: 「今年要关停1000万千瓦」, 「其中去年超收2573亿元」): the figure is that year's even in a
#: five-year passage; 比2020年 and 上年同期 are comparison bases, 「2021年以来」 and 「到2030年」
#: periods. The year is the ``year`` group (None for 今年 / 去年).
ONE_YEAR = re.compile(
    r"(?<![\d比较与同从由到至—－-])(?P<year>(?:19|20)\d{2})\s*年"
    r"(?!以来|来|前|价格|不变价|[一二三四五六七八九十\d]|\s*(?:到|至|—|－|-)\s*(?:19|20))"
    r"|今年|(?<![比较同与础])(?:去年|上年)(?!同期|基础|的基础)"
)
#: A year named as the base of a change (「比2020年增加」, 「从2020年的」, 「与2000年相比」): the
#: figure spans the years from it.
YEAR_BASE = re.compile(r"(?:比|较|与|从|由)(?:19|20)\d{2}\s*年")
#: A target stated in words after the indicator's name, no figure (「居民收入增长和经济增长同步」,
#: 「城乡居民收入稳定增长」, 「居民消费价格总水平基本稳定」): the year's target for that indicator
#: all the same. Group ``pace``: it is to keep pace with economic growth, so a result is judged
#: against the reported growth.
WORD_TARGET = re.compile(
    r"(?P<pace>(?:和|与|同)经济(?:增长|发展)(?:保持)?(?:基本)?同步(?:增长)?)$"
    r"|(?P<grows>稳定增长|持续增长|合理增长|稳步增长|较快增长)$"
    r"|(?:基本稳定|保持稳定|总体稳定|稳中有升)$"
)
#: Words of a plan or a promise (拟, 将, 要, 力争, 确保, 目标…): a sentence with one does not take
#: the past time of the sentence before it
#: (「去年…超收7239亿元。…；同时，削减财政赤字450亿元；拟增加…」 keeps its own plan).
PLAN_WORDS = re.compile(r"拟|将|要(?!求)|力争|确保|计划|预期|目标|下一步|今年")
#: A paragraph that opens on a past period reports results (「过去五年，我们…」, 「过去一年…」).
REVIEW_PERIOD = re.compile(r"^[^，。]{0,6}(?:过去五年|五年来|这五年|过去一年|一年来|以来的五年)")
#: A sentence that states the year's targets whatever section it stands in
#: (「今年经济社会发展主要预期目标是：…」, 「经济增长预期目标为7%左右」).
TARGET_STATEMENT = re.compile(
    r"预期目标(?:是|为)|主要目标(?:是|为|包括)|目标(?:定为|确定为|设定为)"
)
#: Words a figure's phrase starts with that do not say what is measured: time, place, promise
#: and label words (「今年全省」地区生产总值增长5%, 「其中」中央财政赤字…).
PHRASE_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|其中|同时|此外|今年|明年|去年|全年|当年|年内|年底|年末|五年来|过去五年"
    r"|(?:19|20)\d{2}\s*年(?:底|末)?|到\s*(?:19|20)\d{2}\s*年|“?十[一二三四五六]五”?(?:期间|时期)?"
    r"|我[国省市区县]|全[国省市区县](?!民|面|体|部|力)|力争|确保|努力|预计|计划|争取|拟|(?:拟)?安排|将"
    r"|共计|累计|实现|要求|要(?=把|在|使|让|确保|继续|进一步)|使|把|在|从|由|按|的|及|又|双双|均|都"
    r"|同比|持续|全力|大力|着力|加快|积极|进一步|扎实|深入|稳步|有序|不断|继续|先|设定为|确定为|定为"
    r"|平均每年|平均|每年|转为|转而"
    r"|，|、|\s)+"
)
#: Link words between a figure's phrase and the figure (「稳定在」, 「控制在」, 「提高到」,
#: 「达到」, 「为」), and adverbs right before the figure (「出庭应诉率首次达到100%」):
#: they belong to neither the name nor the figure.
PHRASE_LINK = re.compile(
    r"(?:保持|稳定|控制|维持|提高|提升|增加|增长|上升|下降|降|回落|减少|压减|扩大|缩小|达|增|升)"
    r"(?:到|至|在)$|(?:继续)?(?:保持|稳定|维持)$|(?:从|由|连续|持续)$"
    r"|(?:拟按|按|约为|为|是|达到|达|突破|超过|逾|近|约|共|计|合计|总计|累计|完成|实现|有|在|拟定|设定"
    r"|确定|(?<=目标)定|(?:拟)?安排|拟|将|(?<![主重需必只])要|预计|计划|各"
    r"|首次|再次|已经|已|(?<![人年])均|都)$"
)
#: The time a figure belongs to, right before it (「降到去年的1.5%」, 「从2009年的2.8%」), and the
#: per-head or per-year base of a standard (「标准由每人每年240元」).
PHRASE_TIME = re.compile(
    r"(?:(?:去年|上年|今年|(?:19|20)\d{2}\s*年)(?:底|末)?的?|(?:每人)?每(?:年|月|天|人))$"
)
#: Words that say how a figure changed (增长, 下降…) or which total it is (总数, 比重…): a name
#: made of one of them alone borrows its subject from the clause before
#: (「国内生产总值达到33.5万亿元，比上年增长8.7%」, 「新增境内上市公司62家、总数186家」).
CHANGE_WORDS = re.compile(
    r"^(?:年均)?(?:实际)?(?:增长|增速|增幅|下降|降低|提高|提升|增加|减少|上涨|涨幅)$"
    r"|^(?:总数|总量|总额|总规模|规模|余额|占比|比重|总投资|产值|总产值|产量|总产量|营收|销售额)$"
)
#: Comparisons that state a gap to something else (「高于全国1.8个百分点」): the gap of the
#: subject before them.
GAP_WORDS = re.compile(r"^(?:增速|增幅)?(?:高于|低于|快于|慢于|优于|好于|超过|比|占)")
#: What a report says to introduce the national government's report (「我代表国务院」).
NATIONAL_REPORT = re.compile(r"代表国务院")
#: A district or county government's report (「区政府」, 「县人民政府」, 「区级财政收入」).
DISTRICT_REPORT = re.compile(r"(?<!自治)区(?:人民)?政府|县(?:人民)?政府|区级财政|区委、区政府")


def report_level(text: str) -> str:
    """Which government a report speaks for: ``national``, ``district`` or ``provincial`` (a
    province, a region, a municipality or a city), from the wording of its opening.

    >>> report_level("现在，我代表国务院，向大会报告政府工作"), report_level("区级财政收入增长6%")
    ('national', 'district')
    >>> report_level("现在，我代表省人民政府，向大会报告工作")
    'provincial'
    """
    head = text[:6000]
    if NATIONAL_REPORT.search(head):
        return "national"
    if DISTRICT_REPORT.search(head):
        return "district"
    return "provincial"


#: Comparison words inside a phrase, before the change word they qualify (「地区生产总值同比增长」):
#: the same indicator as without them.
COMPARISON_INFIX = re.compile(
    r"(?:同比|比上年|较上年|比去年|较去年|同口径|预期|预计|按|(?<![主重需必只])要)"
    r"(?=(?:实际)?(?:增长|下降|降低|提高|增加|减少|上涨))"
)


#: A promise inside a phrase (「中央财政将投入」, 「中央财政拟安排资金」): the same measure
#: without it.
FUTURE_INFIX = re.compile(r"(?<=[\u4e00-\u9fff])(?:将|拟)(?=[\u4e00-\u9fff]{2})")
#: A target's wording inside its phrase, before the change word
#: (「地区生产总值增速目标设定为年均增长」).
TARGET_INFIX = re.compile(
    r"(?:增速|增长)?(?:预期)?目标(?:设定|确定|拟定|定)?(?:为|是)?(?=(?:年均)?(?:增长|增速))"
)
#: A condition set inside a phrase (「经济增长预期目标是在明显提高质量和效益的基础上年均增长」):
#: it says how, not what is measured.
BASIS_INFIX = re.compile(r"在[^，。；：、]{1,24}?的?基础上")


def figure_phrase(text: str) -> str:
    """The words before a figure that name what it measures, without lead and link words.

    >>> figure_phrase("今年全省地区生产总值增长"), figure_phrase("粮食产量稳定在")
    ('地区生产总值增长', '粮食产量')
    >>> figure_phrase("其中中央财政赤字"), figure_phrase("赤字率拟按")
    ('中央财政赤字', '赤字率')
    >>> figure_phrase("地区生产总值同比增长"), figure_phrase("地区生产总值增速目标设定为年均增长")
    ('地区生产总值增长', '地区生产总值年均增长')
    >>> figure_phrase("我国经济增长预期目标是在明显提高质量和效益的基础上年均增长")
    '经济年均增长'
    >>> figure_phrase("能源消耗强度要降低")
    '能源消耗强度降低'
    """
    text = BASIS_INFIX.sub("", PHRASE_LEAD.sub("", text.strip()))
    text = COMPARISON_INFIX.sub("", TARGET_INFIX.sub("", text))
    text = FUTURE_INFIX.sub("", text)
    for _ in range(2):  # 「控制在约」: a link word may follow another
        text = PHRASE_LINK.sub("", PHRASE_TIME.sub("", text)).rstrip("，、 ")
    return text
