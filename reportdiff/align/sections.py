"""Section alignment: one optimal assignment per level, then left-overs across the tree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from reportdiff.align.features import SectionFeatures, combine, compatible
from reportdiff.align.records import MatchStatus, SectionAlignment, SectionPair
from reportdiff.align.regroup import (
    join_plan_chapters,
    lift_promoted_parts,
    parent_map,
    regroup_by_content,
    split_and_merge,
)
from reportdiff.grammar import YEAR
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.options import Options
from reportdiff.solvers import heaviest_chain
from reportdiff.text import fold

__all__ = ["align_sections"]


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
        return float(combine(self.title, self.content))


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
    features: SectionFeatures,
    threshold: float,
    *,
    moving: bool = False,
    scale: Any = None,
) -> list[_Match]:
    """One optimal one-to-one assignment between two lists of sections.

    A pair is kept when its similarity reaches ``threshold``, or, for reworded plans that share
    topic words but not sentences, when it reaches half the threshold and stands out: at least
    1.4 times the best alternative of both its old and its new section.
    """
    if not olds or not news:
        return []
    import numpy as np

    from reportdiff.solvers import linear_sum_assignment

    titles, contents = features.scores(olds, news, roles=not moving)
    if moving:
        scores = features.moving_scores(olds, news, threshold)
    else:
        scores = combine(titles, contents) * compatible(olds, news)
        # The title block answers the title block, 各位代表 answers 各位代表, whatever their words.
        scores = np.maximum(scores, threshold * _same_role(olds, news))
    if scale is not None:
        scores = scores * scale
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


#: Siblings left over by the assignment get a second chance among themselves on their content
#: alone (plans reword every heading: 发挥政策引导保障支撑作用 → 着力提振市场信心增强社会预期).
SECOND_CHANCE_CONTENT = 0.2
#: ...and with at least this share of the best content similarity either has with any sibling.
SECOND_CHANCE_SHARE = 0.8


def _second_chance(
    olds: list[Section], news: list[Section], found: list[_Match], features: SectionFeatures
) -> list[_Match]:
    """One optimal assignment of the siblings the first one left, by content similarity alone,
    keeping pairs at SECOND_CHANCE_CONTENT or above."""
    paired_old = {id(m.old) for m in found}
    paired_new = {id(m.new) for m in found}
    left_old = [s for s in olds if id(s) not in paired_old]
    left_new = [s for s in news if id(s) not in paired_new]
    if not left_old or not left_new:
        return []
    from reportdiff.solvers import linear_sum_assignment

    titles, contents = features.scores(left_old, left_new)
    contents = contents * compatible(left_old, left_new)
    # The best each left-over has among all siblings, paired ones included: a left-over far more
    # like a paired sibling is that sibling's split or merged part, not this pair's.
    everything = features.scores(olds, news)[1] * compatible(olds, news)
    row_best = {id(s): float(everything[k].max()) for k, s in enumerate(olds)}
    col_best = {id(s): float(everything[:, k].max()) for k, s in enumerate(news)}
    rows, cols = linear_sum_assignment(-contents)
    return [
        _Match(left_old[i], left_new[j], float(titles[i, j]), float(contents[i, j]))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        if contents[i, j] >= SECOND_CHANCE_CONTENT
        and contents[i, j] >= SECOND_CHANCE_SHARE * row_best[id(left_old[i])]
        and contents[i, j] >= SECOND_CHANCE_SHARE * col_best[id(left_new[j])]
    ]


#: Across the tree, a section whose parent is paired keeps this share of its similarity to a
#: section outside the parent's partner when the partner holds a candidate at least this share as
#: good: a topic rarely leaves its chapter when the chapter has a place for it (the 2025 plan's
#: subsections belong with the 2026 plan's, not with the new 十五五 chapter's), while a plan's
#: task may become a bureau's chapter of its own in a compilation.
AWAY_FROM_HOME = 0.6


def _away_from_home(
    olds: list[Section],
    news: list[Section],
    matches: list[_Match],
    features: SectionFeatures,
    threshold: float,
    old_parents: dict[int, Section],
    new_parents: dict[int, Section],
) -> Any:
    """Per pair, 1 or AWAY_FROM_HOME (see there), seen from either edition: a pair is away from
    home when it leaves the old section's home or the new section's, so that swapping the
    editions swaps the scale."""
    import numpy as np

    scale = np.ones((len(olds), len(news)))
    if not olds or not news:
        return scale
    raw = features.moving_scores(olds, news, threshold)
    partner_new = {id(m.old): m.new for m in matches}
    partner_old = {id(m.new): m.old for m in matches}
    away_old = _leaving_home(olds, news, raw, partner_new, old_parents, new_parents)
    away_new = _leaving_home(news, olds, raw.T, partner_old, new_parents, old_parents)
    scale[away_old | away_new.T] = AWAY_FROM_HOME
    return scale


def _leaving_home(
    rows: list[Section],
    cols: list[Section],
    raw: Any,
    partner: dict[int, Section],
    row_parents: dict[int, Section],
    col_parents: dict[int, Section],
) -> Any:
    """Where a row section's parent is paired and its partner (the home) holds a candidate at
    least AWAY_FROM_HOME as good, True for the columns outside that home."""
    import numpy as np

    away = np.zeros(raw.shape, dtype=bool)
    under: dict[int, Any] = {}
    for i, a in enumerate(rows):
        parent = row_parents.get(id(a))
        home = partner.get(id(parent)) if parent is not None else None
        if home is None:
            continue
        if id(home) not in under:
            under[id(home)] = np.array([_inside(b, home, col_parents) for b in cols], dtype=bool)
        inside = under[id(home)]
        best_home = float(raw[i][inside].max()) if inside.any() else 0.0
        away[i] = ~inside & (best_home >= AWAY_FROM_HOME * raw[i])
    return away


def _inside(section: Section, ancestor: Section, parents: dict[int, Section]) -> bool:
    node: Section | None = section
    while node is not None:
        if node is ancestor:
            return True
        node = parents.get(id(node))
    return False


def _out_of_order(matches: list[_Match], olds: list[Section], news: list[Section]) -> set[int]:
    """Indices (into ``matches``) of pairs outside the longest run kept in the same order (the
    most alike such run when several are longest: the same run whichever edition is old)."""
    old_pos = {id(s): i for i, s in enumerate(olds)}
    new_pos = {id(s): i for i, s in enumerate(news)}
    chain = heaviest_chain([(old_pos[id(m.old)], new_pos[id(m.new)], m.score) for m in matches])
    return set(range(len(matches))) - set(chain)


def align_sections(old: Outline, new: Outline, *, options: Options) -> SectionAlignment:
    """Pair the sections of ``old`` and ``new`` (see the module docstring for the method)."""
    old_all = list(old.iter_sections())
    new_all = list(new.iter_sections())
    features = SectionFeatures(old_all, new_all, parent_map(old), parent_map(new))
    threshold = options.section_threshold
    matches: list[_Match] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()

    def take(match: _Match) -> None:
        matches.append(match)
        taken_old.add(id(match.old))
        taken_new.add(id(match.new))

    def descend(olds: list[Section], news: list[Section], *, top: bool = False) -> None:
        olds = [s for s in olds if id(s) not in taken_old]
        news = [s for s in news if id(s) not in taken_new]
        found = _assign(olds, news, features, threshold)
        if not top:  # chapters of two reports may have nothing in common; subsections of two
            found += _second_chance(olds, news, found, features)  # paired chapters rarely do
        shifted = _out_of_order(found, olds, news)
        for k, match in enumerate(found):
            if k in shifted:
                match = _Match(match.old, match.new, match.title, match.content, moved=True)
            take(match)
        for match in found:
            descend(list(match.old.children), list(match.new.children))

    descend(list(old.root.children), list(new.root.children), top=True)

    # Second pass: left-overs at any depth, paired by content, become "moved"; their children are
    # then assigned as in the first pass. Only mutual best candidates are taken in each round, so
    # a left-over never takes another's better partner.
    old_parents, new_parents = parent_map(old), parent_map(new)
    while True:
        left_old = [s for s in old_all if id(s) not in taken_old]
        left_new = [s for s in new_all if id(s) not in taken_new]
        scale = _away_from_home(
            left_old, left_new, matches, features, threshold, old_parents, new_parents
        )
        found = _assign(left_old, left_new, features, threshold, moving=True, scale=scale)
        if not found:
            break
        # Best first (whichever edition is old): a pair's children may be taken by a better one.
        for match in sorted(found, key=_best_first):
            if id(match.old) in taken_old or id(match.new) in taken_new:
                continue  # taken meanwhile as the child of a pair found in this round
            take(_Match(match.old, match.new, match.title, match.content, late=True))
            descend(list(match.old.children), list(match.new.children))

    # Siblings that moved together (a list nested under another heading next year): what
    # their parents still hold is assigned as siblings are, headings counting.
    for old_parent, new_parent in _moved_together(matches, old_parents, new_parents):
        start = len(matches)
        descend(list(old_parent.children), list(new_parent.children))
        matches[start:] = [
            _Match(m.old, m.new, m.title, m.content, late=True) for m in matches[start:]
        ]

    pairs = _to_pairs(old, new, matches)
    pairs = split_and_merge(pairs, features, old, new)
    pairs = join_plan_chapters(pairs, features, old, new)
    pairs = lift_promoted_parts(pairs, features, old, new)
    pairs = regroup_by_content(pairs, features, old, new)
    return SectionAlignment(pairs=_order_pairs(old_all, new_all, pairs))


#: Late pairs from one old parent into one new parent that make a group moved together.
MOVED_TOGETHER = 2


def _moved_together(
    matches: list[_Match], old_parents: dict[int, Section], new_parents: dict[int, Section]
) -> list[tuple[Section, Section]]:
    """(old parent, new parent) pairs, not paired themselves, with at least MOVED_TOGETHER of
    their children paired by the second pass: a group of siblings nested elsewhere."""
    together = {(id(m.old), id(m.new)) for m in matches}
    counts: Counter[tuple[int, int]] = Counter()
    parents: dict[tuple[int, int], tuple[Section, Section]] = {}
    for m in matches:
        a, b = old_parents.get(id(m.old)), new_parents.get(id(m.new))
        if not m.late or a is None or b is None or (id(a), id(b)) in together:
            continue
        counts[(id(a), id(b))] += 1
        parents[(id(a), id(b))] = (a, b)
    found = [parents[key] for key, count in counts.items() if count >= MOVED_TOGETHER]
    return sorted(found, key=lambda ab: (ab[0].id, ab[1].id))


def _best_first(match: _Match) -> tuple[float, str, str]:
    """Sort key: best pair first, ties by the two headings (as a set: the same order with the
    editions swapped)."""
    first, second = sorted((match.old.title, match.new.title))
    return (-match.score, first, second)


def _to_pairs(old: Outline, new: Outline, matches: list[_Match]) -> list[SectionPair]:
    pairs: list[SectionPair] = []
    old_parents, new_parents = parent_map(old), parent_map(new)
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
