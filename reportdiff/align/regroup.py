"""Splits and merges: a left-over section made of a paired section's sentences is part of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reportdiff.align.features import SectionFeatures, combine
from reportdiff.align.records import MatchStatus, SectionPair
from reportdiff.model import Outline, Section
from reportdiff.text import fold

__all__ = ["parent_map", "split_and_merge"]


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


def parent_map(outline: Outline) -> dict[int, Section]:
    """Parent of every section (the root excluded: it pairs with nothing)."""
    parents: dict[int, Section] = {}
    for section in outline.iter_sections():
        for child in section.children:
            parents[id(child)] = section
    return parents
