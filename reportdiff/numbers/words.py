"""Content words: what a figure's clause is about, as normalised words for pairing editions.

jieba tokens of the words around a figure, stop words dropped, synonyms folded (增速 → 增长,
GDP → 地区生产总值), tokens re-cut around policy terms so that a term comes out the same whatever
word follows it. Two indicators of two editions pair when they share such words
(:func:`reportdiff.numbers.pairing.similarity`).
"""

from __future__ import annotations

import re

from reportdiff.grammar import CJK, CLAUSE_BREAKS, policy_terms
from reportdiff.numbers.quantities import ARABIC, WIDTH, Quantity
from reportdiff.tokens import cut

_CLAUSE_MARKS = CLAUSE_BREAKS + "（）()"
_CONJUNCTIONS = re.compile(r"以及|和|及|与|并且|并")

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
#: Words that say little on their own: they count, but less than the nouns around them. Who pays
#: and that it pays (中央财政, 拟安排, 投入, 资金) say nothing of what for:
#: 「中央财政拟安排3185亿元」 for social security and 「中央财政拟安排资金130亿元」 for farm
#: machinery are different figures.
GENERIC = frozenset(
    """
建设 改造 项目 工作 服务 增长 提升 新增 新建 打造 推出 制定 升级
优化 发展 规模 总额 任务 工程 中心 企业 活动 举办 组织 提高 增加
下降 减少 开工 竣工 覆盖 建成 培育 引进 落地 支持 打响 开放 数量
能力 水平 提供 举措 措施 改革 方案 全市 市级 区级 重点 重大 办好
实施方案
中央财政 各级财政 地方财政 省级财政 财政 财政投入 中央 安排 投入 资金 拟 将 要
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


def content(text: str) -> list[str]:
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


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS) + 1
    rights = [i for i in (text.find(mark, end) for mark in _CLAUSE_MARKS) if i >= 0]
    return left, min(rights) if rights else len(text)


def key_terms(text: str, quantities: tuple[Quantity, ...], index: int) -> list[str]:
    """The words that say what quantity ``index`` of ``text`` measures."""
    quantity = quantities[index]
    q_end = quantity.start + len(quantity.raw)
    clause_start, clause_end = clause_bounds(text, quantity.start, q_end)
    left_start = clause_start
    if index > 0:
        previous = quantities[index - 1]
        left_start = max(left_start, previous.start + len(previous.raw))
    right_end = clause_end
    if index + 1 < len(quantities):
        right_end = min(right_end, quantities[index + 1].start)
    left_text = text[left_start : quantity.start]
    right_text = text[q_end:right_end] if q_end <= right_end else ""
    right = content(right_text)[:4]
    if (
        not right
        and index + 1 < len(quantities)
        and not text[q_end : quantities[index + 1].start].strip()
    ):
        # 10类58项政府实事项目: the next number's words describe this one too.
        after_next = quantities[index + 1].start + len(quantities[index + 1].raw)
        right = content(text[after_next:clause_end])[:4]
    pieces = _CONJUNCTIONS.split(left_text)
    if right and len(pieces) > 1:
        left_text = pieces[-1]
    left = content(left_text)[-4:]
    if quantity.kind in ("percent", "points", "permille", "ratio") and left:
        terms = left + [w for w in right if w in ("增长", "下降", "提高")]
    elif quantity.kind == "version":
        terms = [w for w in left if w not in _VERBS][-3:] + [w for w in right if w not in _VERBS][
            :2
        ]
    else:
        terms = left[-2:] + right if right else left
    if all(t in GENERIC for t in terms):
        # 区级财政收入完成 154.99 亿元，同比增长 8%: the subject sits in the clause before.
        earlier = text[:clause_start].rstrip(_CLAUSE_MARKS + " ")
        previous_start, _ = clause_bounds(earlier, len(earlier), len(earlier))
        subject = earlier[previous_start:]
        first_number = ARABIC.search(subject.translate(WIDTH))
        if first_number:
            subject = subject[: first_number.start()]
        terms = [w for w in content(subject) if w not in GENERIC][:3] + terms
    seen: list[str] = []
    for term in terms:
        if term not in seen:
            seen.append(term)
    return seen


def display_key(terms: list[str], quantity: Quantity, sentence: str) -> str:
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
    if words:
        return " ".join(words)
    # Never a lone unit: the words the sentence puts before the figure, as written.
    before = re.split(r"[，,；;。：:、]", text[: text.find(quantity.raw.replace(" ", ""))])[-1]
    return before[-16:] or "（未命名）"
