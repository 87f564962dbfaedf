"""Figures: how a report states a quantity (units, qualifiers, targets) and what it measures."""

from __future__ import annotations

import re
from typing import NamedTuple

from reportdiff.grammar.characters import han_value

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
    r"|首次|再次|已经|已|(?<![人年])均|都|(?<![一])再)$"
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
    for _ in range(3):  # 「控制在约」, 「今年再安排」: a link word may follow another
        text = PHRASE_LINK.sub("", PHRASE_TIME.sub("", text)).rstrip("，、 ")
    return text


#: A payer alone (「中央财政」, 「各级财政」, 「省级财政」): who pays is no name of what a figure
#: measures; what for follows the figure or is what the clause before raises.
FISCAL_PAYER = re.compile(r"(?:中央|各级|省级|市级|地方|本级)?财政|中央|各级政府")
#: The verb that places a payer's money right before the figure (「拟安排」, 「投入」).
PAYING_VERB = re.compile(r"(安排|投入|拨付|下达|筹措)(?:资金)?$")
#: Verbs whose figure, when the clause says nothing else, is an amount of the object the same verb
#: took in the clause before (「…增加中央预算内经常性建设投资，今年拟先增加50亿元」).
ECHO_VERBS = frozenset({"增加", "减少", "新增", "扩大", "安排", "发行", "压减"})
#: A change of direction (「…，转为下降1.2%」) and where it starts from, at the end of the subject
#: it borrows (「由前三年分别上升」): the base it turned from is no subject.
TURNED = re.compile(r"[，、\s]*转(?:为|而)")
TURNED_FROM = re.compile(r"(?:由|从)(?:前[一二两三四五]年|去年|上年|(?:19|20)\d{2}年)[^，。；]*$")
#: Qualifiers that do not change what a number means when comparing editions: reaching a figure,
#: and the verbs that place a figure (控制在4.6% is the figure 4.6%, a reader's "4.6%以内" bound
#: comes from 以内, not from 控制在).
NEUTRAL_QUALIFIERS = frozenset({"达到", "达", "控制在", "保持在"})
#: Verbs that place a figure as a cap: without a bound of its own, 控制在X means at most X.
CAPPING_VERBS = frozenset({"控制在"})
