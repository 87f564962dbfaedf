"""Splits and merges: a left-over section made of a paired section's sentences is part of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reportdiff.align.features import SectionFeatures, combine, role_and_span, same_role
from reportdiff.align.records import MatchStatus, SectionPair
from reportdiff.model import Outline, Section, SectionKind
from reportdiff.text import fold

__all__ = [
    "join_plan_chapters",
    "lift_promoted_parts",
    "parent_map",
    "regroup_by_content",
    "split_and_merge",
]


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


def split_and_merge(
    pairs: list[SectionPair], features: SectionFeatures, old: Outline, new: Outline
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
            parent_map(old),
        ),
        (
            removed,
            [p.new for p in pairs if p.new is not None],
            paired_new,
            MatchStatus.MERGED,
            parent_map(new),
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
            replace[id(left)] = SectionPair(old_s, new_s, status, float(combine(t, c)), t, c)
    out = []
    for pair in pairs:
        side = pair.new if pair.status == MatchStatus.ADDED else pair.old
        out.append(replace.get(id(side), pair) if pair.old is None or pair.new is None else pair)
    return out


def join_plan_chapters(
    pairs: list[SectionPair], features: SectionFeatures, old: Outline, new: Outline
) -> list[SectionPair]:
    """An unpaired chapter whose heading has a role (plan or review, with its span) next to a
    sibling of the same role that is paired is part of that sibling's partner: one year's plan
    is written as one chapter (「二、2010年主要任务」) or as two (「二、2009年工作总体部署」 and
    「三、2009年主要任务」), so the lone chapter was split from (merged into) the partner."""
    partner_of_old: dict[int, Section] = {}
    partner_of_new: dict[int, Section] = {}
    for p in pairs:
        if p.old is not None and p.new is not None:
            partner_of_old.setdefault(id(p.old), p.new)
            partner_of_new.setdefault(id(p.new), p.old)
    replace: dict[int, SectionPair] = {}
    for outline, partners, old_side in ((old, partner_of_old, True), (new, partner_of_new, False)):
        for section in (outline.root, *outline.iter_sections()):
            siblings = section.children
            for k, lone in enumerate(siblings):
                role = role_and_span(lone.title) if lone.kind is SectionKind.HEADING else None
                if role is None or id(lone) in partners:
                    continue
                for n in (k + 1, k - 1):
                    if not 0 <= n < len(siblings) or id(siblings[n]) not in partners:
                        continue
                    sibling, partner = siblings[n], partners[id(siblings[n])]
                    a, b = role_and_span(sibling.title), role_and_span(partner.title)
                    if not (a and b and same_role(role, a) and same_role(role, b)):
                        continue
                    old_s, new_s = (lone, partner) if old_side else (partner, lone)
                    title, content = features.scores([old_s], [new_s], roles=False)
                    t, c = float(title[0, 0]), float(content[0, 0])
                    if c < FOLD_CONTENT:  # a new topic beside the plan, not part of it
                        continue
                    status = MatchStatus.MERGED if old_side else MatchStatus.SPLIT
                    replace[id(lone)] = SectionPair(
                        old_s, new_s, status, float(combine(t, c)), t, c
                    )
                    break
    if not replace:
        return pairs
    out = []
    for pair in pairs:
        side = pair.old if pair.new is None else pair.new if pair.old is None else None
        out.append(replace.get(id(side), pair) if side is not None else pair)
    return out


def lift_promoted_parts(
    pairs: list[SectionPair], features: SectionFeatures, old: Outline, new: Outline
) -> list[SectionPair]:
    """A subsection promoted to a chapter of its own (2014's 「（一）推动重要领域改革取得新突破」
    inside 「三、2014年重点工作」 → 2015's 「三、把改革开放扎实推向纵深」, beside 「四、…」, the
    partner of 「三、2014年重点工作」) makes that chapter a split part of the old parent too; a
    chapter demoted to a subsection, a merged part of the new parent."""
    old_parents, new_parents = parent_map(old), parent_map(new)
    together = {(id(p.old), id(p.new)) for p in pairs if p.old is not None and p.new is not None}
    partners_old: dict[int, list[Section]] = {}
    partners_new: dict[int, list[Section]] = {}
    for p in pairs:
        if p.old is not None and p.new is not None:
            partners_old.setdefault(id(p.old), []).append(p.new)
            partners_new.setdefault(id(p.new), []).append(p.old)
    added: list[SectionPair] = []
    for p in list(pairs):
        if p.old is None or p.new is None:
            continue
        for child, other, parents, other_parents, partners, old_side, root in (
            (p.old, p.new, old_parents, new_parents, partners_old, True, new.root),
            (p.new, p.old, new_parents, old_parents, partners_new, False, old.root),
        ):
            parent = parents.get(id(child))
            if parent is None or parent.kind is not SectionKind.HEADING:
                continue
            # A promotion renumbers a division in the style of its new level (（一） → 三、); the
            # same list (「1. 养老帮困方面」) nested under another heading is not one.
            if other.kind is not SectionKind.HEADING or child.style == other.style:
                continue
            level = other_parents.get(id(other), root)
            siblings = {id(s) for s in level.children}
            if not any(id(q) in siblings and q is not other for q in partners.get(id(parent), [])):
                continue
            old_s, new_s = (parent, other) if old_side else (other, parent)
            if (id(old_s), id(new_s)) in together:
                continue
            title, content = features.scores([old_s], [new_s], roles=False)
            t, c = float(title[0, 0]), float(content[0, 0])
            status = MatchStatus.SPLIT if old_side else MatchStatus.MERGED
            added.append(SectionPair(old_s, new_s, status, float(combine(t, c)), t, c))
            together.add((id(old_s), id(new_s)))
    if not added:
        return pairs
    # A side that was added (removed) and is now a part is no longer added (removed).
    now_old = {id(a.old) for a in added if a.old is not None}
    now_new = {id(a.new) for a in added if a.new is not None}
    kept = [
        q
        for q in pairs
        if not (q.old is None and q.new is not None and id(q.new) in now_new)
        and not (q.new is None and q.old is not None and id(q.old) in now_old)
    ]
    return kept + added


def parent_map(outline: Outline) -> dict[int, Section]:
    """Parent of every section (the root excluded: it pairs with nothing)."""
    parents: dict[int, Section] = {}
    for section in outline.iter_sections():
        for child in section.children:
            parents[id(child)] = section
    return parents


#: A subsection of a part the other edition does not divide folds into that part when they share
#: at least this content similarity.
FOLD_CONTENT = 0.1
#: A left-over subsection joins (split from / merged into) a paired sibling of the other side when
#: their content similarity reaches this, and this many times that of the next best sibling.
SIBLING_CONTENT = 0.2
SIBLING_MARGIN = 1.3
#: Kinds that make up a part's division into subsections (leads and ——bullets do not).
_DIVIDING = frozenset({SectionKind.HEADING, SectionKind.PART, SectionKind.TITLE})


def regroup_by_content(
    pairs: list[SectionPair], features: SectionFeatures, old: Outline, new: Outline
) -> list[SectionPair]:
    """Splits and merges a reader sees by topic, not by verbatim sentences:

    * one edition divides a part into numbered subsections and the other does not (the 2025
      review's （一）…（八） against a 2026 review written as ——bullets): each subsection of the
      divided part is merged into (or split from) the other edition's undivided part;
    * a left-over subsection whose topic is clearly that of one paired sibling of the other
      side (Zhejiang's 2025 （四）以创新浙江引领新质生产力发展，打造现代化产业体系 against its
      2026 （二）创新 and （三）产业体系): it is a split part (or merged part) of that sibling.
    """
    best_new: dict[int, Section] = {}
    best_old: dict[int, Section] = {}
    best_score: dict[tuple[str, int], float] = {}
    every: dict[tuple[bool, int], list[Section]] = {}
    for pair in pairs:
        if pair.old is None or pair.new is None:
            continue
        every.setdefault((True, id(pair.old)), []).append(pair.new)
        every.setdefault((False, id(pair.new)), []).append(pair.old)
        if pair.score > best_score.get(("o", id(pair.old)), -1.0):
            best_score[("o", id(pair.old))] = pair.score
            best_new[id(pair.old)] = pair.new
        if pair.score > best_score.get(("n", id(pair.new)), -1.0):
            best_score[("n", id(pair.new))] = pair.score
            best_old[id(pair.new)] = pair.old
    old_parents, new_parents = parent_map(old), parent_map(new)
    replace: dict[int, SectionPair] = {}
    for pair in pairs:
        if pair.status is MatchStatus.REMOVED and pair.old is not None:
            found = _regroup(
                pair.old, old_parents, best_new, best_old, features, old_side=True, every=every
            )
        elif pair.status is MatchStatus.ADDED and pair.new is not None:
            found = _regroup(
                pair.new, new_parents, best_old, best_new, features, old_side=False, every=every
            )
        else:
            continue
        if found is not None:
            replace[id(pair)] = found
    return [replace.get(id(pair), pair) for pair in pairs]


def _regroup(
    left: Section,
    parents: dict[int, Section],
    partner: dict[int, Section],
    back: dict[int, Section],
    features: SectionFeatures,
    *,
    old_side: bool,
    every: dict[tuple[bool, int], list[Section]],
) -> SectionPair | None:
    """The split/merged pair a left-over section belongs to, or None (see
    :func:`regroup_by_content`). ``partner`` maps this side's paired sections to the other side,
    ``back`` the other way; ``every`` holds all partners (a parent split into several chapters:
    the subsection folds into the part it reads most like)."""
    if left.kind not in _DIVIDING:
        return None
    parent = parents.get(id(left))
    if parent is None or id(parent) not in partner:
        return None
    other_parent = partner[id(parent)]

    def scored(other: Section) -> tuple[float, float]:
        olds, news = ([left], [other]) if old_side else ([other], [left])
        title, content = features.scores(olds, news, roles=False)
        return float(title[0, 0]), float(content[0, 0])

    status = MatchStatus.MERGED if old_side else MatchStatus.SPLIT
    siblings = [c for c in other_parent.children if c.kind in _DIVIDING]
    if not siblings:
        parts = [
            part
            for part in every.get((old_side, id(parent)), [other_parent])
            if not any(c.kind in _DIVIDING for c in part.children)
        ] or [other_parent]
        content, target = max(((scored(part)[1], part) for part in parts), key=lambda x: x[0])
        title = scored(target)[0]
        if content < FOLD_CONTENT:
            return None
    else:
        # Content decides; a heading reworded little (「加强和改善宏观调控」) adds to it.
        ranked = sorted(
            ((_topic_score(*scored(c)), k) for k, c in enumerate(siblings)), reverse=True
        )
        best, k = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        target = siblings[k]
        title, content = scored(target)
        if id(target) not in back or best < SIBLING_CONTENT or best < SIBLING_MARGIN * runner_up:
            return None
    old_s, new_s = (left, target) if old_side else (target, left)
    return SectionPair(old_s, new_s, status, float(combine(title, content)), title, content)


def _topic_score(title: float, content: float) -> float:
    """How clearly a left-over subsection reads as one sibling's part: its content similarity,
    or content and heading together when the headings are alike."""
    return max(content, float(combine(title, content)))
