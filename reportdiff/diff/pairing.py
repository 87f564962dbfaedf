"""Pairing records, equal-key matching and re-joined fragments (the rewrite search is
:mod:`reportdiff.diff.rewrites`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportdiff.diff.keys import Side
from reportdiff.text import fold

__all__ = ["Pairing", "match_exact", "rejoin"]

_PUNCT = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Pairing:
    """An old sentence paired with a new one (indexes into their :class:`Side`), and how alike
    they are (1.0 for equal keys). ``old_also``/``new_also`` hold the further sentences of a
    merge (two old sentences became one new one) or a split (one became two)."""

    old: int
    new: int
    score: float
    old_also: tuple[int, ...] = ()
    new_also: tuple[int, ...] = ()

    @property
    def olds(self) -> tuple[int, ...]:
        return (self.old, *self.old_also)

    @property
    def news(self) -> tuple[int, ...]:
        return (self.new, *self.new_also)


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
