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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from reportdiff.align import SectionAlignment, review_or_plan
from reportdiff.grammar import (
    ACTION_VERBS,
    FUTURE_CUES,
    ITEM_TOKEN,
    PAST_CUES,
    PROMISE_CUES,
    TRAILING_MARKS,
    label_length,
    policy_terms,
    strip_labels,
)
from reportdiff.model import Outline, Section, SectionKind, Sentence
from reportdiff.options import Options
from reportdiff.text import fold
from reportdiff.tokens import cut, word_frequency

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

_PUNCT = re.compile(r"[\W_]+")


def sentence_key(text: str) -> str:
    """Comparison key of a sentence: fold(), enumeration label and end mark removed.

    >>> sentence_key("一是推进“两旧一村”改造；") == sentence_key("（一）推进 \\"两旧一村\\" 改造。")
    True
    """
    return TRAILING_MARKS.sub("", strip_labels(fold(text)))


def _token_set(text: str) -> frozenset[str]:
    """Folded content tokens of a sentence (punctuation and 一是 labels dropped), for the Jaccard
    half of the similarity. Cuts the display text, so jieba's cache is shared with the rest."""
    out = set()
    for token in cut(text):
        key = fold(token)
        if key and not _PUNCT.fullmatch(key) and not ITEM_TOKEN.fullmatch(key):
            out.add(key)
    return frozenset(out)


def sentence_similarity(a: str, b: str) -> float:
    """Max of the character ratio and the token Jaccard of two sentences' keys (0..1)."""
    from rapidfuzz import fuzz

    ka, kb = sentence_key(a), sentence_key(b)
    if ka == kb:
        return 1.0
    ta, tb = _token_set(a), _token_set(b)
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
    ``diff_linesToChars`` does for lines), then a semantic cleanup (:func:`_cleanup`), so a
    highlight never cuts a word in half. Tokens compare by :func:`fold`, so width-only punctuation
    differences are not highlighted; equal runs show the new text, white space alone is never an
    edit.
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

    # Enumeration labels (●, 一是, （三）) are ignored like in the comparison key: the old label
    # is left out, the new one shown as unchanged text.
    old_label, new_label = label_length(old), label_length(new)
    old_tokens, new_tokens = _words(old[old_label:]), _words(new[new_label:])
    dmp = dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encode(old_tokens), encode(new_tokens), False)
    groups: list[list[str]] = []  # ["=", old, new] equal runs, ["~", deleted, inserted] edits
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            groups.append(["=", "".join(old_tokens[i : i + n]), "".join(new_tokens[j : j + n])])
            i, j = i + n, j + n
            continue
        if not groups or groups[-1][0] != "~":
            groups.append(["~", "", ""])
        if op < 0:
            groups[-1][1] += "".join(old_tokens[i : i + n])
            i += n
        else:
            groups[-1][2] += "".join(new_tokens[j : j + n])
            j += n
    ops: list[list[str]] = []

    def push(kind: str, text: str) -> None:
        if ops and ops[-1][0] == kind:
            ops[-1][1] += text
        elif text:
            ops.append([kind, text])

    push("=", new[:new_label])
    for kind, deleted, inserted in _cleanup(groups):
        if kind == "=":
            push("=", inserted)
            continue
        if fold(deleted):
            push("-", deleted)
        push("+" if fold(inserted) else "=", inserted)  # inserted white space is no edit
    return tuple((kind, text) for kind, text in ops if text)


def _words(text: str) -> tuple[str, ...]:
    """jieba tokens with decimal numbers kept whole (jieba cuts 5.07 into 5 . 07)."""
    out: list[str] = []
    for token in cut(text):
        if (
            len(out) >= 2
            and out[-1] in (".", "．")
            and out[-2][-1:].isdigit()
            and token[:1].isdigit()
        ):
            point = out.pop()
            out[-1] += point + token
        else:
            out.append(token)
    return tuple(out)


#: An equal run between two edits is folded into them when it is this short (characters)...
SMALL_EQUALITY = 3
#: ...or when both neighbouring edits are at least this many times longer than it.
DWARFED_EQUALITY = 4


def _cleanup(groups: list[list[str]]) -> list[list[str]]:
    """Semantic cleanup weighted by characters, not tokens.

    diff-match-patch's own cleanup measures equalities in (token) characters, so a four-character
    word such as 美丽家园 weighs one and is swallowed by its neighbours. Here an equal run between
    two edits is absorbed when it is no longer than either edit and is tiny (a particle, a comma)
    or dwarfed by both edits; otherwise it stays as an anchor for the reader.
    """

    def weight(text: str) -> int:
        return len(fold(text))

    groups = [list(g) for g in groups]
    changed = True
    while changed:
        changed = False
        for k in range(1, len(groups) - 1):
            before, equal, after = groups[k - 1], groups[k], groups[k + 1]
            if equal[0] != "=" or before[0] != "~" or after[0] != "~":
                continue
            e = weight(equal[2])
            a = max(weight(before[1]), weight(before[2]))
            b = max(weight(after[1]), weight(after[2]))
            if e <= a and e <= b and (e <= SMALL_EQUALITY or DWARFED_EQUALITY * e <= min(a, b)):
                groups[k - 1 : k + 2] = [
                    ["~", before[1] + equal[1] + after[1], before[2] + equal[2] + after[2]]
                ]
                changed = True
                break
    return groups


# --------------------------------------------------------------------------------------------
# Commitments and 新提法
# --------------------------------------------------------------------------------------------

_QUANTITY = re.compile(r"\d")
SectionRole = Literal["plan", "review"] | None


def is_commitment(text: str, role: SectionRole) -> bool:
    """Does this sentence commit to action? Section role first (plan vs review), then wording.

    In a plan section a sentence with an action verb, a target or a number is a commitment; in a
    review section only explicit future wording (将, 力争, 下一步...) is; elsewhere an action verb
    without past-tense markers (已, 了, 累计, 同比...) is.
    """
    verb = bool(ACTION_VERBS.search(text))
    if role == "plan":  # a target (地区生产总值同比增长5%) is a commitment too
        return verb or bool(FUTURE_CUES.search(text) or _QUANTITY.search(text))
    if role == "review":
        return verb and bool(PROMISE_CUES.search(text))
    return verb and not PAST_CUES.search(text)


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


def _phrases(text: str) -> list[str]:
    """Candidate key phrases of a sentence, best first: quoted terms (“两旧一村”), policy terms,
    then rare dictionary words of four or more characters (ordinary vocabulary such as 产业政策,
    百分点 or 三季度 is absent from one edition by chance, not as a new formulation)."""
    found: list[str] = []
    for match in _QUOTED.finditer(text):
        term = match.group(1).strip()
        if term and term not in found and re.search(r"[\u4e00-\u9fff]", term):
            found.append(term)
    terms = policy_terms()
    tokens: list[str] = []
    for token in cut(text):
        if token in STOP_PHRASES or token in tokens or not _CJK3.match(token):
            continue
        if token in terms or (_CJK4.match(token) and word_frequency(token) < COMMON_WORD_FREQ):
            tokens.append(token)
    ranked = sorted(enumerate(tokens), key=lambda it: (it[1] not in terms, -len(it[1]), it[0]))
    found.extend(t for _, t in ranked if t not in found)
    return found


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
        return {
            "section_id": self.section.id,
            "section_title": self.section.title,
            "text": self.sentence.text,
            "line": self.sentence.line,
        }


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
    rejoined: tuple[tuple[tuple[SentenceRef, ...], tuple[SentenceRef, ...]], ...] = ()
    """Passages split into sentences differently (a paragraph broken at a page or hard wrap in
    one edition) whose joined text is equal: unchanged for a reader."""

    def accounting(self) -> tuple[list[int], list[int]]:
        """How many times each old and each new sentence is accounted for (all 1 when sound)."""
        old_seen = [0] * self.old_count
        new_seen = [0] * self.new_count
        for old, new in self.unchanged:
            old_seen[old.index] += 1
            new_seen[new.index] += 1
        for olds, news in self.rejoined:
            for ref in olds:
                old_seen[ref.index] += 1
            for ref in news:
                new_seen[ref.index] += 1
        for change in self.changes:
            if change.old is not None:
                old_seen[change.old.index] += 1
            if change.new is not None:
                new_seen[change.new.index] += 1
        return old_seen, new_seen

    def counts(self) -> dict[str, int]:
        """Changes per kind plus unchanged (the record's ``stats.changes``).

        ``unchanged`` counts unchanged new-edition sentences (re-joined fragments included);
        ``rejoined`` counts the passages that only differ in where they are split.
        """
        out = {"added": 0, "removed": 0, "changed": 0, "moved": 0}
        for change in self.changes:
            out[change.kind] += 1
        out["unchanged"] = len(self.unchanged) + sum(len(news) for _, news in self.rejoined)
        out["rejoined"] = len(self.rejoined)
        return out


# --------------------------------------------------------------------------------------------
# The diff
# --------------------------------------------------------------------------------------------

#: Sections whose sentences are not report content (a table of contents repeats the headings).
_SKIPPED = (SectionKind.TOC,)


def diff_units(outline: Outline) -> list[tuple[Section, Sentence, SectionRole]]:
    """The diffable sentences of an outline in document order, with the role of their section.

    Lead sentences (run-in headings) count as sentences; a table of contents does not.
    """
    units: list[tuple[Section, Sentence, SectionRole]] = []

    def walk(section: Section, role: SectionRole) -> None:
        if section.kind in _SKIPPED:
            return
        own = review_or_plan(section.title) if section.title else None
        role = own or role
        if section.kind is SectionKind.LEAD and section.title:
            # A run-in lead sentence is body text that the outline lifted into a title: it is
            # compared as a sentence, so one reading making it a lead and another not is no change.
            units.append((section, Sentence(text=section.title, line=section.line), role))
        for sentence in section.sentences:
            units.append((section, sentence, role))
        for child in section.children:
            walk(child, role)

    # A report whose own title announces a plan (重点工作任务) is a plan throughout, unless it
    # also announces a review (执行情况与...计划草案): then its sections say which is which.
    walk(outline.root, "plan" if review_or_plan(outline.title or "") == "plan" else None)
    return units


@dataclass(slots=True)
class _Side:
    refs: list[SentenceRef]
    keys: list[str]
    tokens: list[frozenset[str]]
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
        tokens = [_token_set(ref.sentence.text) for ref in refs]
        return cls(refs, keys, tokens, roles, by_section, [False] * len(refs))

    def free(self, section: Section) -> list[int]:
        return [k for k in self.by_section.get(id(section), ()) if not self.taken[k]]


def _similarity_matrix(
    old_keys: list[str],
    new_keys: list[str],
    old_tokens: list[frozenset[str]],
    new_tokens: list[frozenset[str]],
) -> Any:
    """max(character ratio, token Jaccard) for every pair of keys, as a numpy array.

    The Jaccard half is one sparse product of token incidence matrices (no Python loop over
    pairs), so the cross-report moved pass stays fast on real reports.
    """
    import numpy as np
    from rapidfuzz import fuzz, process
    from scipy.sparse import csr_matrix

    ratio = process.cdist(old_keys, new_keys, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    vocab: dict[str, int] = {}

    def incidence(token_sets: list[frozenset[str]]) -> tuple[Any, Any]:
        rows: list[int] = []
        cols: list[int] = []
        for r, token_set in enumerate(token_sets):
            for token in sorted(token_set):
                rows.append(r)
                cols.append(vocab.setdefault(token, len(vocab)))
        sizes = np.bincount(np.asarray(rows, dtype=np.int64), minlength=len(token_sets))
        return (rows, cols), sizes

    (old_rows, old_cols), old_sizes = incidence(old_tokens)
    (new_rows, new_cols), new_sizes = incidence(new_tokens)
    width = max(len(vocab), 1)
    a = csr_matrix((np.ones(len(old_rows)), (old_rows, old_cols)), shape=(len(old_keys), width))
    b = csr_matrix((np.ones(len(new_rows)), (new_rows, new_cols)), shape=(len(new_keys), width))
    common = (a @ b.T).toarray()
    union = old_sizes[:, None] + new_sizes[None, :] - common
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, common / np.maximum(union, 1), 0.0)
    return np.maximum(ratio, jaccard)


def _match_exact(
    old: _Side, new: _Side, olds: list[int], news: list[int], matched: list[tuple[int, int, float]]
) -> None:
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


def _match_similar(
    old: _Side,
    new: _Side,
    olds: list[int],
    news: list[int],
    threshold: float,
    matched: list[tuple[int, int, float]],
) -> None:
    """Optimal assignment of the remaining sentences of a section pair by similarity."""
    if not olds or not news:
        return
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = _similarity_matrix(
        [old.keys[i] for i in olds],
        [new.keys[j] for j in news],
        [old.tokens[i] for i in olds],
        [new.tokens[j] for j in news],
    )
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
MOVED_MARGIN = 0.05
#: ...and a short sentence (key under SHORT_KEY characters) only at SHORT_CUTOFF: two short
#: fragments share a large part of their few characters by chance.
SHORT_KEY = 16
SHORT_CUTOFF = 0.8


def _match_moved(
    old: _Side, new: _Side, threshold: float, matched: list[tuple[int, int, float]]
) -> None:
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
    new_keys = [new.keys[j] for j in news]
    new_tokens = [new.tokens[j] for j in news]
    new_lengths = np.array([len(key) for key in new_keys])[None, :]
    candidates: list[tuple[float, int, int]] = []
    # Rows in blocks, so memory stays bounded on very long inputs.
    for start in range(0, len(olds), MOVED_BLOCK):
        block = olds[start : start + MOVED_BLOCK]
        sim = _similarity_matrix(
            [old.keys[i] for i in block], new_keys, [old.tokens[i] for i in block], new_tokens
        )
        shortest = np.minimum(np.array([len(old.keys[i]) for i in block])[:, None], new_lengths)
        required = np.where(shortest < SHORT_KEY, max(cutoff, SHORT_CUTOFF), cutoff)
        rows, cols = np.nonzero(sim >= required)
        candidates.extend(
            (float(sim[r, c]), start + r, c)
            for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
        )
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    for score, r, c in candidates:
        i, j = olds[r], news[c]
        if old.taken[i] or new.taken[j]:
            continue
        old.taken[i] = new.taken[j] = True
        matched.append((i, j, score))


#: Rows of the cross-report similarity matrix computed at once.
MOVED_BLOCK = 512


def _section_pairs(alignment: SectionAlignment) -> list[tuple[Section, Section]]:
    """Paired sections, best score first (so a split section's sentences go to its best part)."""
    indexed = [
        (k, p) for k, p in enumerate(alignment.pairs) if p.old is not None and p.new is not None
    ]
    indexed.sort(key=lambda kp: (-kp[1].score, kp[0]))
    return [(p.old, p.new) for _, p in indexed if p.old is not None and p.new is not None]


def diff_sentences(
    old: Outline,
    new: Outline,
    alignment: SectionAlignment,
    *,
    options: Options,
    formulations: bool = True,
) -> SentenceDiff:
    """Classify every sentence of ``old`` and ``new`` given their section map.

    ``formulations=False`` skips 新提法 (a full report set against its summary uses countless
    phrases the summary lacks; that is condensing, not new wording).
    """
    threshold = options.sentence_threshold
    old_side, new_side = _Side.of(old), _Side.of(new)
    pairs = _section_pairs(alignment)
    paired = {(id(a), id(b)) for a, b in pairs}
    matched: list[tuple[int, int, float]] = []
    for old_section, new_section in pairs:
        _match_exact(
            old_side, new_side, old_side.free(old_section), new_side.free(new_section), matched
        )
    for old_section, new_section in pairs:
        _match_similar(
            old_side,
            new_side,
            old_side.free(old_section),
            new_side.free(new_section),
            threshold,
            matched,
        )
    _match_moved(old_side, new_side, threshold, matched)

    same_place = [
        (id(old_side.refs[i].section), id(new_side.refs[j].section)) in paired
        for i, j, _ in matched
    ]
    settled_old = {
        i
        for (i, j, _), here in zip(matched, same_place, strict=True)
        if here and old_side.keys[i] == new_side.keys[j]
    }
    settled_new = {
        j
        for (i, j, _), here in zip(matched, same_place, strict=True)
        if here and old_side.keys[i] == new_side.keys[j]
    }
    groups = _rejoin(old_side, new_side, settled_old, settled_new)
    in_group_old = {i for olds, _ in groups for i in olds}
    in_group_new = {j for _, news in groups for j in news}

    unchanged: list[tuple[SentenceRef, SentenceRef]] = []
    entries: list[tuple[tuple[int, int, int], ChangeKind, int | None, int | None, float]] = []
    partner_of_old: dict[int, int] = {}
    for olds, news in groups:
        for i in olds:
            partner_of_old[i] = news[0]
    for (i, j, sim), here in zip(matched, same_place, strict=True):
        if i in in_group_old or j in in_group_new:
            # One side was re-joined with its fragments: the other side is left unpaired.
            old_side.taken[i] = i in in_group_old
            new_side.taken[j] = j in in_group_new
            continue
        a, b = old_side.refs[i], new_side.refs[j]
        if here:  # a moved sentence is no landmark for its old neighbours
            partner_of_old[i] = j
        if old_side.keys[i] == new_side.keys[j] and here:
            unchanged.append((a, b))
            continue
        kind: ChangeKind = "changed" if here else "moved"
        entries.append(((j, 0, 0), kind, i, j, sim))
    for j, taken in enumerate(new_side.taken):
        if not taken and j not in in_group_new:
            entries.append(((j, 0, 0), "added", None, j, 0.0))
    previous_new = -1
    for i, taken in enumerate(old_side.taken):
        if i in partner_of_old:
            previous_new = partner_of_old[i]
        if not taken and i not in in_group_old:
            entries.append(((previous_new, 1, i), "removed", i, None, 0.0))
    entries.sort(key=lambda e: e[0])

    changes: list[Change] = []
    for n, (_, kind, old_k, new_k, sim) in enumerate(entries, start=1):
        old_ref = old_side.refs[old_k] if old_k is not None else None
        new_ref = new_side.refs[new_k] if new_k is not None else None
        commitment = (
            new_ref is not None
            and new_k is not None
            and is_commitment(new_ref.sentence.text, new_side.roles[new_k])
        ) or (
            old_ref is not None
            and old_k is not None
            and is_commitment(old_ref.sentence.text, old_side.roles[old_k])
        )
        ops: tuple[Op, ...] = ()
        if (
            old_ref is not None
            and new_ref is not None
            and old_k is not None
            and new_k is not None
            and old_side.keys[old_k] != new_side.keys[new_k]
        ):
            ops = word_ops(old_ref.sentence.text, new_ref.sentence.text)
        changes.append(Change(f"c{n}", kind, old_ref, new_ref, commitment, sim, ops))
    unchanged.sort(key=lambda pair: pair[1].index)
    found = _new_formulations(old_side, new_side, changes) if formulations else ()
    rejoined = tuple(
        (tuple(old_side.refs[i] for i in olds), tuple(new_side.refs[j] for j in news))
        for olds, news in groups
    )
    return SentenceDiff(
        tuple(changes), tuple(unchanged), len(old_side.refs), len(new_side.refs), found, rejoined
    )


#: At most this many fragments on one side are re-joined into one passage.
MAX_FRAGMENTS = 8
_FRAGMENT_PREFIX = 2


def _plain(text: str) -> str:
    """Key for re-joining fragments: fold() without any punctuation or labels kept."""
    return _PUNCT.sub("", fold(text))


def _rejoin(
    old: _Side, new: _Side, settled_old: set[int], settled_new: set[int]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Runs of consecutive unsettled sentences whose joined text is equal on both sides.

    A paragraph that one edition (or one reading of a PDF) breaks at a page or a hard wrap comes
    out as several sentence fragments; joined back they equal the other edition's sentence, so
    nothing changed for a reader. Returns (old indexes, new indexes) groups, at least one side
    holding two or more sentences.
    """
    old_plain = [_plain(ref.sentence.text) for ref in old.refs]
    new_plain = [_plain(ref.sentence.text) for ref in new.refs]
    by_prefix: dict[str, list[int]] = {}
    for j, text in enumerate(new_plain):
        if j not in settled_new and len(text) >= _FRAGMENT_PREFIX:
            by_prefix.setdefault(text[:_FRAGMENT_PREFIX], []).append(j)
    used_old: set[int] = set(settled_old)
    used_new: set[int] = set(settled_new)
    groups: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for i, text in enumerate(old_plain):
        if i in used_old or len(text) < _FRAGMENT_PREFIX:
            continue
        for j in by_prefix.get(text[:_FRAGMENT_PREFIX], ()):
            if j in used_new:
                continue
            found = _extend(old_plain, new_plain, i, j, used_old, used_new)
            if found is not None:
                olds, news = found
                used_old.update(olds)
                used_new.update(news)
                groups.append((olds, news))
                break
    return groups


def _extend(
    old_plain: list[str],
    new_plain: list[str],
    i: int,
    j: int,
    used_old: set[int],
    used_new: set[int],
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Grow old run from ``i`` and new run from ``j`` until their joined texts are equal."""
    olds, news = [i], [j]
    a, b = old_plain[i], new_plain[j]
    while a != b:
        if len(olds) > MAX_FRAGMENTS or len(news) > MAX_FRAGMENTS:
            return None
        if a.startswith(b):
            q = news[-1] + 1
            if q >= len(new_plain) or q in used_new:
                return None
            news.append(q)
            b += new_plain[q]
        elif b.startswith(a):
            p = olds[-1] + 1
            if p >= len(old_plain) or p in used_old:
                return None
            olds.append(p)
            a += old_plain[p]
        else:
            return None
    if len(olds) == 1 and len(news) == 1:
        return None  # equal keys: the ordinary matching deals with these
    return tuple(olds), tuple(news)


def _new_formulations(
    old: _Side, new: _Side, changes: Iterable[Change]
) -> tuple[NewFormulation, ...]:
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
