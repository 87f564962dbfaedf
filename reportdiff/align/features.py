"""Section features: heading keys, content words, and the similarity of every old and new section.

Content vectors are TF-IDF over jieba content words (IDF over the sections of both outlines), the
heading score the best of heading-word cosine and the squared character ratio of heading keys; a
review heading answers a review heading and a plan heading a plan heading whatever their words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from reportdiff.grammar import YEAR, heading_role, plan_horizon, strip_labels
from reportdiff.model import Section, SectionKind
from reportdiff.text import fold
from reportdiff.tokens import cut

_T = TypeVar("_T")

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


def role_and_span(title: str) -> str | None:
    """Review or plan, a plan with its span when the heading names one (``plan/year``)."""
    role = review_or_plan(title)
    if role == "plan":
        span = plan_horizon(title)
        return f"plan/{span}" if span else "plan"
    return role


def same_role(a: str, b: str) -> bool:
    """Two roles of :func:`role_and_span` agree: the same role, and the same span when both
    plans name one."""
    role_a, _, span_a = a.partition("/")
    role_b, _, span_b = b.partition("/")
    return role_a == role_b and not (span_a and span_b and span_a != span_b)


def inherited_role(
    section: Section, parents: dict[int, Section]
) -> Literal["review", "plan"] | None:
    """Review or plan, by the nearest heading at or above ``section`` that says which."""
    return _nearest_heading(section, parents, review_or_plan)


def inherited_span(section: Section, parents: dict[int, Section]) -> str | None:
    """The span of the nearest plan heading at or above ``section`` that names one (a
    subsection of 「“十五五”时期主要目标任务」 speaks for five years, one of 「2026年重点工作」
    for one year), or None."""

    def span(title: str) -> str | None:
        return plan_horizon(title) if review_or_plan(title) == "plan" else None

    return _nearest_heading(section, parents, span)


def _nearest_heading(
    section: Section, parents: dict[int, Section], read: Callable[[str], _T | None]
) -> _T | None:
    """What ``read`` says of the nearest heading at or above ``section`` that it says anything
    of (a lead sentence is not a heading)."""
    node: Section | None = section
    while node is not None:
        found = read(node.title) if node.kind is not SectionKind.LEAD else None
        if found:
            return found
        node = parents.get(id(node))
    return None


def content_words(text: str) -> list[str]:
    """Content words of ``text``: jieba tokens of 2+ CJK or latin characters (folded), no stop
    words. The text is cut as it is written, so a sentence segmented here is not segmented
    again by the diff (jieba's results are cached per text)."""
    out: list[str] = []
    for token in cut(text):
        key = fold(token)
        if _WORD.fullmatch(key) and key not in STOP_WORDS:
            out.append(key)
    return out


def subtree_counts(sections: list[Section]) -> list[Counter[str]]:
    """Content words of each section: its heading and sentences and all its descendants'.

    Each heading and sentence is segmented once (and ``cut`` caches repeats), then counts are
    summed up the tree, instead of segmenting every chapter's whole text once per level.
    """
    own: dict[int, Counter[str]] = {}

    def own_counts(section: Section) -> Counter[str]:
        if id(section) not in own:
            counter = Counter(content_words(section.title))
            for sentence in section.sentences:
                counter.update(content_words(sentence.text))
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
#: A five-year plan's chapter against one year's tasks: never one section (「“十二五”时期的主要
#: 目标和任务」 has no counterpart in the next year's report, which plans one year).
SPAN_MISMATCH = 0.0
#: Across the tree (left-overs at any depth), a review section and a plan one pair only when
#: their content is this alike (the section moved near verbatim): a plan's item reworded as next
#: year's review heading (「提升城市宜居品质」) reports on it, it is not the same section.
MOVED_VERBATIM = 0.8


class SectionFeatures:
    """Heading and content similarity matrices between every old and every new section.

    Content vectors are TF-IDF over content words, with IDF computed over the sections of both
    outlines together, so words every section shares (杨浦, 发展) weigh little and topic words
    (营商环境, 滨江) weigh much. Heading similarity is 1 for equal heading keys (numbering and
    years ignored), else the best of heading-word cosine and 0.9 × the squared character ratio.
    """

    def __init__(
        self,
        olds: list[Section],
        news: list[Section],
        old_parents: dict[int, Section] | None = None,
        new_parents: dict[int, Section] | None = None,
    ) -> None:
        import numpy as np
        from rapidfuzz import fuzz, process

        self.olds, self.news = olds, news
        self.old_parents = old_parents or {}
        self.new_parents = new_parents or {}
        self._moving: Any = None
        self.old_index = {id(s): i for i, s in enumerate(olds)}
        self.new_index = {id(s): i for i, s in enumerate(news)}
        both = olds + news
        title_vecs = tfidf_matrix(
            [Counter(content_words(heading_key(s.title) or s.title)) for s in both]
        )
        content_vecs = tfidf_matrix(subtree_counts(both))
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
        # A five-year plan's chapter answers a five-year chapter, one year's tasks a year's.
        old_roles = [role_and_span(s.title) for s in olds]
        new_roles = [role_and_span(s.title) for s in news]
        role = np.ones((len(olds), len(news)))
        for i, a in enumerate(old_roles):
            for j, b in enumerate(new_roles):
                if a and b and same_role(a, b):
                    title[i, j] = max(title[i, j], ROLE_TITLE_SCORE)
                elif a and b and a.partition("/")[0] == b.partition("/")[0]:
                    role[i, j] = SPAN_MISMATCH
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
            base = np.where(contents >= MIN_MOVING_CONTENT, combine(titles, contents), 0.0)
            base = np.maximum(contents, base) * compatible(olds_all, news_all)
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
            moving = np.where(explained & (base > 0), 0.0, base)
            # What a review reports is not what a plan promises: across the tree a section under
            # a review heading and one under a plan heading pair only on strong evidence (a
            # section moved verbatim), not on a shared topic.
            old_roles = [inherited_role(s, self.old_parents) for s in olds_all]
            new_roles = [inherited_role(s, self.new_parents) for s in news_all]
            clash = np.array(
                [[bool(a and b and a != b) for b in new_roles] for a in old_roles], dtype=bool
            ).reshape(len(olds_all), len(news_all))
            # A section under a five-year plan's chapter never answers one under a year's
            # tasks, at any depth (the span is the nearest spanned plan heading's).
            old_spans = [inherited_span(s, self.old_parents) for s in olds_all]
            new_spans = [inherited_span(s, self.new_parents) for s in news_all]
            spans = self.role == SPAN_MISMATCH
            spans |= np.array(
                [[bool(a and b and a != b) for b in new_spans] for a in old_spans], dtype=bool
            ).reshape(len(olds_all), len(news_all))
            moving = np.where(spans, 0.0, moving)
            self._moving = np.where(clash & (contents < MOVED_VERBATIM), 0.0, moving)

        rows = [self.old_index[id(s)] for s in olds]
        cols = [self.new_index[id(s)] for s in news]
        return self._moving[rows][:, cols]


#: A child at least this similar (as a share of its parent's similarity) to a section takes its
#: parent's place as that section's candidate.
CHILD_EXPLAINS = 1.0
#: Across the tree, headings count only for sections sharing at least this content similarity.
MIN_MOVING_CONTENT = 0.1


def tfidf_matrix(counts: list[Counter[str]]) -> Any:
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


def combine(title: Any, content: Any) -> Any:
    """Overall section similarity: content counts most, the heading decides close calls."""
    return 0.35 * title + 0.65 * content


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


def compatible(olds: list[Section], news: list[Section]) -> Any:
    """1 where two sections may pair by kind, else 0."""
    import numpy as np

    def group(section: Section) -> str:
        return section.kind.value if section.kind in _SPECIAL_KINDS else "body"

    old_groups = [group(s) for s in olds]
    new_groups = [group(s) for s in news]
    return np.array([[1.0 if a == b else 0.0 for b in new_groups] for a in old_groups]).reshape(
        len(olds), len(news)
    )
