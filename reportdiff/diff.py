"""Diff stage: classify every sentence of two editions, word-level ops, commitments, 新提法.

Sentences are compared only inside paired sections (the section map of :mod:`reportdiff.align`),
then a global pass pairs the left-overs across sections (``moved``). Every sentence of both
editions ends up exactly once in one class — unchanged, changed, added, removed or moved — which
:meth:`SentenceDiff.accounting` checks and the tests assert.

Comparison keys ignore what a reader does not care about: white space, punctuation width, line
wrapping (already undone by load), the 一是/二是 and numbering labels, and the end mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from reportdiff.align import SectionAlignment
from reportdiff.model import Outline, Section, SectionKind, Sentence
from reportdiff.options import Options
from reportdiff.text import fold
from reportdiff.tokens import cut, policy_terms

__all__ = [
    "Change",
    "NewFormulation",
    "SentenceDiff",
    "SentenceRef",
    "diff_sentences",
    "diff_units",
    "is_commitment",
    "sentence_key",
    "sentence_similarity",
    "word_ops",
]

ChangeKind = Literal["added", "removed", "changed", "moved"]

# --------------------------------------------------------------------------------------------
# Keys and similarity
# --------------------------------------------------------------------------------------------

_HAN = "一二三四五六七八九十百"
_LABEL = re.compile(
    rf"^(?:[{_HAN}]+是|其[{_HAN}]|第[{_HAN}]+[,，、]?|[{_HAN}]+、|[(（][{_HAN}\d]+[)）]"
    r"|\d{1,2}[.．、]|[▶■●◆]|[①-⑳])\s*"
)
_END_MARKS = re.compile(r"[.;!?。；！？…,，、:：\s]+$")
_PUNCT = re.compile(r"[\W_]+")


def sentence_key(text: str) -> str:
    """Comparison key of a sentence: fold(), enumeration label and end mark removed.

    >>> sentence_key("一是推进“两旧一村”改造；") == sentence_key("（一）推进 \\"两旧一村\\" 改造。")
    True
    """
    key = fold(text)
    for _ in range(2):  # "（一）一是..." carries two labels
        stripped = _LABEL.sub("", key)
        if stripped == key:
            break
        key = stripped
    return _END_MARKS.sub("", key)


def _token_set(key: str) -> frozenset[str]:
    """Content tokens of a key (punctuation dropped), for the Jaccard half of the similarity."""
    return frozenset(t for t in cut(key) if not _PUNCT.fullmatch(t))


def sentence_similarity(a: str, b: str) -> float:
    """Max of the character ratio and the token Jaccard of two sentences' keys (0..1)."""
    from rapidfuzz import fuzz

    ka, kb = sentence_key(a), sentence_key(b)
    if ka == kb:
        return 1.0
    ta, tb = _token_set(ka), _token_set(kb)
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    return max(fuzz.ratio(ka, kb) / 100.0, jaccard)


# --------------------------------------------------------------------------------------------
# Word-level ops
# --------------------------------------------------------------------------------------------

_PUA_BMP = (0xE000, 0xF8FF)
_PUA_PLANE15 = (0xF0000, 0xFFFFD)


def _code_point(index: int) -> str:
    """The index-th private-use character: U+E000.., then U+F0000.. (never a surrogate)."""
    bmp = _PUA_BMP[1] - _PUA_BMP[0] + 1
    if index < bmp:
        return chr(_PUA_BMP[0] + index)
    index -= bmp
    if index > _PUA_PLANE15[1] - _PUA_PLANE15[0]:
        raise ValueError("too many distinct tokens for one sentence pair")
    return chr(_PUA_PLANE15[0] + index)


Op = tuple[str, str]


def word_ops(old: str, new: str) -> tuple[Op, ...]:
    """Word-level diff of two sentences as (op, text) with op in ``=``, ``-``, ``+``.

    diff-match-patch runs over jieba tokens mapped one token → one private-use character (as
    ``diff_linesToChars`` does for lines), then semantic cleanup, so a highlight never cuts a
    word in half. Tokens compare by :func:`fold`, so width-only punctuation differences are not
    highlighted; equal runs show the new text, white space alone is never an edit.
    """
    import diff_match_patch as dmp_module

    codes: dict[str, str] = {}

    def encode(tokens: tuple[str, ...]) -> str:
        chars = []
        for token in tokens:
            key = fold(token) or " "
            if key not in codes:
                codes[key] = _code_point(len(codes))
            chars.append(codes[key])
        return "".join(chars)

    old_tokens, new_tokens = cut(old), cut(new)
    dmp = dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encode(old_tokens), encode(new_tokens), False)
    dmp.diff_cleanupSemantic(diffs)
    ops: list[list[str]] = []
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            text, kind = "".join(new_tokens[j:j + n]), "="
            i, j = i + n, j + n
        elif op < 0:
            text, kind = "".join(old_tokens[i:i + n]), "-"
            i += n
        else:
            text, kind = "".join(new_tokens[j:j + n]), "+"
            j += n
        if kind != "=" and not fold(text):
            if kind == "-":
                continue  # deleted white space: nothing for a reader
            kind = "="
        if ops and ops[-1][0] == kind:
            ops[-1][1] += text
        else:
            ops.append([kind, text])
    return tuple((kind, text) for kind, text in ops if text)


# --------------------------------------------------------------------------------------------
# Commitments and 新提法
# --------------------------------------------------------------------------------------------

_PLAN_TITLE = re.compile(r"计划|工作安排|重点工作|主要任务|任务和措施|明年|今年|下一步|打算|举措|要点|目标"
                         r"|总体要求|思路")
_REVIEW_TITLE = re.compile(r"回顾|执行情况|完成情况|工作情况|工作总结|进展情况|主要工作做法|存在问题|成效")
_VERBS = re.compile(
    r"推进|实施|建设|完成|力争|确保|新增|加快|制定|推动|打造|深化|落实|开展|启动|建成|实现|提升|提高"
    r"|加强|健全|完善|培育|布局|举办|扩大|优化|强化|创建|出台|争创|持续|着力|全力|聚焦|支持|引导"
)
_PAST = re.compile(r"已经|已|了|累计|同比|较上年|比上年|获评|荣获|成功举办|圆满")
_FUTURE = re.compile(r"将|要|力争|确保|计划|预计|预期|目标|左右|以上|下一步|明年|今年")
SectionRole = Literal["plan", "review"] | None


def _section_role(title: str) -> SectionRole:
    if _REVIEW_TITLE.search(title):
        return "review"
    if _PLAN_TITLE.search(title):
        return "plan"
    return None


def is_commitment(text: str, role: SectionRole) -> bool:
    """Does this sentence commit to action? Section role first (plan vs review), then wording.

    In a plan section a sentence with an action verb or a target is a commitment; in a review
    section only explicit future wording (将, 力争, 下一步...) is; elsewhere an action verb
    without past-tense markers (已, 了, 累计, 同比...) is.
    """
    verb = bool(_VERBS.search(text))
    if role == "plan":
        return verb or bool(_FUTURE.search(text))
    if role == "review":
        return verb and bool(re.search(r"将|力争|确保|下一步|明年", text))
    return verb and not _PAST.search(text)


_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,24})[”\"」』]")
_CJK3 = re.compile(r"^[\u4e00-\u9fff]{3,}$")
#: Words of three or more characters that are filler, not a formulation.
STOP_PHRASES = frozenset(
    """
    进一步 全方位 高质量 新一轮 一系列 一体化 现代化 常态化 多元化 精细化 数字化 智能化 标准化
    规范化 系统化 专业化 国际化 市场化 法治化 便利化 信息化 品牌化 产业化 体系化 全过程 全链条
    全周期 全覆盖 新时代 新征程 重要性 积极性 主动性 创造性 可持续 示范区 工作者 责任制 有限公司
    """.split()
)
MAX_PHRASES_PER_SENTENCE = 3


def _phrases(text: str) -> list[str]:
    """Candidate key phrases of a sentence: quoted terms first, then policy terms, then long words."""
    found: list[str] = []
    for match in _QUOTED.finditer(text):
        term = match.group(1).strip()
        if term and term not in found and re.search(r"[\u4e00-\u9fff]", term):
            found.append(term)
    terms = _policy_terms()
    tokens = [t for t in cut(text) if _CJK3.match(t) and t not in STOP_PHRASES]
    for token in sorted(tokens, key=lambda t: (t not in terms, -len(t), tokens.index(t))):
        if token not in found:
            found.append(token)
    return found


_TERMS: frozenset[str] | None = None


def _policy_terms() -> frozenset[str]:
    global _TERMS  # a cache of a constant file, not state that changes results
    if _TERMS is None:
        _TERMS = frozenset(policy_terms())
    return _TERMS


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence and the section that holds it."""

    section: Section
    sentence: Sentence
    index: int
    """Position among the diffable sentences of its edition (document order)."""

    def as_record(self) -> dict[str, Any]:
        return {"section_id": self.section.id, "section_title": self.section.title,
                "text": self.sentence.text, "line": self.sentence.line}


@dataclass(frozen=True, slots=True)
class Change:
    """One sentence that is not unchanged: added, removed, changed (reworded) or moved."""

    id: str
    kind: ChangeKind
    old: SentenceRef | None
    new: SentenceRef | None
    commitment: bool
    similarity: float
    ops: tuple[Op, ...]

    def as_record(self) -> dict[str, Any]:
        """The ``changes`` entry of the diff record."""
        return {
            "id": self.id,
            "kind": self.kind,
            "old": self.old.as_record() if self.old else None,
            "new": self.new.as_record() if self.new else None,
            "commitment": self.commitment,
            "similarity": round(self.similarity, 3),
            "ops": [[op, text] for op, text in self.ops],
        }


@dataclass(frozen=True, slots=True)
class NewFormulation:
    """A key phrase of the new edition that the old edition never uses (新提法)."""

    phrase: str
    new: SentenceRef

    def as_record(self) -> dict[str, Any]:
        return {"phrase": self.phrase, "new": self.new.as_record()}


@dataclass(frozen=True, slots=True)
class SentenceDiff:
    """Every sentence of both editions, classified once."""

    changes: tuple[Change, ...]
    """Document order: new side first, removed sentences at their old position."""
    unchanged: tuple[tuple[SentenceRef, SentenceRef], ...]
    old_count: int
    new_count: int
    new_formulations: tuple[NewFormulation, ...]

    def accounting(self) -> tuple[list[int], list[int]]:
        """How many times each old and each new sentence is accounted for (all 1 when sound)."""
        old_seen = [0] * self.old_count
        new_seen = [0] * self.new_count
        for old, new in self.unchanged:
            old_seen[old.index] += 1
            new_seen[new.index] += 1
        for change in self.changes:
            if change.old is not None:
                old_seen[change.old.index] += 1
            if change.new is not None:
                new_seen[change.new.index] += 1
        return old_seen, new_seen

    def counts(self) -> dict[str, int]:
        """Changes per kind plus unchanged (the record's ``stats.changes``)."""
        out = {"added": 0, "removed": 0, "changed": 0, "moved": 0}
        for change in self.changes:
            out[change.kind] += 1
        out["unchanged"] = len(self.unchanged)
        return out


# --------------------------------------------------------------------------------------------
# The diff
# --------------------------------------------------------------------------------------------

#: Sections whose sentences are not report content (a table of contents repeats the headings).
_SKIPPED = (SectionKind.TOC,)


def diff_units(outline: Outline) -> list[tuple[Section, Sentence, SectionRole]]:
    """The diffable sentences of an outline in document order, with the role of their section."""
    units: list[tuple[Section, Sentence, SectionRole]] = []

    def walk(section: Section, role: SectionRole) -> None:
        if section.kind in _SKIPPED:
            return
        own = _section_role(section.title) if section.title else None
        role = own or role
        for sentence in section.sentences:
            units.append((section, sentence, role))
        for child in section.children:
            walk(child, role)

    walk(outline.root, None)
    return units


@dataclass(slots=True)
class _Side:
    refs: list[SentenceRef]
    keys: list[str]
    roles: list[SectionRole]
    by_section: dict[int, list[int]]
    taken: list[bool]

    @classmethod
    def of(cls, outline: Outline) -> _Side:
        refs: list[SentenceRef] = []
        keys: list[str] = []
        roles: list[SectionRole] = []
        by_section: dict[int, list[int]] = {}
        for k, (section, sentence, role) in enumerate(diff_units(outline)):
            refs.append(SentenceRef(section, sentence, k))
            keys.append(sentence_key(sentence.text))
            roles.append(role)
            by_section.setdefault(id(section), []).append(k)
        return cls(refs, keys, roles, by_section, [False] * len(refs))

    def free(self, section: Section) -> list[int]:
        return [k for k in self.by_section.get(id(section), ()) if not self.taken[k]]


def _similarity_matrix(old_keys: list[str], new_keys: list[str]) -> Any:
    """max(character ratio, token Jaccard) for every pair of keys, as a numpy array."""
    import numpy as np
    from rapidfuzz import fuzz, process

    ratio = process.cdist(old_keys, new_keys, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    old_sets = [_token_set(k) for k in old_keys]
    new_sets = [_token_set(k) for k in new_keys]
    for i, a in enumerate(old_sets):
        if not a:
            continue
        row = ratio[i]
        for j, b in enumerate(new_sets):
            if row[j] >= 0.95 or not b:
                continue
            common = len(a & b)
            if common:
                jaccard = common / (len(a) + len(b) - common)
                if jaccard > row[j]:
                    row[j] = jaccard
    return ratio


def _match_exact(old: _Side, new: _Side, olds: list[int], news: list[int],
                 matched: list[tuple[int, int, float]]) -> None:
    """Pair sentences with equal keys, in order (a repeated sentence pairs with its repeat)."""
    waiting: dict[str, list[int]] = {}
    for j in news:
        waiting.setdefault(new.keys[j], []).append(j)
    for i in olds:
        queue = waiting.get(old.keys[i])
        if queue:
            j = queue.pop(0)
            old.taken[i] = new.taken[j] = True
            matched.append((i, j, 1.0))


#: Weight of document order in the in-section assignment: breaks ties between similar sentences.
ORDER_PRIOR = 0.02


def _match_similar(old: _Side, new: _Side, olds: list[int], news: list[int], threshold: float,
                   matched: list[tuple[int, int, float]]) -> None:
    """Optimal assignment of the remaining sentences of a section pair by similarity."""
    if not olds or not news:
        return
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = _similarity_matrix([old.keys[i] for i in olds], [new.keys[j] for j in news])
    pos_old = np.arange(len(olds))[:, None] / max(len(olds), 1)
    pos_new = np.arange(len(news))[None, :] / max(len(news), 1)
    score = np.where(sim >= threshold, sim - ORDER_PRIOR * np.abs(pos_old - pos_new), -1.0)
    rows, cols = linear_sum_assignment(score, maximize=True)
    for r, c in sorted(zip(rows.tolist(), cols.tolist(), strict=True)):
        if sim[r, c] >= threshold:
            i, j = olds[r], news[c]
            old.taken[i] = new.taken[j] = True
            matched.append((i, j, float(sim[r, c])))


#: Left-overs of different sections are paired (``moved``) only at this similarity or above: a
#: chance resemblance across the whole report is likelier than inside one section pair.
MOVED_MARGIN = 0.1


def _match_moved(old: _Side, new: _Side, threshold: float,
                 matched: list[tuple[int, int, float]]) -> None:
    """Pair left-overs across the whole report: equal keys first, then best mutual similarity."""
    olds = [i for i, t in enumerate(old.taken) if not t]
    news = [j for j, t in enumerate(new.taken) if not t]
    _match_exact(old, new, olds, news, matched)
    olds = [i for i in olds if not old.taken[i]]
    news = [j for j in news if not new.taken[j]]
    if not olds or not news:
        return
    import numpy as np

    cutoff = min(1.0, threshold + MOVED_MARGIN)
    sim = _similarity_matrix([old.keys[i] for i in olds], [new.keys[j] for j in news])
    rows, cols = np.nonzero(sim >= cutoff)
    candidates = sorted(zip(rows.tolist(), cols.tolist(), strict=True),
                        key=lambda rc: (-sim[rc[0], rc[1]], rc[0], rc[1]))
    for r, c in candidates:
        i, j = olds[r], news[c]
        if old.taken[i] or new.taken[j]:
            continue
        old.taken[i] = new.taken[j] = True
        matched.append((i, j, float(sim[r, c])))


def _section_pairs(alignment: SectionAlignment) -> list[tuple[Section, Section]]:
    """Paired sections, best score first (so a split section's sentences go to its best part)."""
    indexed = [(k, p) for k, p in enumerate(alignment.pairs) if p.old is not None
               and p.new is not None]
    indexed.sort(key=lambda kp: (-kp[1].score, kp[0]))
    return [(p.old, p.new) for _, p in indexed if p.old is not None and p.new is not None]


def diff_sentences(old: Outline, new: Outline, alignment: SectionAlignment, *,
                   options: Options) -> SentenceDiff:
    """Classify every sentence of ``old`` and ``new`` given their section map."""
    threshold = options.sentence_threshold
    old_side, new_side = _Side.of(old), _Side.of(new)
    pairs = _section_pairs(alignment)
    paired = {(id(a), id(b)) for a, b in pairs}
    matched: list[tuple[int, int, float]] = []
    for old_section, new_section in pairs:
        _match_exact(old_side, new_side, old_side.free(old_section), new_side.free(new_section),
                     matched)
    for old_section, new_section in pairs:
        _match_similar(old_side, new_side, old_side.free(old_section),
                       new_side.free(new_section), threshold, matched)
    _match_moved(old_side, new_side, threshold, matched)

    unchanged: list[tuple[SentenceRef, SentenceRef]] = []
    entries: list[tuple[tuple[int, int, int], ChangeKind, int | None, int | None, float]] = []
    partner_of_old: dict[int, int] = {}
    for i, j, sim in matched:
        partner_of_old[i] = j
        a, b = old_side.refs[i], new_side.refs[j]
        same_place = (id(a.section), id(b.section)) in paired
        if old_side.keys[i] == new_side.keys[j] and same_place:
            unchanged.append((a, b))
            continue
        kind: ChangeKind = "changed" if same_place else "moved"
        entries.append(((j, 0, 0), kind, i, j, sim))
    for j, taken in enumerate(new_side.taken):
        if not taken:
            entries.append(((j, 0, 0), "added", None, j, 0.0))
    previous_new = -1
    for i, taken in enumerate(old_side.taken):
        if i in partner_of_old:
            previous_new = partner_of_old[i]
        if not taken:
            entries.append(((previous_new, 1, i), "removed", i, None, 0.0))
    entries.sort(key=lambda e: e[0])

    changes: list[Change] = []
    for n, (_, kind, i, j, sim) in enumerate(entries, start=1):
        old_ref = old_side.refs[i] if i is not None else None
        new_ref = new_side.refs[j] if j is not None else None
        commitment = (
            (j is not None and is_commitment(new_side.refs[j].sentence.text, new_side.roles[j]))
            or (i is not None and is_commitment(old_side.refs[i].sentence.text,
                                                old_side.roles[i]))
        )
        ops: tuple[Op, ...] = ()
        if old_ref is not None and new_ref is not None and kind in ("changed", "moved"):
            if old_side.keys[i or 0] != new_side.keys[j or 0]:
                ops = word_ops(old_ref.sentence.text, new_ref.sentence.text)
        changes.append(Change(f"c{n}", kind, old_ref, new_ref, commitment, sim, ops))
    unchanged.sort(key=lambda pair: pair[1].index)
    formulations = _new_formulations(old_side, new_side, changes)
    return SentenceDiff(tuple(changes), tuple(unchanged), len(old_side.refs), len(new_side.refs),
                        formulations)


def _new_formulations(old: _Side, new: _Side, changes: Iterable[Change]) -> tuple[
        NewFormulation, ...]:
    """Key phrases of added/changed/moved new sentences that the old edition never uses."""
    old_text = "".join(fold(ref.sentence.text) for ref in old.refs)
    old_text += "".join(fold(s.title) for ref in old.refs for s in (ref.section,))
    seen: set[str] = set()
    found: list[NewFormulation] = []
    for change in changes:
        if change.new is None:
            continue
        count = 0
        for phrase in _phrases(change.new.sentence.text):
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


def iter_refs(diff: SentenceDiff) -> Iterator[SentenceRef]:
    """Every sentence reference of a diff (both sides), for callers that index by section."""
    for a, b in diff.unchanged:
        yield a
        yield b
    for change in diff.changes:
        if change.old:
            yield change.old
        if change.new:
            yield change.new
