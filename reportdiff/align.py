"""Align stage: which sections of two outlines correspond, and what a summary condenses.

Structure first, then small diffs: the sentence diff only ever compares sentences of paired
sections, so whole-report diffing (minutes on real reports) is never needed.

Section alignment is hierarchical. Top-level sections are paired by one optimal assignment
(``scipy.optimize.linear_sum_assignment``) on a similarity that mixes heading words and content
words (0.35 × heading + 0.65 × TF-IDF cosine over jieba tokens), with document order as a small
prior; then the children of every paired section are assigned the same way, and so on down.
A review heading (回顾, 执行情况…) answers a review heading and a plan heading (计划, 任务…) a plan
heading whatever their words. Sections left over at any depth are then paired by content, mutual
best candidates first and the most specific of a parent and its child, so a topic that sits at a
different depth in the other edition is still found (``moved``). Left-overs made of sentences
found near verbatim in an already paired section become ``split``/``merged``; the rest are
``added``/``removed``.

Threshold (``Options.section_threshold``, 0.3), from measurements on real pairs (see
``benchmarks/align_accuracy.py``): a review chapter against the plan chapter that follows it
(same topics, different sentences) scores 0.20–0.42 for the pairs a reader makes, while the best
wrong candidate of any of those sections scores at most 0.19. Pairs at or above 0.3 are taken;
below it, a pair needs half the threshold and 1.4 times the score of every rival of both its
sections, which recovers all ten labelled pairs and pairs none of the sections that have no
counterpart (中期评估, 数字化转型).

Summary mode maps each summary heading, headline and sentence to the full-report sentences it
condenses: candidates from a character-bigram index, then sources chosen greedily by how much of
the statement they account for in shared runs of 3+ characters (any order), each character
weighted by the rarity of its bigram so that stock phrases count little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from reportdiff.grammar import SUMMARY_MARK, YEAR, heading_role, strip_labels
from reportdiff.model import Outline, Section, SectionKind, Sentence
from reportdiff.options import Options
from reportdiff.text import fold
from reportdiff.tokens import cut

__all__ = [
    "MatchStatus",
    "SectionPair",
    "SectionAlignment",
    "SummarySource",
    "SummaryStatement",
    "SummaryAlignment",
    "align_sections",
    "align_summary",
    "detect_mode",
    "summary_side",
]


class MatchStatus(StrEnum):
    """How a section of one edition relates to the other edition."""

    MATCHED = "matched"
    """Same heading (up to numbering style, spacing and the year), same place."""
    RENAMED = "renamed"
    """Heading reworded or renumbered; content corresponds."""
    MOVED = "moved"
    """Found under another parent, or out of order among its siblings."""
    SPLIT = "split"
    """One old section became several new ones (one pair per new part, same old section)."""
    MERGED = "merged"
    """Several old sections became one new one (one pair per old part, same new section)."""
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class SectionPair:
    """One line of the section map: an old section, a new section (either may be None), and how."""

    old: Section | None
    new: Section | None
    status: MatchStatus
    score: float
    """Overall similarity 0..1 (0 for added/removed)."""
    title_score: float
    """Similarity of the headings alone (numbering and years ignored)."""
    content_score: float
    """Similarity of the content words of the two sections (children included)."""

    def as_record(self) -> dict[str, Any]:
        """The ``sections`` entry of the diff record."""
        return {
            "old": _section_ref(self.old),
            "new": _section_ref(self.new),
            "status": self.status.value,
            "score": round(self.score, 3),
            "title_score": round(self.title_score, 3),
            "content_score": round(self.content_score, 3),
        }


def _section_ref(section: Section | None) -> dict[str, Any] | None:
    if section is None:
        return None
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "line": section.line,
    }


@dataclass(frozen=True, slots=True)
class SectionAlignment:
    """The section map of two outlines.

    Every section of both outlines appears in ``pairs``; a section appears more than once only as
    the shared side of ``split`` (the old section, once per new part) or ``merged`` (the new
    section, once per old part) pairs. Order: new-document order, removed sections inserted right
    after the pair of the nearest paired section that precedes them in the old document.
    """

    pairs: tuple[SectionPair, ...]

    def partner_of_old(self, section_id: str) -> Section | None:
        """The new section paired with old ``section_id`` (the best one for a split), or None."""
        best: SectionPair | None = None
        for pair in self.pairs:
            if pair.old is not None and pair.old.id == section_id and pair.new is not None:
                if best is None or pair.score > best.score:
                    best = pair
        return best.new if best else None

    def partner_of_new(self, section_id: str) -> Section | None:
        """The old section paired with new ``section_id`` (the best one for a merge), or None."""
        best: SectionPair | None = None
        for pair in self.pairs:
            if pair.new is not None and pair.new.id == section_id and pair.old is not None:
                if best is None or pair.score > best.score:
                    best = pair
        return best.old if best else None

    def pair_of_old(self, section_id: str) -> SectionPair | None:
        """The best pair whose old side is ``section_id`` (a ``removed`` pair when unpaired)."""
        found = [p for p in self.pairs if p.old is not None and p.old.id == section_id]
        return max(found, key=lambda p: p.score) if found else None

    def pair_of_new(self, section_id: str) -> SectionPair | None:
        """The best pair whose new side is ``section_id`` (an ``added`` pair when unpaired)."""
        found = [p for p in self.pairs if p.new is not None and p.new.id == section_id]
        return max(found, key=lambda p: p.score) if found else None

    def stats(self) -> dict[str, int]:
        """Pairs per status, every status present (the diff record's ``stats.sections``)."""
        counts = Counter(pair.status for pair in self.pairs)
        return {status.value: counts.get(status, 0) for status in MatchStatus}

    def as_records(self) -> list[dict[str, Any]]:
        """The diff record's ``sections`` list."""
        return [pair.as_record() for pair in self.pairs]


# --------------------------------------------------------------------------------------------
# Features: heading keys, content token vectors
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[a-zA-Z]{2,}")
#: Words that carry no topic in a government report (their IDF is low anyway; removing them keeps
#: the heading score from being driven by filler).
STOP_WORDS = frozenset(
    """
    我们 我区 全区 本区 进一步 坚持 加强 推进 推动 持续 不断 着力 全面 深入 积极 加快 大力
    切实 有效 扎实 努力 继续 以及 其中 通过 进行 开展 实现 提升 提高 工作 情况 主要 重点 方面
    一批 一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 同比 增长 累计 完成 其他 相关 有关
    各项 各类 一系列 下一步 今年 去年 明年 全年 年度 以上 以下 左右 目前 当前 已经 正在
    """.split()
)


def heading_key(title: str) -> str:
    """Comparison key of a heading: numbering label, years and punctuation removed.

    >>> heading_key("一、2023年工作回顾") == heading_key("（二）2024 年工作回顾")
    True
    """
    text = YEAR.sub("", fold(strip_labels(title.strip())))
    return re.sub(r"[\W_]+", "", text)


def review_or_plan(title: str) -> Literal["review", "plan"] | None:
    """Whether a heading introduces a review of past work or a plan (targets and suggestions are
    plans here), by its wording (:func:`reportdiff.grammar.heading_role`).

    >>> review_or_plan("2023 年国民经济和社会发展计划执行情况"), review_or_plan("主要预期目标")
    ('review', 'plan')
    """
    role = heading_role(title)
    if role is None:
        return None
    return "plan" if role.is_plan else "review"


def _words(text: str) -> list[str]:
    """Content words of ``text``: jieba tokens of 2+ CJK or latin characters, no stop words."""
    out: list[str] = []
    for token in cut(YEAR.sub(" ", fold(text))):
        if _WORD.fullmatch(token) and token not in STOP_WORDS:
            out.append(token)
    return out


def _subtree_counts(sections: list[Section]) -> list[Counter[str]]:
    """Content words of each section: its heading and sentences and all its descendants'.

    Each heading and sentence is segmented once (and ``cut`` caches repeats), then counts are
    summed up the tree, instead of segmenting every chapter's whole text once per level.
    """
    own: dict[int, Counter[str]] = {}

    def own_counts(section: Section) -> Counter[str]:
        if id(section) not in own:
            counter = Counter(_words(section.title))
            for sentence in section.sentences:
                counter.update(_words(sentence.text))
            own[id(section)] = counter
        return own[id(section)]

    result = []
    for section in sections:
        total: Counter[str] = Counter()
        for node in section.iter_sections():
            total.update(own_counts(node))
        result.append(total)
    return result


#: Heading similarity given to two review (or two plan) headings, and the factor applied to the
#: similarity of a review heading and a plan heading.
ROLE_TITLE_SCORE = 0.6
ROLE_MISMATCH = 0.5


class _Features:
    """Heading and content similarity matrices between every old and every new section.

    Content vectors are TF-IDF over content words, with IDF computed over the sections of both
    outlines together, so words every section shares (杨浦, 发展) weigh little and topic words
    (营商环境, 滨江) weigh much. Heading similarity is 1 for equal heading keys (numbering and
    years ignored), else the best of heading-word cosine and 0.9 × the squared character ratio.
    """

    def __init__(self, olds: list[Section], news: list[Section]) -> None:
        import numpy as np
        from rapidfuzz import fuzz, process

        self.olds, self.news = olds, news
        self._moving: Any = None
        self.old_index = {id(s): i for i, s in enumerate(olds)}
        self.new_index = {id(s): i for i, s in enumerate(news)}
        both = olds + news
        title_vecs = _tfidf_matrix([Counter(_words(heading_key(s.title) or s.title)) for s in both])
        content_vecs = _tfidf_matrix(_subtree_counts(both))
        n = len(olds)
        self.content = np.clip((content_vecs[:n] @ content_vecs[n:].T).toarray(), 0.0, 1.0)
        cosine = np.clip((title_vecs[:n] @ title_vecs[n:].T).toarray(), 0.0, 1.0)
        old_keys = [heading_key(s.title) for s in olds]
        new_keys = [heading_key(s.title) for s in news]
        if olds and news:
            ratio = process.cdist(old_keys, new_keys, scorer=fuzz.ratio, dtype=np.float64) / 100.0
        else:
            ratio = np.zeros((len(olds), len(news)))
        # Squared so that a shared four-character phrase in two short headings (深入推进依法治区 /
        # 绿色低碳深入推进, ratio 0.5) counts little, while near-identical wording still counts.
        title = np.maximum(cosine, 0.9 * ratio**2)
        # Two untitled sections (preambles) have equal headings; one untitled, none alike.
        equal = np.array([[a == b for b in new_keys] for a in old_keys], dtype=bool).reshape(
            len(olds), len(news)
        )
        empty = np.array(
            [[(a == "") != (b == "") for b in new_keys] for a in old_keys], dtype=bool
        ).reshape(len(olds), len(news))
        title[empty] = 0.0
        title[equal] = 1.0
        # A review heading answers a review heading, a plan heading a plan heading, whatever
        # their words (2023年计划执行情况 ↔ 2024年工作回顾); a review never a plan.
        self.plain_title = title.copy()
        old_roles = [review_or_plan(s.title) for s in olds]
        new_roles = [review_or_plan(s.title) for s in news]
        role = np.ones((len(olds), len(news)))
        for i, a in enumerate(old_roles):
            for j, b in enumerate(new_roles):
                if a and b and a == b:
                    title[i, j] = max(title[i, j], ROLE_TITLE_SCORE)
                elif a and b:
                    role[i, j] = ROLE_MISMATCH
        self.title = title
        self.role = role
        self.size = {
            id(s): len(s.title)
            + sum(len(t.text) for t in s.all_sentences())
            + sum(len(c.title) for c in s.iter_sections())
            for s in both
        }

    def scores(
        self, olds: list[Section], news: list[Section], *, roles: bool = True
    ) -> tuple[Any, Any]:
        """Heading and content similarity sub-matrices for these old rows and new columns.

        With ``roles`` (siblings compared), review/plan headings count as alike and a review
        meeting a plan is scaled down; across the tree the words alone decide (every bureau
        chapter has its own 2024年工作情况)."""
        rows = [self.old_index[id(s)] for s in olds]
        cols = [self.new_index[id(s)] for s in news]
        if not roles:
            return self.plain_title[rows][:, cols], self.content[rows][:, cols]
        role = self.role[rows][:, cols]
        return self.title[rows][:, cols] * role, self.content[rows][:, cols] * role

    def moving_scores(self, olds: list[Section], news: list[Section], threshold: float) -> Any:
        """Similarity of left-over sections anywhere in the two trees (the second pass).

        Content decides (headings count only with some shared content); a whole chapter is not
        one of its items (scaled down when one is less than a quarter the size of the other);
        and a section is not paired with another when one of its children, or one of the
        other's, is at least as similar: the most specific pair is the one meant.
        """
        import numpy as np

        if self._moving is None:
            olds_all, news_all = self.olds, self.news
            titles, contents = self.scores(olds_all, news_all, roles=False)
            # Headings count too (数字化转型 in both), but not without shared content words.
            base = np.where(contents >= MIN_MOVING_CONTENT, _combine(titles, contents), 0.0)
            base = np.maximum(contents, base) * _compatible(olds_all, news_all)
            sizes_old = np.array([self.size[id(s)] for s in olds_all], dtype=float)[:, None]
            sizes_new = np.array([self.size[id(s)] for s in news_all], dtype=float)[None, :]
            ratio = np.minimum(sizes_old, sizes_new) / np.maximum(
                np.maximum(sizes_old, sizes_new), 1
            )
            base = base * np.minimum(1.0, np.sqrt(ratio / 0.25))
            explained = np.zeros_like(base, dtype=bool)
            for i, section in enumerate(olds_all):
                rows = [self.old_index[id(c)] for c in section.children]
                if rows:
                    explained[i] |= base[rows].max(axis=0) >= CHILD_EXPLAINS * base[i]
            for j, section in enumerate(news_all):
                cols = [self.new_index[id(c)] for c in section.children]
                if cols:
                    explained[:, j] |= base[:, cols].max(axis=1) >= CHILD_EXPLAINS * base[:, j]
            self._moving = np.where(explained & (base > 0), 0.0, base)
        rows = [self.old_index[id(s)] for s in olds]
        cols = [self.new_index[id(s)] for s in news]
        return self._moving[rows][:, cols]


#: A child at least this similar (as a share of its parent's similarity) to a section takes its
#: parent's place as that section's candidate.
CHILD_EXPLAINS = 1.0
#: Across the tree, headings count only for sections sharing at least this content similarity.
MIN_MOVING_CONTENT = 0.1


def _tfidf_matrix(counts: list[Counter[str]]) -> Any:
    """Rows of L2-normalised sublinear TF-IDF weights, as a sparse matrix."""
    import numpy as np
    from scipy.sparse import csr_matrix

    df: Counter[str] = Counter()
    for counter in counts:
        df.update(counter.keys())
    vocab = {word: k for k, word in enumerate(sorted(df))}
    n = len(counts)
    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for counter in counts:
        weights = [
            (vocab[w], (1.0 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1.0))
            for w, c in sorted(counter.items())
        ]
        norm = math.sqrt(sum(v * v for _, v in weights)) or 1.0
        for col, value in weights:
            indices.append(col)
            data.append(value / norm)
        indptr.append(len(indices))
    return csr_matrix(
        (np.array(data), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(n, max(len(vocab), 1)),
    )


def _combine(title: Any, content: Any) -> Any:
    """Overall section similarity: content counts most, the heading decides close calls."""
    return 0.35 * title + 0.65 * content


# --------------------------------------------------------------------------------------------
# Section alignment
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Match:
    old: Section
    new: Section
    title: float
    content: float
    moved: bool = False
    """Out of order among siblings whose parents are paired."""
    late: bool = False
    """Found by the second pass (moved unless its parents turn out to be paired together)."""

    @property
    def score(self) -> float:
        return float(_combine(self.title, self.content))


#: Kinds that only ever pair with their own kind (a table is not a chapter, a TOC not a preamble).
_SPECIAL_KINDS = frozenset(
    {
        SectionKind.TOC,
        SectionKind.TITLE_BLOCK,
        SectionKind.SALUTATION,
        SectionKind.GLOSSARY,
        SectionKind.TABLE,
        SectionKind.PREAMBLE,
    }
)


def _compatible(olds: list[Section], news: list[Section]) -> Any:
    """1 where two sections may pair by kind, else 0."""
    import numpy as np

    def group(section: Section) -> str:
        return section.kind.value if section.kind in _SPECIAL_KINDS else "body"

    old_groups = [group(s) for s in olds]
    new_groups = [group(s) for s in news]
    return np.array([[1.0 if a == b else 0.0 for b in new_groups] for a in old_groups]).reshape(
        len(olds), len(news)
    )


_ONE_PER_REPORT = frozenset(
    {SectionKind.TITLE_BLOCK, SectionKind.SALUTATION, SectionKind.PREAMBLE, SectionKind.TOC}
)


def _same_role(olds: list[Section], news: list[Section]) -> Any:
    """1 where both sections are the report's title block (or salutation, preamble, TOC)."""
    import numpy as np

    return np.array(
        [
            [1.0 if a.kind == b.kind and a.kind in _ONE_PER_REPORT else 0.0 for b in news]
            for a in olds
        ]
    ).reshape(len(olds), len(news))


#: A pair below ``section_threshold`` is still accepted when it scores at least this share of the
#: threshold and this many times more than either section's best alternative (see _assign).
WEAK_SHARE = 0.5
#: The same share for left-overs paired across the tree, where candidates are many more.
WEAK_SHARE_MOVING = 0.65
WEAK_MARGIN = 1.4


def _assign(
    olds: list[Section],
    news: list[Section],
    features: _Features,
    threshold: float,
    *,
    moving: bool = False,
) -> list[_Match]:
    """One optimal one-to-one assignment between two lists of sections.

    A pair is kept when its similarity reaches ``threshold``, or, for reworded plans that share
    topic words but not sentences, when it reaches half the threshold and stands out: at least
    1.4 times the best alternative of both its old and its new section.
    """
    if not olds or not news:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    titles, contents = features.scores(olds, news, roles=not moving)
    if moving:
        scores = features.moving_scores(olds, news, threshold)
    else:
        scores = _combine(titles, contents) * _compatible(olds, news)
        # The title block answers the title block, 各位代表 answers 各位代表, whatever their words.
        scores = np.maximum(scores, threshold * _same_role(olds, news))
    raw = scores
    if moving:
        # Mutual best only: anything else waits for the next round (or stays unpaired).
        best_rows = scores.max(axis=1, keepdims=True)
        best_cols = scores.max(axis=0, keepdims=True)
        scores = np.where((scores >= best_rows) & (scores >= best_cols), scores, 0.0)
    n_old, n_new = scores.shape
    # Order prior: among equally good candidates prefer the one at the same relative place.
    pos_old = np.arange(n_old)[:, None] / max(n_old - 1, 1)
    pos_new = np.arange(n_new)[None, :] / max(n_new - 1, 1)
    prior = 0.02 * (1.0 - np.abs(pos_old - pos_new))
    rows, cols = linear_sum_assignment(-(scores + prior))
    matches = []
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        score = float(scores[i, j])
        if score < threshold:
            others = np.concatenate((np.delete(raw[i, :], j), np.delete(raw[:, j], i)))
            rival = float(others.max()) if others.size else 0.0
            share = WEAK_SHARE_MOVING if moving else WEAK_SHARE
            if score < share * threshold or score < WEAK_MARGIN * rival:
                continue
        matches.append(_Match(olds[i], news[j], float(titles[i, j]), float(contents[i, j])))
    return matches


def _out_of_order(matches: list[_Match], olds: list[Section], news: list[Section]) -> set[int]:
    """Indices (into ``matches``) of pairs outside the longest run kept in the same order."""
    old_pos = {id(s): i for i, s in enumerate(olds)}
    new_pos = {id(s): i for i, s in enumerate(news)}
    order = sorted(range(len(matches)), key=lambda k: new_pos[id(matches[k].new)])
    seq = [old_pos[id(matches[k].old)] for k in order]
    # Longest increasing subsequence (patience sorting), keeping indices to rebuild it.
    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    import bisect

    for idx, value in enumerate(seq):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tails_idx.append(idx)
        else:
            tails[pos] = value
            tails_idx[pos] = idx
        prev[idx] = tails_idx[pos - 1] if pos else -1
    keep: set[int] = set()
    k = tails_idx[-1] if tails_idx else -1
    while k >= 0:
        keep.add(order[k])
        k = prev[k]
    return set(range(len(matches))) - keep


def align_sections(old: Outline, new: Outline, *, options: Options) -> SectionAlignment:
    """Pair the sections of ``old`` and ``new`` (see the module docstring for the method)."""
    old_all = list(old.iter_sections())
    new_all = list(new.iter_sections())
    features = _Features(old_all, new_all)
    threshold = options.section_threshold
    matches: list[_Match] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()

    def take(match: _Match) -> None:
        matches.append(match)
        taken_old.add(id(match.old))
        taken_new.add(id(match.new))

    def descend(olds: list[Section], news: list[Section]) -> None:
        olds = [s for s in olds if id(s) not in taken_old]
        news = [s for s in news if id(s) not in taken_new]
        found = _assign(olds, news, features, threshold)
        shifted = _out_of_order(found, olds, news)
        for k, match in enumerate(found):
            if k in shifted:
                match = _Match(match.old, match.new, match.title, match.content, moved=True)
            take(match)
        for match in found:
            descend(list(match.old.children), list(match.new.children))

    descend(list(old.root.children), list(new.root.children))

    # Second pass: left-overs at any depth, paired by content, become "moved"; their children are
    # then assigned as in the first pass. Only mutual best candidates are taken in each round, so
    # a left-over never takes another's better partner.
    while True:
        left_old = [s for s in old_all if id(s) not in taken_old]
        left_new = [s for s in new_all if id(s) not in taken_new]
        found = _assign(left_old, left_new, features, threshold, moving=True)
        if not found:
            break
        for match in found:
            if id(match.old) in taken_old or id(match.new) in taken_new:
                continue  # taken meanwhile as the child of a pair found in this round
            take(_Match(match.old, match.new, match.title, match.content, late=True))
            descend(list(match.old.children), list(match.new.children))

    pairs = _to_pairs(old, new, matches)
    pairs = _split_and_merge(pairs, features, old, new)
    return SectionAlignment(pairs=_order_pairs(old_all, new_all, pairs))


#: A left-over section is part of a split/merge when this share of its text (by characters) is
#: sentences found, near verbatim, in one paired section of the other side.
SPLIT_CONTAINMENT = 0.5
_NEAR_VERBATIM = 85.0


def _sentence_owners(sections: Iterable[Section]) -> tuple[list[str], list[Section]]:
    keys: list[str] = []
    owners: list[Section] = []
    for section in sections:
        for sentence in section.sentences:
            keys.append(fold(sentence.text))
            owners.append(section)
    return keys, owners


_SHINGLE = 8


def _shingles(keys: list[str]) -> dict[str, list[int]]:
    """Index of every 8-character run starting at a multiple of 4 in each key. Two sentences at
    ratio 85+ almost always share such a run (it takes an edit every four characters to avoid)."""
    index: dict[str, list[int]] = {}
    for k, key in enumerate(keys):
        for i in range(0, max(len(key) - _SHINGLE + 1, 1), 4):
            index.setdefault(key[i : i + _SHINGLE], []).append(k)
    return index


def _best_container(
    section: Section,
    keys: list[str],
    owners: list[Section],
    exact: dict[str, int],
    shingles: dict[str, list[int]],
    parents: dict[int, Section],
) -> tuple[Section | None, float]:
    """The section of the other side holding most of ``section``'s sentences, and that share."""
    from rapidfuzz import fuzz, process

    mass: Counter[int] = Counter()
    total = 0
    for sentence in section.all_sentences():
        key = fold(sentence.text)
        total += len(key)
        k = exact.get(key)
        if k is None and len(key) >= 10:
            # Near-verbatim candidates share at least one 8-character run (see _shingles).
            near = sorted(
                {
                    c
                    for i in range(len(key) - _SHINGLE + 1)
                    for c in shingles.get(key[i : i + _SHINGLE], ())
                }
            )
            if near:
                found = process.extractOne(
                    key, [keys[c] for c in near], scorer=fuzz.ratio, score_cutoff=_NEAR_VERBATIM
                )
                k = near[found[2]] if found else None
        if k is not None:
            mass[id(owners[k])] += len(key)
    if not mass or not total:
        return None, 0.0
    # Roll the mass up to ancestors: a split part may draw on several children of one section.
    by_id = {id(o): o for o in owners}
    rolled: Counter[int] = Counter()
    for owner_id, value in mass.items():
        node: Section | None = by_id[owner_id]
        while node is not None:
            rolled[id(node)] += value
            by_id.setdefault(id(node), node)
            node = parents.get(id(node))
    order = {id(o): k for k, o in enumerate(owners)}
    # Highest share; among equal shares the deepest section (the most specific container).
    best_id = max(rolled, key=lambda i: (rolled[i], by_id[i].level, -order.get(i, 0)))
    return by_id[best_id], rolled[best_id] / total


def _split_and_merge(
    pairs: list[SectionPair], features: _Features, old: Outline, new: Outline
) -> list[SectionPair]:
    """Turn added (removed) sections made of a paired old (new) section's sentences into split
    (merged) pairs with that section."""
    added = [p.new for p in pairs if p.status == MatchStatus.ADDED and p.new is not None]
    removed = [p.old for p in pairs if p.status == MatchStatus.REMOVED and p.old is not None]
    if not added and not removed:
        return pairs
    paired_old = {id(p.old) for p in pairs if p.old is not None and p.new is not None}
    paired_new = {id(p.new) for p in pairs if p.old is not None and p.new is not None}
    replace: dict[int, SectionPair] = {}
    for lefts, others, paired, status, parents in (
        (
            added,
            [p.old for p in pairs if p.old is not None],
            paired_old,
            MatchStatus.SPLIT,
            _parent_map(old),
        ),
        (
            removed,
            [p.new for p in pairs if p.new is not None],
            paired_new,
            MatchStatus.MERGED,
            _parent_map(new),
        ),
    ):
        if not lefts:
            continue
        keys, owners = _sentence_owners(dict.fromkeys(others))
        exact: dict[str, int] = {}
        for k, key in enumerate(keys):
            exact.setdefault(key, k)
        shingles = _shingles(keys)
        for left in lefts:
            container, share = _best_container(left, keys, owners, exact, shingles, parents)
            if container is None or share < SPLIT_CONTAINMENT or id(container) not in paired:
                continue
            if status == MatchStatus.SPLIT:
                old_s, new_s = container, left
            else:
                old_s, new_s = left, container
            title, content = features.scores([old_s], [new_s])
            t, c = float(title[0, 0]), float(content[0, 0])
            replace[id(left)] = SectionPair(old_s, new_s, status, float(_combine(t, c)), t, c)
    out = []
    for pair in pairs:
        side = pair.new if pair.status == MatchStatus.ADDED else pair.old
        out.append(replace.get(id(side), pair) if pair.old is None or pair.new is None else pair)
    return out


def _parent_map(outline: Outline) -> dict[int, Section]:
    """Parent of every section (the root excluded: it pairs with nothing)."""
    parents: dict[int, Section] = {}
    for section in outline.iter_sections():
        for child in section.children:
            parents[id(child)] = section
    return parents


def _to_pairs(old: Outline, new: Outline, matches: list[_Match]) -> list[SectionPair]:
    pairs: list[SectionPair] = []
    old_parents, new_parents = _parent_map(old), _parent_map(new)
    together = {(id(m.old), id(m.new)) for m in matches}

    def parents_paired(m: _Match) -> bool:
        a, b = old_parents.get(id(m.old)), new_parents.get(id(m.new))
        if a is None or b is None:
            return a is None and b is None
        return (id(a), id(b)) in together

    for m in matches:
        same_heading = _same_title(m.old, m.new) and _same_number(m.old, m.new)
        if m.moved or (m.late and not parents_paired(m)):
            status = MatchStatus.MOVED
        elif same_heading:
            status = MatchStatus.MATCHED
        else:
            status = MatchStatus.RENAMED
        pairs.append(SectionPair(m.old, m.new, status, m.score, m.title, m.content))
    paired_old = {id(m.old) for m in matches}
    paired_new = {id(m.new) for m in matches}
    for section in old.iter_sections():
        if id(section) not in paired_old:
            pairs.append(SectionPair(section, None, MatchStatus.REMOVED, 0.0, 0.0, 0.0))
    for section in new.iter_sections():
        if id(section) not in paired_new:
            pairs.append(SectionPair(None, section, MatchStatus.ADDED, 0.0, 0.0, 0.0))
    return pairs


def _same_title(a: Section, b: Section) -> bool:
    """Headings equal as a reader sees them: width, spacing and the year aside (「2023年工作回顾」
    and 「2024年工作回顾」 are the same heading). Word-set similarity is not enough: inserting a
    word the heading already contains leaves the set unchanged."""
    return YEAR.sub("", fold(a.title)) == YEAR.sub("", fold(b.title))


def _same_number(a: Section, b: Section) -> bool:
    return fold(a.number or "") == fold(b.number or "")


def _order_pairs(
    old_all: list[Section], new_all: list[Section], pairs: list[SectionPair]
) -> tuple[SectionPair, ...]:
    """New-document order; pairs without a new side go after the nearest preceding old section."""
    new_pos = {id(s): i for i, s in enumerate(new_all)}
    old_pos = {id(s): i for i, s in enumerate(old_all)}
    with_new = sorted(
        (p for p in pairs if p.new is not None),
        key=lambda p: (new_pos[id(p.new)], old_pos[id(p.old)] if p.old is not None else -1),
    )
    without_new = sorted((p for p in pairs if p.new is None), key=lambda p: old_pos[id(p.old)])
    # Where does each old section appear in the output so far?
    result: list[SectionPair] = list(with_new)
    for pair in without_new:
        assert pair.old is not None
        target = old_pos[id(pair.old)]
        insert_at = 0
        best = -1
        for k, placed in enumerate(result):
            if placed.old is not None and best <= old_pos[id(placed.old)] < target:
                best = old_pos[id(placed.old)]
                insert_at = k + 1
        # Keep removed runs in old order: skip over removed pairs already placed right there.
        while (
            insert_at < len(result)
            and result[insert_at].new is None
            and result[insert_at].old is not None
            and old_pos[id(result[insert_at].old)] < target
        ):
            insert_at += 1
        result.insert(insert_at, pair)
    return tuple(result)


# --------------------------------------------------------------------------------------------
# Mode detection
# --------------------------------------------------------------------------------------------


def _calls_itself_summary(outline: Outline) -> bool:
    head = [outline.title or ""]
    head.extend(block.text for block in outline.document.blocks[:12])
    return any(SUMMARY_MARK.search(text) and len(text) <= 40 for text in head)


def _size(outline: Outline) -> int:
    return sum(len(s.text) for sec in outline.iter_sections() for s in sec.sentences) or len(
        outline.document.text
    )


#: One side is "far shorter" when it has less than this share of the other's text.
SUMMARY_SIZE_RATIO = 0.25


def summary_side(old: Outline, new: Outline) -> Literal["old", "new"] | None:
    """Which side is a summary of the other: a side that calls itself 摘要, else one far shorter."""
    old_says, new_says = _calls_itself_summary(old), _calls_itself_summary(new)
    if old_says != new_says:
        return "old" if old_says else "new"
    old_size, new_size = _size(old), _size(new)
    if old_size < SUMMARY_SIZE_RATIO * new_size:
        return "old"
    if new_size < SUMMARY_SIZE_RATIO * old_size:
        return "new"
    return None


def detect_mode(old: Outline, new: Outline) -> Literal["editions", "summary"]:
    """``summary`` when one side is a summary of the other (see :func:`summary_side`)."""
    return "summary" if summary_side(old, new) is not None else "editions"


# --------------------------------------------------------------------------------------------
# Summary ↔ full report
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SummarySource:
    """A full-report sentence a summary statement draws on."""

    sentence: Sentence
    section: Section
    score: float
    """Share of the statement this sentence accounts for (characters in common runs of 3+,
    weighted by how rare they are in the full report), 0..1."""

    def as_record(self) -> dict[str, Any]:
        return {**_sentence_ref(self.section, self.sentence), "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class SummaryStatement:
    """A summary sentence or headline and the full-report sentences it condenses."""

    sentence: Sentence
    section: Section
    heading: bool
    """True when the statement is a heading or headline item rather than a prose sentence."""
    sources: tuple[SummarySource, ...]
    coverage: float
    """Share of the statement its sources account for together (weighted as ``score``), 0..1."""

    def as_record(self) -> dict[str, Any]:
        return {
            "summary": _sentence_ref(self.section, self.sentence),
            "heading": self.heading,
            "coverage": round(self.coverage, 3),
            "sources": [source.as_record() for source in self.sources],
        }


def _sentence_ref(section: Section, sentence: Sentence) -> dict[str, Any]:
    return {
        "section_id": section.id,
        "section_title": section.title,
        "text": sentence.text,
        "line": sentence.line,
    }


@dataclass(frozen=True, slots=True)
class SummaryAlignment:
    """How a summary maps onto the full report it condenses."""

    statements: tuple[SummaryStatement, ...]
    """Statements with at least one source, in summary order."""
    unsupported: tuple[SummaryStatement, ...]
    """Statements the full report does not account for, in summary order (their ``sources`` are
    the partial candidates found, for the curious; they are not a mapping)."""
    uncovered_sections: tuple[Section, ...]
    """Highest full-report sections with body text none of which the summary draws on."""
    coverage: float
    """Share of full-report sections with body text that the summary draws on."""

    def sources_of(self, sentence: Sentence) -> tuple[SummarySource, ...]:
        """The sources of one summary sentence (empty when unsupported or unknown)."""
        for statement in self.statements:
            if statement.sentence == sentence:
                return statement.sources
        return ()

    def as_record(self, summary_side: Literal["old", "new"]) -> dict[str, Any]:
        """The diff record's ``summary`` object."""
        return {
            "summary_side": summary_side,
            "coverage": round(self.coverage, 3),
            "statements": [s.as_record() for s in self.statements],
            "unsupported": [_sentence_ref(s.section, s.sentence) for s in self.unsupported],
            "uncovered_sections": [_section_ref(s) for s in self.uncovered_sections],
        }


#: A statement is supported when its sources together account for this share of it. Measured on
#: the 2025 summary against the 2025 compilation: true sources scored 0.47 and up, the highest
#: false candidates (stock phrases such as 经济社会发展的主要目标) 0.42.
SUPPORT_THRESHOLD = 0.45
#: A sentence becomes a source only when it accounts for this share of the statement's characters
#: not yet accounted for, and for at least MIN_GAIN_CHARS of them (so that a long statement may
#: draw on several sentences, each for one of its clauses, but no sentence counts for one word).
SOURCE_GAIN = 0.2
MIN_GAIN_CHARS = 6
MAX_SOURCES = 5
MAX_CANDIDATES = 40


_NOT_STATEMENTS = (SectionKind.TOC, SectionKind.TITLE_BLOCK, SectionKind.SALUTATION)


def _statements(outline: Outline) -> Iterator[tuple[Section, Sentence, bool]]:
    """Headings and sentences of ``outline`` in document order (preamble sentences included)."""
    for section in outline.root.iter_sections():
        if section.kind in _NOT_STATEMENTS:
            continue
        if section.title and section is not outline.root:
            yield section, Sentence(text=section.heading, line=section.line), True
        for sentence in section.sentences:
            yield section, sentence, False


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


#: Characters of a statement count as drawn from a source only in common runs this long, so
#: that scattered common characters of a long sentence do not look like a source.
MIN_RUN = 3


def _covered(statement: str, source: str) -> frozenset[int]:
    """Positions of ``statement`` inside runs of at least MIN_RUN characters that also occur in
    ``source``, in any order (a summary reorders list items: 具身智能、低空经济、类脑智能)."""
    positions: set[int] = set()
    i, n = 0, len(statement)
    while i <= n - MIN_RUN:
        if statement[i : i + MIN_RUN] not in source:
            i += 1
            continue
        j = i + MIN_RUN
        while j < n and statement[i : j + 1] in source:
            j += 1
        positions.update(range(i, j))
        i = j
    return frozenset(positions)


def align_summary(summary: Outline, full: Outline, *, options: Options) -> SummaryAlignment:
    """Map every summary heading, headline and sentence to the full-report sentences it condenses.

    Candidates come from an inverted index of full-report sentences (and headings) by character
    bigram of the :func:`~reportdiff.text.fold` key; sources are then chosen greedily by how many
    of the statement's characters each accounts for in common runs of 3+ characters, so one
    statement may draw on several sentences (one-to-many).
    """
    full_sentences: list[tuple[Section, Sentence, str, set[str]]] = []
    for section, sentence, is_heading in _statements(full):
        key = _key(strip_labels(sentence.text) if is_heading else sentence.text)
        grams = {key[i : i + 2] for i in range(len(key) - 1)}
        if grams:
            full_sentences.append((section, sentence, key, grams))
    index: dict[str, list[int]] = {}
    for k, (_, _, _, grams) in enumerate(full_sentences):
        for gram in grams:
            index.setdefault(gram, []).append(k)
    # Very common bigrams (on most sentences) do not help pick candidates.
    common_limit = max(50, len(full_sentences) // 5)
    n_full = len(full_sentences) + 1
    idf = {gram: math.log(n_full / len(postings)) for gram, postings in index.items()}
    max_idf = math.log(n_full + 1)

    supported: list[SummaryStatement] = []
    unsupported: list[SummaryStatement] = []
    drawn_on: set[str] = set()
    for section, sentence, is_heading in _statements(summary):
        key = _key(strip_labels(sentence.text) if is_heading else sentence.text)
        if len(key) < 4:
            continue
        grams = {key[i : i + 2] for i in range(len(key) - 1)}
        hits: Counter[int] = Counter()
        for gram in grams:
            postings = index.get(gram, ())
            if len(postings) <= common_limit:
                hits.update(postings)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        # Each character weighs as much as its bigram is rare in the full report, so that shared
        # stock phrases (经济社会发展, 发展壮大) count for less than shared specifics (8.0版).
        weights = [
            idf.get(key[max(i - 1, 0) : max(i - 1, 0) + 2], max_idf) ** 2 for i in range(len(key))
        ]
        total = sum(weights) or 1.0
        spans = {k: _covered(key, full_sentences[k][2]) for k, _ in ranked}
        covered: set[int] = set()
        sources: list[SummarySource] = []
        while len(sources) < MAX_SOURCES and spans:
            best_k, best_gain, best_chars = -1, 0.0, 0
            for k, span in spans.items():
                fresh = span - covered
                gain = sum(weights[i] for i in fresh)
                if gain > best_gain:
                    best_k, best_gain, best_chars = k, gain, len(fresh)
            if best_k < 0 or best_chars < MIN_GAIN_CHARS or best_gain < SOURCE_GAIN * total:
                break
            src_section, src_sentence, _, _ = full_sentences[best_k]
            span = spans.pop(best_k)
            covered |= span
            sources.append(
                SummarySource(src_sentence, src_section, sum(weights[i] for i in span) / total)
            )
        coverage = sum(weights[i] for i in covered) / total
        statement = SummaryStatement(sentence, section, is_heading, tuple(sources), coverage)
        if sources and coverage >= SUPPORT_THRESHOLD:
            supported.append(statement)
            drawn_on.update(src.section.id for src in sources)
        else:
            unsupported.append(statement)

    with_text = [s for s in full.iter_sections() if s.sentences]
    covered_count = sum(1 for s in with_text if s.id in drawn_on)
    uncovered: list[Section] = []

    def walk(section: Section) -> None:
        subtree = {s.id for s in section.iter_sections()}
        has_text = any(s.sentences for s in section.iter_sections())
        if has_text and not subtree & drawn_on:
            uncovered.append(section)
            return
        for child in section.children:
            walk(child)

    for top in full.root.children:
        walk(top)
    return SummaryAlignment(
        statements=tuple(supported),
        unsupported=tuple(unsupported),
        uncovered_sections=tuple(uncovered),
        coverage=covered_count / len(with_text) if with_text else 0.0,
    )
