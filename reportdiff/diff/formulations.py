"""新提法: key phrases of the new edition that the old edition never uses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportdiff.diff.keys import Side
from reportdiff.diff.records import Change, NewFormulation
from reportdiff.grammar import policy_terms
from reportdiff.text import fold
from reportdiff.tokens import cut

__all__ = ["key_phrases", "new_formulations"]

_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,24})[”\"」』]")
_CJK3 = re.compile(r"^[\u4e00-\u9fff]{3,}$")
_CJK4 = re.compile(r"^[\u4e00-\u9fff]{4,}$")
#: Words that are filler or ordinary vocabulary, not a formulation.
STOP_PHRASES = frozenset(
    """
    进一步 全方位 高质量 新一轮 一系列 一体化 现代化 常态化 多元化 精细化 数字化 智能化 标准化
    规范化 系统化 专业化 国际化 市场化 法治化 便利化 信息化 品牌化 产业化 体系化 全过程 全链条
    全周期 全覆盖 新时代 新征程 重要性 积极性 主动性 创造性 可持续 示范区 工作者 责任制 有限公司
    紧紧围绕 积极探索 发展壮大 符合条件 长期以来 近年来 一方面 另一方面 与此同时 进一步提高
    """.split()
)
#: jieba's general dictionary gives ordinary vocabulary a frequency of 3 or more; the rarest
#: entries (frequency 1-2) are recent coinages such as 具身智能, 数实融合, 口袋公园.
COMMON_WORD_FREQ = 3
MAX_PHRASES_PER_SENTENCE = 3


def key_phrases(text: str) -> list[str]:
    """Candidate key phrases of a sentence, best first: quoted terms (“两旧一村”), policy terms,
    then rare dictionary words of four or more characters (ordinary vocabulary such as 产业政策,
    百分点 or 三季度 is absent from one edition by chance, not as a new formulation)."""
    from reportdiff.tokens import _tokenizer

    found: list[str] = []
    for match in _QUOTED.finditer(text):
        term = match.group(1).strip()
        if term and term not in found and re.search(r"[\u4e00-\u9fff]", term):
            found.append(term)
    terms = policy_terms()
    freq = _tokenizer().FREQ
    tokens: list[str] = []
    for token in cut(text):
        if token in STOP_PHRASES or token in tokens or not _CJK3.match(token):
            continue
        if token in terms or (_CJK4.match(token) and freq.get(token, 0) < COMMON_WORD_FREQ):
            tokens.append(token)
    ranked = sorted(enumerate(tokens), key=lambda it: (it[1] not in terms, -len(it[1]), it[0]))
    found.extend(t for _, t in ranked if t not in found)
    return found


def new_formulations(old: Side, new: Side, changes: Iterable[Change]) -> tuple[NewFormulation, ...]:
    """Key phrases of added/changed/moved new sentences that the old edition never uses."""
    old_text = "".join(fold(ref.sentence.text) for ref in old.refs)
    old_text += "".join(fold(s.title) for ref in old.refs for s in (ref.section,))
    seen: set[str] = set()
    found: list[NewFormulation] = []
    for change in changes:
        if change.new is None:
            continue
        count = 0
        for phrase in key_phrases(change.new.sentence.text):
            key = fold(phrase)
            if key in seen or key in old_text:
                continue
            seen.add(key)
            found.append(NewFormulation(phrase, change.new))
            count += 1
            if count >= MAX_PHRASES_PER_SENTENCE:
                break
    found.sort(key=lambda f: (f.new.index, f.phrase))
    return tuple(found)
