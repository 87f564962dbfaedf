"""Sentences and paragraphs: where they end, lead and topic sentences, time-setting and
passage openings, ——bullet items.
"""

from __future__ import annotations

import re

from reportdiff.grammar.labels import ITEM_LABEL

#: Where a sentence ends (and where the diff splits paragraphs into sentences).
SENTENCE_END = "。！？；!?;"
#: What a finished paragraph may end with: a sentence end, or a colon introducing what follows.
PARAGRAPH_END = SENTENCE_END + "：:"
#: The end marks of a full sentence (not a clause cut at ；).
FULL_STOP = "。！？!?"
#: Punctuation that ends a clause: where one quantity's words stop and the next one's begin, and
#: after which an 一是 item may start.
CLAUSE_BREAKS = "，,；;。：:！？!?、"
#: The same without 、: where a clause stops for a figure's words (「安排、投入」 is one list).
CLAUSE_STOPS = CLAUSE_BREAKS.replace("、", "")
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
