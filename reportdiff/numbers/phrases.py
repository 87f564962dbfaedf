"""Readable names: the noun phrase a figure measures, as the sentence writes it.

A figure's name is read from its segment (the text since the last clause break or the previous
figure): lead and link words dropped (:func:`reportdiff.grammar.figure_phrase`), a bare change word
(「比上年增长8.7%」) completed by the subject of the clause before, a bare verb (「新增5—6所…」)
completed by the noun after the figure, and 分别 lists distributed item by item in order. A name is
never a lone verb, a lone unit or a word cut in two; when no phrase qualifies, the figure has no
phrase and its indicator falls back to its content words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportdiff.grammar import (
    CHANGE_WORDS,
    CJK,
    CLAUSE_STOPS,
    ECHO_VERBS,
    FISCAL_PAYER,
    GAP_WORDS,
    LIST_SEPARATORS,
    MEASURE_NOUN_END,
    PAIRED_PREFIXES,
    PAYING_VERB,
    RESPECTIVELY,
    SHARED_MODIFIER,
    TURNED,
    TURNED_FROM,
    figure_phrase,
)
from reportdiff.numbers.quantities import SUFFIX_QUALIFIERS, Quantity
from reportdiff.tokens import cut

#: Where a figure's segment starts: clause punctuation (、 only after a figure, see
#: :func:`_segment_start`).
_BREAKS = CLAUSE_STOPS
_OPEN = "（("
_CLOSE = "）)"
#: A list's span ends at clause punctuation other than 、.
_LIST_END = re.compile(f"[{re.escape(_BREAKS)}]")
#: What separates two figures of one clause (「100万平方米“美丽家园”建设和300台…电梯加装」).
_BETWEEN_FIGURES = re.compile(r"、|以及|和")
_BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")
#: Trailing words of a phrase that only say it is a target (「经济增长预期目标」).
_TARGET_WORDS = re.compile(r"(?:的)?(?:主要)?(?:预期)?(?:目标|指标)(?:任务)?$")
#: Verbs of doing that need the noun after the figure (「新增5—6所保育特色幼儿园」).
_ACTION_ONLY = re.compile(
    r"^(?:新开工建设|新开工|新增|新建|建成|建设|改造|改扩建|培育|引进|打造|开工|完成|实施|推出|举办|"
    r"发行|安排|提供|加装|新改建|开展|组织|吸引|带动|认定|创建|落地|签约|实现|提出|办好|新签|招引|"
    r"储备|谋划|推进|支持|拨付|下达|投入|撬动|形成|达成|培训|帮扶|救助|惠及|服务|减免|发放|筹措|供应|"
    r"消除|整治|修缮|治理|保障|筹集|推动)+$"
)
_ACTION_LEAD = re.compile(_ACTION_ONLY.pattern.removesuffix("+$"))
_ACTION_TAIL = re.compile(
    r"(?:基本)?" + _ACTION_ONLY.pattern.removeprefix("^").removesuffix("+$") + "$"
)
#: A phrase that ends with such a verb takes the noun after the figure too (「累计推出259项…成果」).
_ACTION_END = re.compile(
    r"(?:新开工建设|新增|新建|建成|改造|培育|引进|打造|推出|举办|发行|安排|加装|创建|认定|签约|招引)$"
)
#: Verbs that end a phrase whose object follows the figure (「连跨3个千亿级台阶」,
#: 「获评2个一等奖」).
_VERB_END = re.compile(
    r"(?:连跨|跨越|迈上|跃上|突破|解决|惠及|带动|吸引|获评|获得|荣获|入选|覆盖|开通|停征|取消|减免|"
    r"培训|服务|帮扶|救助|资助|认定|遴选|选派|举办|承办|出台|制定|修订|办结|办理|审议)$"
)
#: What follows a figure when it is not the noun the figure counts (为…, 是…, 的比重…).
_NOT_A_NOUN = re.compile(
    r"^(?:为|是|已|将|比|较|占|达|左右|以上|以下|以内|安排|计算|标准|增加|提高|降低|下降|增长|减少|上升|"
    r"扩大|降至|升至|降到|升到)"
)
#: Words that cannot start a name: the rest of a word the segment cut (以上 → 上, 规上 …).
_BAD_START = re.compile(r"^(?:的|了|和|及|与|或|等|并|之|个|项|次|元|以上|以下|以内|上工业|上企业)")
_QUOTES = "“”‘’\"'「」"
_NUMERAL_RUN = re.compile(r"^([一二三])([一二三]+)(产.*)$")


@dataclass(frozen=True, slots=True)
class Phrase:
    """What a figure measures, as the sentence says it."""

    text: str
    """The name as written, lead and link words dropped (``地区生产总值增长``); ``""`` when the
    sentence gives none a reader could use."""
    listed: bool = False
    """Distributed from a 分别 list (「城镇、农村居民人均可支配收入分别增长4.5%、5.5%」)."""
    five_year: bool = False
    """The segment says 年均: a multi-year average."""
    qualifier: str | None = None
    """A bound written once after the last figure of a list and meant for all of them
    (「分别增长5%、6.5%左右」: 5% is 左右 too)."""


def phrases(text: str, quantities: tuple[Quantity, ...]) -> tuple[Phrase, ...]:
    """The phrase of every quantity of ``text`` (one sentence), in order."""
    listed = _respectively(text, quantities)
    listed.update(_implicit_lists(text, quantities, listed))
    listed.update(_parallel(text, quantities, listed))
    out: list[Phrase] = []
    for index, quantity in enumerate(quantities):
        if index in listed:
            out.append(listed[index])
            continue
        start = _segment_start(text, quantities, index)
        left = text[start : quantity.start]
        out.append(
            Phrase(
                _readable(_name_at(text, quantities, index, start)),
                five_year="年均" in left,
            )
        )
    return tuple(out)


def _segment_start(text: str, quantities: tuple[Quantity, ...], index: int) -> int:
    """Where the words of figure ``index`` start: after the last clause break (outside
    brackets), or, when an earlier figure stands in the same clause, after that figure and the
    、 that follows it (「A 5%、B 6%」; in 「A、B 5%」 the figure is both A's and B's)."""
    quantity = quantities[index]
    depth = 0
    clause = 0
    i = quantity.start - 1
    while i >= 0:
        char = text[i]
        if char in _CLOSE:
            depth += 1
        elif char in _OPEN:
            if depth == 0:
                clause = i + 1  # the figure stands inside brackets
                break
            depth -= 1
        elif depth == 0 and char in _BREAKS:
            clause = i + 1
            break
        i -= 1
    if index == 0:
        return clause
    previous = quantities[index - 1]
    previous_end = previous.start + len(previous.raw)
    if previous_end <= clause:
        return clause
    between = text[previous_end : quantity.start]
    found = list(_BETWEEN_FIGURES.finditer(between))
    return previous_end + found[-1].end() if found else previous_end


def _clean(left: str) -> str:
    left = figure_phrase(_BRACKETED.sub("", "".join(left.split())))
    return _TARGET_WORDS.sub("", left)


def _name_at(text: str, quantities: tuple[Quantity, ...], index: int, start: int) -> str:
    quantity = quantities[index]
    phrase = _clean(text[start : quantity.start])
    right = _right_noun(text, quantities, index)
    if right.startswith("的"):
        noun = _TARGET_WORDS.sub("", right[1:])
        if not phrase or _ACTION_ONLY.match(phrase) or len(phrase) <= 2:
            return noun  # 「提出8%左右的国内生产总值增长目标」
        return phrase + noun  # 「无电区445万人的用电问题」
    paying = PAYING_VERB.search("".join(text[start : quantity.start].split()))
    if paying and FISCAL_PAYER.fullmatch(phrase):
        # 「中央财政今年再安排1300亿元灾后重建资金」, 「…增加社会保障投入，中央财政拟安排3185亿元」:
        # who pays is no name; what for follows the figure or is what the clause before raises
        purpose = right or _raised_before(text, start)
        if purpose:
            return phrase + paying.group(1) + purpose
    if right and (
        (len(phrase) <= 5 and not MEASURE_NOUN_END.search(phrase))
        or phrase.endswith("等")
        or _ACTION_ONLY.match(phrase)
        or _ACTION_END.search(phrase)
        or _VERB_END.search(phrase)
    ):
        return phrase + right  # 「新增5—6所保育特色幼儿园」, 「首批10个未来产业先导区」
    if phrase in ECHO_VERBS:
        echoed = _echoed_object(text, start, phrase)
        if echoed:
            return echoed  # 「要逐年适当增加中央预算内经常性建设投资，今年拟先增加50亿元」
    if not phrase or CHANGE_WORDS.match(phrase) or GAP_WORDS.match(phrase):
        subject = _subject_before(text, quantities, index, start)
        if subject and TURNED.match(text[start : quantity.start]):
            # 「能耗由前三年分别上升4.9％、…，转为下降1.2%」: the base it turned from is no subject
            subject = TURNED_FROM.sub("", subject) or subject
        if subject:
            return subject + phrase
    if index > 0 and _ACTION_ONLY.match(phrase) and not right:
        # 「筹措保障性租赁住房5000套、供应500套」: the verb's object is the figure's before
        subject = _subject_before(text, quantities, index, start)
        noun = _ACTION_TAIL.sub("", _ACTION_LEAD.sub("", subject))
        if noun and noun != subject:
            return noun + phrase
    return phrase


def _raised_before(text: str, start: int) -> str:
    """What the clause before ``start`` raises, or ``""``
    (「各级政府要进一步增加社会保障投入，」: 社会保障投入)."""
    earlier = text[: max(start - 1, 0)].rstrip(_BREAKS + "、 ")
    clause = earlier[max((earlier.rfind(c) for c in _BREAKS), default=-1) + 1 :]
    found = re.search(
        r"(?:增加|加大|提高|安排|用于)([\u4e00-\u9fff“”]{2,12}(?:投入|资金|支出|补助|补贴))$",
        clause,
    )
    return found.group(1) if found else ""


def _echoed_object(text: str, start: int, verb: str) -> str:
    """The object of ``verb`` in the clause before ``start`` (「…增加中央预算内经常性建设投资，今年
    拟先增加50亿元」: 中央预算内经常性建设投资), or ``""``."""
    earlier = text[: max(start - 1, 0)].rstrip(_BREAKS + "、 ")
    cut_at = max((earlier.rfind(c) for c in _BREAKS), default=-1)
    clause = earlier[cut_at + 1 :]
    at = clause.rfind(verb)
    if at < 0 or re.search(r"\d", clause[at:]):
        return ""
    noun = _clean(clause[at + len(verb) :])
    return noun if len(CJK.findall(noun)) >= 2 and not CHANGE_WORDS.match(noun) else ""


def _right_noun(text: str, quantities: tuple[Quantity, ...], index: int) -> str:
    """The words right after a figure, up to the next break or figure (「…个“两重”项目」)."""
    quantity = quantities[index]
    end = quantity.start + len(quantity.raw)
    stop = len(text)
    if index + 1 < len(quantities):
        following = quantities[index + 1]
        if not text[end : following.start].strip():
            return _right_noun(text, quantities, index + 1)  # 「12批1181项…政策」: both count it
        stop = following.start
        between = list(_BETWEEN_FIGURES.finditer(text, end, stop))
        if between:
            stop = between[-1].start()  # 「…饮水安全和无电区445万人…」: 无电区 is the next one's
    found = re.search(r"[，,；;。：:！？!?、（(]", text[end:stop])
    if found:
        stop = end + found.start()
    words = re.sub(r"(?:的)?基础上$", "", "".join(text[end:stop].split())).rstrip("和及与、等")
    if _NOT_A_NOUN.match(words):
        return (
            ""  # 「其中56项为全国首创」: what follows says what the figure is, not what it counts
        )
    return words if len(CJK.findall(words)) >= 2 else ""


def _subject_before(text: str, quantities: tuple[Quantity, ...], index: int, start: int) -> str:
    """The subject a bare 增长/下降 continues: the previous figure's phrase in this sentence, or the
    clause before (「区级财政收入完成154.99亿元，同比增长8%」)."""
    if index > 0:
        previous_start = _segment_start(text, quantities, index - 1)
        subject = _clean(text[previous_start : quantities[index - 1].start])
        if subject and not CHANGE_WORDS.match(subject):
            subject = re.sub(r"(?:年均)?(?:增长|增速|下降|提高)$", "", subject)
            own = _clean(text[start : quantities[index].start])
            if own and not re.match(r"(?:年均)?(?:增长|增速|下降|提高|降低|增加|减少)", own):
                # a total of the subject (「粮食播种面积1584.6万亩、总产量132.4亿斤」: 粮食总产量)
                subject = re.sub(r"(?:播种)?面积$|人数$|数量$|金额$", "", subject) or subject
            return subject
        if not subject:  # 「…收入，由1997年的5160元增加到2002年的7703元」: the clause before
            return _subject_before(text, quantities, index - 1, previous_start)
        return ""
    earlier = text[: max(start - 1, 0)].rstrip(_BREAKS + "、 ")
    cut_at = max((earlier.rfind(c) for c in _BREAKS), default=-1)
    subject = _clean(re.split(r"\d", earlier[cut_at + 1 :], maxsplit=1)[0])
    return subject if 2 <= len(subject) <= 16 and not CHANGE_WORDS.match(subject) else ""


def _readable(name: str) -> str:
    """``name`` when a reader can use it: two CJK characters at least, not a word cut in two, not
    a bare verb or change word."""
    name = name.strip("，、；：的 ")
    if name.count("“") != name.count("”") or name.count("‘") != name.count("’"):
        name = name.strip(_QUOTES)
    if len(CJK.findall(name)) < 2 and not re.search(r"[A-Za-z]{2,}", name):
        return ""
    if _BAD_START.match(name) or _ACTION_ONLY.match(name) or CHANGE_WORDS.match(name):
        return ""
    return name


# ----------------------------------------------------------------------------------------------
# 分别 lists


def _respectively(text: str, quantities: tuple[Quantity, ...]) -> dict[int, Phrase]:
    """Figures of 「A、B、C<head>分别<verb>x、y、z」 named A<head><verb>, B<head><verb>, …"""
    out: dict[int, Phrase] = {}
    for found in re.finditer(RESPECTIVELY, text):
        at = found.start()
        list_start = max((text.rfind(c, 0, at) for c in _BREAKS), default=-1) + 1
        after = found.end()
        end_match = _LIST_END.search(text, after)
        list_end = end_match.start() if end_match else len(text)
        figures = [k for k, q in enumerate(quantities) if after <= q.start < list_end]
        if len(figures) < 2:
            continue
        head_text = _BRACKETED.sub("", "".join(text[list_start:at].split()))
        five_year = head_text.endswith("年均")
        head_text = figure_phrase(head_text.removesuffix("年均"))
        first = quantities[figures[0]]
        verb = figure_phrase("".join(text[after : first.start].split()))
        verb = verb if CHANGE_WORDS.match(verb) else ""
        if head_text:
            names = distribute(head_text, len(figures))
        else:  # 「接待游客3.23亿人次、游客花费3700亿元，分别增长8%、8.4%」: the figures before
            names = _subjects_before(text, quantities, figures, out)
        if names is None:
            continue
        shared = _shared_bound(quantities, figures)
        for k, name in zip(figures, names, strict=True):
            out[k] = Phrase(
                _readable(name + ("年均" if five_year else "") + verb), True, five_year, shared
            )
    return out


def distribute(items_text: str, count: int) -> list[str] | None:
    """The ``count`` names of a list written 「A、B、C<head>」, or None when it is not one.

    >>> distribute("原煤、原油、天然气产量", 3)
    ['原煤产量', '原油产量', '天然气产量']
    >>> distribute("城镇、农村居民人均可支配收入", 2)
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> distribute("一般公共预算收入、税收收入", 2)
    ['一般公共预算收入', '税收收入']
    >>> distribute("化学需氧量、二氧化硫排放量", 2)
    ['化学需氧量', '二氧化硫排放量']
    >>> distribute("制造业、普惠小微贷款余额", 2)
    ['制造业贷款余额', '普惠小微贷款余额']
    >>> distribute("一、二、三产业增加值", 3)
    ['第一产业增加值', '第二产业增加值', '第三产业增加值']
    >>> distribute("一、二、三产增加值", 3)
    ['一产增加值', '二产增加值', '三产增加值']
    >>> distribute("城乡居民人均可支配收入", 2)
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> distribute("城镇调查失业率、居民消费价格涨幅", 2)
    ['城镇调查失业率', '居民消费价格涨幅']
    >>> distribute("一二三产增加值", 3)
    ['一产增加值', '二产增加值', '三产增加值']
    >>> distribute("中、高等职业教育在校生", 2)
    ['中等职业教育在校生', '高等职业教育在校生']
    >>> distribute("单位国内生产总值能耗和二氧化碳排放", 2)
    ['单位国内生产总值能耗', '单位国内生产总值二氧化碳排放']
    """
    splits = [[item for item in sep.split(items_text) if item] for sep in LIST_SEPARATORS]
    items = next((s for s in splits if len(s) == count), splits[-1])
    if len(items) == 1:
        for prefix, pair in PAIRED_PREFIXES.items():
            if count == 2 and items[0].startswith(prefix):
                return [part + items[0].removeprefix(prefix) for part in pair]
        run = _NUMERAL_RUN.match(items[0])
        if run and 1 + len(run.group(2)) == count:
            return [f"{numeral}{run.group(3)}" for numeral in run.group(1) + run.group(2)]
        return None
    if len(items) != count:
        return None
    shared = SHARED_MODIFIER.match(items[0])
    if shared:
        items = [items[0]] + [
            item if SHARED_MODIFIER.match(item) else shared.group() + item for item in items[1:]
        ]
    if all(MEASURE_NOUN_END.search(item) for item in items[:-1]):
        return items  # every item names its own measure
    head = _shared_head(items)
    names = [item + head for item in items[:-1]] + [items[-1]]
    return [_ordinal_industry(name) for name in names]


def _shared_head(items: list[str]) -> str:
    """The words the last item shares with the others: its modifier is as long as the other
    items (城镇、农村|居民人均可支配收入; 制造业、普惠小微|贷款余额), and the head starts with a
    word, not a stray character (天然|气产量 is not a cut)."""
    last = items[-1]
    if all(item in "一二三四五六" for item in items[:-1]) and last[:1] in "一二三四五六":
        return last[1:]  # 一、二、三产增加值: the numerals name the industries
    if all(len(item) == 1 for item in items[:-1]) and last[1:2] in ("等", "级", "类", "档"):
        return last[1:]  # 中、高等职业教育在校生: 中等 and 高等; 初、中级职称
    mean = sum(len(item) for item in items[:-1]) / (len(items) - 1)
    bounds = {0}
    for token in cut(last):
        bounds.add(max(bounds) + len(token))
    best: tuple[float, int] | None = None
    for b in range(1, len(last) - 1):
        head = last[b:]
        score = abs(b - mean)
        if len(cut(head)[0]) == 1:
            score += 1.5
        if b not in bounds:
            score += 1.0  # cuts a word of the item in two
        if best is None or score < best[0]:
            best = (score, b)
    if best is None or best[0] >= 2:
        return ""  # every item is whole: 「一般公共预算收入、税收收入」
    return last[best[1] :]


def _ordinal_industry(name: str) -> str:
    """一产业增加值 → 第一产业增加值 (「一、二、三产业增加值分别增长…」)."""
    return "第" + name if re.match(r"^[一二三]产业", name) else name


def _parallel(
    text: str, quantities: tuple[Quantity, ...], listed: dict[int, Phrase]
) -> dict[int, Phrase]:
    """「A 17175元，B 5153元，实际增长9.8%和8.5%」: k bare growth figures joined by 和/、 after k
    figures that each have a subject take those subjects in order."""
    out: dict[int, Phrase] = {}
    index = 0
    while index < len(quantities):
        start = _segment_start(text, quantities, index)
        change = _clean(text[start : quantities[index].start])
        run = [index]
        while run[-1] + 1 < len(quantities):
            q, following = quantities[run[-1]], quantities[run[-1] + 1]
            if not re.fullmatch(
                r"\s*(?:和|、|与|及)\s*", text[q.start + len(q.raw) : following.start]
            ):
                break
            run.append(run[-1] + 1)
        if len(run) >= 2 and CHANGE_WORDS.match(change) and index >= len(run):
            subjects = []
            for k in range(index - len(run), index):
                s = (
                    listed[k].text
                    if k in listed
                    else _clean(text[_segment_start(text, quantities, k) : quantities[k].start])
                )
                subjects.append(re.sub(r"(?:年均)?(?:增长|增速|下降|提高)$", "", s))
            if all(s and not CHANGE_WORDS.match(s) for s in subjects) and not any(
                k in listed for k in run
            ):
                shared = _shared_bound(quantities, run)
                for k, subject in zip(run, subjects, strict=True):
                    out[k] = Phrase(_readable(subject + change), True, "年均" in change, shared)
        index = run[-1] + 1
    return out


def _shared_bound(quantities: tuple[Quantity, ...], figures: list[int]) -> str | None:
    """The bound after a list's last figure when no other figure of the list has one of its own
    (「5%、6.5%左右」, 「5%和3%以内」)."""

    def bounds(quantity: Quantity) -> list[str]:
        return [w for w in (quantity.qualifier or "").split() if w in SUFFIX_QUALIFIERS]

    last = bounds(quantities[figures[-1]])
    if len(last) == 1 and not any(bounds(quantities[k]) for k in figures[:-1]):
        return last[0]
    return None


def _subjects_before(
    text: str, quantities: tuple[Quantity, ...], figures: list[int], named: dict[int, Phrase]
) -> list[str] | None:
    """The names of the ``len(figures)`` figures right before ``figures`` (a 分别 that refers
    back to them), or None when they are fewer or nameless."""
    before = [k for k in range(figures[0]) if quantities[k].start < quantities[figures[0]].start]
    chosen = before[-len(figures) :]
    if len(chosen) != len(figures):
        return None
    names = []
    for k in chosen:
        name = (
            named[k].text
            if k in named
            else _clean(text[_segment_start(text, quantities, k) : quantities[k].start])
        )
        name = re.sub(r"(?:年均)?(?:增长|增速|下降|提高)$", "", name)
        if not name or CHANGE_WORDS.match(name):
            return None
        names.append(name)
    return names


def _implicit_lists(
    text: str, quantities: tuple[Quantity, ...], listed: dict[int, Phrase]
) -> dict[int, Phrase]:
    """「生产安全事故起数、死亡人数下降17.6%、11.6%」: k items then a change word then k figures
    joined by 、 or 和 is a 分别 list without the word."""
    out: dict[int, Phrase] = {}
    index = 0
    while index < len(quantities):
        run = [index]
        while run[-1] + 1 < len(quantities):
            q, following = quantities[run[-1]], quantities[run[-1] + 1]
            gap = text[q.start + len(q.raw) : following.start]
            if not re.fullmatch(r"\s*(?:和|、)\s*", gap):
                break
            run.append(run[-1] + 1)
        index = run[-1] + 1
        if len(run) < 2 or any(k in listed for k in run):
            continue
        start = _segment_start(text, quantities, run[0])
        left = "".join(text[start : quantities[run[0]].start].split())
        change = re.search(r"(?:年均)?(?:增长|下降|提高|降低|增加|减少)$", left)
        if change is None or "、" not in left:
            continue
        names = distribute(figure_phrase(left[: change.start()]), len(run))
        if names is None:
            continue
        shared = _shared_bound(quantities, run)
        for k, name in zip(run, names, strict=True):
            word = change.group()
            out[k] = Phrase(_readable(name + word), True, "年均" in word, shared)
    return out
