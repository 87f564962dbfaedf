"""Sentence pairing: which old sentence became which new one.

Inside each pair of sections first (equal keys, then one optimal assignment by similarity), then
across the whole report for what is left (``moved``); then passages that only differ in where they
are split into sentences (re-joined fragments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportdiff.diff.keys import Side, similarity_matrix
from reportdiff.text import fold

__all__ = ["Pairing", "match_exact", "match_moved", "match_similar", "rejoin"]

_PUNCT = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Pairing:
    """An old sentence paired with a new one (indexes into their :class:`Side`), and how alike
    they are (1.0 for equal keys)."""

    old: int
    new: int
    score: float


def match_exact(
    old: Side, new: Side, olds: list[int], news: list[int], matched: list[Pairing]
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
            matched.append(Pairing(i, j, 1.0))


#: Weight of document order in the in-section assignment: breaks ties between similar sentences.
ORDER_PRIOR = 0.02


def match_similar(
    old: Side,
    new: Side,
    olds: list[int],
    news: list[int],
    threshold: float,
    matched: list[Pairing],
) -> None:
    """Optimal assignment of the remaining sentences of a section pair by similarity."""
    if not olds or not news:
        return
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = similarity_matrix(
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
            matched.append(Pairing(i, j, float(sim[r, c])))


#: Left-overs of different sections are paired (``moved``) only at this similarity or above: a
#: chance resemblance across the whole report is likelier than inside one section pair.
MOVED_MARGIN = 0.05
#: ...and a short sentence (key under SHORT_KEY characters) only at SHORT_CUTOFF: two short
#: fragments share a large part of their few characters by chance.
SHORT_KEY = 16
SHORT_CUTOFF = 0.8


def match_moved(old: Side, new: Side, threshold: float, matched: list[Pairing]) -> None:
    """Pair left-overs across the whole report: equal keys first, then best mutual similarity."""
    olds = [i for i, t in enumerate(old.taken) if not t]
    news = [j for j, t in enumerate(new.taken) if not t]
    match_exact(old, new, olds, news, matched)
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
        sim = similarity_matrix(
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
        matched.append(Pairing(i, j, score))


#: Rows of the cross-report similarity matrix computed at once.
MOVED_BLOCK = 512


#: At most this many fragments on one side are re-joined into one passage.
MAX_FRAGMENTS = 8
_FRAGMENT_PREFIX = 2


def _plain(text: str) -> str:
    """Key for re-joining fragments: fold() without any punctuation or labels kept."""
    return _PUNCT.sub("", fold(text))


def rejoin(
    old: Side, new: Side, settled_old: set[int], settled_new: set[int]
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
