"""The sentence diff, step by step: pair, re-join fragments, classify, describe each change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportdiff.align import SectionAlignment
from reportdiff.diff.commitments import is_commitment
from reportdiff.diff.formulations import new_formulations
from reportdiff.diff.keys import Side
from reportdiff.diff.pairing import Pairing, match_exact, rejoin
from reportdiff.diff.records import Change, ChangeKind, SentenceDiff, SentenceRef
from reportdiff.diff.rewrites import RewriteSearch
from reportdiff.diff.words import Op, word_ops
from reportdiff.model import Outline, Section
from reportdiff.options import Options

__all__ = ["diff_sentences"]


@dataclass(frozen=True, slots=True)
class _Paired:
    """A pairing and whether its two sentences sit in sections the section map pairs."""

    pairing: Pairing
    same_place: bool


@dataclass(frozen=True, slots=True)
class _Rejoined:
    """Runs of sentences, one per edition, whose joined text is equal (split differently)."""

    olds: tuple[int, ...]
    news: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A sentence that is not unchanged, before it becomes a :class:`Change`.

    ``order`` sorts entries into document order: new-side position first; a removed sentence
    goes right after the new partner of the nearest paired old sentence before it.
    """

    order: tuple[int, int, int]
    kind: ChangeKind
    old: int | None
    new: int | None
    score: float
    old_also: tuple[int, ...] = ()
    new_also: tuple[int, ...] = ()


def diff_sentences(
    old: Outline,
    new: Outline,
    alignment: SectionAlignment,
    *,
    options: Options,
    formulations: bool = True,
    background: Sequence[str] = (),
    condensed: ChangeKind | None = None,
) -> SentenceDiff:
    """Classify every sentence of ``old`` and ``new`` given their section map.

    ``formulations=False`` skips 新提法 (a full report set against its summary uses countless
    phrases the summary lacks; that is condensing, not new wording). ``background``: texts of
    earlier editions, which a 新提法 must not use either. ``condensed``: the kind of change
    that is a full report's text its summary leaves out (no nearest sentences are looked up for
    it).
    """
    old_side, new_side = Side.of(old), Side.of(new)
    paired, search = _pair_sentences(old_side, new_side, alignment, options.sentence_threshold)
    groups = _rejoin_fragments(old_side, new_side, paired)
    unchanged, entries = _classify(old_side, new_side, paired, groups)
    changes = _describe(old_side, new_side, entries, search, condensed)
    found = new_formulations(old_side, new_side, changes, background) if formulations else ()
    rejoined = tuple(
        (tuple(old_side.refs[i] for i in g.olds), tuple(new_side.refs[j] for j in g.news))
        for g in groups
    )
    return SentenceDiff(
        tuple(changes), tuple(unchanged), len(old_side.refs), len(new_side.refs), found, rejoined
    )


def _section_pairs(alignment: SectionAlignment) -> list[tuple[Section, Section]]:
    """Paired sections, best score first (so a split section's sentences go to its best part)."""
    indexed = [
        (k, p) for k, p in enumerate(alignment.pairs) if p.old is not None and p.new is not None
    ]
    indexed.sort(key=lambda kp: (-kp[1].score, kp[0]))
    return [(p.old, p.new) for _, p in indexed if p.old is not None and p.new is not None]


def _pair_sentences(
    old: Side, new: Side, alignment: SectionAlignment, threshold: float
) -> tuple[list[_Paired], RewriteSearch]:
    """Equal keys inside each section pair, then equal keys anywhere, then the rewrite search
    (:mod:`~reportdiff.diff.rewrites`: regions, neighbours, the whole edition, merges); the
    search is kept for the nearest sentences of what stays unpaired."""
    pairs = _section_pairs(alignment)
    matched: list[Pairing] = []
    for old_section, new_section in pairs:
        match_exact(old, new, old.free(old_section), new.free(new_section), matched)
    match_exact(
        old,
        new,
        [i for i, t in enumerate(old.taken) if not t],
        [j for j, t in enumerate(new.taken) if not t],
        matched,
    )
    search = RewriteSearch(old, new, alignment, matched)
    matched.extend(search.run(threshold))
    together = {(id(a), id(b)) for a, b in pairs}
    return [
        _Paired(p, (id(old.refs[p.old].section), id(new.refs[p.new].section)) in together)
        for p in matched
    ], search


def _rejoin_fragments(old: Side, new: Side, paired: list[_Paired]) -> list[_Rejoined]:
    """Passages split into sentences differently whose joined text is equal, among the sentences
    not already unchanged in place."""
    settled = [
        p.pairing
        for p in paired
        if p.same_place and old.keys[p.pairing.old] == new.keys[p.pairing.new]
    ]
    groups = rejoin(old, new, {p.old for p in settled}, {p.new for p in settled})
    return [_Rejoined(olds, news) for olds, news in groups]


def _classify(
    old: Side, new: Side, paired: list[_Paired], groups: list[_Rejoined]
) -> tuple[list[tuple[SentenceRef, SentenceRef]], list[_Entry]]:
    """Unchanged pairs, and an entry for every other sentence (changed, moved, added, removed)
    in document order. A pairing one of whose sentences was re-joined is undone: the re-joined
    passage accounts for that sentence, its partner is left unpaired."""
    in_group_old = {i for g in groups for i in g.olds}
    in_group_new = {j for g in groups for j in g.news}
    unchanged: list[tuple[SentenceRef, SentenceRef]] = []
    entries: list[_Entry] = []
    partner_of_old = {i: g.news[0] for g in groups for i in g.olds}
    for item in paired:
        i, j = item.pairing.old, item.pairing.new
        if i in in_group_old or j in in_group_new:
            for k in item.pairing.olds:
                old.taken[k] = k in in_group_old
            for k in item.pairing.news:
                new.taken[k] = k in in_group_new
            continue
        if item.same_place:  # a moved sentence is no landmark for its old neighbours
            partner_of_old[i] = j
        if item.same_place and old.keys[i] == new.keys[j]:
            unchanged.append((old.refs[i], new.refs[j]))
            continue
        kind: ChangeKind = "changed" if item.same_place else "moved"
        p = item.pairing
        entries.append(_Entry((j, 0, 0), kind, i, j, p.score, p.old_also, p.new_also))
    for j, taken in enumerate(new.taken):
        if not taken and j not in in_group_new:
            entries.append(_Entry((j, 0, 0), "added", None, j, 0.0))
    previous_new = -1
    for i, taken in enumerate(old.taken):
        if i in partner_of_old:  # never backwards: removed sentences stay in old order
            previous_new = max(previous_new, partner_of_old[i])
        if not taken and i not in in_group_old:
            entries.append(_Entry((previous_new, 1, i), "removed", i, None, 0.0))
    entries.sort(key=lambda e: e.order)
    unchanged.sort(key=lambda pair: pair[1].index)
    return unchanged, entries


def _describe(
    old: Side,
    new: Side,
    entries: list[_Entry],
    search: RewriteSearch,
    condensed: ChangeKind | None,
) -> list[Change]:
    """Each entry as a :class:`Change`: commitment or not, word ops for a reworded pair (a
    merge or split compares the joined sentences), and for a new or dropped commitment the other
    edition's sentences nearest to it."""
    changes: list[Change] = []
    for n, entry in enumerate(entries, start=1):
        old_ref = old.refs[entry.old] if entry.old is not None else None
        new_ref = new.refs[entry.new] if entry.new is not None else None
        olds = () if entry.old is None else (entry.old, *entry.old_also)
        news = () if entry.new is None else (entry.new, *entry.new_also)
        commitment = any(_commits(new, k) for k in news) or any(_commits(old, k) for k in olds)
        ops: tuple[Op, ...] = ()
        if (
            olds
            and news
            and (len(olds) > 1 or len(news) > 1 or old.keys[olds[0]] != new.keys[news[0]])
        ):
            ops = word_ops(
                "".join(old.refs[k].sentence.text for k in sorted(olds)),
                "".join(new.refs[k].sentence.text for k in sorted(news)),
            )
        nearest: tuple[tuple[SentenceRef, float], ...] = ()
        if commitment and entry.kind in ("added", "removed") and entry.kind != condensed:
            removed = entry.kind == "removed"
            u = entry.old if removed else entry.new
            other = new if removed else old
            if u is not None:
                nearest = tuple(
                    (other.refs[v], score) for v, score in search.nearest(u, old_side=removed)
                )
        changes.append(
            Change(
                f"c{n}",
                entry.kind,
                old_ref,
                new_ref,
                commitment,
                entry.score,
                ops,
                tuple(old.refs[k] for k in entry.old_also),
                tuple(new.refs[k] for k in entry.new_also),
                nearest,
            )
        )
    return changes


def _commits(side: Side, k: int | None) -> bool:
    return k is not None and is_commitment(side.refs[k].sentence.text, side.roles[k])
