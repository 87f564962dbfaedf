"""The rewrite search: which old sentence became which new one, however reworded.

Real editions keep a commitment and rewrite it: clauses reordered, two sentences merged, a figure
and a qualifier changed, 40–60% of the characters kept. The search looks for a sentence's rewrite
where a reader would, nearest first, and calls nothing dropped before it has looked everywhere:

1. **Paired lead sentences.** Two lead sentences (run-in paragraph titles) whose sections the
   section map pairs are one title reworded (「加快落实中央一揽子经济政策」 → 「放大经济政策实施
   效应」), as two paired headings are, when they share some wording (``LEAD_TITLE_SIMILARITY``).
2. **Inside each region** — the sentences of a group of paired sections (a section with its
   split parts), those of unpaired subsections included — one monotone alignment in document
   order (dynamic programming over 1–1 pairs, 2–1 merges and 1–2 splits), each pair worth its
   similarity above ``REGION_THRESHOLD``: order is strong evidence inside one topic, so a modest
   similarity suffices there; then the region's left-overs out of order, by one optimal
   assignment at ``REGION_CROSS_THRESHOLD``. A paragraph title and a body sentence pair only at
   ``TITLE_BODY_SIMILARITY``.
3. **Nearby** — the rest of the paired parent section (a neighbouring subsection): candidates
   from an index of rare words and bigrams, one optimal assignment, ``NEAR_THRESHOLD``.
4. **Anywhere in the edition** — the same, at ``Options.sentence_threshold``.
5. **Merges and splits found late** — a left-over sentence most of whose weight lies in a
   sentence already paired is added to that pair (two sentences merged into one), if the pair
   reads at least as alike with it.
6. **Between two anchors** — inside a region, consecutive pairs that keep their order (equal
   sentences included) and the region's ends bound gaps; the left-overs of one gap pair in order
   (an alignment allowing skips) at ``GAP_THRESHOLD``, within sections the map pairs, the role
   clash applying: a sentence that keeps its place between two kept neighbours and shares a few
   rare words with the one in the same place is its rewrite.
7. **Neighbours merged** — a left-over right next to a paired sentence of its region joins that
   pair when the partner holds ``NEIGHBOUR_CONTAINMENT`` of its weight.

Only what is still unpaired after step 7 is reported added or removed (a "dropped commitment" is
one no rewrite of which exists anywhere in the new edition). Similarity: :mod:`~.similarity`.

Thresholds (set on the labelled development pairs of ``fixtures/truth/``, see
``benchmarks/README.md``): each is the most precise point of a sweep on those pairs (the issue's
0.95 precision is not reached at any recall there); holdout pairs were only measured.

Work stays linear in the size of the reports: a region's alignment is quadratic in the region
only (and falls back to the index above ``DP_CELLS`` cells); the index keeps, per sentence, the
``CANDIDATES`` best candidates among words and bigrams found in at most ``FEATURE_CAP``
sentences, seen from either edition.

Swapping the editions swaps the result: candidates come from both editions' views, features and
votes are symmetric, scores are exact sums, the passes that add left-overs to pairs take
both editions' proposals together, best first, and equally good pairs are told apart by a
symmetric preference (:meth:`RewriteSearch.tie`).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from reportdiff.align import SectionAlignment
from reportdiff.diff.keys import Side
from reportdiff.diff.matching import Groups, increasing_chain, max_weight_matching, ordered_pairs
from reportdiff.diff.pairing import Pairing
from reportdiff.diff.similarity import Similarity, union
from reportdiff.model import Section, SectionKind

__all__ = ["RewriteSearch"]

#: Two lead titles of paired sections pair at this similarity (below it, the region's alignment
#: decides with their neighbours).
LEAD_TITLE_SIMILARITY = 0.1
#: Similarity above which two sentences of one region pair (their order agreeing).
REGION_THRESHOLD = 0.15
#: ... of two sentences of one region out of order.
REGION_CROSS_THRESHOLD = 0.22
#: ... of two sentences of neighbouring subsections.
NEAR_THRESHOLD = 0.3
#: What a merge (2–1) or split (1–2) must gain over a 1–1 pair inside a region.
MERGE_COST = 0.03
#: Outside paired sections, a review sentence and a plan sentence pair only at this similarity.
ROLE_CLASH_SIMILARITY = 0.7
#: A run-in paragraph title pairs with a body sentence (not a title) only at this similarity:
#: titles are rewritten as titles (「千方百计促进消费需求。」 → 「大力提振消费。」), while a title
#: and a body sentence sharing its stock words (「加大项目推进力度」, 「加大招商引资力度，突出新质
#: 生产力招商…」) are two statements.
TITLE_BODY_SIMILARITY = 0.25
#: A late merge: at least this share of the left-over sentence's weight is in the pair.
MERGE_CONTAINMENT = 0.5
#: Between two anchors (consecutive pairs of one region, or its ends), left-over sentences pair
#: in order above this similarity.
GAP_THRESHOLD = 0.12
#: A left-over next to a paired sentence joins its pair when the partner holds this share of it.
NEIGHBOUR_CONTAINMENT = 0.4
#: Regions larger than this (old × new sentences) are assigned from the index instead.
DP_CELLS = 40_000
#: Candidates kept per sentence from the index; a word or bigram found in more sentences than
#: FEATURE_CAP (both editions together) casts no vote: it is stock wording, and reading its
#: postings would make the index quadratic.
CANDIDATES = 16
FEATURE_CAP = 96
#: A commitment left added or removed is shown with at most this many of the other edition's
#: sentences most like it as a candidate pair (:meth:`RewriteSearch.pair_score`), each at least
#: NEAREST_FLOOR: what a reader checks before taking it as new or dropped. On the labelled dev
#: pairs, of the commitments reported dropped that the truth pairs with a rewrite, 55% have it
#: among these (58% of those reported new); a floor of 0.15 finds 40%, 0.2 finds 22%.
NEAREST = 3
NEAREST_FLOOR = 0.1


class RewriteSearch:
    """One search over two editions given their section map; :meth:`run` returns the pairings
    (the sentences of ``old``/``new`` they use are marked ``taken``)."""

    def __init__(
        self,
        old: Side,
        new: Side,
        alignment: SectionAlignment,
        settled: Sequence[Pairing] = (),
    ) -> None:
        self.old, self.new = old, new
        self.sim = Similarity(old.bags, new.bags)
        self.pairings: list[Pairing] = []
        self.settled = list(settled)
        """Pairings made before the search (equal keys): anchors of the gap pass."""
        self._regions(alignment)
        self._votes: dict[bool, Any] = {}
        self._rank_cache: dict[tuple[bool, int], list[int]] = {}
        self._places = (_relative_places(len(old.refs)), _relative_places(len(new.refs)))
        """Each sentence's place in its edition (0..1), for :meth:`tie`."""

    # --- regions ----------------------------------------------------------------------------

    def _regions(self, alignment: SectionAlignment) -> None:
        """Group paired sections into regions (a section with all its split/merged partners),
        and give every sentence the region of its nearest paired ancestor-or-self section."""
        groups = Groups()
        find = groups.find

        self.partner: dict[int, Section] = {}
        """Best new partner of each paired old section (by id)."""
        self.old_partner: dict[int, Section] = {}
        """Best old partner of each paired new section (by id): the mirror of ``partner``."""
        best: dict[int, float] = {}
        best_old: dict[int, float] = {}
        self.lead_pairs: list[tuple[Section, Section]] = []
        for pair in alignment.pairs:
            if pair.old is None or pair.new is None:
                continue
            groups.join(("o", id(pair.old)), ("n", id(pair.new)))
            if pair.score > best.get(id(pair.old), -1.0):
                best[id(pair.old)] = pair.score
                self.partner[id(pair.old)] = pair.new
            if pair.score > best_old.get(id(pair.new), -1.0):
                best_old[id(pair.new)] = pair.score
                self.old_partner[id(pair.new)] = pair.old
            if pair.old.kind is SectionKind.LEAD and pair.new.kind is SectionKind.LEAD:
                self.lead_pairs.append((pair.old, pair.new))
        paired = set(groups.parent)
        self.section_pairs = {
            (id(p.old), id(p.new))
            for p in alignment.pairs
            if p.old is not None and p.new is not None
        }
        """Paired sections (by id): a gap pair's sentences sit under one of these."""

        def anchor(side: Side, tag: str, k: int) -> tuple[str, int] | None:
            for section in side.ancestors(side.section_of(k)):
                if (tag, id(section)) in paired:
                    return find((tag, id(section)))
            return None

        def home(side: Side, tag: str, k: int) -> int | None:
            for section in side.ancestors(side.section_of(k)):
                if (tag, id(section)) in paired:
                    return id(section)
            return None

        def near(side: Side, partner: dict[int, Section], k: int) -> int | None:
            """The partner (by id) of the nearest paired proper ancestor of the sentence's
            anchor section: the other edition's paired parent chapter."""
            seen_anchor = False
            for section in side.ancestors(side.section_of(k)):
                if id(section) in partner:
                    if seen_anchor:
                        return id(partner[id(section)])
                    seen_anchor = True
            return None

        def chains(side: Side) -> list[set[int]]:
            return [
                {id(s) for s in side.ancestors(side.section_of(k))} for k in range(len(side.refs))
            ]

        olds, news = range(len(self.old.refs)), range(len(self.new.refs))
        self.old_region = [anchor(self.old, "o", k) for k in olds]
        self.new_region = [anchor(self.new, "n", k) for k in news]
        self.old_home = [home(self.old, "o", k) for k in olds]
        self.new_home = [home(self.new, "n", k) for k in news]
        self.old_near = [near(self.old, self.partner, k) for k in olds]
        self.new_near = [near(self.new, self.old_partner, k) for k in news]
        self.old_chain = chains(self.old)
        self.new_chain = chains(self.new)

    def near(self, i: int, j: int) -> bool:
        """Old ``i`` and new ``j`` sit under paired parent chapters, seen from either side (the
        same answer when the editions are swapped)."""
        a, b = self.old_near[i], self.new_near[j]
        return (a is not None and a in self.new_chain[j]) or (
            b is not None and b in self.old_chain[i]
        )

    # --- the search -------------------------------------------------------------------------

    def run(self, far_threshold: float) -> list[Pairing]:
        self._lead_titles()
        self._align_regions()
        self._cross_in_regions()
        self._assign_from_index(NEAR_THRESHOLD, near=True)
        self._assign_from_index(far_threshold, near=False)
        self._late_merges()
        self._anchored_gaps()
        self._neighbour_merges()
        return self.pairings

    def pair_score(self, i: int, j: int) -> float:
        """The similarity of old ``i`` and new ``j`` as a candidate pair: 0 for a paragraph
        title against a body sentence unless they read much alike (TITLE_BODY_SIMILARITY)."""
        score = self.sim.pair(i, j)
        if self.old.titles[i] != self.new.titles[j] and score < TITLE_BODY_SIMILARITY:
            return 0.0
        return score

    def tie(self, i: int, j: int) -> float:
        """A preference far below any real difference of similarity (< 2e-9) that decides
        between equally good pairs the same way whichever edition is old: the pair nearer the
        same relative place first, then a checksum of its two texts taken as a set."""
        a, b = self.old.keys[i], self.new.keys[j]
        both = "\0".join(sorted((a, b))).encode("utf-8", "surrogatepass")
        near = 1.0 - abs(self._places[0][i] - self._places[1][j])
        return 1e-9 * near + 1e-10 * (zlib.crc32(both) / 2**32)

    def nearest(self, u: int, *, old_side: bool) -> list[tuple[int, float]]:
        """The sentences of the other edition most like ``u``, paired or not, best first, with
        their similarity (at most NEAREST, each at least NEAREST_FLOOR)."""
        scored: list[tuple[float, int, float]] = []
        for v in self._top(u, old_side=old_side):
            i, j = (u, v) if old_side else (v, u)
            score = self.pair_score(i, j)
            if score >= NEAREST_FLOOR:
                scored.append((score + self.tie(i, j), v, score))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [(v, score) for _, v, score in scored[:NEAREST]]

    def _take(self, pairing: Pairing) -> None:
        for i in pairing.olds:
            self.old.taken[i] = True
        for j in pairing.news:
            self.new.taken[j] = True
        self.pairings.append(pairing)

    def _lead_titles(self) -> None:
        for a, b in self.lead_pairs:
            i, j = _title_unit(self.old, a), _title_unit(self.new, b)
            if i is None or j is None or self.old.taken[i] or self.new.taken[j]:
                continue
            score = self.sim.pair(i, j)
            if score >= LEAD_TITLE_SIMILARITY:
                self._take(Pairing(i, j, score))

    def _align_regions(self) -> None:
        olds: dict[tuple[str, int], list[int]] = defaultdict(list)
        news: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i, region in enumerate(self.old_region):
            if region is not None and not self.old.taken[i]:
                olds[region].append(i)
        for j, region in enumerate(self.new_region):
            if region is not None and not self.new.taken[j]:
                news[region].append(j)
        for region in sorted(olds, key=lambda r: olds[r][0]):
            a, b = olds[region], news.get(region, [])
            if not b:
                continue
            if len(a) * len(b) > DP_CELLS:
                self._assign(self._candidates(a, b), REGION_THRESHOLD, regioned=True)
                continue
            for pairing in _monotone(self.pair_score, a, b, self.sim, self.tie):
                self._take(pairing)

    def _cross_in_regions(self) -> None:
        """Left-overs of one region whose order disagrees (a clause moved ahead of its
        neighbour, a paragraph moved within the chapter): one optimal assignment at
        REGION_CROSS_THRESHOLD, above the alignment's, since order no longer vouches for them."""
        olds = [i for i, t in enumerate(self.old.taken) if not t and self.old_region[i]]
        news = [j for j, t in enumerate(self.new.taken) if not t and self.new_region[j]]

        def same_region(i: int, j: int) -> bool:
            return self.old_region[i] == self.new_region[j]

        # Out of order, a review sentence and a plan sentence are two statements (「首创…专项
        # 行动」 → 「进一步加强服务凝聚群众工作」): the role clash applies as outside regions.
        self._assign(self._candidates(olds, news, same_region), REGION_CROSS_THRESHOLD)

    def _assign_from_index(self, threshold: float, *, near: bool) -> None:
        olds = [i for i, t in enumerate(self.old.taken) if not t]
        news = [j for j, t in enumerate(self.new.taken) if not t]
        self._assign(self._candidates(olds, news, self.near if near else None), threshold)

    def _assign(
        self, candidates: Iterable[tuple[int, int]], threshold: float, *, regioned: bool = False
    ) -> None:
        edges = []
        scores: dict[tuple[int, int], float] = {}
        for i, j in candidates:
            if self.old.taken[i] or self.new.taken[j]:
                continue
            score = self.pair_score(i, j)
            if score < threshold:
                continue
            # Outside paired sections, what a review reports is not a rewrite of what a plan
            # promises (「提高城市生活垃圾分类实效」 → 「城市生活垃圾分类工作成效保持西部第一」):
            # across roles only a sentence moved near verbatim pairs.
            a, b = self.old.roles[i], self.new.roles[j]
            if not regioned and a and b and a != b and score < ROLE_CLASH_SIMILARITY:
                continue
            scores[(i, j)] = score
            edges.append((i, j, score + self.tie(i, j)))
        for i, j, _ in max_weight_matching(edges):
            self._take(Pairing(i, j, scores[(i, j)]))

    def _late_merges(self) -> None:
        """Left-overs most of whose weight lies in a paired sentence of the other side join that
        pair (two sentences merged into one, or one split into two).

        Both editions' left-overs propose at once, best merge first (ties by text), so that
        swapping the editions swaps the result; a proposal whose pair has grown meanwhile is
        judged again against the grown pair."""
        owner: dict[bool, dict[int, int]] = {True: {}, False: {}}
        for k, p in enumerate(self.pairings):
            owner[True].update((j, k) for j in p.news)  # an old left-over looks at new sentences
            owner[False].update((i, k) for i in p.olds)
        proposals: list[tuple[float, str, int, bool, int]] = []
        for old_side in (True, False):
            side = self.old if old_side else self.new
            for u, taken in enumerate(side.taken):
                if taken:
                    continue
                best: tuple[float, int] | None = None
                for v in self._top(u, old_side=old_side):
                    pair_of_v = owner[old_side].get(v)
                    if pair_of_v is None:
                        continue
                    score = self._merge_score(pair_of_v, u, old_side=old_side)
                    if score is not None and (best is None or score > best[0]):
                        best = (score, pair_of_v)
                if best is not None:
                    proposals.append((-best[0], side.refs[u].sentence.text, u, old_side, best[1]))
        grown: set[int] = set()
        for negative, _, u, old_side, k in sorted(proposals):
            side = self.old if old_side else self.new
            score = self._merge_score(k, u, old_side=old_side) if k in grown else -negative
            if side.taken[u] or score is None:
                continue
            self._join(k, u, score, old_side=old_side)
            grown.add(k)

    def _merge_score(self, k: int, u: int, *, old_side: bool) -> float | None:
        """The score of pair ``k`` with left-over ``u`` joined, if ``u`` may join it: near it,
        MERGE_CONTAINMENT of its weight in the pair's other side, the pair no less alike."""
        if not self._mergeable(k, old_side=old_side, u=u):
            return None
        pairing = self.pairings[k]
        if old_side:
            part, whole = self.old.bags[u], union(self.new.bags[n] for n in pairing.news)
            score = self.sim.group((*pairing.olds, u), pairing.news)
        else:
            part, whole = self.new.bags[u], union(self.old.bags[o] for o in pairing.olds)
            score = self.sim.group(pairing.olds, (*pairing.news, u))
        if self.sim.contained(part, whole) < MERGE_CONTAINMENT or score < pairing.score:
            return None
        return score

    def _join(self, k: int, u: int, score: float, *, old_side: bool) -> None:
        """Add left-over ``u`` (old if ``old_side``) to pair ``k``, now scoring ``score``."""
        p = self.pairings[k]
        if old_side:
            olds, news = tuple(sorted((*p.old_also, u))), p.new_also
            self.old.taken[u] = True
        else:
            olds, news = p.old_also, tuple(sorted((*p.new_also, u)))
            self.new.taken[u] = True
        self.pairings[k] = Pairing(p.old, p.new, score, olds, news)

    def _anchored_gaps(self) -> None:
        """Left-overs of one region lying between the same two anchors — consecutive pairs in
        order (equal sentences included), or the region's ends — pair in order at GAP_THRESHOLD:
        a sentence between two kept neighbours that shares a few rare words with the one in
        the same place of the other edition is its rewrite. The role clash applies."""
        olds: dict[tuple[str, int], list[int]] = defaultdict(list)
        news: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i, region in enumerate(self.old_region):
            if region is not None:
                olds[region].append(i)
        for j, region in enumerate(self.new_region):
            if region is not None:
                news[region].append(j)
        anchors: dict[tuple[str, int], list[tuple[int, int, float]]] = defaultdict(list)
        for p in (*self.settled, *self.pairings):
            region = self.old_region[p.old]
            if region is not None and region == self.new_region[p.new]:
                anchors[region].append((p.old, p.new, p.score))
        for region in sorted(olds, key=lambda r: olds[r][0]):
            free_old = [i for i in olds[region] if not self.old.taken[i]]
            free_new = [j for j in news.get(region, []) if not self.new.taken[j]]
            if not free_old or not free_new:
                continue
            chain = increasing_chain(sorted(anchors.get(region, [])))
            bounds = [(-1, -1), *chain, (len(self.old.refs), len(self.new.refs))]
            for (a_old, a_new), (b_old, b_new) in zip(bounds, bounds[1:], strict=False):
                gap_old = [i for i in free_old if a_old < i < b_old]
                gap_new = [j for j in free_new if a_new < j < b_new]
                if not gap_old or not gap_new or len(gap_old) * len(gap_new) > DP_CELLS:
                    continue
                for i, j, _ in ordered_pairs(self._gap_choice, gap_old, gap_new):
                    self._take(Pairing(i, j, self._gap_score(i, j)))

    def _neighbour_merges(self) -> None:
        """A left-over sentence next to a paired one of its region (no sentence between them),
        whose partner holds NEIGHBOUR_CONTAINMENT of its weight, joins that pair: the two
        neighbours were merged into the partner (or the partner split into them).

        Rounds over both editions at once until nothing joins (a run of neighbours joins one
        by one), each round best containment first, ties by text: swapping the editions swaps
        the result."""
        while True:
            of: dict[bool, dict[int, int]] = {True: {}, False: {}}
            for k, p in enumerate(self.pairings):
                of[True].update((i, k) for i in p.olds)
                of[False].update((j, k) for j in p.news)
            proposals: list[tuple[float, str, int, bool, int]] = []
            for old_side in (True, False):
                side, other = (self.old, self.new) if old_side else (self.new, self.old)
                regions = self.old_region if old_side else self.new_region
                for u in range(len(side.refs)):
                    if side.taken[u] or regions[u] is None:
                        continue
                    best: tuple[float, int] | None = None
                    for v in (u - 1, u + 1):
                        found = of[old_side].get(v)
                        if found is None or regions[v] != regions[u]:
                            continue
                        p = self.pairings[found]
                        if self.old.keys[p.old] == self.new.keys[p.new]:
                            continue
                        partner = union(other.bags[w] for w in (p.news if old_side else p.olds))
                        contained = self.sim.contained(side.bags[u], partner)
                        # Between two neighbours' pairs alike, the symmetric preference.
                        rank = contained + self.tie(p.old, p.new)
                        if contained >= NEIGHBOUR_CONTAINMENT and (best is None or rank > best[0]):
                            best = (rank, found)
                    if best is not None:
                        text = side.refs[u].sentence.text
                        proposals.append((-best[0], text, u, old_side, best[1]))
            if not proposals:
                return
            for _, _, u, old_side, k in sorted(proposals):
                p = self.pairings[k]
                if old_side:
                    olds, news = (p.old, *p.old_also, u), p.news
                else:
                    olds, news = p.olds, (p.new, *p.new_also, u)
                self._join(k, u, self.sim.group(olds, news), old_side=old_side)

    def _gap_choice(self, i: int, j: int) -> float:
        score = self._gap_score(i, j)
        return score + self.tie(i, j) if score else 0.0

    def _gap_score(self, i: int, j: int) -> float:
        a, b = self.old.roles[i], self.new.roles[j]
        if a and b and a != b:
            return 0.0
        if (self.old_home[i], self.new_home[j]) not in self.section_pairs:
            return 0.0
        score = self.pair_score(i, j)
        return score if score >= GAP_THRESHOLD else 0.0

    def _mergeable(self, k: int, *, old_side: bool, u: int) -> bool:
        """A left-over joins a pair only near it (same region or paired parent), and never a pair
        of equal sentences (that one is unchanged, whatever else repeats it)."""
        pairing = self.pairings[k]
        if self.old.keys[pairing.old] == self.new.keys[pairing.new]:
            return False
        if old_side:
            region = self.old_region[u]
            return (region is not None and region == self.new_region[pairing.new]) or self.near(
                u, pairing.new
            )
        region = self.new_region[u]
        return (region is not None and region == self.old_region[pairing.old]) or self.near(
            pairing.old, u
        )

    # --- the index ----------------------------------------------------------------------------

    def _vote_matrix(self, old_side: bool) -> Any:
        """Rare weight each sentence of one edition shares with each of the other (rows: old
        sentences if ``old_side``), through the words and bigrams found in at most FEATURE_CAP
        sentences of both editions: a sparse product computed once per search. The new
        edition's view is the transpose of the old one's, so what old ``i`` gives new ``j`` is
        what ``j`` gives ``i``."""
        if not self._votes:
            import numpy as np
            from scipy.sparse import csr_matrix

            sim = self.sim
            features = sorted(
                [("w", w) for w, df in sim.word_df.items() if df <= FEATURE_CAP]
                + [("g", g) for g, df in sim.gram_df.items() if df <= FEATURE_CAP]
            )
            column = {f: k for k, f in enumerate(features)}
            weight = np.array(
                [(sim.word_weight if kind == "w" else sim.gram_weight)[f] for kind, f in features]
            )

            def incidence(side: Side) -> Any:
                rows: list[int] = []
                cols: list[int] = []
                for k, (words, grams) in enumerate(side.bags):
                    found = [column[("w", w)] for w in words if ("w", w) in column]
                    found += [column[("g", g)] for g in grams if ("g", g) in column]
                    rows.extend([k] * len(found))
                    cols.extend(found)
                matrix = csr_matrix(
                    (np.ones(len(rows)), (rows, cols)), shape=(len(side.bags), len(features))
                )
                matrix.sort_indices()
                return matrix

            olds = incidence(self.old).multiply(weight[None, :]).tocsr()
            votes = (olds @ incidence(self.new).T).tocsr()
            votes.sort_indices()
            self._votes[True] = votes
            self._votes[False] = votes.T.tocsr()
            self._votes[False].sort_indices()
        return self._votes[old_side]

    def _ranked(self, u: int, *, old_side: bool) -> list[int]:
        """Sentences of the other edition sharing rare weight with ``u``, most first (ties by
        position; once per search)."""
        found = self._rank_cache.get((old_side, u))
        if found is None:
            import numpy as np

            votes = self._vote_matrix(old_side)
            start, end = votes.indptr[u], votes.indptr[u + 1]
            others, weights = votes.indices[start:end], votes.data[start:end]
            found = others[np.lexsort((others, -weights))].tolist()
            self._rank_cache[(old_side, u)] = found
        return found

    def _top(
        self, u: int, *, old_side: bool, among: Callable[[int], bool] | None = None
    ) -> list[int]:
        """The CANDIDATES sentences of the other edition sharing most rare weight with ``u``
        (paired ones included, unless ``among`` leaves them out)."""
        found: list[int] = []
        for v in self._ranked(u, old_side=old_side):
            if among is None or among(v):
                found.append(v)
                if len(found) == CANDIDATES:
                    break
        return found

    def _candidates(
        self,
        olds: Sequence[int],
        news: Sequence[int],
        allowed: Callable[[int, int], bool] | None = None,
    ) -> list[tuple[int, int]]:
        """Candidate pairs among ``olds`` × ``news`` that ``allowed`` admits: each old
        sentence's CANDIDATES best through the index, and each new sentence's — both views, so
        that swapping the editions gives the same candidates."""
        old_set, new_set = set(olds), set(news)

        def seen_from_old(i: int) -> Callable[[int], bool]:
            return lambda j: j in new_set and (allowed is None or allowed(i, j))

        def seen_from_new(j: int) -> Callable[[int], bool]:
            return lambda i: i in old_set and (allowed is None or allowed(i, j))

        found: set[tuple[int, int]] = set()
        for i in olds:
            found.update((i, j) for j in self._top(i, old_side=True, among=seen_from_old(i)))
        for j in news:
            found.update((i, j) for i in self._top(j, old_side=False, among=seen_from_new(j)))
        return sorted(found)


def _relative_places(count: int) -> list[float]:
    return [k / max(count - 1, 1) for k in range(count)]


def _title_unit(side: Side, section: Section) -> int | None:
    """The unit of a lead section's own title sentence (:func:`~.keys.diff_units` puts it first)."""
    units = side.by_section.get(id(section), [])
    if units and side.refs[units[0]].sentence.text == section.title:
        return units[0]
    return None


def _monotone(
    score: Callable[[int, int], float],
    olds: list[int],
    news: list[int],
    sim: Similarity,
    tie: Callable[[int, int], float],
) -> list[Pairing]:
    """The best order-keeping alignment of two runs of sentences: 1–1 pairs, 2–1 merges and 1–2
    splits, each worth its similarity above REGION_THRESHOLD (merges MERGE_COST less); the rest
    stay unpaired."""
    n, m = len(olds), len(news)
    pair = [[score(i, j) for j in news] for i in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int, float]]] = [[(0, 0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for a in range(n + 1):
        for b in range(m + 1):
            if a == 0 and b == 0:
                continue
            options: list[tuple[float, int, int, float]] = []
            if a:
                options.append((best[a - 1][b], 1, 0, 0.0))
            if b:
                options.append((best[a][b - 1], 0, 1, 0.0))
            if a and b:
                s = pair[a - 1][b - 1]
                if s > REGION_THRESHOLD:
                    gain = s - REGION_THRESHOLD + tie(olds[a - 1], news[b - 1])
                    options.append((best[a - 1][b - 1] + gain, 1, 1, s))
                if a >= 2 and max(pair[a - 1][b - 1], pair[a - 2][b - 1]) > REGION_THRESHOLD:
                    s = sim.group((olds[a - 2], olds[a - 1]), (news[b - 1],))
                    gain = s - REGION_THRESHOLD - MERGE_COST
                    if gain > 0:
                        options.append((best[a - 2][b - 1] + gain, 2, 1, s))
                if b >= 2 and max(pair[a - 1][b - 1], pair[a - 1][b - 2]) > REGION_THRESHOLD:
                    s = sim.group((olds[a - 1],), (news[b - 2], news[b - 1]))
                    gain = s - REGION_THRESHOLD - MERGE_COST
                    if gain > 0:
                        options.append((best[a - 1][b - 2] + gain, 1, 2, s))
            value, da, db, s = max(options, key=lambda o: (o[0], -o[1] - o[2]))
            best[a][b] = value
            step[a][b] = (da, db, s)
    out: list[Pairing] = []
    a, b = n, m
    while a or b:
        da, db, s = step[a][b]
        if da and db:
            group_old = olds[a - da : a]
            group_new = news[b - db : b]
            out.append(
                Pairing(group_old[0], group_new[0], s, tuple(group_old[1:]), tuple(group_new[1:]))
            )
        a, b = a - da, b - db
    out.reverse()
    return out
